// Signed notes, checkpoints and witness cosignatures (c2sp.org/signed-note, tlog-checkpoint, tlog-cosignature).

export { decodeBase64, encodeBase64 } from './base64.ts'
export {
  type Checkpoint,
  type CheckpointInput,
  formatCheckpoint,
  MAX_CHECKPOINT_SIZE,
  type OpenedCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  ROOT_HASH_BYTES,
  signCheckpoint,
} from './checkpoint.ts'
export {
  addCosignatures,
  type Cosignature,
  cosignatureMessage,
  cosignCheckpoint,
  generateWitnessKey,
  MAX_COSIGNATURE_TIMESTAMP,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  type VerifiedCosignature,
  verifyCosignature,
  type WitnessSigner,
  witnessVerifier,
} from './cosignature.ts'
export { NoteError, type NoteErrorCode } from './errors.ts'
export {
  ed25519NoteVerifier,
  formatKeyId,
  formatVerifierKey,
  generateNoteKey,
  keyId,
  type NoteKeyPair,
  type NoteSigner,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
} from './keys.ts'
export {
  addSignatureLines,
  MAX_NOTE_BYTES,
  MAX_SIGNATURES,
  type NoteSignature,
  type OpenedNote,
  openNote,
  signNote,
} from './signed-note.ts'
