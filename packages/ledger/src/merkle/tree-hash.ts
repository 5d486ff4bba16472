// The root of a tree of any size from stored hashes: split [lo, hi) into the largest complete subtrees,
// left to right (each is one stored hash), then fold them right to left (RFC 9162 §2.1.1 MTH).
// Work is split into "which indexes" and "combine these hashes" so a database reads in one round trip.
import { EMPTY_ROOT, type Hash, hashChildren } from './hash.ts'
import { checkTreeInt, log2, splitPoint } from './integers.ts'
import { type HashReader, readHashesChecked, storedHashIndex } from './stored-hash.ts'

/** Consumes hashes read for a plan, in the order the plan listed their indexes. */
export class HashCursor {
  private pos = 0
  constructor(private readonly hashes: readonly Hash[]) {}
  next(): Hash {
    const h = this.hashes[this.pos++]
    if (h === undefined) throw new Error('merkle: bad index math (cursor overrun)')
    return h
  }
  done(): void {
    if (this.pos !== this.hashes.length) throw new Error('merkle: bad index math (hashes left over)')
  }
}

/** Appends the stored indexes of the complete subtrees covering leaves [lo, hi). */
export function subtreeIndexes(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const k = splitPoint(hi - lo + 1) // largest power of two ≤ hi − lo
    need.push(storedHashIndex(log2(k), lo / k))
    lo += k
  }
  return need
}

/**
 * Hash of leaves [lo, hi) from the hashes listed by subtreeIndexes(lo, hi). An incomplete subtree (the
 * tree's right edge) is a fold of several stored hashes; `memo` keeps such folds, which every proof against
 * the same tree size repeats, so they are hashed once.
 */
export function subtreeHash(lo: number, hi: number, cursor: HashCursor, memo?: Map<string, Hash>): Hash {
  const start = lo
  const parts: Hash[] = []
  while (lo < hi) {
    lo += splitPoint(hi - lo + 1)
    parts.push(cursor.next())
  }
  if (parts.length === 1) return parts[0] as Hash
  const key = `${start}:${hi}`
  const known = memo?.get(key)
  if (known) return known
  let h = parts[parts.length - 1] as Hash
  for (let i = parts.length - 2; i >= 0; i--) h = hashChildren(parts[i] as Hash, h)
  memo?.set(key, h)
  return h
}

/** Stored indexes needed for the root of a tree of `size` records. */
export function treeHashIndexes(size: number): number[] {
  checkTreeInt(size, 'tree size')
  return subtreeIndexes(0, size, [])
}

/** RFC 9162 root hash of the first `size` records; the empty tree's root is SHA-256(""). */
export async function treeHash(size: number, reader: HashReader): Promise<Hash> {
  const indexes = treeHashIndexes(size)
  if (size === 0) return EMPTY_ROOT
  const cursor = new HashCursor(await readHashesChecked(reader, indexes))
  const root = subtreeHash(0, size, cursor)
  cursor.done()
  return root
}
