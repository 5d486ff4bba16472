// Personal data at rest: AES-256-GCM with the key id inside each ciphertext, so keys rotate without a
// flag day (decrypt with any configured key, encrypt with the current one), and the purpose (table.column)
// as associated data, so a ciphertext copied into another column fails instead of decrypting.
//
// Layout: 0x01 | key id length (1 byte) | key id (UTF-8) | IV (12) | tag (16) | ciphertext
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { personalIdHash } from '@elc/core'
import { piiCiphertextInvalid, piiKeyMalformed, piiKeysMissing, piiKeyUnknown } from './errors.ts'

const VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/
const BASE64_32 = /^[A-Za-z0-9+/]{43}=$/

/** Where a worker's national ID number sits in a contract; other columns pass their own purpose. */
export const WORKER_PERSONAL_ID = 'contract.worker.personal_id'

export interface PiiKey {
  id: string
  key: Buffer
}

export interface PiiCipherOptions {
  /** Every key that may have encrypted stored data. */
  keys: readonly PiiKey[]
  /** The key new data is encrypted with. */
  currentKeyId: string
  /** HMAC secret for lookups; the same ELC_PLATFORM_PII_KEY that web-auth uses, so hashes agree. */
  lookupKey: string
}

export interface EncryptedPersonalId {
  ciphertext: Buffer
  /** Keyed hash for equality search; never reveals the number without the lookup key. */
  lookup: string
}

export class PiiCipher {
  private readonly keys: Map<string, Buffer>
  readonly currentKeyId: string
  private readonly lookupKey: string

  constructor(options: PiiCipherOptions) {
    if (options.keys.length === 0) throw piiKeysMissing('keys')
    this.keys = new Map()
    for (const { id, key } of options.keys) {
      if (!KEY_ID.test(id)) throw piiKeyMalformed(`key id "${id.slice(0, 70)}" must match ${KEY_ID.source}`)
      if (key.length !== 32) throw piiKeyMalformed(`key "${id}" has ${key.length} bytes, not 32`)
      if (this.keys.has(id)) throw piiKeyMalformed(`key id "${id}" appears twice`)
      this.keys.set(id, Buffer.from(key))
    }
    if (!this.keys.has(options.currentKeyId))
      throw piiKeyMalformed(`current key "${options.currentKeyId}" is not among the keys`)
    if (!options.lookupKey) throw piiKeysMissing('lookup key')
    this.currentKeyId = options.currentKeyId
    this.lookupKey = options.lookupKey
  }

  encrypt(plaintext: string, purpose: string): Buffer {
    const key = this.keys.get(this.currentKeyId) as Buffer
    const id = Buffer.from(this.currentKeyId, 'utf8')
    const header = Buffer.concat([Buffer.from([VERSION, id.length]), id])
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(aad(header, purpose))
    const body = Buffer.concat([cipher.update(plaintext.normalize('NFC'), 'utf8'), cipher.final()])
    return Buffer.concat([header, iv, cipher.getAuthTag(), body])
  }

  decrypt(ciphertext: Uint8Array, purpose: string): string {
    const data = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength)
    const keyId = this.keyIdOf(data)
    const key = this.keys.get(keyId)
    if (!key) throw piiKeyUnknown(keyId)
    const headerEnd = 2 + (data[1] as number)
    const iv = data.subarray(headerEnd, headerEnd + IV_BYTES)
    const tag = data.subarray(headerEnd + IV_BYTES, headerEnd + IV_BYTES + TAG_BYTES)
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(aad(data.subarray(0, headerEnd), purpose))
      decipher.setAuthTag(tag)
      const body = data.subarray(headerEnd + IV_BYTES + TAG_BYTES)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    } catch (e) {
      throw piiCiphertextInvalid(e)
    }
  }

  /** The key a ciphertext was made with; a rotation job re-encrypts rows where this is not the current id. */
  keyIdOf(ciphertext: Uint8Array): string {
    const len = ciphertext[1]
    if (
      ciphertext[0] !== VERSION ||
      len === undefined ||
      ciphertext.length < 2 + len + IV_BYTES + TAG_BYTES
    ) {
      throw piiCiphertextInvalid()
    }
    return Buffer.from(ciphertext.subarray(2, 2 + len)).toString('utf8')
  }

  needsReencryption(ciphertext: Uint8Array): boolean {
    return this.keyIdOf(ciphertext) !== this.currentKeyId
  }

  lookupHash(personalId: string): string {
    return personalIdHash(this.lookupKey, personalId)
  }

  encryptPersonalId(personalId: string, purpose = WORKER_PERSONAL_ID): EncryptedPersonalId {
    const value = personalId.trim()
    return { ciphertext: this.encrypt(value, purpose), lookup: this.lookupHash(value) }
  }

  decryptPersonalId(ciphertext: Uint8Array, purpose = WORKER_PERSONAL_ID): string {
    return this.decrypt(ciphertext, purpose)
  }
}

// The header is authenticated too, so the key id cannot be swapped to steer decryption.
function aad(header: Buffer, purpose: string): Buffer {
  return Buffer.concat([Buffer.from('elc-pii\0', 'utf8'), header, Buffer.from(`\0${purpose}`, 'utf8')])
}

/**
 * Parses `id:base64[,id:base64…]`; the first key is the current one. Generate a key with
 * `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`.
 */
export function parsePiiKeys(
  config: string | undefined,
  variable = 'ELC_PLATFORM_PII_ENCRYPTION_KEYS',
): {
  keys: PiiKey[]
  currentKeyId: string
} {
  if (!config?.trim()) throw piiKeysMissing(variable)
  const keys: PiiKey[] = []
  for (const entry of config.split(',')) {
    const item = entry.trim()
    const colon = item.indexOf(':')
    if (colon < 1) throw piiKeyMalformed(`an entry in ${variable} has no "id:" prefix`)
    const id = item.slice(0, colon)
    const b64 = item.slice(colon + 1)
    if (!BASE64_32.test(b64)) throw piiKeyMalformed(`key "${id}" in ${variable} is not base64 of 32 bytes`)
    keys.push({ id, key: Buffer.from(b64, 'base64') })
  }
  return { keys, currentKeyId: (keys[0] as PiiKey).id }
}

/**
 * The Platform's cipher from its environment: ELC_PLATFORM_PII_ENCRYPTION_KEYS (see parsePiiKeys) and
 * ELC_PLATFORM_PII_KEY (the lookup HMAC secret shared with web-auth).
 */
export function piiCipherFromEnv(
  env: Record<string, string | undefined> = process.env,
  prefix = 'ELC_PLATFORM',
): PiiCipher {
  const keysVar = `${prefix}_PII_ENCRYPTION_KEYS`
  const lookupVar = `${prefix}_PII_KEY`
  const lookupKey = env[lookupVar]
  if (!lookupKey) throw piiKeysMissing(lookupVar)
  return new PiiCipher({ ...parsePiiKeys(env[keysVar], keysVar), lookupKey })
}
