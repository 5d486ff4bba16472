/**
 * Session settings pinned on every connection of both backends. Text output of timestamptz, and
 * any `::date` cast or date_trunc on one, depends on the session time zone; the server default
 * differs between a PostgreSQL install (often the host's zone) and PGlite (UTC). We store UTC
 * (DESIGN §3) and convert to Asia/Ho_Chi_Minh explicitly in SQL when a legal deadline needs it.
 */
export const SESSION_SETTINGS_SQL =
  "select set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, MDY', false), " +
  "set_config('IntervalStyle', 'postgres', false)"

/** A search_path holding just one schema, quoted so any schema name is safe. */
export function schemaSearchPath(schema: string): string {
  return `"${schema.replace(/"/g, '""')}"`
}
