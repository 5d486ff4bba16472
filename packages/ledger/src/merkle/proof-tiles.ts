// Which tiles hold the hashes a proof is built from: what a tile-serving log reads to answer a proof.
// (An auditor reading from an untrusted mirror needs more — the tiles that tie these to the root —
// and TileHashReader plans and checks those itself.)
import { consistencyProofIndexes, inclusionProofIndexes } from './prove.ts'
import { type Tile, tilesForIndexes } from './tile.ts'
import { treeHashIndexes } from './tree-hash.ts'

export function inclusionProofTiles(size: number, index: number): Tile[] {
  return tilesForIndexes(inclusionProofIndexes(size, index), size)
}

export function consistencyProofTiles(newSize: number, oldSize: number): Tile[] {
  return tilesForIndexes(consistencyProofIndexes(newSize, oldSize), newSize)
}

export function treeHashTiles(size: number): Tile[] {
  return tilesForIndexes(treeHashIndexes(size), size)
}
