/**
 * The one table that decides which JavaScript type each PostgreSQL type comes back as.
 *
 * node-postgres reads it through its per-pool `types` option and PGlite through its `parsers`
 * table, so the same SQL returns the same values on both backends:
 *
 * - int8 / bigint -> JS `bigint`. Exact (money is integer VND and sums overflow 2^53 long before
 *   int8 does), and a distinct type: TypeScript rejects mixing it with `number`, and JSON.stringify
 *   throws instead of silently losing digits. pg's default is a string, PGlite's a number that
 *   switches to bigint above 2^53; neither is safe to compute with.
 * - numeric -> `string`, exactly as PostgreSQL prints it; JS has no decimal type to hold it.
 * - date -> 'YYYY-MM-DD' `string`: a calendar day has no time zone, and a Date would be shifted by
 *   the process time zone.
 * - timestamp (without time zone) -> `string` as printed, for the same reason; store instants as
 *   timestamptz.
 * - timestamptz -> `Date` (millisecond precision; PostgreSQL keeps microseconds).
 * - bytea -> `Buffer` (a Uint8Array).
 * - json / jsonb -> parsed value; arrays of all the above -> arrays of the same JS types.
 *
 * Every other type uses node-postgres's stock parser on both backends, so the backends agree even
 * where this table is silent (interval, point, unknown types as raw text, …).
 */
import pg from 'pg'

type TextParser = (text: string) => unknown

export const OID = {
  BYTEA: 17,
  INT8: 20,
  TEXT_ARRAY: 1009,
  INT8_ARRAY: 1016,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMP_ARRAY: 1115,
  DATE_ARRAY: 1182,
  NUMERIC_ARRAY: 1231,
  NUMERIC: 1700,
} as const

const identity: TextParser = (text) => text
// node-postgres's stock parsers (pg-types), typed for plain OIDs.
const pgParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => TextParser
// pg's text[] parser: handles quoting, escapes, NULL and nested arrays; we map the leaves.
const parseTextArray = pgParser(OID.TEXT_ARRAY)

function mapLeaves(value: unknown, parse: (text: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapLeaves(item, parse))
  return value === null ? null : parse(value as string)
}

const overrides: Record<number, TextParser> = {
  [OID.INT8]: (text) => BigInt(text),
  [OID.INT8_ARRAY]: (text) => mapLeaves(parseTextArray(text), BigInt),
  [OID.NUMERIC]: identity,
  // pg's default turns numeric[] into floats, unlike scalar numeric.
  [OID.NUMERIC_ARRAY]: parseTextArray,
  [OID.DATE]: identity,
  [OID.DATE_ARRAY]: parseTextArray,
  [OID.TIMESTAMP]: identity,
  [OID.TIMESTAMP_ARRAY]: parseTextArray,
}

/** Parser for a type OID, in the shape node-postgres's `types.getTypeParser` has. */
export function getTypeParser(oid: number, format: 'text' | 'binary' = 'text'): TextParser {
  if (format === 'text') {
    const override = overrides[oid]
    if (override) return override
  }
  return pgParser(oid, format)
}

/** The `types` option for a pg Pool: local to that pool, so nothing global in `pg` is changed. */
export const pgTypesConfig = { getTypeParser } as unknown as NonNullable<pg.PoolConfig['types']>

// pg-types hands back one shared no-op parser for every type it does not know.
const unknownTypeParser = pgParser(0)

/** The OIDs a PGlite instance must take from the table above: everything either side knows. */
export function oidsToAlign(pgliteParserKeys: Iterable<string>): number[] {
  const oids = new Set<number>()
  // Built-in types have OIDs below 10000; pg-types parses some (point, circle…) not in its `builtins`.
  for (let oid = 1; oid < 10_000; oid++) if (getTypeParser(oid) !== unknownTypeParser) oids.add(oid)
  for (const key of pgliteParserKeys) if (/^\d+$/.test(key)) oids.add(Number(key))
  return [...oids]
}
