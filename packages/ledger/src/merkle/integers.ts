// Integer checks and power-of-two helpers shared by the Merkle code.
// Builders index the log with JS numbers, safe below 2^53; a log of 2^52 records is far beyond any
// national workload, and capping there keeps every stored-hash index (< 2·size) exact.
// Verifiers face untrusted input that may carry full 64-bit values, so they work in bigint.
import { MerkleError } from './errors.ts'

/** Largest tree size the builders (stored hashes, proofs, tiles) accept. */
export const MAX_TREE_SIZE = 2 ** 52 - 1

/** Largest size or index a verifier accepts: 2^63 − 1, the range of a signed 64-bit integer. */
export const MAX_UINT63 = (1n << 63n) - 1n

/** Checks a builder-side size or index: an integer in [0, MAX_TREE_SIZE]. */
export function checkTreeInt(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new MerkleError(
      'SIZES_INVALID',
      `${what} phải là số nguyên không âm`,
      `${what} must be a non-negative integer`,
    )
  if (value > MAX_TREE_SIZE)
    throw new MerkleError('SIZE_TOO_LARGE', `${what} vượt quá 2^52 − 1`, `${what} exceeds 2^52 − 1`)
  return value
}

/**
 * Reads a verifier-side size or index: a bigint, or a number that is a safe integer, in [0, 2^63).
 * Unsafe numbers are refused rather than rounded, since a rounded size would check a different tree.
 */
export function toUint63(
  value: unknown,
  what: string,
  invalidCode: 'SIZES_INVALID' | 'INDEX_OUT_OF_RANGE',
): bigint {
  let v: bigint
  if (typeof value === 'bigint') v = value
  else if (typeof value === 'number' && Number.isInteger(value)) {
    if (!Number.isSafeInteger(value))
      throw new MerkleError(
        'SIZE_TOO_LARGE',
        `${what} vượt quá 2^53; hãy truyền bigint`,
        `${what} is beyond 2^53; pass a bigint`,
      )
    v = BigInt(value)
  } else throw new MerkleError(invalidCode, `${what} phải là số nguyên`, `${what} must be an integer`)
  if (v < 0n) throw new MerkleError(invalidCode, `${what} không được âm`, `${what} must not be negative`)
  if (v > MAX_UINT63)
    throw new MerkleError('SIZE_TOO_LARGE', `${what} phải nhỏ hơn 2^63`, `${what} must be below 2^63`)
  return v
}

/** The largest power of two strictly less than n (n ≥ 2), as in RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** log2 of a power of two k. */
export function log2(k: number): number {
  let l = 0
  while (k > 1) {
    k /= 2
    l++
  }
  return l
}

/** Number of trailing 1 bits of n (n ≥ 0), without 32-bit bitwise operators. */
export function trailingOnes(n: number): number {
  let c = 0
  while (n % 2 === 1) {
    n = (n - 1) / 2
    c++
  }
  return c
}
