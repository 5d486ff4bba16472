// One error type for the Merkle core, shaped like @elc/core's ElcError (stable code, vi + en text) so the
// HTTP layer can answer it as problem+json; kept local because @elc/ledger does not depend on @elc/core.

export type MerkleErrorCode =
  | 'HASH_NOT_32_BYTES'
  | 'BAD_HEX'
  | 'PROOF_WRONG_LENGTH'
  | 'INDEX_OUT_OF_RANGE'
  | 'SIZE_TOO_LARGE'
  | 'SIZES_INVALID'
  | 'ROOT_MISMATCH'
  | 'READER_BAD_RESPONSE'
  | 'TILE_PATH_MALFORMED'
  | 'TILE_INVALID'
  | 'TILE_WRONG_LENGTH'
  | 'TILE_INCONSISTENT'

export class MerkleError extends Error {
  readonly code: MerkleErrorCode
  readonly text: { vi: string; en: string }

  constructor(code: MerkleErrorCode, vi: string, en: string) {
    super(en)
    this.name = 'MerkleError'
    this.code = code
    this.text = { vi: vi.normalize('NFC'), en }
  }
}

/** True when `e` is a MerkleError, optionally with the given code. */
export function isMerkleError(e: unknown, code?: MerkleErrorCode): e is MerkleError {
  return e instanceof MerkleError && (code === undefined || e.code === code)
}
