// A minimal DER writer and reader. CMS bytes that are signed (signed attributes, a TSA token) must be
// carried over verbatim, so they are handled as raw TLV slices rather than re-encoded by a library.
import { ElcError, text } from '@elc/core'

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
} as const

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

function lengthBytes(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length)
  const bytes: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256)
  return Uint8Array.of(0x80 | bytes.length, ...bytes)
}

/** One TLV: tag byte, DER length, the content (concatenated). */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content)
  return concat([Uint8Array.of(tag), lengthBytes(body.length), body])
}

export const sequence = (...items: Uint8Array[]) => tlv(TAG.sequence, ...items)
export const octetString = (bytes: Uint8Array) => tlv(TAG.octetString, bytes)

/** SET OF in DER order: elements sorted by their encodings (X.690 §11.6). */
export function setOf(items: readonly Uint8Array[]): Uint8Array {
  return tlv(TAG.set, ...[...items].sort(compareBytes))
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  return a.length - b.length
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => BigInt(s))
  const [first = 0n, second = 0n, ...rest] = arcs
  const out: number[] = []
  for (const arc of [first * 40n + second, ...rest]) {
    const chunk: number[] = [Number(arc & 0x7fn)]
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80)
    out.push(...chunk)
  }
  return tlv(TAG.oid, Uint8Array.from(out))
}

/** A non-negative INTEGER from big-endian magnitude bytes (leading zeros stripped, sign byte added). */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++
  const body = magnitude.subarray(start)
  const content = body.length === 0 ? Uint8Array.of(0) : body
  return (content[0] as number) & 0x80
    ? tlv(TAG.integer, Uint8Array.of(0), content)
    : tlv(TAG.integer, content)
}

export function smallInteger(value: number): Uint8Array {
  const bytes: number[] = []
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256)
  return unsignedInteger(Uint8Array.from(bytes))
}

/** One decoded element: its tag, its full encoding and its content octets (both views into the input). */
export interface Tlv {
  tag: number
  raw: Uint8Array
  content: Uint8Array
}

function malformed(what: string): ElcError {
  return new ElcError(
    'ASN1_MALFORMED',
    text(`Dữ liệu ASN.1 không hợp lệ: ${what}.`, `Malformed ASN.1 data: ${what}.`),
  )
}

/** Reads the element at `offset`; definite lengths only, as DER requires. */
export function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  if (offset + 2 > bytes.length) throw malformed('truncated header')
  const tag = bytes[offset] as number
  if ((tag & 0x1f) === 0x1f) throw malformed('multi-byte tag')
  let length = bytes[offset + 1] as number
  let header = 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4) throw malformed('unsupported length')
    if (offset + 2 + count > bytes.length) throw malformed('truncated length')
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + 2 + i] as number)
    header += count
  }
  const end = offset + header + length
  if (end > bytes.length) throw malformed('truncated content')
  return { tag, raw: bytes.subarray(offset, end), content: bytes.subarray(offset + header, end) }
}

/** The whole input as exactly one element. */
export function readSingle(bytes: Uint8Array): Tlv {
  const t = readTlv(bytes)
  if (t.raw.length !== bytes.length) throw malformed('trailing bytes')
  return t
}

/** The elements inside a constructed element's content. */
export function children(parent: Tlv): Tlv[] {
  const out: Tlv[] = []
  for (let offset = 0; offset < parent.content.length; ) {
    const child = readTlv(parent.content, offset)
    out.push(child)
    offset += child.raw.length
  }
  return out
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw malformed(what)
  return t
}

export function decodeOid(t: Tlv): string {
  expectTag(t, TAG.oid, 'object identifier')
  const arcs: bigint[] = []
  let value = 0n
  for (const byte of t.content) {
    value = (value << 7n) | BigInt(byte & 0x7f)
    if (!(byte & 0x80)) {
      if (arcs.length === 0) {
        const first = value < 80n ? value / 40n : 2n
        arcs.push(first, value - first * 40n)
      } else arcs.push(value)
      value = 0n
    }
  }
  return arcs.join('.')
}
