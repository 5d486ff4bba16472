// Proofs built from tiles alone, as an auditor with a mirror would, and tiles that lie.
import { describe, expect, it } from 'vitest'
import type { Hash } from './hash.ts'
import { MemoryHashStore } from './memory-store.ts'
import { proveConsistency, proveInclusion } from './prove.ts'
import { storedHashCount, storedHashIndex } from './stored-hash.ts'
import { buildTree, flipBit } from './test-support.ts'
import { type Tile, tileHashes, tilePath } from './tile.ts'
import { TileHashReader, type TileReader } from './tile-hash-reader.ts'
import { treeHash } from './tree-hash.ts'
import { verifyConsistency } from './verify-consistency.ts'
import { verifyInclusion } from './verify-inclusion.ts'

/** Serves tiles from a store, optionally corrupting them; records what was asked and saved. */
class MirrorTiles implements TileReader {
  requests: string[][] = []
  saved: string[] = []
  constructor(
    private readonly store: MemoryHashStore,
    private readonly corrupt: (tile: Tile, data: Uint8Array) => Uint8Array = (_t, d) => d,
  ) {}
  async readTiles(tiles: readonly Tile[]): Promise<Uint8Array[]> {
    this.requests.push(tiles.map(tilePath))
    return Promise.all(tiles.map(async (t) => this.corrupt(t, await tileHashes(t, this.store))))
  }
  saveTiles(tiles: readonly Tile[]): void {
    this.saved.push(...tiles.map(tilePath))
  }
}

const SIZE = 70_000 // a level-2 tile, full and partial tiles below it
const { store, leaves } = buildTree(SIZE)

describe('TileHashReader', () => {
  it('answers every hash the same as the store, and proofs from tiles verify', async () => {
    const root = await treeHash(SIZE, store)
    const mirror = new MirrorTiles(store)
    const reader = new TileHashReader({ size: SIZE, root }, mirror)
    const picks = [0, 1, 2, 255, 256, 1000, 65_535, 65_536, 69_999, storedHashCount(SIZE) - 1, 139_000]
    expect(await reader.readHashes(picks)).toEqual(await store.readHashes(picks))

    for (const [n, m] of [
      [SIZE, 5],
      [SIZE, SIZE - 1],
      [SIZE, 65_536],
      [40_000, 39_999],
      [1, 0],
    ]) {
      const p = await proveInclusion(n as number, m as number, reader)
      expect(p).toEqual(await proveInclusion(n as number, m as number, store))
      verifyInclusion(
        leaves[m as number] as Hash,
        m as number,
        n as number,
        p,
        await treeHash(n as number, reader),
      )
    }
    for (const [n, m] of [
      [SIZE, 1],
      [SIZE, 65_536],
      [SIZE, 69_999],
      [SIZE, SIZE],
      [50_000, 300],
    ]) {
      const p = await proveConsistency(n as number, m as number, reader)
      expect(p).toEqual(await proveConsistency(n as number, m as number, store))
      verifyConsistency(
        m as number,
        n as number,
        await treeHash(m as number, store),
        await treeHash(n as number, store),
        p,
      )
    }
    expect(mirror.saved.length).toBeGreaterThan(0)
  })

  it('refuses every tile of a request once any byte of it is altered', async () => {
    const root = await treeHash(SIZE, store)
    const index = storedHashIndex(0, 5)
    const plan = new MirrorTiles(store)
    await new TileHashReader({ size: SIZE, root }, plan).readHashes([index])
    const tiles = plan.requests[0] as string[]
    expect(tiles).toEqual([
      'tile/2/000.p/1',
      'tile/1/001.p/17',
      'tile/0/273.p/112',
      'tile/1/000',
      'tile/0/000',
    ])
    for (const victim of tiles)
      for (const where of [0, 0.5, 1]) {
        // First, middle and last bit of the victim tile.
        const mirror = new MirrorTiles(store, (t, d) =>
          tilePath(t) === victim
            ? flipBit(d, Math.min(d.length * 8 - 1, Math.floor(where * d.length * 8)))
            : d,
        )
        const reader = new TileHashReader({ size: SIZE, root }, mirror)
        await expect(reader.readHashes([index]), `${victim} at ${where}`).rejects.toMatchObject({
          code: 'TILE_INCONSISTENT',
        })
        expect(mirror.saved).toEqual([])
      }
  })

  it('refuses a forged leaf tile below an honest partial root tile (tree of 300)', async () => {
    // The case Go's x/mod 0.7.0 TileHashReader lets through: two root tiles, one more tile fetched for leaf 5.
    const small = new MemoryHashStore()
    for (let i = 0; i < 300; i++) small.appendLeafHash(leaves[i] as Hash)
    const root = await treeHash(300, small)
    const mirror = new MirrorTiles(small, (t, d) => (tilePath(t) === 'tile/0/000' ? flipBit(d, 5 * 256) : d))
    await expect(
      new TileHashReader({ size: 300, root }, mirror).readHashes([storedHashIndex(0, 5)]),
    ).rejects.toMatchObject({
      code: 'TILE_INCONSISTENT',
    })
    expect(mirror.requests).toEqual([['tile/1/000.p/1', 'tile/0/001.p/44', 'tile/0/000']])
  })

  it('refuses a wrong trusted root, short tiles, a wrong tile count, and hashes outside the tree', async () => {
    const root = await treeHash(SIZE, store)
    const wrongRoot = new TileHashReader(
      { size: SIZE, root: await treeHash(SIZE - 1, store) },
      new MirrorTiles(store),
    )
    await expect(wrongRoot.readHashes([0])).rejects.toMatchObject({ code: 'TILE_INCONSISTENT' })
    const short = new TileHashReader({ size: SIZE, root }, new MirrorTiles(store, (_t, d) => d.subarray(32)))
    await expect(short.readHashes([0])).rejects.toMatchObject({ code: 'TILE_WRONG_LENGTH' })
    const none: TileReader = { readTiles: async () => [] }
    await expect(new TileHashReader({ size: SIZE, root }, none).readHashes([0])).rejects.toMatchObject({
      code: 'READER_BAD_RESPONSE',
    })
    const reader = new TileHashReader({ size: SIZE, root }, new MirrorTiles(store))
    await expect(reader.readHashes([storedHashCount(SIZE)])).rejects.toMatchObject({
      code: 'INDEX_OUT_OF_RANGE',
    })
    await expect(reader.readHashes([-1])).rejects.toMatchObject({ code: 'INDEX_OUT_OF_RANGE' })
    expect(await reader.readHashes([])).toEqual([])
    expect(() => new TileHashReader({ size: SIZE, root: new Uint8Array(31) }, none)).toThrow(/32-byte/)
  })
})
