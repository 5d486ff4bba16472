// Stored-hash addressing checked against a direct simulation of the layout: append leaves one by one
// and write each node the moment its subtree completes. Also fixed values from the layout's definition.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Hash, hashChildren, hashLeaf } from './hash.ts'
import { MemoryHashStore } from './memory-store.ts'
import {
  type HashReader,
  splitStoredHashIndex,
  storedHashCount,
  storedHashesForRecord,
  storedHashIndex,
} from './stored-hash.ts'
import { expectCode, leafData, naiveRoot } from './test-support.ts'

/** Simulates appends: returns [level, n] for each storage position in order. */
function simulateLayout(records: number): [number, number][] {
  const out: [number, number][] = []
  for (let r = 0; r < records; r++) {
    out.push([0, r])
    // Record r completes the subtree at level l whenever its lowest l bits are all ones.
    for (let l = 1; (r + 1) % 2 ** l === 0; l++) out.push([l, (r + 1) / 2 ** l - 1])
  }
  return out
}

describe('stored-hash layout', () => {
  it('matches the first positions written out by hand', () => {
    // record 0: L0#0 | record 1: L0#1 L1#0 | record 2: L0#2 | record 3: L0#3 L1#1 L2#0 | record 4: L0#4
    expect(simulateLayout(5)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 2],
      [0, 3],
      [1, 1],
      [2, 0],
      [0, 4],
    ])
    expect([0, 1, 2, 3, 4].map((n) => storedHashIndex(0, n))).toEqual([0, 1, 3, 4, 7])
    expect([storedHashIndex(1, 0), storedHashIndex(1, 1), storedHashIndex(2, 0)]).toEqual([2, 5, 6])
  })

  it('storedHashIndex / splitStoredHashIndex / storedHashCount agree with the simulation (8,192 records)', () => {
    const layout = simulateLayout(8192)
    layout.forEach(([level, n], index) => {
      expect(storedHashIndex(level, n)).toBe(index)
      expect(splitStoredHashIndex(index)).toEqual({ level, n })
    })
    let count = 0
    for (let r = 1; r <= 8192; r++) {
      count += 1
      for (let l = 1; r % 2 ** l === 0; l++) count++
      expect(storedHashCount(r)).toBe(count)
    }
    expect(storedHashCount(0)).toBe(0)
  })

  it('round-trips for large trees (up to 2^50 nodes per level)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 50 }), (level, n) => {
        fc.pre((n + 1) * 2 ** level <= 2 ** 51)
        const index = storedHashIndex(level, n)
        expect(Number.isSafeInteger(index)).toBe(true)
        expect(splitStoredHashIndex(index)).toEqual({ level, n })
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses bad arguments with typed errors', () => {
    expectCode(() => storedHashIndex(-1, 0), 'SIZES_INVALID')
    expectCode(() => storedHashIndex(0, -1), 'SIZES_INVALID')
    expectCode(() => storedHashIndex(0, 1.5), 'SIZES_INVALID')
    expectCode(() => storedHashIndex(0, 2 ** 53), 'SIZE_TOO_LARGE')
    expectCode(() => storedHashIndex(40, 2 ** 20), 'SIZE_TOO_LARGE')
    expectCode(() => splitStoredHashIndex(-3), 'SIZES_INVALID')
    expectCode(() => storedHashCount(Number.NaN), 'SIZES_INVALID')
  })
})

describe('storedHashesForRecord', () => {
  it('builds the same storage as the in-memory store, through the async reader', async () => {
    const stored: Hash[] = []
    const reader: HashReader = { readHashes: async (ix) => ix.map((i) => stored[i] as Hash) }
    const store = new MemoryHashStore()
    const leaves: Hash[] = []
    for (let n = 0; n < 300; n++) {
      const leaf = hashLeaf(leafData(n))
      leaves.push(leaf)
      stored.push(...(await storedHashesForRecord(n, leaf, reader)))
      store.appendLeafHash(leaf)
      expect(stored.length).toBe(storedHashCount(n + 1))
    }
    expect(await store.readHashes(stored.map((_, i) => i))).toEqual(stored)
    // Each stored interior node is the MTH of the leaves under it.
    stored.forEach((h, index) => {
      const { level, n } = splitStoredHashIndex(index)
      expect(h).toEqual(naiveRoot(leaves, n * 2 ** level, (n + 1) * 2 ** level))
    })
  })

  it('record 7 combines its leaf with the three left siblings it completes', async () => {
    const seen: number[][] = []
    const reader: HashReader = {
      readHashes: async (ix) => {
        seen.push([...ix])
        return ix.map((i) => new Uint8Array(32).fill(i))
      },
    }
    const leaf = new Uint8Array(32).fill(0xaa)
    const out = await storedHashesForRecord(7, leaf, reader)
    // Left siblings of the new nodes: L2#0 (index 6), L1#2 (index 9), L0#6 (index 10), in storage order.
    expect(seen).toEqual([[6, 9, 10]])
    const l1 = hashChildren(new Uint8Array(32).fill(10), leaf)
    const l2 = hashChildren(new Uint8Array(32).fill(9), l1)
    const l3 = hashChildren(new Uint8Array(32).fill(6), l2)
    expect(out).toEqual([leaf, l1, l2, l3])
  })

  it('refuses a reader that answers the wrong count or a short hash, and a bad leaf hash', async () => {
    const short: HashReader = { readHashes: async () => [new Uint8Array(31)] }
    const few: HashReader = { readHashes: async () => [] }
    const leaf = new Uint8Array(32)
    await expect(storedHashesForRecord(1, leaf, short)).rejects.toMatchObject({ code: 'READER_BAD_RESPONSE' })
    await expect(storedHashesForRecord(3, leaf, few)).rejects.toMatchObject({ code: 'READER_BAD_RESPONSE' })
    await expect(storedHashesForRecord(0, new Uint8Array(31), few)).rejects.toMatchObject({
      code: 'HASH_NOT_32_BYTES',
    })
  })
})
