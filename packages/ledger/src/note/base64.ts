// Standard base64 (RFC 4648 §4) decoded strictly: Buffer.from(s, 'base64') skips junk characters and
// accepts the URL alphabet and missing padding, which would let garbage pass as a key or signature.
const STANDARD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** The bytes of canonical standard base64, or undefined for anything else (including non-zero pad bits). */
export function decodeBase64(s: string): Uint8Array | undefined {
  if (!STANDARD.test(s)) return undefined
  const b = Buffer.from(s, 'base64')
  // Re-encoding catches non-zero padding bits, so each byte string has exactly one accepted spelling.
  if (b.toString('base64') !== s) return undefined
  return new Uint8Array(b.buffer, b.byteOffset, b.length)
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}
