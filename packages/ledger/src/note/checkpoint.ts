// Transparency log checkpoints (c2sp.org/tlog-checkpoint): the note text of a signed tree head.
//
//   <origin>                 the log's identity, non-empty
//   <tree size>              ASCII decimal, no leading zeroes, below 2^63 (Go's int64, as in tlog.ParseTree)
//   <root hash>              base64 of the 32-byte RFC 6962 root
//   [<extension line>...]    optional, non-empty, opaque
//
// Key rotation: the origin line is part of the signed text and says which log this is; the key name on the
// signature line only picks the key. So a log rotates by signing the same origin with a new key (same
// or different key name): clients that trust the new verifier key accept it, clients with only the old
// one get NOTE_UNKNOWN_KEY (same name) or NOTE_NO_VERIFIED_SIGNATURE, and nothing about the origin changes.
// openCheckpoint's `origin` option is how a client pins the log it meant, whichever key signed.
import { decodeBase64, encodeBase64 } from './base64.ts'
import { NoteError } from './errors.ts'
import type { NoteSigner, NoteVerifier } from './keys.ts'
import { MAX_NOTE_BYTES, type OpenedNote, openNote, signNote } from './signed-note.ts'
import { isNoteSafe, isValidKeyName } from './syntax.ts'

export const ROOT_HASH_BYTES = 32
/** Sizes are below 2^63, so every Go, Java or SQL int64 reader sees the same number. */
export const MAX_CHECKPOINT_SIZE = (1n << 63n) - 1n

export interface Checkpoint {
  origin: string
  size: bigint
  rootHash: Uint8Array
  extensions: string[]
}

export interface CheckpointInput {
  origin: string
  size: bigint
  rootHash: Uint8Array
  extensions?: readonly string[]
}

export interface OpenedCheckpoint extends OpenedNote {
  checkpoint: Checkpoint
}

const SIZE = /^(?:0|[1-9][0-9]{0,18})$/

/** The checkpoint's note text. Our own origins follow the spec's SHOULD: a key-name-like string. */
export function formatCheckpoint(cp: CheckpointInput): string {
  if (!isValidKeyName(cp.origin))
    throw new NoteError(
      'CHECKPOINT_BAD_ORIGIN',
      'Nguồn (origin) phải khác rỗng, không chứa khoảng trắng, dấu "+" hay ký tự điều khiển.',
      'The origin must be non-empty, with no whitespace, "+" or control characters.',
    )
  if (typeof cp.size !== 'bigint' || cp.size < 0n || cp.size > MAX_CHECKPOINT_SIZE) throw badSize()
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== ROOT_HASH_BYTES) throw badRoot()
  for (const e of cp.extensions ?? []) {
    if (typeof e !== 'string' || e === '' || e.includes('\n') || !isNoteSafe(e))
      throw new NoteError(
        'CHECKPOINT_BAD_EXTENSION',
        'Dòng mở rộng phải khác rỗng, một dòng, không có ký tự điều khiển.',
        'An extension line must be one non-empty line without control characters.',
      )
  }
  const lines = [cp.origin, cp.size.toString(), encodeBase64(cp.rootHash), ...(cp.extensions ?? [])]
  return `${lines.join('\n')}\n`
}

/** Parses checkpoint text (the note text, not the signed note). Does not verify anything. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string')
    throw malformed('Checkpoint text must be a string.', 'Checkpoint phải là chuỗi.')
  if (text.length > MAX_NOTE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_NOTE_BYTES)
    throw malformed(
      `Checkpoint text is larger than ${MAX_NOTE_BYTES} bytes.`,
      `Checkpoint lớn hơn ${MAX_NOTE_BYTES} byte.`,
    )
  if (!text.endsWith('\n'))
    throw malformed(
      'Checkpoint text must end with a newline.',
      'Checkpoint phải kết thúc bằng ký tự xuống dòng.',
    )
  if (!isNoteSafe(text))
    throw malformed(
      'Checkpoint text holds a control character or is not valid UTF-8.',
      'Checkpoint chứa ký tự điều khiển hoặc không phải UTF-8 hợp lệ.',
    )
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3)
    throw malformed('A checkpoint has at least three lines.', 'Checkpoint phải có ít nhất ba dòng.')
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]]
  // Any non-empty origin: the spec tells clients not to assume the recommended format.
  if (origin === '')
    throw new NoteError('CHECKPOINT_BAD_ORIGIN', 'Dòng nguồn (origin) trống.', 'The origin line is empty.')
  if (!SIZE.test(size) || BigInt(size) > MAX_CHECKPOINT_SIZE) throw badSize()
  const rootHash = decodeBase64(root)
  if (!rootHash || rootHash.length !== ROOT_HASH_BYTES) throw badRoot()
  if (extensions.some((e) => e === ''))
    throw new NoteError(
      'CHECKPOINT_BAD_EXTENSION',
      'Dòng mở rộng không được trống.',
      'Extension lines must be non-empty.',
    )
  return { origin, size: BigInt(size), rootHash: Uint8Array.from(rootHash), extensions }
}

/** formatCheckpoint, then signNote. */
export function signCheckpoint(cp: CheckpointInput, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), signers)
}

/**
 * Verifies the note first (unverified text is never parsed), then parses it as a checkpoint. Pass the log's
 * keys only: a witness key here would let a note carrying nothing but a cosignature pass as log-signed.
 * Witnesses are checked with verifyCosignature.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: { origin?: string } = {},
): OpenedCheckpoint {
  const opened = openNote(note, verifiers)
  const checkpoint = parseCheckpoint(opened.text)
  if (options.origin !== undefined && checkpoint.origin !== options.origin)
    throw new NoteError(
      'CHECKPOINT_WRONG_ORIGIN',
      `Checkpoint thuộc nguồn "${checkpoint.origin}", không phải "${options.origin}".`,
      `The checkpoint is for origin "${checkpoint.origin}", not "${options.origin}".`,
    )
  return { ...opened, checkpoint }
}

function badSize(): NoteError {
  return new NoteError(
    'CHECKPOINT_BAD_SIZE',
    'Kích thước cây phải là số thập phân không có số 0 đứng đầu, từ 0 đến 2^63 − 1.',
    'The tree size must be decimal without leading zeroes, from 0 to 2^63 - 1.',
  )
}

function badRoot(): NoteError {
  return new NoteError(
    'CHECKPOINT_BAD_ROOT_HASH',
    'Mã băm gốc phải là base64 chuẩn của đúng 32 byte.',
    'The root hash must be standard base64 of exactly 32 bytes.',
  )
}

function malformed(en: string, vi: string): NoteError {
  return new NoteError('CHECKPOINT_MALFORMED', vi, en)
}
