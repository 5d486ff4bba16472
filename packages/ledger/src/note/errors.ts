// One typed error for keys, signed notes, checkpoints and cosignatures, so a caller (and the fuzz test) can
// tell "this input is bad" from a bug: anything else thrown from this directory is a bug.
import { ElcError, text } from '@elc/core'

export type NoteErrorCode =
  | 'NOTE_MALFORMED'
  | 'NOTE_MALFORMED_SIGNATURE'
  | 'NOTE_TEXT_NOT_NEWLINE_TERMINATED'
  | 'NOTE_TOO_LARGE'
  | 'NOTE_TOO_MANY_SIGNATURES'
  | 'NOTE_NO_VERIFIED_SIGNATURE'
  | 'NOTE_UNKNOWN_KEY'
  | 'NOTE_BAD_SIGNATURE'
  | 'NOTE_DUPLICATE_SIGNATURE'
  | 'NOTE_AMBIGUOUS_KEY'
  | 'NOTE_BAD_SIGNER'
  | 'KEY_MALFORMED'
  | 'KEY_BAD_NAME'
  | 'KEY_UNSUPPORTED_TYPE'
  | 'KEY_ID_MISMATCH'
  | 'CHECKPOINT_MALFORMED'
  | 'CHECKPOINT_BAD_ORIGIN'
  | 'CHECKPOINT_BAD_SIZE'
  | 'CHECKPOINT_BAD_ROOT_HASH'
  | 'CHECKPOINT_BAD_EXTENSION'
  | 'CHECKPOINT_WRONG_ORIGIN'
  | 'COSIGNATURE_BAD_TIME'
  | 'COSIGNATURE_FROM_FUTURE'
  | 'COSIGNATURE_WRONG_CHECKPOINT'
  | 'COSIGNATURE_WRONG_KEY_TYPE'

export class NoteError extends ElcError {
  declare readonly code: NoteErrorCode
  /** The key a signature-related error is about, when there is one. */
  readonly keyName: string | undefined
  readonly keyId: number | undefined

  constructor(
    code: NoteErrorCode,
    vi: string,
    en: string,
    options: { keyName?: string; keyId?: number; cause?: unknown } = {},
  ) {
    super(code, text(vi, en), { cause: options.cause })
    this.name = 'NoteError'
    this.keyName = options.keyName
    this.keyId = options.keyId
  }
}
