// Public API of the Merkle core: RFC 9162 hashing, stored-hash addressing, roots, proofs, verifiers,
// and C2SP tlog-tiles.
export { isMerkleError, MerkleError, type MerkleErrorCode } from './errors.ts'
export {
  assertHash,
  EMPTY_ROOT,
  HASH_SIZE,
  type Hash,
  hashChildren,
  hashEqual,
  hashFromHex,
  hashLeaf,
  hashToHex,
  isHash,
} from './hash.ts'
export { MAX_TREE_SIZE, MAX_UINT63 } from './integers.ts'
export { MemoryHashStore } from './memory-store.ts'
export { consistencyProofTiles, inclusionProofTiles, treeHashTiles } from './proof-tiles.ts'
export {
  consistencyProofIndexes,
  inclusionProofIndexes,
  proveConsistency,
  proveInclusion,
} from './prove.ts'
export {
  type HashReader,
  splitStoredHashIndex,
  storedHashCount,
  storedHashesForRecord,
  storedHashesForRecordIndexes,
  storedHashIndex,
} from './stored-hash.ts'
export {
  entryBundlePath,
  hashFromTile,
  type ParsedTilePath,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  type Tile,
  tileForIndex,
  tileHashes,
  tileHashIndexes,
  tileParent,
  tilePath,
  tilesForIndexes,
} from './tile.ts'
export { TileHashReader, type TileReader, type TreeHead } from './tile-hash-reader.ts'
export { treeHash, treeHashIndexes } from './tree-hash.ts'
export { consistencyProofLength, verifyConsistency } from './verify-consistency.ts'
export { inclusionProofLength, verifyInclusion } from './verify-inclusion.ts'
