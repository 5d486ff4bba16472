/**
 * One conversion of JavaScript query parameters into PostgreSQL text, used by BOTH backends.
 *
 * node-postgres and PGlite serialise parameters differently: pg sends a Date in the process's
 * local time zone and any JS array as a PostgreSQL array literal, while PGlite picks a serialiser
 * from the parameter's declared type (so an array bound to a jsonb column works on PGlite and fails
 * on pg). Converting every value here first means both backends receive the same text and behave
 * the same, including failing the same way.
 */
export type DriverParam = string | Uint8Array | null

export function toDriverParam(value: unknown): DriverParam {
  if (value === null || value === undefined) return null
  if (value instanceof Uint8Array) return value
  if (value instanceof Date) return dateToParam(value)
  if (Array.isArray(value)) return arrayLiteral(value)
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Dates go over the wire as UTC ISO 8601 so the process time zone never shifts a stored value. */
function dateToParam(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date passed as a query parameter')
  return date.toISOString()
}

/** `\x…` hex, the text form of bytea that both backends accept. */
export function byteaHex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`
}

/** A PostgreSQL array literal; elements quoted so commas, braces and quotes in text survive. */
function arrayLiteral(items: readonly unknown[]): string {
  const parts = items.map((item) => {
    if (item === null || item === undefined) return 'NULL'
    if (Array.isArray(item)) return arrayLiteral(item)
    const text = item instanceof Uint8Array ? byteaHex(item) : (toDriverParam(item) as string)
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  })
  return `{${parts.join(',')}}`
}
