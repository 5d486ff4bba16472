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
      checkText(value, path)
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${path}/${i}`)).join(',')}]`
      // A Date, Map, Uint8Array… has no JSON form of its own here; Object.keys would record it as {} or
      // as {"0":…}, silently and forever.
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null)
        throw new CanonicalJsonError(`${path || '/'}: only plain objects are allowed`)
      const keys = Object.keys(value).sort(compareUtf16)
      // Keys are text too: an NFD key would give the same-looking event other bytes.
      for (const k of keys) checkText(k, `${path}/${k}`)
      return `{${keys.map((k) => `${JSON.stringify(k)}:${encode((value as Record<string, unknown>)[k], `${path}/${k}`)}`).join(',')}}`
    }
    default:
      throw new CanonicalJsonError(`${path || '/'}: ${typeof value} is not JSON`)
  }
}

// With the u flag a surrogate range matches only unpaired halves (paired ones are one code point).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

function checkText(text: string, path: string): void {
  if (text !== text.normalize('NFC')) throw new CanonicalJsonError(`${path || '/'}: text must be NFC`)
  // RFC 8785 needs I-JSON (RFC 7493), which forbids lone surrogates: they are not Unicode text.
  if (LONE_SURROGATE.test(text))
    throw new CanonicalJsonError(`${path || '/'}: text has an unpaired surrogate`)
}

/** RFC 8785 sorts keys by UTF-16 code units, which is what `<` on JS strings compares. */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function canonicalJson(value: unknown): string {
  return encode(value, '')
}
