// RFC 9162 §2.1.3.2: verify that a leaf hash is at `index` in the tree with `root` and `size`.
// A proof is exactly as long as the tree shape demands; a shorter, longer or padded one is refused
// with PROOF_WRONG_LENGTH before any hashing, and every other failure is a typed MerkleError.
import { MerkleError } from './errors.ts'
import { assertHash, type Hash, hashChildren, hashEqual } from './hash.ts'
import { toUint63 } from './integers.ts'
import { bitLength, checkProof, popCount, rootMismatch, wrongLength } from './proof-input.ts'

/** Number of hashes in the inclusion proof for leaf `index` of a tree of `size` (index < size). */
export function inclusionProofLength(index: bigint, size: bigint): number {
  // Below the level where the paths to `index` and to the last leaf part, one sibling per level;
  // above it, one per left subtree on the right border (each 1 bit of index above that level).
  const inner = bitLength(index ^ (size - 1n))
  return inner + popCount(index >> BigInt(inner))
}

/**
 * Throws a MerkleError unless `proof` shows `leafHash` at `index` in the tree of `size` with `root`.
 * Sizes and indexes may be bigint (up to 2^63 − 1) or safe-integer numbers.
 */
export function verifyInclusion(
  leafHash: Hash,
  index: bigint | number,
  size: bigint | number,
  proof: readonly Hash[],
  root: Hash,
): void {
  const treeSize = toUint63(size, 'tree size', 'SIZES_INVALID')
  const leafIndex = toUint63(index, 'leaf index', 'INDEX_OUT_OF_RANGE')
  if (leafIndex >= treeSize)
    throw new MerkleError(
      'INDEX_OUT_OF_RANGE',
      `chỉ số lá ${leafIndex} không nằm trong cây ${treeSize} lá`,
      `leaf index ${leafIndex} is not in a tree of size ${treeSize}`,
    )
  assertHash(leafHash, 'leaf hash')
  assertHash(root, 'root hash')
  const path = checkProof(proof, 'inclusion proof')
  const want = inclusionProofLength(leafIndex, treeSize)
  if (path.length !== want) throw wrongLength('inclusion proof', path.length, want)

  let fn = leafIndex
  let sn = treeSize - 1n
  let r = leafHash
  for (const p of path) {
    if (sn === 0n) throw wrongLength('inclusion proof', path.length, want)
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r)
      // Climb past levels where this node has no right sibling (the right border of the tree).
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n
        sn >>= 1n
      }
    } else {
      r = hashChildren(r, p)
    }
    fn >>= 1n
    sn >>= 1n
  }
  if (sn !== 0n) throw wrongLength('inclusion proof', path.length, want)
  if (!hashEqual(r, root)) throw rootMismatch('the root computed from the inclusion proof')
}
