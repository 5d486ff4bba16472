// Inclusion and consistency proofs built from stored hashes, in the shapes of RFC 9162 §2.1.3.1 (PATH)
// and §2.1.4.1 (PROOF/SUBPROOF), which are RFC 6962's and Go sumdb/tlog's: siblings from the leaf
// upward. Each proof first lists every stored index it needs, so a database answers in one read.
import { MerkleError } from './errors.ts'
import type { Hash } from './hash.ts'
import { checkTreeInt, splitPoint } from './integers.ts'
import { type HashReader, readHashesChecked } from './stored-hash.ts'
import { HashCursor, subtreeHash, subtreeIndexes } from './tree-hash.ts'

// Right-edge folds per reader: stored hashes below a committed size never change, so a fold of them is
// as immutable as they are. Bounded; cleared when full.
const MEMO_LIMIT = 65_536
const memos = new WeakMap<HashReader, Map<string, Hash>>()

function memoFor(reader: HashReader): Map<string, Hash> {
  let memo = memos.get(reader)
  if (!memo || memo.size > MEMO_LIMIT) {
    memo = new Map()
    memos.set(reader, memo)
  }
  return memo
}

function checkIndexInTree(size: number, index: number): void {
  checkTreeInt(size, 'tree size')
  checkTreeInt(index, 'leaf index')
  if (index >= size)
    throw new MerkleError(
      'INDEX_OUT_OF_RANGE',
      `chỉ số lá ${index} không nằm trong cây ${size} lá`,
      `leaf index ${index} is not in a tree of size ${size}`,
    )
}

function checkSizesForConsistency(newSize: number, oldSize: number): void {
  checkTreeInt(newSize, 'new tree size')
  checkTreeInt(oldSize, 'old tree size')
  // From the empty tree every tree is consistent, so such a proof would prove nothing (RFC 9162 §2.1.4).
  if (oldSize < 1 || oldSize > newSize)
    throw new MerkleError(
      'SIZES_INVALID',
      `cần 1 ≤ kích thước cũ ≤ kích thước mới (có ${oldSize}, ${newSize})`,
      `need 1 ≤ old size ≤ new size (got ${oldSize}, ${newSize})`,
    )
}

// PATH(m, D[lo:hi]) for leaf m: the index lists mirror inclusionFrom below, step for step.
function inclusionIndexesFrom(lo: number, hi: number, m: number, need: number[]): number[] {
  if (lo + 1 === hi) return need
  const k = splitPoint(hi - lo)
  if (m < lo + k) {
    inclusionIndexesFrom(lo, lo + k, m, need)
    subtreeIndexes(lo + k, hi, need)
  } else {
    subtreeIndexes(lo, lo + k, need)
    inclusionIndexesFrom(lo + k, hi, m, need)
  }
  return need
}

function inclusionFrom(
  lo: number,
  hi: number,
  m: number,
  cursor: HashCursor,
  memo: Map<string, Hash>,
): Hash[] {
  if (lo + 1 === hi) return [] // the verifier has the leaf hash already
  const k = splitPoint(hi - lo)
  let proof: Hash[]
  let sibling: Hash
  if (m < lo + k) {
    proof = inclusionFrom(lo, lo + k, m, cursor, memo)
    sibling = subtreeHash(lo + k, hi, cursor, memo)
  } else {
    sibling = subtreeHash(lo, lo + k, cursor, memo)
    proof = inclusionFrom(lo + k, hi, m, cursor, memo)
  }
  proof.push(sibling)
  return proof
}

/** Stored indexes an inclusion proof for leaf `index` in a tree of `size` reads. */
export function inclusionProofIndexes(size: number, index: number): number[] {
  checkIndexInTree(size, index)
  return inclusionIndexesFrom(0, size, index, [])
}

/** RFC 9162 inclusion proof (audit path) for leaf `index` in the tree of the first `size` records. */
export async function proveInclusion(size: number, index: number, reader: HashReader): Promise<Hash[]> {
  const indexes = inclusionProofIndexes(size, index)
  const cursor = new HashCursor(await readHashesChecked(reader, indexes))
  const proof = inclusionFrom(0, size, index, cursor, memoFor(reader))
  cursor.done()
  return proof
}

// SUBPROOF(m, D[lo:hi], b): `whole` is b, true while [lo, hi) still starts at leaf 0, where the old
// root itself is known to the verifier and so is left out.
function consistencyIndexesFrom(lo: number, hi: number, m: number, need: number[]): number[] {
  if (m === hi) return lo === 0 ? need : subtreeIndexes(lo, hi, need)
  const k = splitPoint(hi - lo)
  if (m <= lo + k) {
    consistencyIndexesFrom(lo, lo + k, m, need)
    subtreeIndexes(lo + k, hi, need)
  } else {
    subtreeIndexes(lo, lo + k, need)
    consistencyIndexesFrom(lo + k, hi, m, need)
  }
  return need
}

function consistencyFrom(
  lo: number,
  hi: number,
  m: number,
  cursor: HashCursor,
  memo: Map<string, Hash>,
): Hash[] {
  if (m === hi) return lo === 0 ? [] : [subtreeHash(lo, hi, cursor, memo)]
  const k = splitPoint(hi - lo)
  let proof: Hash[]
  let sibling: Hash
  if (m <= lo + k) {
    proof = consistencyFrom(lo, lo + k, m, cursor, memo)
    sibling = subtreeHash(lo + k, hi, cursor, memo)
  } else {
    sibling = subtreeHash(lo, lo + k, cursor, memo)
    proof = consistencyFrom(lo + k, hi, m, cursor, memo)
  }
  proof.push(sibling)
  return proof
}

/** Stored indexes a consistency proof from `oldSize` to `newSize` reads. */
export function consistencyProofIndexes(newSize: number, oldSize: number): number[] {
  checkSizesForConsistency(newSize, oldSize)
  return consistencyIndexesFrom(0, newSize, oldSize, [])
}

/** RFC 9162 consistency proof that the first `oldSize` records are a prefix of the first `newSize`. */
export async function proveConsistency(
  newSize: number,
  oldSize: number,
  reader: HashReader,
): Promise<Hash[]> {
  const indexes = consistencyProofIndexes(newSize, oldSize)
  const cursor = new HashCursor(await readHashesChecked(reader, indexes))
  const proof = consistencyFrom(0, newSize, oldSize, cursor, memoFor(reader))
  cursor.done()
  return proof
}
