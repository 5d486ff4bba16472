// The character rules signed notes share (c2sp.org/signed-note): valid UTF-8, no ASCII control characters
// but newline, key names without Unicode spaces or '+'. Strings here are JS strings, so "valid UTF-8"
// means "no lone surrogates" (those cannot be encoded).

/** True when s encodes to UTF-8 and has no control character below U+0020 other than newline. */
export function isNoteSafe(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20) {
      if (c !== 0x0a) return false
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      i++
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false
    }
  }
  return true
}

// Go's unicode.IsSpace is the Unicode White_Space property.
const SPACE_OR_PLUS = /[\p{White_Space}+]/u

/** A key name: non-empty, no Unicode spaces, no '+' (and, being note text, no control characters). */
export function isValidKeyName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && isNoteSafe(name) && !SPACE_OR_PLUS.test(name)
}

/** The UTF-8 bytes of a string already checked with isNoteSafe (so the encoding is exact). */
export function utf8(s: string): Uint8Array {
  const b = Buffer.from(s, 'utf8')
  return new Uint8Array(b.buffer, b.byteOffset, b.length)
}
