// Canonical JSON (RFC 8785 JCS, for the values ledger entries hold): the same event always gives the same
// bytes, so its leaf hash can be recomputed by anyone from the entry alone.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export class CanonicalJsonError extends Error {
  readonly code = 'ENTRY_NOT_CANONICAL_JSON'
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      // Integers only: they serialise identically everywhere; money is integer VND anyway.
      if (!Number.isSafeInteger(value))
        throw new CanonicalJsonError(`${path || '/'}: only safe integers are allowed`)
      return Object.is(value, -0) ? '0' : String(value)
    case 'string':
      if (value !== value.normalize('NFC')) throw new CanonicalJsonError(`${path || '/'}: text must be NFC`)
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${path}/${i}`)).join(',')}]`
      const keys = Object.keys(value).sort(compareUtf16)
      return `{${keys.map((k) => `${JSON.stringify(k)}:${encode((value as Record<string, unknown>)[k], `${path}/${k}`)}`).join(',')}}`
    }
    default:
      throw new CanonicalJsonError(`${path || '/'}: ${typeof value} is not JSON`)
  }
}

/** RFC 8785 sorts keys by UTF-16 code units, which is what `<` on JS strings compares. */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function canonicalJson(value: unknown): string {
  return encode(value, '')
}
