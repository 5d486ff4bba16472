// C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree published as static files of up to 256
// consecutive hashes. A tile at level L, number N holds the hashes at tree level 8·L for nodes
// N·256 … N·256 + W − 1; levels inside a tile are recomputed by hashing, never published.
import { MerkleError } from './errors.ts'
import { HASH_SIZE, type Hash, hashChildren } from './hash.ts'
import {
  type HashReader,
  readHashesChecked,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
} from './stored-hash.ts'

export const TILE_HEIGHT = 8
export const TILE_WIDTH = 2 ** TILE_HEIGHT

/** A hash tile: `width` is 256 for a full tile, 1…255 for the partial tile at a level's right edge. */
export interface Tile {
  level: number
  n: number
  width: number
}

export type ParsedTilePath =
  | { kind: 'hashes'; level: number; n: number; width: number }
  | { kind: 'entries'; n: number; width: number }

function invalidTile(detail: string): MerkleError {
  return new MerkleError('TILE_INVALID', `ô (tile) không hợp lệ: ${detail}`, `invalid tile: ${detail}`)
}

export function checkTile(tile: Tile): Tile {
  const { level, n, width } = tile ?? ({} as Tile)
  if (!Number.isInteger(level) || level < 0 || level > 63) throw invalidTile(`level ${level}`)
  if (!Number.isSafeInteger(n) || n < 0) throw invalidTile(`number ${n}`)
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw invalidTile(`width ${width}`)
  return tile
}

/** The tile of least width holding stored hash `index`, and the hash range in it that rebuilds that hash. */
export function tileSpanForIndex(index: number): { tile: Tile; start: number; end: number } {
  const { level, n } = splitStoredHashIndex(index)
  const tileLevel = Math.floor(level / TILE_HEIGHT)
  const inside = level - tileLevel * TILE_HEIGHT // levels above the tile's bottom row
  const scale = 2 ** inside
  const tileN = Math.floor((n * scale) / TILE_WIDTH)
  const nInTile = n - (tileN * TILE_WIDTH) / scale
  return {
    tile: { level: tileLevel, n: tileN, width: (nInTile + 1) * scale },
    start: nInTile * scale,
    end: (nInTile + 1) * scale,
  }
}

/** The tile of least width from which stored hash `index` can be read or recomputed. */
export function tileForIndex(index: number): Tile {
  return tileSpanForIndex(index).tile
}

/**
 * The k-th ancestor tile of `tile` as published for a tree of `treeSize` records (k = 0: the tile
 * itself at its widest for that size), or undefined if the tree has no such tile.
 */
export function tileParent(tile: Tile, k: number, treeSize: number): Tile | undefined {
  const level = tile.level + k
  const n = Math.floor(tile.n / TILE_WIDTH ** k)
  const hashesAtLevel = Math.floor(treeSize / TILE_WIDTH ** level)
  const first = n * TILE_WIDTH
  if (first >= hashesAtLevel) return undefined
  return { level, n, width: Math.min(TILE_WIDTH, hashesAtLevel - first) }
}

/** The tiles (widest for `treeSize`, without repeats) holding the given stored hashes. */
export function tilesForIndexes(indexes: readonly number[], treeSize: number): Tile[] {
  const limit = storedHashCount(treeSize)
  const seen = new Map<string, Tile>()
  for (const index of indexes) {
    const t = index < limit ? tileParent(tileForIndex(index), 0, treeSize) : undefined
    if (t === undefined)
      throw new MerkleError(
        'INDEX_OUT_OF_RANGE',
        `giá trị băm ${index} không thuộc cây ${treeSize} lá`,
        `stored hash ${index} is not in a tree of size ${treeSize}`,
      )
    seen.set(tilePath(t), t)
  }
  return [...seen.values()]
}

function encodeN(n: number): string {
  let s = String(n % 1000).padStart(3, '0')
  for (let rest = Math.floor(n / 1000); rest > 0; rest = Math.floor(rest / 1000))
    s = `x${String(rest % 1000).padStart(3, '0')}/${s}`
  return s
}

/** `tile/<L>/<N>[.p/<W>]`, N in 3-digit groups with all but the last prefixed by x (x001/x234/067). */
export function tilePath(tile: Tile): string {
  const { level, n, width } = checkTile(tile)
  return `tile/${level}/${encodeN(n)}${width < TILE_WIDTH ? `.p/${width}` : ''}`
}

/** `tile/entries/<N>[.p/<W>]`: the bundle of the raw entries for leaves N·256 … N·256 + W − 1. */
export function entryBundlePath(n: number, width: number = TILE_WIDTH): string {
  checkTile({ level: 0, n, width })
  return `tile/entries/${encodeN(n)}${width < TILE_WIDTH ? `.p/${width}` : ''}`
}

// tile/<level or "entries">/<x-prefixed 3-digit groups>[.p/<width>]; numbers are re-checked below.
const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/

/**
 * Parses a hash-tile or entry-bundle path. Only the canonical spelling is accepted (no leading zeros,
 * no empty x000 groups, no `.p/256`), so one tile never has two names in a cache or a mirror.
 */
export function parseTilePath(path: string): ParsedTilePath {
  const bad = () =>
    new MerkleError('TILE_PATH_MALFORMED', `đường dẫn ô sai dạng: ${path}`, `malformed tile path: ${path}`)
  if (typeof path !== 'string' || path.length > 128) throw bad()
  const m = TILE_PATH.exec(path)
  if (!m) throw bad()
  const [, levelText = '', nText = '', widthText] = m
  const n = Number(nText.replaceAll('x', '').replaceAll('/', ''))
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText)
  if (!Number.isSafeInteger(n) || (widthText !== undefined && width >= TILE_WIDTH)) throw bad()
  const parsed: ParsedTilePath =
    levelText === 'entries'
      ? { kind: 'entries', n, width }
      : { kind: 'hashes', level: Number(levelText), n, width }
  if (parsed.kind === 'hashes' && parsed.level > 63) throw bad()
  const canonical = parsed.kind === 'entries' ? entryBundlePath(n, width) : tilePath(parsed)
  if (canonical !== path) throw bad()
  return parsed
}

/** Stored indexes of the hashes a tile lists, left to right. */
export function tileHashIndexes(tile: Tile): number[] {
  const { level, n, width } = checkTile(tile)
  const out: number[] = []
  for (let i = 0; i < width; i++) out.push(storedHashIndex(level * TILE_HEIGHT, n * TILE_WIDTH + i))
  return out
}

/** A tile's published bytes: its `width` hashes concatenated (width × 32 bytes). */
export async function tileHashes(tile: Tile, reader: HashReader): Promise<Uint8Array> {
  const hashes = await readHashesChecked(reader, tileHashIndexes(tile))
  const out = new Uint8Array(hashes.length * HASH_SIZE)
  hashes.forEach((h, i) => {
    out.set(h, i * HASH_SIZE)
  })
  return out
}

/** Hash of a complete subtree given its bottom-row hashes (a power-of-two count) from tile data. */
export function subtreeHashOfRow(data: Uint8Array, start: number, end: number): Hash {
  if (end - start === 1) return data.slice(start * HASH_SIZE, end * HASH_SIZE)
  const mid = start + (end - start) / 2
  return hashChildren(subtreeHashOfRow(data, start, mid), subtreeHashOfRow(data, mid, end))
}

/** Stored hash `index` read (or recomputed) from the data of `tile`, which must hold it. */
export function hashFromTile(tile: Tile, data: Uint8Array, index: number): Hash {
  checkTile(tile)
  if (!(data instanceof Uint8Array) || data.length < tile.width * HASH_SIZE)
    throw new MerkleError(
      'TILE_WRONG_LENGTH',
      `dữ liệu ô ${tilePath(tile)} quá ngắn`,
      `data for tile ${tilePath(tile)} is too short`,
    )
  const { tile: t, start, end } = tileSpanForIndex(index)
  if (t.level !== tile.level || t.n !== tile.n || t.width > tile.width)
    throw invalidTile(`stored hash ${index} is in ${tilePath(t)}, not ${tilePath(tile)}`)
  return subtreeHashOfRow(data, start, end)
}
