// C2SP tlog-tiles paths and tile contents. Contents are checked against the RFC 6962 definition: a
// level-L tile lists MTH of consecutive 256^L-leaf ranges.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HASH_SIZE, type Hash } from './hash.ts'
import { consistencyProofTiles, inclusionProofTiles, treeHashTiles } from './proof-tiles.ts'
import { consistencyProofIndexes, inclusionProofIndexes } from './prove.ts'
import { storedHashIndex } from './stored-hash.ts'
import { buildTree, expectCode, naiveRoot } from './test-support.ts'
import {
  entryBundlePath,
  hashFromTile,
  parseTilePath,
  type Tile,
  tileForIndex,
  tileHashes,
  tileParent,
  tilePath,
  tilesForIndexes,
} from './tile.ts'

describe('tile paths', () => {
  it.each([
    [{ level: 0, n: 0, width: 256 }, 'tile/0/000'],
    [{ level: 0, n: 0, width: 1 }, 'tile/0/000.p/1'],
    [{ level: 0, n: 1234067, width: 256 }, 'tile/0/x001/x234/067'],
    [{ level: 0, n: 1234067, width: 8 }, 'tile/0/x001/x234/067.p/8'],
    [{ level: 1, n: 999, width: 255 }, 'tile/1/999.p/255'],
    [{ level: 2, n: 1000, width: 256 }, 'tile/2/x001/000'],
    [{ level: 63, n: 1_000_000, width: 256 }, 'tile/63/x001/x000/000'],
    [{ level: 5, n: Number.MAX_SAFE_INTEGER, width: 256 }, 'tile/5/x009/x007/x199/x254/x740/991'],
  ] as [Tile, string][])('%o → %s', (tile, path) => {
    expect(tilePath(tile)).toBe(path)
    expect(parseTilePath(path)).toEqual({ kind: 'hashes', ...tile })
  })

  it('entry bundles', () => {
    expect(entryBundlePath(0)).toBe('tile/entries/000')
    expect(entryBundlePath(1234067, 17)).toBe('tile/entries/x001/x234/067.p/17')
    expect(parseTilePath('tile/entries/x001/x234/067.p/17')).toEqual({
      kind: 'entries',
      n: 1234067,
      width: 17,
    })
    expect(parseTilePath('tile/entries/005')).toEqual({ kind: 'entries', n: 5, width: 256 })
  })

  it.each([
    'tile/0/1234067', // not split into groups
    'tile/0/x001/x234/67', // last group not 3 digits
    'tile/0/001/234/067', // groups without x
    'tile/0/x001/x234/x067', // last group with x
    'tile/0/x000/001', // leading empty group
    'tile/0/X001/234',
    'tile/0/000.p/0',
    'tile/0/000.p/256',
    'tile/0/000.p/007',
    'tile/0/000.p/',
    'tile/0/000.p',
    'tile/0/000/',
    '/tile/0/000',
    'tile/00/000',
    'tile/01/000',
    'tile/-1/000',
    'tile/64/000',
    'tile/8/0/000', // Go sumdb's tile/H/L/N form, not tlog-tiles
    'tile/data/000',
    'tile/entries/000.p/256',
    'tile/0/+12',
    'tile/0/ 12',
    'tile/0/x999/x999/x999/x999/x999/x999/999', // beyond 2^53
    'tile/0/0x1',
    'tile//000',
    'tile/0/000?x=1',
    'TILE/0/000',
    '',
    `tile/0/${'x001/'.repeat(40)}001`,
  ])('refuses %j', (path) => {
    expectCode(() => parseTilePath(path), 'TILE_PATH_MALFORMED')
  })

  it('refuses non-strings and invalid tiles', () => {
    expectCode(() => parseTilePath(17 as unknown as string), 'TILE_PATH_MALFORMED')
    expectCode(() => tilePath({ level: 0, n: 0, width: 0 }), 'TILE_INVALID')
    expectCode(() => tilePath({ level: 0, n: 0, width: 257 }), 'TILE_INVALID')
    expectCode(() => tilePath({ level: 64, n: 0, width: 1 }), 'TILE_INVALID')
    expectCode(() => tilePath({ level: 0, n: -1, width: 1 }), 'TILE_INVALID')
    expectCode(() => tilePath({ level: 0, n: 2 ** 53, width: 1 }), 'TILE_INVALID')
    expectCode(() => entryBundlePath(1.5), 'TILE_INVALID')
  })

  it('parse(path(t)) = t for random tiles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.oneof(fc.nat(5000), fc.maxSafeNat()),
        fc.integer({ min: 1, max: 256 }),
        (level, n, width) => {
          expect(parseTilePath(tilePath({ level, n, width }))).toEqual({ kind: 'hashes', level, n, width })
          expect(parseTilePath(entryBundlePath(n, width))).toEqual({ kind: 'entries', n, width })
        },
      ),
    )
  })
})

describe('tile coordinates', () => {
  it('tileForIndex gives the narrowest tile holding a stored hash', () => {
    expect(tileForIndex(storedHashIndex(0, 0))).toEqual({ level: 0, n: 0, width: 1 })
    expect(tileForIndex(storedHashIndex(0, 255))).toEqual({ level: 0, n: 0, width: 256 })
    expect(tileForIndex(storedHashIndex(0, 256))).toEqual({ level: 0, n: 1, width: 1 })
    // A level-1 node is rebuilt from two hashes of the level-0 tile.
    expect(tileForIndex(storedHashIndex(1, 0))).toEqual({ level: 0, n: 0, width: 2 })
    expect(tileForIndex(storedHashIndex(7, 0))).toEqual({ level: 0, n: 0, width: 128 })
    expect(tileForIndex(storedHashIndex(7, 1))).toEqual({ level: 0, n: 0, width: 256 })
    expect(tileForIndex(storedHashIndex(8, 0))).toEqual({ level: 1, n: 0, width: 1 })
    expect(tileForIndex(storedHashIndex(8, 300))).toEqual({ level: 1, n: 1, width: 45 })
    expect(tileForIndex(storedHashIndex(16, 2))).toEqual({ level: 2, n: 0, width: 3 })
  })

  it('tileParent widens to what a tree of a given size publishes', () => {
    const t = { level: 0, n: 1, width: 3 }
    expect(tileParent(t, 0, 300)).toEqual({ level: 0, n: 1, width: 44 })
    expect(tileParent(t, 0, 600)).toEqual({ level: 0, n: 1, width: 256 })
    expect(tileParent(t, 1, 600)).toEqual({ level: 1, n: 0, width: 2 })
    expect(tileParent(t, 1, 255)).toBeUndefined()
    expect(tileParent(t, 0, 256)).toBeUndefined()
  })

  it('proof tiles: the tiles holding exactly the hashes the proof reads', () => {
    const size = 70_000
    // 70,000 = 65,536 + 17·256 + 112.
    expect(treeHashTiles(size).map(tilePath)).toEqual([
      'tile/2/000.p/1',
      'tile/1/001.p/17',
      'tile/0/273.p/112',
    ])
    expect(inclusionProofTiles(size, 5).map(tilePath)).toEqual([
      'tile/0/000',
      'tile/1/000',
      'tile/1/001.p/17',
      'tile/0/273.p/112',
    ])
    expect(inclusionProofTiles(size, 5)).toEqual(tilesForIndexes(inclusionProofIndexes(size, 5), size))
    expect(consistencyProofTiles(size, 1000).map(tilePath)).toEqual(
      tilesForIndexes(consistencyProofIndexes(size, 1000), size).map(tilePath),
    )
    expectCode(() => tilesForIndexes([storedHashIndex(0, 300)], 300), 'INDEX_OUT_OF_RANGE')
  })
})

describe('tile contents', () => {
  const SIZE = 256 * 256 + 256 * 3 + 5 // level-2 tile, full and partial tiles on levels 0 and 1
  const { store, leaves } = buildTree(SIZE)
  const hashesOf = (data: Uint8Array) =>
    Array.from({ length: data.length / HASH_SIZE }, (_, i) => data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE))

  it('level 0 tiles list leaf hashes; level 1 and 2 list MTH of 256 and 65,536 leaves', async () => {
    expect(hashesOf(await tileHashes({ level: 0, n: 0, width: 256 }, store))).toEqual(leaves.slice(0, 256))
    expect(hashesOf(await tileHashes({ level: 0, n: 259, width: 5 }, store))).toEqual(leaves.slice(259 * 256))
    const l1 = hashesOf(await tileHashes({ level: 1, n: 1, width: 3 }, store))
    expect(l1).toEqual([0, 1, 2].map((i) => naiveRoot(leaves, 65536 + i * 256, 65536 + (i + 1) * 256)))
    const l2 = hashesOf(await tileHashes({ level: 2, n: 0, width: 1 }, store))
    expect(l2).toEqual([naiveRoot(leaves, 0, 65536)])
  })

  it('hashFromTile rebuilds interior nodes inside a tile and refuses the wrong tile', async () => {
    const data = await tileHashes({ level: 0, n: 1, width: 256 }, store)
    const node = hashFromTile({ level: 0, n: 1, width: 256 }, data, storedHashIndex(5, 9)) // leaves 288…319
    expect(node).toEqual(naiveRoot(leaves, 288, 320))
    expectCode(
      () => hashFromTile({ level: 0, n: 2, width: 256 }, data, storedHashIndex(5, 9)),
      'TILE_INVALID',
    )
    expectCode(() => hashFromTile({ level: 0, n: 1, width: 16 }, data, storedHashIndex(5, 9)), 'TILE_INVALID')
    expectCode(
      () => hashFromTile({ level: 0, n: 1, width: 256 }, data.subarray(0, 100), storedHashIndex(5, 9)),
      'TILE_WRONG_LENGTH',
    )
  })

  it('every stored hash of the tree can be read back from its tile', async () => {
    const cache = new Map<string, Uint8Array>()
    for (const index of [0, 1, 2, 500, 1000, 70_000, 131_000, 133_130, 133_131].filter(
      (i) => i < store.hashCount,
    )) {
      const t = tileParent(tileForIndex(index), 0, SIZE) as Tile
      const key = tilePath(t)
      if (!cache.has(key)) cache.set(key, await tileHashes(t, store))
      expect(hashFromTile(t, cache.get(key) as Uint8Array, index)).toEqual(
        ((await store.readHashes([index])) as Hash[])[0],
      )
    }
  })
})
