// Signed notes (c2sp.org/signed-note), read the way golang.org/x/mod/sumdb/note.Open reads them:
//
//   <text, ending in a newline>
//   <blank line>
//   — <key name> <base64(key ID || signature)>      one line per signature, at least one
//
// The text ends at the LAST blank line, so the text itself may hold blank lines. As in Go, a known key's
// failed signature rejects the whole note and unknown keys are ignored. Stricter than Go: base64 must be
// canonical, and two lines from one known key are an error (Go verifies the first and drops the rest
// unseen, so a second line could carry anything).
import { decodeBase64, encodeBase64 } from './base64.ts'
import { NoteError } from './errors.ts'
import { formatKeyId, type NoteSigner, type NoteVerifier } from './keys.ts'
import { isNoteSafe, isValidKeyName, utf8 } from './syntax.ts'

/** Largest note accepted or produced, in UTF-8 bytes (Go's tlog.ParseTree limit for checkpoint text). */
export const MAX_NOTE_BYTES = 1_000_000
/** Most signature lines in one note (Go's note.Open limit; the spec asks for at least 16). */
export const MAX_SIGNATURES = 100

const SIGNATURE_PREFIX = '\u2014 ' // em dash, space

export interface NoteSignature {
  name: string
  keyId: number
  /** The bytes after the key ID (for a cosignature: timestamp || Ed25519 signature). */
  signature: Uint8Array
}

export interface OpenedNote {
  /** The signed text, final newline included. */
  text: string
  /** Signatures from known keys, all verified, in note order. */
  verified: NoteSignature[]
  /** Distinct signatures from keys not among the verifiers, ignored as the spec requires. */
  unverified: { name: string; keyId: number }[]
  unverifiedCount: number
}

/** One parsed signature line; `line` is the line without its newline. */
export interface SignatureLine extends NoteSignature {
  line: string
}

/** Signs text (which must end in a newline) with each signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text)
  if (signers.length === 0)
    throw new NoteError('NOTE_BAD_SIGNER', 'Cần ít nhất một khóa ký.', 'At least one signer is needed.')
  if (signers.length > MAX_SIGNATURES) throw tooManySignatures()
  const bytes = utf8(text)
  const seen = new Set<string>()
  let lines = ''
  for (const s of signers) {
    if (!isValidKeyName(s.name) || !Number.isInteger(s.keyId) || s.keyId < 0 || s.keyId > 0xffffffff)
      throw new NoteError('NOTE_BAD_SIGNER', 'Khóa ký không hợp lệ.', 'Invalid signer (name or key ID).')
    const k = keyOf(s.name, s.keyId)
    if (seen.has(k)) throw duplicate(s.name, s.keyId)
    seen.add(k)
    const signature = s.sign(bytes)
    if (!(signature instanceof Uint8Array) || signature.length === 0)
      throw new NoteError(
        'NOTE_BAD_SIGNER',
        'Khóa ký trả về chữ ký rỗng.',
        'The signer returned no signature.',
      )
    lines += formatSignatureLine(s.name, s.keyId, signature)
  }
  const note = `${text}\n${lines}`
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw tooLarge()
  return note
}

/**
 * Opens a note: every signature from a known key must verify (else NOTE_BAD_SIGNATURE) and at least one
 * must exist (else NOTE_UNKNOWN_KEY when a line carries a known name with another key ID, as after a key
 * rotation, or NOTE_NO_VERIFIED_SIGNATURE). Signatures from unknown keys are counted and ignored.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, lines } = parseNote(note)
  const byKey = new Map<string, NoteVerifier[]>()
  for (const v of verifiers) {
    const k = keyOf(v.name, v.keyId)
    byKey.set(k, [...(byKey.get(k) ?? []), v])
  }
  const textBytes = utf8(text)
  const verified: NoteSignature[] = []
  const unverified: { name: string; keyId: number }[] = []
  const seenKnown = new Set<string>()
  const seenUnknown = new Set<string>()
  for (const { name, keyId, signature, line } of lines) {
    const k = keyOf(name, keyId)
    const candidates = byKey.get(k)
    if (!candidates) {
      if (!seenUnknown.has(line)) unverified.push({ name, keyId })
      seenUnknown.add(line)
      continue
    }
    if (candidates.length > 1)
      throw new NoteError(
        'NOTE_AMBIGUOUS_KEY',
        `Có nhiều khóa xác minh trùng tên và mã ${name}+${formatKeyId(keyId)}.`,
        `More than one verifier has name and key ID ${name}+${formatKeyId(keyId)}.`,
        { keyName: name, keyId },
      )
    if (seenKnown.has(k)) throw duplicate(name, keyId)
    seenKnown.add(k)
    if (!safeVerify(candidates[0] as NoteVerifier, textBytes, signature))
      throw new NoteError(
        'NOTE_BAD_SIGNATURE',
        `Chữ ký của khóa ${name}+${formatKeyId(keyId)} không hợp lệ.`,
        `Invalid signature for key ${name}+${formatKeyId(keyId)}.`,
        { keyName: name, keyId },
      )
    verified.push({ name, keyId, signature })
  }
  if (verified.length === 0) {
    const names = new Set(verifiers.map((v) => v.name))
    const rotated = unverified.find((u) => names.has(u.name))
    if (rotated)
      throw new NoteError(
        'NOTE_UNKNOWN_KEY',
        `Ghi chú được ký bởi khóa ${rotated.name}+${formatKeyId(rotated.keyId)} không nằm trong các khóa tin cậy.`,
        `The note is signed by key ${rotated.name}+${formatKeyId(rotated.keyId)}, which is not a trusted key.`,
        { keyName: rotated.name, keyId: rotated.keyId },
      )
    throw new NoteError(
      'NOTE_NO_VERIFIED_SIGNATURE',
      'Ghi chú không có chữ ký nào của khóa tin cậy.',
      'The note has no signature from a trusted key.',
    )
  }
  return { text, verified, unverified, unverifiedCount: unverified.length }
}

/**
 * Adds signature lines (with or without their newline) to a signed note without verifying anything; an
 * existing line from the same name and key ID is replaced, as Go's note.Sign does.
 */
export function addSignatureLines(signedNote: string | Uint8Array, newLines: readonly string[]): string {
  const { text, lines } = parseNote(signedNote)
  // A later line from the same key wins, whether it was already in the note or earlier in newLines.
  const byKey = new Map<string, SignatureLine>()
  for (const l of newLines) {
    const parsed = parseSignatureLine(typeof l === 'string' && l.endsWith('\n') ? l.slice(0, -1) : l)
    const k = keyOf(parsed.name, parsed.keyId)
    byKey.delete(k)
    byKey.set(k, parsed)
  }
  const added = [...byKey.values()]
  const replaced = new Set(byKey.keys())
  const all = [...lines.filter((l) => !replaced.has(keyOf(l.name, l.keyId))), ...added]
  if (all.length > MAX_SIGNATURES) throw tooManySignatures()
  const note = `${text}\n${all.map((l) => `${l.line}\n`).join('')}`
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw tooLarge()
  return note
}

/** `— <name> <base64(key ID || signature)>` and a newline. */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const bytes = new Uint8Array(4 + signature.length)
  new DataView(bytes.buffer).setUint32(0, keyId)
  bytes.set(signature, 4)
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(bytes)}\n`
}

/** The note's syntax only: size, encoding, the split into text and signature lines. No signature checked. */
export function parseNote(note: string | Uint8Array): { text: string; lines: SignatureLine[] } {
  const s = decodeNote(note)
  const split = s.lastIndexOf('\n\n')
  if (split < 0)
    throw new NoteError(
      'NOTE_MALFORMED',
      'Ghi chú thiếu dòng trống trước chữ ký.',
      'No blank line before the signatures.',
    )
  const text = s.slice(0, split + 1)
  const block = s.slice(split + 2)
  if (block === '' || !block.endsWith('\n'))
    throw new NoteError(
      'NOTE_MALFORMED',
      'Ghi chú phải kết thúc bằng ít nhất một dòng chữ ký.',
      'A note must end with at least one newline-terminated signature line.',
    )
  const raw = block.slice(0, -1).split('\n')
  if (raw.length > MAX_SIGNATURES) throw tooManySignatures()
  return { text, lines: raw.map(parseSignatureLine) }
}

function parseSignatureLine(line: string): SignatureLine {
  if (typeof line !== 'string' || line.includes('\n') || !isNoteSafe(line))
    throw badLine('Dòng chữ ký chứa ký tự không hợp lệ.', 'Invalid characters in a signature line.')
  if (!line.startsWith(SIGNATURE_PREFIX))
    throw badLine(
      'Dòng chữ ký phải bắt đầu bằng "— ".',
      'A signature line must start with an em dash and a space.',
    )
  const rest = line.slice(SIGNATURE_PREFIX.length)
  const space = rest.indexOf(' ')
  const name = space < 0 ? rest : rest.slice(0, space)
  const b64 = space < 0 ? '' : rest.slice(space + 1)
  if (!isValidKeyName(name))
    throw badLine('Tên khóa trong dòng chữ ký không hợp lệ.', 'Invalid key name in a signature line.')
  const bytes = decodeBase64(b64)
  if (!bytes)
    throw badLine('Chữ ký không phải base64 chuẩn.', 'The signature is not canonical standard base64.')
  if (bytes.length < 5)
    throw badLine('Chữ ký quá ngắn.', 'The signature is shorter than a key ID and one byte.')
  const keyId = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0)
  return { name, keyId, signature: bytes.subarray(4), line }
}

// Size first (cheap, bounds all later work), then encoding and control characters.
function decodeNote(note: string | Uint8Array): string {
  let s: string
  if (typeof note === 'string') {
    if (note.length > MAX_NOTE_BYTES || Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw tooLarge()
    s = note
  } else if (note instanceof Uint8Array) {
    if (note.length > MAX_NOTE_BYTES) throw tooLarge()
    try {
      s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note)
    } catch (cause) {
      throw new NoteError(
        'NOTE_MALFORMED',
        'Ghi chú không phải UTF-8 hợp lệ.',
        'The note is not valid UTF-8.',
        { cause },
      )
    }
  } else {
    throw new NoteError('NOTE_MALFORMED', 'Ghi chú phải là chuỗi hoặc byte.', 'A note is a string or bytes.')
  }
  if (!isNoteSafe(s))
    throw new NoteError(
      'NOTE_MALFORMED',
      'Ghi chú chứa ký tự điều khiển hoặc không mã hóa được UTF-8.',
      'The note holds a control character other than newline, or is not valid UTF-8.',
    )
  return s
}

export function checkText(text: string): void {
  if (typeof text !== 'string' || !text.endsWith('\n'))
    throw new NoteError(
      'NOTE_TEXT_NOT_NEWLINE_TERMINATED',
      'Nội dung ghi chú phải kết thúc bằng ký tự xuống dòng.',
      'Note text must end with a newline.',
    )
  if (!isNoteSafe(text))
    throw new NoteError(
      'NOTE_MALFORMED',
      'Nội dung ghi chú chứa ký tự điều khiển hoặc không mã hóa được UTF-8.',
      'Note text holds a control character other than newline, or is not valid UTF-8.',
    )
  if (Buffer.byteLength(text, 'utf8') > MAX_NOTE_BYTES) throw tooLarge()
}

// A verifier is outside code; one that throws has not verified.
function safeVerify(v: NoteVerifier, text: Uint8Array, signature: Uint8Array): boolean {
  try {
    return v.verify(text, signature) === true
  } catch {
    return false
  }
}

function keyOf(name: string, keyId: number): string {
  return `${name}+${formatKeyId(keyId)}`
}

function badLine(vi: string, en: string): NoteError {
  return new NoteError('NOTE_MALFORMED_SIGNATURE', vi, en)
}

function duplicate(name: string, keyId: number): NoteError {
  return new NoteError(
    'NOTE_DUPLICATE_SIGNATURE',
    `Khóa ${name}+${formatKeyId(keyId)} ký nhiều lần trên cùng ghi chú.`,
    `Key ${name}+${formatKeyId(keyId)} signs the note more than once.`,
    { keyName: name, keyId },
  )
}

function tooManySignatures(): NoteError {
  return new NoteError(
    'NOTE_TOO_MANY_SIGNATURES',
    `Ghi chú có quá ${MAX_SIGNATURES} chữ ký.`,
    `The note has more than ${MAX_SIGNATURES} signatures.`,
  )
}

function tooLarge(): NoteError {
  return new NoteError(
    'NOTE_TOO_LARGE',
    `Ghi chú lớn hơn ${MAX_NOTE_BYTES} byte.`,
    `The note is larger than ${MAX_NOTE_BYTES} bytes.`,
  )
}
