// Stored-hash addressing for a log that keeps every tree node exactly once, in the order nodes become
// complete while records are appended (Crosby & Wallach §3.3; the layout of Go's sumdb/tlog).
// Record n stores its leaf hash, then one hash per subtree it completes, so storage is append-only and
// any tree size's nodes are a prefix of storage.
import { MerkleError } from './errors.ts'
import { type Hash, hashChildren, isHash } from './hash.ts'
import { checkTreeInt, MAX_TREE_SIZE, trailingOnes } from './integers.ts'

/** Reads stored hashes by index. Async because the production store is a database. */
export interface HashReader {
  readHashes(indexes: readonly number[]): Promise<Hash[]>
}

/** Index in storage of the hash of the n-th node at `level` (level 0 = leaves). */
export function storedHashIndex(level: number, n: number): number {
  if (!Number.isInteger(level) || level < 0 || level > 52)
    throw new MerkleError('SIZES_INVALID', 'mức cây không hợp lệ', 'tree level must be an integer 0..52')
  checkTreeInt(n, 'node number')
  // The node's hash is written right after the last leaf under it: leaf m = (n + 1)·2^level − 1.
  const m = (n + 1) * 2 ** level - 1
  if (m > MAX_TREE_SIZE)
    throw new MerkleError(
      'SIZE_TOO_LARGE',
      'nút nằm ngoài phạm vi hỗ trợ',
      'node is beyond the supported tree size',
    )
  // Leaf m's hash is at m + ⌊m/2⌋ + ⌊m/4⌋ + …; the node is `level` completions later.
  let i = 0
  for (let x = m; x > 0; x = Math.floor(x / 2)) i += x
  return i + level
}

/** Inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  checkTreeInt(index, 'stored hash index')
  // storedHashIndex(0, n) ≤ 2n, so the record that wrote `index` is at least ⌊index/2⌋.
  let n = Math.floor(index / 2)
  let indexN = storedHashIndex(0, n)
  for (;;) {
    // Record n writes 1 + (trailing ones of n) hashes.
    const next = indexN + 1 + trailingOnes(n)
    if (next > index) break
    n++
    indexN = next
  }
  const level = index - indexN
  return { level, n: Math.floor(n / 2 ** level) }
}

/** How many hashes a log of `size` records stores. */
export function storedHashCount(size: number): number {
  checkTreeInt(size, 'tree size')
  if (size === 0) return 0
  return storedHashIndex(0, size - 1) + 1 + trailingOnes(size - 1)
}

/** Indexes of the stored hashes that appending record n combines with its leaf hash. */
export function storedHashesForRecordIndexes(n: number): number[] {
  checkTreeInt(n, 'record number')
  // Each trailing 1 bit of n closes a subtree whose left half is already stored; listed in storage order.
  const m = trailingOnes(n)
  const indexes = new Array<number>(m)
  for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, Math.floor(n / 2 ** i) - 1)
  return indexes
}

/** The hashes record n adds to storage, given the left siblings read at storedHashesForRecordIndexes(n). */
export function storedHashesFromSiblings(leafHash: Hash, siblings: readonly Hash[]): Hash[] {
  const out = [leafHash]
  let h = leafHash
  for (let i = siblings.length - 1; i >= 0; i--) {
    h = hashChildren(siblings[i] as Hash, h)
    out.push(h)
  }
  return out
}

/** The hashes to store, in order, when appending record n with the given leaf hash. */
export async function storedHashesForRecord(n: number, leafHash: Hash, reader: HashReader): Promise<Hash[]> {
  if (!isHash(leafHash))
    throw new MerkleError(
      'HASH_NOT_32_BYTES',
      'giá trị băm lá phải dài 32 byte',
      'leaf hash must be 32 bytes',
    )
  const indexes = storedHashesForRecordIndexes(n)
  return storedHashesFromSiblings(leafHash, await readHashesChecked(reader, indexes))
}

/** Calls a reader and refuses an answer of the wrong count or with a non-32-byte hash. */
export async function readHashesChecked(reader: HashReader, indexes: readonly number[]): Promise<Hash[]> {
  if (indexes.length === 0) return []
  return checkReaderAnswer(await reader.readHashes(indexes), indexes.length)
}

function checkReaderAnswer(hashes: unknown, want: number): Hash[] {
  if (!Array.isArray(hashes) || hashes.length !== want || !hashes.every(isHash))
    throw new MerkleError(
      'READER_BAD_RESPONSE',
      `kho băm trả lời sai: cần ${want} giá trị băm 32 byte`,
      `hash reader answered badly: want ${want} hashes of 32 bytes`,
    )
  return hashes
}
