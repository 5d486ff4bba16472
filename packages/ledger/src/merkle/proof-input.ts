// Checks shared by the verifiers: proofs come from the network, so every element is inspected before
// any hashing, and bit arithmetic is done on bigint because sizes may use all 63 bits.
import { MerkleError } from './errors.ts'
import { type Hash, isHash } from './hash.ts'

/** At most 64 hashes can be needed for a 63-bit tree; longer input is refused before it is walked. */
const MAX_PROOF_HASHES = 64

export function checkProof(proof: unknown, what: string): Hash[] {
  if (!Array.isArray(proof) || proof.length > MAX_PROOF_HASHES)
    throw new MerkleError(
      'PROOF_WRONG_LENGTH',
      `${what} phải là mảng tối đa ${MAX_PROOF_HASHES} giá trị băm`,
      `${what} must be an array of at most ${MAX_PROOF_HASHES} hashes`,
    )
  proof.forEach((h, i) => {
    if (!isHash(h))
      throw new MerkleError(
        'HASH_NOT_32_BYTES',
        `phần tử ${i} của ${what} không phải giá trị băm 32 byte`,
        `element ${i} of the ${what} is not a 32-byte hash`,
      )
  })
  return proof
}

export function wrongLength(what: string, got: number, want: number): MerkleError {
  return new MerkleError(
    'PROOF_WRONG_LENGTH',
    `${what} có ${got} giá trị băm, cần đúng ${want}`,
    `${what} has ${got} hashes, expected exactly ${want}`,
  )
}

export function rootMismatch(what: string): MerkleError {
  return new MerkleError(
    'ROOT_MISMATCH',
    `${what} không khớp với giá trị băm gốc đã cho`,
    `${what} does not match the given root hash`,
  )
}

export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length
}

export function popCount(x: bigint): number {
  let c = 0
  for (; x > 0n; x >>= 1n) if (x & 1n) c++
  return c
}

export function trailingZeros(x: bigint): number {
  let c = 0
  for (; x > 0n && (x & 1n) === 0n; x >>= 1n) c++
  return c
}
