import { describe, expect, it } from 'vitest'
import { parseCertificate } from '../trust/certificate.ts'
import type { KeyDescription, SignatureOutcome } from '../trust/signature.ts'
import { makeCert } from '../trust/testing/test-certs.ts'
import * as x509 from '../trust/x509.ts'
import { checkAlgorithms } from './algorithm-policy.ts'
import { checkSignerKeyUsage, checkTsaKeyUsage } from './key-usage.ts'

const SHA256 = { oid: '2.16.840.1.101.3.4.2.1', name: 'SHA-256' }
const SHA1 = { oid: '1.3.14.3.2.26', name: 'SHA-1' }
const SHA224 = { oid: '2.16.840.1.101.3.4.2.4', name: 'SHA-224' }
const what = { vi: 'Chữ ký', en: 'The signature' }
const sig = (scheme: SignatureOutcome['scheme']): SignatureOutcome => ({
  ok: true,
  scheme,
  name: String(scheme),
})
const key = (type: string, bits: number): KeyDescription => ({ type, bits, name: `${type} ${bits}` })

describe('R2.30 algorithm policy', () => {
  const cases: [string, typeof SHA256, SignatureOutcome, KeyDescription, string[]][] = [
    ['ECDSA P-256 with SHA-256', SHA256, sig('ecdsa'), key('EC', 256), []],
    ['RSASSA-PSS 2048 with SHA-256', SHA256, sig('rsa-pss'), key('RSA', 2048), []],
    ['RSASSA-PSS 3072', SHA256, sig('rsa-pss'), key('RSA', 3072), []],
    ['RSA PKCS#1 v1.5 2048', SHA256, sig('rsa-pkcs1'), key('RSA', 2048), ['warning:RSA_PKCS1_V15_SIGNATURE']],
    ['RSASSA-PSS 1024', SHA256, sig('rsa-pss'), key('RSA', 1024), ['error:RSA_KEY_TOO_SHORT']],
    ['ECDSA P-192', SHA256, sig('ecdsa'), key('EC', 192), ['error:EC_KEY_TOO_SHORT']],
    ['SHA-1', SHA1, sig('ecdsa'), key('EC', 256), ['error:DIGEST_ALGORITHM_BROKEN']],
    ['SHA-224 (not listed)', SHA224, sig('ecdsa'), key('EC', 256), ['warning:DIGEST_ALGORITHM_NOT_ALLOWED']],
    [
      'Ed25519 (not listed)',
      SHA256,
      sig('ed25519'),
      key('Ed25519', 256),
      ['warning:SIGNATURE_ALGORITHM_NOT_ALLOWED'],
    ],
  ]
  for (const [name, digest, signature, k, expected] of cases) {
    it(name, () => {
      const found = checkAlgorithms(what, digest, signature, k)
      expect(found.map((f) => `${f.severity}:${f.code}`)).toEqual(expected)
      for (const f of found) expect(f.ruleId).toBe('R2.30')
    })
  }
})

describe('R2.28 key usage', () => {
  it('accepts digitalSignature or nonRepudiation for signers, refuses keyCertSign alone', async () => {
    const ok = await makeCert({ name: 'CN=A', ca: false, keyUsage: x509.KeyUsageFlags.nonRepudiation })
    expect(checkSignerKeyUsage(parseCertificate(ok.der))).toEqual([])
    const bad = await makeCert({ name: 'CN=B', ca: false, keyUsage: x509.KeyUsageFlags.keyCertSign })
    expect(checkSignerKeyUsage(parseCertificate(bad.der))).toEqual([
      expect.objectContaining({ code: 'SIGNER_KEY_USAGE_INVALID', ruleId: 'R2.28', severity: 'error' }),
    ])
  })

  it('requires the critical timeStamping EKU on a TSA certificate', async () => {
    const plain = await makeCert({ name: 'CN=TSA', ca: false, keyUsage: x509.KeyUsageFlags.digitalSignature })
    expect(checkTsaKeyUsage(parseCertificate(plain.der)).map((f) => f.code)).toEqual(['TSA_EKU_MISSING'])
  })
})
