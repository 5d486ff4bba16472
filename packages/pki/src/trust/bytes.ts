// Byte helpers shared by trust, revocation and verify.
import { hash } from 'node:crypto'

export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('hex')
}

export function sameBytes(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
  const x = a instanceof ArrayBuffer ? new Uint8Array(a) : a
  const y = b instanceof ArrayBuffer ? new Uint8Array(b) : b
  return x.byteLength === y.byteLength && Buffer.compare(x, y) === 0
}

export function sha256Hex(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'hex')
}

/** An exact ArrayBuffer for APIs that do not accept a view. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g

/** DER blocks of the given PEM label ("CERTIFICATE", "X509 CRL") in a text; raw DER is returned as is. */
export function pemBlocks(input: Uint8Array | string, label = 'CERTIFICATE'): Uint8Array[] {
  const textValue = typeof input === 'string' ? input : Buffer.from(input).toString('latin1')
  if (!textValue.includes('-----BEGIN')) return typeof input === 'string' ? [] : [input]
  const out: Uint8Array[] = []
  for (const m of textValue.matchAll(PEM)) {
    if (m[1] === label) out.push(new Uint8Array(Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64')))
  }
  return out
}
