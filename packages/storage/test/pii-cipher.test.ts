// PiiCipher: personal data encrypted at rest, bound to its column, with rotating keys and a keyed lookup hash.
import { createHmac, randomBytes } from 'node:crypto'
import { ElcError, personalIdHash } from '@elc/core'
import { describe, expect, it } from 'vitest'
import { PiiCipher, parsePiiKeys, piiCipherFromEnv, WORKER_PERSONAL_ID } from '../src/pii-cipher.ts'

const key = () => randomBytes(32)
const OLD = { id: '2025-06', key: key() }
const NEW = { id: '2026-01', key: key() }
const LOOKUP = 'khóa-tra-cứu-kiểm-thử'
const CCCD = '001203004567'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ElcError)
    return (e as ElcError).code
  }
  return undefined
}

describe('PiiCipher', () => {
  const cipher = new PiiCipher({ keys: [NEW, OLD], currentKeyId: NEW.id, lookupKey: LOOKUP })

  it('round-trips a personal ID and a Vietnamese name without storing either in clear', () => {
    const { ciphertext, lookup } = cipher.encryptPersonalId(` ${CCCD} `)
    expect(ciphertext.includes(Buffer.from(CCCD))).toBe(false)
    expect(cipher.decryptPersonalId(ciphertext)).toBe(CCCD)
    expect(lookup).toBe(cipher.lookupHash(CCCD))
    const name = cipher.encrypt('Nguyễn Thị Hồng Nhung', 'contract.worker.full_name')
    expect(cipher.decrypt(name, 'contract.worker.full_name')).toBe('Nguyễn Thị Hồng Nhung')
  })

  it('uses a fresh IV each time, so equal values do not give equal ciphertexts', () => {
    expect(cipher.encrypt(CCCD, WORKER_PERSONAL_ID).equals(cipher.encrypt(CCCD, WORKER_PERSONAL_ID))).toBe(
      false,
    )
  })

  it('decrypts with any configured key and encrypts with the current one', () => {
    const before = new PiiCipher({ keys: [OLD], currentKeyId: OLD.id, lookupKey: LOOKUP })
    const stored = before.encryptPersonalId(CCCD).ciphertext
    expect(cipher.keyIdOf(stored)).toBe(OLD.id)
    expect(cipher.needsReencryption(stored)).toBe(true)
    expect(cipher.decryptPersonalId(stored)).toBe(CCCD)
    const rotated = cipher.encryptPersonalId(cipher.decryptPersonalId(stored)).ciphertext
    expect(cipher.keyIdOf(rotated)).toBe(NEW.id)
    expect(cipher.needsReencryption(rotated)).toBe(false)
    // Once the old key is retired, data still under it is reported, not guessed at.
    const retired = new PiiCipher({ keys: [NEW], currentKeyId: NEW.id, lookupKey: LOOKUP })
    expect(codeOf(() => retired.decryptPersonalId(stored))).toBe('PII_KEY_UNKNOWN')
    expect(retired.decryptPersonalId(rotated)).toBe(CCCD)
  })

  it('refuses a value copied into another column', () => {
    const { ciphertext } = cipher.encryptPersonalId(CCCD)
    expect(codeOf(() => cipher.decrypt(ciphertext, 'contract.employer.representative_personal_id'))).toBe(
      'PII_DECRYPT_FAILED',
    )
  })

  it('refuses a tampered ciphertext, wherever the change is', () => {
    const { ciphertext } = cipher.encryptPersonalId(CCCD)
    for (let i = 0; i < ciphertext.length; i++) {
      const altered = Buffer.from(ciphertext)
      altered[i] = (altered[i] as number) ^ 0x04
      const code = codeOf(() => cipher.decryptPersonalId(altered))
      expect(['PII_DECRYPT_FAILED', 'PII_KEY_UNKNOWN'], `byte ${i}`).toContain(code)
    }
    expect(codeOf(() => cipher.decryptPersonalId(ciphertext.subarray(0, ciphertext.length - 1)))).toBe(
      'PII_DECRYPT_FAILED',
    )
    expect(codeOf(() => cipher.decryptPersonalId(ciphertext.subarray(0, 10)))).toBe('PII_DECRYPT_FAILED')
  })

  it('refuses a ciphertext whose key id was swapped for another configured key', () => {
    const { ciphertext } = cipher.encryptPersonalId(CCCD)
    const swapped = Buffer.from(ciphertext)
    swapped.write(OLD.id, 2, 'utf8')
    expect(cipher.keyIdOf(swapped)).toBe(OLD.id)
    expect(codeOf(() => cipher.decryptPersonalId(swapped))).toBe('PII_DECRYPT_FAILED')
  })

  it('gives a stable, keyed lookup hash that agrees with web-auth', () => {
    const expected = createHmac('sha256', LOOKUP).update(CCCD).digest('hex')
    expect(cipher.lookupHash(CCCD)).toBe(expected)
    expect(cipher.encryptPersonalId(CCCD).lookup).toBe(expected)
    expect(cipher.lookupHash(CCCD)).toBe(personalIdHash(LOOKUP, CCCD))
    const otherKey = new PiiCipher({ keys: [NEW], currentKeyId: NEW.id, lookupKey: 'khóa-khác' })
    expect(otherKey.lookupHash(CCCD)).not.toBe(expected)
    expect(cipher.lookupHash('001203004568')).not.toBe(expected)
  })
})

describe('PiiCipher configuration', () => {
  const b64 = (k: Buffer) => k.toString('base64')

  it('reads keys as id:base64 with the first as current', () => {
    const parsed = parsePiiKeys(`${NEW.id}:${b64(NEW.key)}, ${OLD.id}:${b64(OLD.key)}`)
    expect(parsed.currentKeyId).toBe(NEW.id)
    expect(parsed.keys.map((k) => k.id)).toEqual([NEW.id, OLD.id])
    expect(parsed.keys[1]?.key.equals(OLD.key)).toBe(true)
  })

  it('builds the Platform cipher from its environment', () => {
    const cipher = piiCipherFromEnv({
      ELC_PLATFORM_PII_ENCRYPTION_KEYS: `${NEW.id}:${b64(NEW.key)}`,
      ELC_PLATFORM_PII_KEY: LOOKUP,
    })
    expect(cipher.decryptPersonalId(cipher.encryptPersonalId(CCCD).ciphertext)).toBe(CCCD)
    expect(cipher.lookupHash(CCCD)).toBe(personalIdHash(LOOKUP, CCCD))
  })

  it.each([
    ['missing keys', { ELC_PLATFORM_PII_KEY: LOOKUP }, 'PII_KEYS_MISSING'],
    ['missing lookup key', { ELC_PLATFORM_PII_ENCRYPTION_KEYS: `k:${b64(key())}` }, 'PII_KEYS_MISSING'],
    [
      'no key id',
      { ELC_PLATFORM_PII_KEY: LOOKUP, ELC_PLATFORM_PII_ENCRYPTION_KEYS: b64(key()) },
      'PII_KEY_MALFORMED',
    ],
    [
      'a 16-byte key',
      { ELC_PLATFORM_PII_KEY: LOOKUP, ELC_PLATFORM_PII_ENCRYPTION_KEYS: `k:${b64(randomBytes(16))}` },
      'PII_KEY_MALFORMED',
    ],
    [
      'not base64',
      { ELC_PLATFORM_PII_KEY: LOOKUP, ELC_PLATFORM_PII_ENCRYPTION_KEYS: `k:${'!'.repeat(43)}=` },
      'PII_KEY_MALFORMED',
    ],
    [
      'a duplicated id',
      { ELC_PLATFORM_PII_KEY: LOOKUP, ELC_PLATFORM_PII_ENCRYPTION_KEYS: `k:${b64(key())},k:${b64(key())}` },
      'PII_KEY_MALFORMED',
    ],
    [
      'a bad id',
      { ELC_PLATFORM_PII_KEY: LOOKUP, ELC_PLATFORM_PII_ENCRYPTION_KEYS: `khóa mới:${b64(key())}` },
      'PII_KEY_MALFORMED',
    ],
  ])('refuses %s with a clear error', (_label, env, code) => {
    let error: unknown
    try {
      piiCipherFromEnv(env)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ElcError)
    expect((error as ElcError).code).toBe(code)
    expect((error as ElcError).text.vi.length).toBeGreaterThan(0)
  })

  it('refuses a current key id that is not configured', () => {
    expect(codeOf(() => new PiiCipher({ keys: [OLD], currentKeyId: NEW.id, lookupKey: LOOKUP }))).toBe(
      'PII_KEY_MALFORMED',
    )
  })
})
