// Ed25519 note keys in the text forms of golang.org/x/mod/sumdb/note (c2sp.org/signed-note):
//   signer key   PRIVATE+KEY+<name>+<key ID, 8 hex>+<base64(type || 32-byte seed)>
//   verifier key <name>+<key ID, 8 hex>+<base64(type || 32-byte public key)>
// with key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian. Type 0x01 signs note text;
// type 0x04 (cosignature.ts) signs the cosignature/v1 message. Keys go through node:crypto KeyObjects
// built from DER, so no key bytes pass through a third-party library.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto'
import { decodeBase64, encodeBase64 } from './base64.ts'
import { NoteError } from './errors.ts'
import { isValidKeyName } from './syntax.ts'

/** Signature type of plain Ed25519 note signatures. */
export const SIGNATURE_TYPE_ED25519 = 0x01
/** Signature type of timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature). */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04

const ED25519_KEY_BYTES = 32
const ED25519_SIGNATURE_BYTES = 64
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+'

/** Signs the text of a note for one key. `sign` returns the bytes that follow the key ID on the line. */
export interface NoteSigner {
  readonly name: string
  readonly keyId: number
  readonly type: number
  readonly publicKey: Uint8Array
  sign(text: Uint8Array): Uint8Array
}

/** Checks one key's signatures; `verify` gets the note text and the bytes after the key ID. */
export interface NoteVerifier {
  readonly name: string
  readonly keyId: number
  readonly type: number
  readonly publicKey: Uint8Array
  verify(text: Uint8Array, signature: Uint8Array): boolean
}

export interface NoteKeyPair {
  /** Secret: whoever holds it signs as this key. */
  signerKey: string
  /** Public: give it to verifiers. */
  verifierKey: string
}

/** SHA-256(name || 0x0A || type || publicKey)[:4] as an unsigned 32-bit number. */
export function keyId(name: string, type: number, publicKey: Uint8Array): number {
  if (!Number.isInteger(type) || type < 0 || type > 0xff)
    throw new NoteError(
      'KEY_UNSUPPORTED_TYPE',
      'Loại chữ ký không hợp lệ.',
      `Signature type ${type} is not a byte.`,
    )
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, type))
    .update(publicKey)
    .digest()
    .readUInt32BE(0)
}

/** A key ID as written in key strings: eight lowercase hex digits. */
export function formatKeyId(id: number): string {
  return id.toString(16).padStart(8, '0')
}

/** A new random Ed25519 note key (type 0x01); `seed` makes it deterministic (tests, derived keys). */
export function generateNoteKey(name: string, seed?: Uint8Array): NoteKeyPair {
  return generateKeyPair(name, SIGNATURE_TYPE_ED25519, seed)
}

export function generateKeyPair(name: string, type: number, seed: Uint8Array = randomBytes(32)): NoteKeyPair {
  checkName(name)
  if (!(seed instanceof Uint8Array) || seed.length !== ED25519_KEY_BYTES)
    throw new NoteError('KEY_MALFORMED', 'Hạt giống khóa phải dài 32 byte.', 'An Ed25519 seed is 32 bytes.')
  const publicKey = ed25519PublicKey(ed25519PrivateKey(seed))
  const id = formatKeyId(keyId(name, type, publicKey))
  return {
    signerKey: `${PRIVATE_KEY_PREFIX}${name}+${id}+${encodeBase64(withType(type, seed))}`,
    verifierKey: `${name}+${id}+${encodeBase64(withType(type, publicKey))}`,
  }
}

/** The verifier key string of a public key. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  checkName(name)
  return `${name}+${formatKeyId(keyId(name, type, publicKey))}+${encodeBase64(withType(type, publicKey))}`
}

/** A verifier for a type 0x01 verifier key; rejects other types (witness keys: parseWitnessVerifierKey). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const k = decodeVerifierKey(vkey)
  requireType(k.type, SIGNATURE_TYPE_ED25519)
  return ed25519NoteVerifier(k.name, k.publicKey)
}

/** A signer for a type 0x01 signer key; rejects other types (witness keys: parseWitnessSignerKey). */
export function parseSignerKey(skey: string): NoteSigner {
  const k = decodeSignerKey(skey)
  requireType(k.type, SIGNATURE_TYPE_ED25519)
  return {
    name: k.name,
    keyId: k.keyId,
    type: SIGNATURE_TYPE_ED25519,
    publicKey: k.publicKey,
    sign: (text) => ed25519Sign(k.privateKey, text),
  }
}

/** A note verifier straight from a raw 32-byte Ed25519 public key (e.g. a log key from a trust root). */
export function ed25519NoteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  checkName(name)
  const key = ed25519PublicKeyObject(publicKey)
  const raw = Uint8Array.from(publicKey)
  return {
    name,
    keyId: keyId(name, SIGNATURE_TYPE_ED25519, raw),
    type: SIGNATURE_TYPE_ED25519,
    publicKey: raw,
    verify: (text, signature) => ed25519Verify(key, text, signature),
  }
}

export interface DecodedVerifierKey {
  name: string
  keyId: number
  type: number
  publicKey: Uint8Array
}

export interface DecodedSignerKey extends DecodedVerifierKey {
  privateKey: KeyObject
}

/** Splits and checks a verifier key of any Ed25519-based type (0x01, 0x04); the key ID must match. */
export function decodeVerifierKey(vkey: string): DecodedVerifierKey {
  if (typeof vkey !== 'string') throw malformed('verifier')
  if (vkey.startsWith(PRIVATE_KEY_PREFIX))
    throw new NoteError(
      'KEY_MALFORMED',
      'Đây là khóa ký bí mật, không phải khóa xác minh; đừng chia sẻ nó.',
      'This is a secret signer key, not a verifier key; do not share it.',
    )
  const [name, id, key] = splitKey(vkey, 'verifier')
  checkName(name)
  const { type, material } = decodeMaterial(id, key, 'verifier')
  const publicKey = material
  ed25519PublicKeyObject(publicKey)
  checkKeyId(name, type, publicKey, id)
  return { name, keyId: Number.parseInt(id, 16), type, publicKey }
}

/** Splits and checks a signer key; the key ID is checked against the derived public key. */
export function decodeSignerKey(skey: string): DecodedSignerKey {
  if (typeof skey !== 'string' || !skey.startsWith(PRIVATE_KEY_PREFIX)) throw malformed('signer')
  const [name, id, key] = splitKey(skey.slice(PRIVATE_KEY_PREFIX.length), 'signer')
  checkName(name)
  const { type, material } = decodeMaterial(id, key, 'signer')
  const privateKey = ed25519PrivateKey(material)
  const publicKey = ed25519PublicKey(privateKey)
  checkKeyId(name, type, publicKey, id)
  return { name, keyId: Number.parseInt(id, 16), type, publicKey, privateKey }
}

export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey))
}

export function ed25519Verify(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false
  try {
    return verify(null, message, publicKey, signature)
  } catch {
    return false
  }
}

function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' })
}

function ed25519PublicKey(privateKey: KeyObject): Uint8Array {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
  return new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX.length))
}

export function ed25519PublicKeyObject(publicKey: Uint8Array): KeyObject {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_KEY_BYTES)
    throw new NoteError(
      'KEY_MALFORMED',
      'Khóa công khai Ed25519 phải dài 32 byte.',
      'An Ed25519 public key is 32 bytes.',
    )
  try {
    return createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    })
  } catch (cause) {
    throw new NoteError(
      'KEY_MALFORMED',
      'Khóa công khai Ed25519 không hợp lệ.',
      'Invalid Ed25519 public key.',
      {
        cause,
      },
    )
  }
}

// Names cannot hold '+', so the first two '+' end the name and the ID; base64 may hold more.
function splitKey(s: string, kind: KeyKind): [string, string, string] {
  const a = s.indexOf('+')
  const b = a < 0 ? -1 : s.indexOf('+', a + 1)
  if (b < 0) throw malformed(kind)
  return [s.slice(0, a), s.slice(a + 1, b), s.slice(b + 1)]
}

function decodeMaterial(id: string, key: string, kind: KeyKind): { type: number; material: Uint8Array } {
  if (!/^[0-9a-fA-F]{8}$/.test(id)) throw malformed(kind)
  const bytes = decodeBase64(key)
  if (!bytes || bytes.length === 0) throw malformed(kind)
  const type = bytes[0] as number
  if (type !== SIGNATURE_TYPE_ED25519 && type !== SIGNATURE_TYPE_COSIGNATURE_V1)
    throw new NoteError(
      'KEY_UNSUPPORTED_TYPE',
      `Loại khóa ${hexByte(type)} không được hỗ trợ (chỉ Ed25519 0x01 và 0x04).`,
      `Key type ${hexByte(type)} is not supported (only Ed25519 0x01 and 0x04).`,
    )
  if (bytes.length !== 1 + ED25519_KEY_BYTES) throw malformed(kind)
  return { type, material: bytes.subarray(1) }
}

function checkKeyId(name: string, type: number, publicKey: Uint8Array, id: string): void {
  const want = keyId(name, type, publicKey)
  if (Number.parseInt(id, 16) !== want)
    throw new NoteError(
      'KEY_ID_MISMATCH',
      `Mã khóa ${id} không khớp với khóa (phải là ${formatKeyId(want)}).`,
      `Key ID ${id} does not match the key (expected ${formatKeyId(want)}).`,
      { keyName: name },
    )
}

export function requireType(type: number, want: number): void {
  if (type !== want)
    throw new NoteError(
      'KEY_UNSUPPORTED_TYPE',
      `Cần khóa loại ${hexByte(want)}, nhận được loại ${hexByte(type)}.`,
      `Expected a type ${hexByte(want)} key, got type ${hexByte(type)}.`,
    )
}

function hexByte(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`
}

export function checkName(name: string): void {
  if (!isValidKeyName(name))
    throw new NoteError(
      'KEY_BAD_NAME',
      'Tên khóa phải khác rỗng, không chứa khoảng trắng, dấu "+" hay ký tự điều khiển.',
      'A key name must be non-empty, with no whitespace, "+" or control characters.',
    )
}

function withType(type: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + bytes.length)
  out[0] = type
  out.set(bytes, 1)
  return out
}

type KeyKind = 'signer' | 'verifier'

function malformed(kind: KeyKind): NoteError {
  return new NoteError(
    'KEY_MALFORMED',
    kind === 'signer' ? 'Khóa ký sai định dạng.' : 'Khóa xác minh sai định dạng.',
    `Malformed ${kind} key.`,
  )
}
