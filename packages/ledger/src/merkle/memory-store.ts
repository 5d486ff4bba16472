// An in-memory stored-hash log for tests, benchmarks and auditors rebuilding a tree locally.
// Hashes live in one growing byte array (32 bytes each) rather than millions of small objects.
import { MerkleError } from './errors.ts'
import { assertHash, HASH_SIZE, type Hash, hashLeaf } from './hash.ts'
import { checkTreeInt } from './integers.ts'
import {
  type HashReader,
  storedHashCount,
  storedHashesForRecordIndexes,
  storedHashesFromSiblings,
} from './stored-hash.ts'

export class MemoryHashStore implements HashReader {
  private bytes = new Uint8Array(64 * HASH_SIZE)
  private count = 0
  private records = 0

  /** Number of records appended so far. */
  get size(): number {
    return this.records
  }

  /** Number of hashes stored (storedHashCount(size)). */
  get hashCount(): number {
    return this.count
  }

  /** Appends a record by its data; returns its leaf hash. */
  appendRecord(data: Uint8Array): Hash {
    const leaf = hashLeaf(data)
    this.appendLeafHash(leaf)
    return leaf
  }

  /** Appends a record by its leaf hash, storing the leaf and every subtree hash it completes. */
  appendLeafHash(leafHash: Hash): void {
    assertHash(leafHash, 'leaf hash')
    checkTreeInt(this.records + 1, 'tree size')
    const siblings = this.readHashesSync(storedHashesForRecordIndexes(this.records))
    for (const h of storedHashesFromSiblings(leafHash, siblings)) this.push(h)
    this.records++
    if (this.count !== storedHashCount(this.records)) throw new Error('merkle: bad stored-hash math')
  }

  readHashesSync(indexes: readonly number[]): Hash[] {
    return indexes.map((i) => {
      if (!Number.isInteger(i) || i < 0 || i >= this.count)
        throw new MerkleError(
          'INDEX_OUT_OF_RANGE',
          `không có giá trị băm lưu ở vị trí ${i}`,
          `no stored hash at index ${i}`,
        )
      // A copy, so a caller that mutates a proof cannot corrupt the store.
      return this.bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE)
    })
  }

  readHashes(indexes: readonly number[]): Promise<Hash[]> {
    try {
      return Promise.resolve(this.readHashesSync(indexes))
    } catch (e) {
      return Promise.reject(e)
    }
  }

  private push(h: Hash): void {
    if ((this.count + 1) * HASH_SIZE > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2)
      bigger.set(this.bytes)
      this.bytes = bigger
    }
    this.bytes.set(h, this.count * HASH_SIZE)
    this.count++
  }
}
