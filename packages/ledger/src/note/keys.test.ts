import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  formatKeyId,
  formatVerifierKey,
  generateNoteKey,
  keyId,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_ED25519,
} from './keys.ts'
import { codeOf, loadNoteVectors } from './test-support.ts'

// golang.org/x/mod/sumdb/note example_test.go, also in the shared vectors.
const PETER = loadNoteVectors().find((v) => v.name.includes('PeterNeumann'))
const GO_SKEY = PETER?.skey as string
const GO_VKEY = PETER?.vkey as string

describe('note keys', () => {
  it('rebuilds the Go example key pair from its seed (Go computed the key ID and encodings)', () => {
    const seed = Buffer.from(GO_SKEY.split('+').slice(4).join('+'), 'base64').subarray(1)
    expect(generateNoteKey('PeterNeumann', seed)).toEqual({ signerKey: GO_SKEY, verifierKey: GO_VKEY })
  })

  it('keyId is SHA-256(name || 0x0A || type || key)[:4] — the spec example key 530d903a', () => {
    const pub = Buffer.from('AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k', 'base64').subarray(1)
    expect(formatKeyId(keyId('example.com/foo', SIGNATURE_TYPE_ED25519, pub))).toBe('530d903a')
  })

  it('generates keys whose parts agree with each other and with a hash computed here', () => {
    const { signerKey, verifierKey } = generateNoteKey('elc.gov.vn/ledger')
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+elc\.gov\.vn\/ledger\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/)
    expect(verifierKey).toMatch(/^elc\.gov\.vn\/ledger\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/)
    const signer = parseSignerKey(signerKey)
    const verifier = parseVerifierKey(verifierKey)
    expect(signer.keyId).toBe(verifier.keyId)
    expect(Buffer.from(signer.publicKey)).toEqual(Buffer.from(verifier.publicKey))
    const [, id, ...rest] = verifierKey.split('+')
    const raw = Buffer.from(rest.join('+'), 'base64')
    const want = createHash('sha256').update('elc.gov.vn/ledger\n').update(raw).digest().subarray(0, 4)
    expect(id).toBe(want.toString('hex'))
    expect(formatVerifierKey('elc.gov.vn/ledger', SIGNATURE_TYPE_ED25519, verifier.publicKey)).toBe(
      verifierKey,
    )
    const text = new TextEncoder().encode('x\n')
    expect(verifier.verify(text, signer.sign(text))).toBe(true)
  })

  it('two random keys differ', () => {
    expect(generateNoteKey('a').signerKey).not.toBe(generateNoteKey('a').signerKey)
  })

  it('accepts names of any non-space, non-plus Unicode (Vietnamese included)', () => {
    const { verifierKey } = generateNoteKey('nhật-ký.gov.vn/hđlđ')
    expect(parseVerifierKey(verifierKey).name).toBe('nhật-ký.gov.vn/hđlđ')
  })

  const badNames: [string, string][] = [
    ['empty', ''],
    ['space', 'a b'],
    ['tab', 'a\tb'],
    ['no-break space', 'a\u00a0b'],
    ['ideographic space', 'a\u3000b'],
    ['plus', 'a+b'],
    ['newline', 'a\nb'],
    ['control character', 'a\u0001b'],
    ['lone surrogate', 'a\ud800b'],
  ]
  it.each(badNames)('rejects a key name with %s', (_, name) => {
    expect(codeOf(() => generateNoteKey(name))).toBe('KEY_BAD_NAME')
  })

  const vkeyPub = GO_VKEY.split('+').slice(2).join('+')
  const badVerifierKeys: [string, string, string][] = [
    ['wrong key ID', GO_VKEY.replace('c74f20a3', 'c74f20a4'), 'KEY_ID_MISMATCH'],
    [
      'name changed (ID no longer matches)',
      GO_VKEY.replace('PeterNeumann', 'PeterNeuman'),
      'KEY_ID_MISMATCH',
    ],
    ['short key ID', `PeterNeumann+c74f20a+${vkeyPub}`, 'KEY_MALFORMED'],
    ['non-hex key ID', `PeterNeumann+c74f20ag+${vkeyPub}`, 'KEY_MALFORMED'],
    ['missing key', 'PeterNeumann+c74f20a3', 'KEY_MALFORMED'],
    ['empty key', 'PeterNeumann+c74f20a3+', 'KEY_MALFORMED'],
    ['nothing but a name', 'PeterNeumann', 'KEY_MALFORMED'],
    ['non-base64 key', 'PeterNeumann+c74f20a3+!!!!', 'KEY_MALFORMED'],
    ['unpadded base64', `PeterNeumann+c74f20a3+${vkeyPub.replace(/=+$/, '')}x`, 'KEY_MALFORMED'],
    ['31-byte public key', `x+00000000+${Buffer.alloc(32, 1).toString('base64')}`, 'KEY_MALFORMED'],
    [
      'key type 0x02 (ECDSA)',
      `x+00000000+${Buffer.from([2, ...Buffer.alloc(32)]).toString('base64')}`,
      'KEY_UNSUPPORTED_TYPE',
    ],
    ['name with a space', `a b+00000000+${vkeyPub}`, 'KEY_BAD_NAME'],
    ['a signer key', GO_SKEY, 'KEY_MALFORMED'],
  ]
  it.each(badVerifierKeys)('parseVerifierKey rejects: %s', (_, vkey, code) => {
    expect(codeOf(() => parseVerifierKey(vkey))).toBe(code)
  })

  const badSignerKeys: [string, string, string][] = [
    ['a verifier key', GO_VKEY, 'KEY_MALFORMED'],
    ['wrong key ID', GO_SKEY.replace('c74f20a3', '00000000'), 'KEY_ID_MISMATCH'],
    ['lowercase prefix', GO_SKEY.replace('PRIVATE+KEY', 'private+key'), 'KEY_MALFORMED'],
    ['truncated seed', GO_SKEY.slice(0, -4), 'KEY_MALFORMED'],
  ]
  it.each(badSignerKeys)('parseSignerKey rejects: %s', (_, skey, code) => {
    expect(codeOf(() => parseSignerKey(skey))).toBe(code)
  })

  it('rejects a key type byte that is not a byte', () => {
    expect(codeOf(() => keyId('a', 256, new Uint8Array(32)))).toBe('KEY_UNSUPPORTED_TYPE')
  })
})
