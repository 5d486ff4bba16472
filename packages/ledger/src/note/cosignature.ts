// Witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1, Ed25519, signature type 0x04).
// A witness signs
//
//   cosignature/v1\n
//   time <POSIX seconds, decimal, no leading zeroes>\n
//   <the whole checkpoint text, extension lines included>
//
// and its note signature is keyID(4) || timestamp(8, big-endian) || Ed25519 signature(64), with
// key ID = SHA-256(name || 0x0A || 0x04 || public key)[:4]. The message does not name the witness, so one
// witness key must never serve two witness names; the 0x04 type byte keeps these keys apart from log keys.
import { type Checkpoint, parseCheckpoint } from './checkpoint.ts'
import { NoteError } from './errors.ts'
import {
  checkName,
  keyId as computeKeyId,
  decodeSignerKey,
  decodeVerifierKey,
  ed25519PublicKeyObject,
  ed25519Sign,
  ed25519Verify,
  generateKeyPair,
  type NoteKeyPair,
  type NoteVerifier,
  requireType,
  SIGNATURE_TYPE_COSIGNATURE_V1,
} from './keys.ts'
import {
  addSignatureLines,
  formatSignatureLine,
  type NoteSignature,
  openNote,
  parseNote,
} from './signed-note.ts'
import { utf8 } from './syntax.ts'

const HEADER = 'cosignature/v1\n'
const TIMESTAMP_BYTES = 8
const ED25519_SIGNATURE_BYTES = 64
/** The spec caps timestamps at 2^63 - 1. */
export const MAX_COSIGNATURE_TIMESTAMP = (1n << 63n) - 1n

/** A witness key able to cosign; use cosignCheckpoint rather than signMessage directly. */
export interface WitnessSigner {
  readonly name: string
  readonly keyId: number
  readonly type: typeof SIGNATURE_TYPE_COSIGNATURE_V1
  readonly publicKey: Uint8Array
  /** Raw Ed25519 over a complete cosignature/v1 message. */
  signMessage(message: Uint8Array): Uint8Array
}

export interface Cosignature {
  name: string
  keyId: number
  /** POSIX seconds. */
  timestamp: bigint
  /** The checkpoint text that was cosigned. */
  checkpointText: string
  /** The signature line, newline included, ready for addCosignatures. */
  line: string
}

export interface VerifiedCosignature {
  name: string
  keyId: number
  timestamp: bigint
  /** The timestamp as a Date (Invalid Date past the year 275760). */
  time: Date
  checkpoint: Checkpoint
}

/** A new random witness key (type 0x04); `seed` makes it deterministic. */
export function generateWitnessKey(name: string, seed?: Uint8Array): NoteKeyPair {
  return generateKeyPair(name, SIGNATURE_TYPE_COSIGNATURE_V1, seed)
}

export function parseWitnessSignerKey(skey: string): WitnessSigner {
  const k = decodeSignerKey(skey)
  requireType(k.type, SIGNATURE_TYPE_COSIGNATURE_V1)
  return {
    name: k.name,
    keyId: k.keyId,
    type: SIGNATURE_TYPE_COSIGNATURE_V1,
    publicKey: k.publicKey,
    signMessage: (message) => ed25519Sign(k.privateKey, message),
  }
}

/** A note verifier for a type 0x04 witness key; it checks the timestamped signature over the note text. */
export function parseWitnessVerifierKey(vkey: string): NoteVerifier {
  const k = decodeVerifierKey(vkey)
  requireType(k.type, SIGNATURE_TYPE_COSIGNATURE_V1)
  return witnessVerifier(k.name, k.publicKey)
}

/** A witness verifier straight from a raw 32-byte Ed25519 public key. */
export function witnessVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  checkName(name)
  const key = ed25519PublicKeyObject(publicKey)
  const raw = Uint8Array.from(publicKey)
  return {
    name,
    keyId: computeKeyId(name, SIGNATURE_TYPE_COSIGNATURE_V1, raw),
    type: SIGNATURE_TYPE_COSIGNATURE_V1,
    publicKey: raw,
    verify(text, signature) {
      if (signature.length !== TIMESTAMP_BYTES + ED25519_SIGNATURE_BYTES) return false
      const timestamp = readTimestamp(signature)
      if (timestamp > MAX_COSIGNATURE_TIMESTAMP) return false
      return ed25519Verify(key, messageBytes(text, timestamp), signature.subarray(TIMESTAMP_BYTES))
    },
  }
}

/** The exact bytes a witness signs for a checkpoint at a timestamp. */
export function cosignatureMessage(checkpointText: string, timestamp: bigint): Uint8Array {
  return messageBytes(utf8(checkpointText), timestamp)
}

/** Cosigns checkpoint text (it must parse as a checkpoint) at `time`, truncated to whole seconds. */
export function cosignCheckpoint(checkpointText: string, witness: WitnessSigner, time: Date): Cosignature {
  parseCheckpoint(checkpointText)
  requireType(witness.type, SIGNATURE_TYPE_COSIGNATURE_V1)
  const ms = time instanceof Date ? time.getTime() : Number.NaN
  if (!Number.isFinite(ms) || ms < 0)
    throw new NoteError(
      'COSIGNATURE_BAD_TIME',
      'Thời điểm đồng ký phải là một thời điểm hợp lệ không trước 1970.',
      'The cosignature time must be a valid time not before 1970.',
    )
  const timestamp = BigInt(Math.floor(ms / 1000))
  const signature = witness.signMessage(cosignatureMessage(checkpointText, timestamp))
  const bytes = new Uint8Array(TIMESTAMP_BYTES + signature.length)
  new DataView(bytes.buffer).setBigUint64(0, timestamp)
  bytes.set(signature, TIMESTAMP_BYTES)
  return {
    name: witness.name,
    keyId: witness.keyId,
    timestamp,
    checkpointText,
    line: formatSignatureLine(witness.name, witness.keyId, bytes),
  }
}

/** Adds cosignature lines to a signed checkpoint; each must be over this very checkpoint text. */
export function addCosignatures(
  signedNote: string | Uint8Array,
  cosignatures: readonly Cosignature[],
): string {
  const { text } = parseNote(signedNote)
  for (const c of cosignatures) {
    if (c.checkpointText !== text)
      throw new NoteError(
        'COSIGNATURE_WRONG_CHECKPOINT',
        `Đồng ký của ${c.name} dành cho một checkpoint khác.`,
        `The cosignature by ${c.name} is over a different checkpoint.`,
        { keyName: c.name, keyId: c.keyId },
      )
  }
  return addSignatureLines(
    signedNote,
    cosignatures.map((c) => c.line),
  )
}

/**
 * Verifies one witness's cosignature on a signed checkpoint (the log's own signature is openCheckpoint's
 * job). `now` rejects timestamps in the future, which the spec allows verifiers to do.
 */
export function verifyCosignature(
  signedNote: string | Uint8Array,
  witness: NoteVerifier,
  options: { now?: Date } = {},
): VerifiedCosignature {
  if (witness.type !== SIGNATURE_TYPE_COSIGNATURE_V1)
    throw new NoteError(
      'COSIGNATURE_WRONG_KEY_TYPE',
      'Khóa nhân chứng phải là loại 0x04 (cosignature/v1).',
      'A witness key must be of type 0x04 (cosignature/v1).',
      { keyName: witness.name, keyId: witness.keyId },
    )
  const nowMs = options.now?.getTime()
  if (nowMs !== undefined && !Number.isFinite(nowMs))
    throw new NoteError(
      'COSIGNATURE_BAD_TIME',
      'Thời điểm hiện tại không hợp lệ.',
      'The current time is not a valid time.',
    )
  const opened = openNote(signedNote, [witness])
  const checkpoint = parseCheckpoint(opened.text)
  // openNote returns at least one verified signature, and only the witness can have made it.
  const sig = opened.verified[0] as NoteSignature
  // Our verifier demands 8 + 64 bytes; a caller's own 0x04 verifier might not.
  if (sig.signature.length < TIMESTAMP_BYTES)
    throw new NoteError(
      'NOTE_BAD_SIGNATURE',
      'Đồng ký thiếu dấu thời gian.',
      'The cosignature has no timestamp.',
      {
        keyName: sig.name,
        keyId: sig.keyId,
      },
    )
  const timestamp = readTimestamp(sig.signature)
  if (nowMs !== undefined && timestamp * 1000n > BigInt(Math.floor(nowMs)))
    throw new NoteError(
      'COSIGNATURE_FROM_FUTURE',
      `Đồng ký của ${sig.name} ghi thời điểm trong tương lai.`,
      `The cosignature by ${sig.name} is timestamped in the future.`,
      { keyName: sig.name, keyId: sig.keyId },
    )
  return { name: sig.name, keyId: sig.keyId, timestamp, time: new Date(Number(timestamp) * 1000), checkpoint }
}

function messageBytes(text: Uint8Array, timestamp: bigint): Uint8Array {
  const head = utf8(`${HEADER}time ${timestamp.toString()}\n`)
  const out = new Uint8Array(head.length + text.length)
  out.set(head)
  out.set(text, head.length)
  return out
}

function readTimestamp(signature: Uint8Array): bigint {
  return new DataView(signature.buffer, signature.byteOffset, signature.byteLength).getBigUint64(0)
}
