// RFC 9162 §2.1.1 (= RFC 6962 §2.1) hashing with domain separation: leaves and interior nodes get
// different one-byte prefixes so a leaf can never be passed off as a node (second-preimage defence).
import { hash as nodeHash } from 'node:crypto'
import { MerkleError } from './errors.ts'

export const HASH_SIZE = 32

/** A SHA-256 digest: a Uint8Array of exactly 32 bytes (check with `isHash` at boundaries). */
export type Hash = Uint8Array

const LEAF_PREFIX = new Uint8Array([0x00])

export function isHash(value: unknown): value is Hash {
  return value instanceof Uint8Array && value.length === HASH_SIZE
}

/** Throws HASH_NOT_32_BYTES unless `value` is a 32-byte Uint8Array. */
export function assertHash(value: unknown, what: string): asserts value is Hash {
  if (!isHash(value))
    throw new MerkleError(
      'HASH_NOT_32_BYTES',
      `${what} phải là giá trị băm 32 byte`,
      `${what} must be a 32-byte hash`,
    )
}

function sha256(data: Uint8Array): Hash {
  const b = nodeHash('sha256', data, 'buffer')
  // A plain Uint8Array view (not a Buffer) so hashes compare equal however they were made.
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

/** MTH of one entry: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Hash {
  const buf = new Uint8Array(1 + data.length)
  buf.set(LEAF_PREFIX, 0)
  buf.set(data, 1)
  return sha256(buf)
}

// One scratch buffer: Node hashes synchronously, so reusing it is safe and saves an allocation per node.
const scratch = new Uint8Array(1 + 2 * HASH_SIZE)
scratch[0] = 0x01

/** Interior node: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Hash, right: Hash): Hash {
  scratch.set(left, 1)
  scratch.set(right, 1 + HASH_SIZE)
  return sha256(scratch)
}

/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0))

export function hashEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

export function hashToHex(h: Uint8Array): string {
  return Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString('hex')
}

/** Parses 64 hex digits (either case) into a Hash; anything else is rejected, never truncated. */
export function hashFromHex(hex: string): Hash {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]*$/.test(hex))
    throw new MerkleError('BAD_HEX', 'chuỗi hex không hợp lệ', 'not a hex string')
  if (hex.length !== 2 * HASH_SIZE)
    throw new MerkleError(
      'HASH_NOT_32_BYTES',
      'giá trị băm phải gồm 64 chữ số hex',
      'a hash must be 64 hex digits',
    )
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
