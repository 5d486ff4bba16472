// Answers readHashes from published tiles (e.g. a mirror), so an auditor can build and check proofs
// without the log's database. Tiles are untrusted: before any hash is returned, every tile used is
// tied to the trusted tree head (size + root from a verified checkpoint), either because it rebuilds
// the root or because its hash appears in an already-authenticated parent tile.
// Design after Go sumdb/tlog's TileHashReader, with one deliberate difference: every fetched tile is
// authenticated, including those added after the root's tiles (x/mod 0.7.0 starts that loop at the
// count of root subtrees instead of root tiles and can return a hash from an unchecked tile).
import { MerkleError } from './errors.ts'
import { assertHash, HASH_SIZE, type Hash, hashChildren, hashEqual } from './hash.ts'
import { checkTreeInt } from './integers.ts'
import { type HashReader, storedHashCount, storedHashIndex } from './stored-hash.ts'
import {
  hashFromTile,
  subtreeHashOfRow,
  TILE_HEIGHT,
  TILE_WIDTH,
  type Tile,
  tileForIndex,
  tileParent,
  tilePath,
} from './tile.ts'
import { treeHashIndexes } from './tree-hash.ts'

/** Fetches tile data (width × 32 bytes each), e.g. over HTTP from `tilePath(tile)`. */
export interface TileReader {
  readTiles(tiles: readonly Tile[]): Promise<Uint8Array[]>
  /** Called with tiles once they are authenticated, so a cache may keep them. */
  saveTiles?(tiles: readonly Tile[], data: readonly Uint8Array[]): void
}

/** The trusted tree head the tiles are checked against. */
export interface TreeHead {
  size: number
  root: Hash
}

function inconsistent(tile: Tile): MerkleError {
  return new MerkleError(
    'TILE_INCONSISTENT',
    `ô ${tilePath(tile)} không khớp với gốc cây đã tin cậy`,
    `tile ${tilePath(tile)} does not agree with the trusted tree head`,
  )
}

export class TileHashReader implements HashReader {
  private readonly tree: TreeHead

  constructor(
    tree: TreeHead,
    private readonly tiles: TileReader,
  ) {
    checkTreeInt(tree.size, 'tree size')
    assertHash(tree.root, 'tree root')
    this.tree = { size: tree.size, root: tree.root }
  }

  async readHashes(indexes: readonly number[]): Promise<Hash[]> {
    const { size, root } = this.tree
    const limit = storedHashCount(size)
    for (const x of indexes)
      if (!Number.isInteger(x) || x < 0 || x >= limit)
        throw new MerkleError(
          'INDEX_OUT_OF_RANGE',
          `giá trị băm ${x} không thuộc cây ${size} lá`,
          `stored hash ${x} is not in a tree of size ${size}`,
        )
    if (indexes.length === 0) return []

    // Plan: first the tiles that rebuild the root, then each index's tile after its missing ancestors,
    // so every tile's parent precedes it.
    const plan: Tile[] = []
    const position = new Map<string, number>()
    const add = (t: Tile): number => {
      position.set(tilePath(t), plan.length)
      plan.push(t)
      return plan.length - 1
    }
    const widest = (t: Tile, k: number): Tile => {
      const p = tileParent(t, k, size)
      if (p === undefined) throw new Error('merkle: bad tile math (no parent tile)')
      return p
    }
    const rootIndexes = treeHashIndexes(size)
    const rootTiles = rootIndexes.map((x) => {
      const t = widest(tileForIndex(x), 0)
      return position.get(tilePath(t)) ?? add(t)
    })
    const rootTileCount = plan.length

    const indexTiles = indexes.map((x) => {
      const t = tileForIndex(x)
      let k = 0
      while (!position.has(tilePath(widest(t, k)))) k++
      for (let j = k - 1; j >= 0; j--) {
        const p = widest(t, j)
        // Only full tiles are hashed into their parents; an ancestor chain through a partial one is a bug.
        if (p.width !== TILE_WIDTH) throw new Error('merkle: bad tile math (partial tile below a parent)')
        add(p)
      }
      return position.get(tilePath(widest(t, 0))) as number
    })

    const data = await this.tiles.readTiles(plan)
    if (!Array.isArray(data) || data.length !== plan.length)
      throw new MerkleError(
        'READER_BAD_RESPONSE',
        `cần ${plan.length} ô, nhận được số khác`,
        `tile reader must answer ${plan.length} tiles`,
      )
    plan.forEach((t, i) => {
      const d = data[i]
      if (!(d instanceof Uint8Array) || d.length !== t.width * HASH_SIZE)
        throw new MerkleError(
          'TILE_WRONG_LENGTH',
          `ô ${tilePath(t)} phải dài ${t.width * HASH_SIZE} byte`,
          `tile ${tilePath(t)} must be ${t.width * HASH_SIZE} bytes`,
        )
    })
    const tileData = (i: number): Uint8Array => data[i] as Uint8Array

    // The root tiles must rebuild the trusted root.
    let th: Hash | undefined
    for (let i = rootIndexes.length - 1; i >= 0; i--) {
      const j = rootTiles[i] as number
      const h = hashFromTile(plan[j] as Tile, tileData(j), rootIndexes[i] as number)
      th = th === undefined ? h : hashChildren(h, th)
    }
    if (th === undefined || !hashEqual(th, root)) throw inconsistent(plan[0] as Tile)

    // Every other tile must hash to the entry its (already authenticated) parent holds for it.
    for (let i = rootTileCount; i < plan.length; i++) {
      const t = plan[i] as Tile
      const p = widest(t, 1)
      const j = position.get(tilePath(p))
      if (j === undefined || j >= i) throw new Error('merkle: bad tile math (parent not checked first)')
      const expected = hashFromTile(p, tileData(j), storedHashIndex(p.level * TILE_HEIGHT, t.n))
      if (!hashEqual(subtreeHashOfRow(tileData(i), 0, TILE_WIDTH), expected)) throw inconsistent(t)
    }

    this.tiles.saveTiles?.(plan, data)
    return indexes.map((x, i) => {
      const j = indexTiles[i] as number
      return hashFromTile(plan[j] as Tile, tileData(j), x)
    })
  }
}
