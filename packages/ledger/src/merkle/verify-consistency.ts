// RFC 9162 §2.1.4.2: verify that the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot).
// Equal sizes need an empty proof and equal roots (the RFC's algorithm assumes old < new); an old size
// of 0 is refused because every tree extends the empty one, so such a proof would prove nothing.
import { MerkleError } from './errors.ts'
import { assertHash, type Hash, hashChildren, hashEqual } from './hash.ts'
import { toUint63 } from './integers.ts'
import { bitLength, checkProof, popCount, rootMismatch, trailingZeros, wrongLength } from './proof-input.ts'

/** Number of hashes in the consistency proof from `oldSize` to `newSize` (0 < old ≤ new). */
export function consistencyProofLength(oldSize: bigint, newSize: bigint): number {
  if (oldSize === newSize) return 0
  // The old tree's largest left-aligned complete subtree of 2^shift leaves is given (or is the old
  // root itself when old is a power of two); then it is an inclusion proof for that subtree.
  const shift = trailingZeros(oldSize)
  const inner = bitLength((oldSize - 1n) ^ (newSize - 1n))
  const border = popCount((oldSize - 1n) >> BigInt(inner))
  const seed = oldSize === 1n << BigInt(shift) ? 0 : 1
  return seed + inner - shift + border
}

/** Throws a MerkleError unless `proof` shows the old tree is a prefix of the new one. */
export function verifyConsistency(
  oldSize: bigint | number,
  newSize: bigint | number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): void {
  const m = toUint63(oldSize, 'old tree size', 'SIZES_INVALID')
  const n = toUint63(newSize, 'new tree size', 'SIZES_INVALID')
  if (m < 1n || m > n)
    throw new MerkleError(
      'SIZES_INVALID',
      `cần 1 ≤ kích thước cũ ≤ kích thước mới (có ${m}, ${n})`,
      `need 1 ≤ old size ≤ new size (got ${m}, ${n})`,
    )
  assertHash(oldRoot, 'old root hash')
  assertHash(newRoot, 'new root hash')
  const given = checkProof(proof, 'consistency proof')
  const want = consistencyProofLength(m, n)
  if (given.length !== want) throw wrongLength('consistency proof', given.length, want)
  if (m === n) {
    if (!hashEqual(oldRoot, newRoot)) throw rootMismatch('the old root (same size)')
    return
  }

  // When the old size is a power of two the old tree is itself a complete subtree: start from its root.
  const path = (m & (m - 1n)) === 0n ? [oldRoot, ...given] : given
  let fn = m - 1n
  let sn = n - 1n
  while ((fn & 1n) === 1n) {
    fn >>= 1n
    sn >>= 1n
  }
  let fr = path[0] as Hash
  let sr = fr
  for (const c of path.slice(1)) {
    if (sn === 0n) throw wrongLength('consistency proof', given.length, want)
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr)
      sr = hashChildren(c, sr)
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n
        sn >>= 1n
      }
    } else {
      sr = hashChildren(sr, c)
    }
    fn >>= 1n
    sn >>= 1n
  }
  if (sn !== 0n) throw wrongLength('consistency proof', given.length, want)
  if (!hashEqual(fr, oldRoot)) throw rootMismatch('the old root computed from the consistency proof')
  if (!hashEqual(sr, newRoot)) throw rootMismatch('the new root computed from the consistency proof')
}
