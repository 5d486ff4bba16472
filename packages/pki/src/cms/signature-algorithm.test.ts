import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certificateFields } from './certificate-fields.ts'
import { OID } from './oids.ts'
import {
  defaultDigestAlgorithm,
  signatureAlgorithmFor,
  signatureAlgorithmIdentifier,
} from './signature-algorithm.ts'
import { makeCredential, openssl } from './testing/test-certificates.ts'

let dir: string

/** A self-signed certificate from openssl, for key types WebCrypto does not make here. */
async function opensslCertificate(name: string, ...keyArgs: string[]): Promise<Uint8Array> {
  const r = await openssl(
    'req',
    '-x509',
    '-newkey',
    ...keyArgs,
    '-nodes',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    join(dir, `${name}.key`),
    '-out',
    join(dir, `${name}.der`),
    '-outform',
    'DER',
    '-days',
    '1',
  )
  expect(r.ok, r.out).toBe(true)
  return new Uint8Array(await readFile(join(dir, `${name}.der`)))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elc-pki-sigalg-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('signatureAlgorithmFor', () => {
  it.each([
    ['P-256', 'SHA-256', OID.ecdsaWithSha256],
    ['P-384', 'SHA-384', OID.ecdsaWithSha384],
    ['P-521', 'SHA-512', OID.ecdsaWithSha512],
  ] as const)('gives ECDSA for %s, with %s by default', async (curve, hash, oid) => {
    const { der } = await makeCredential(curve, `CN=${curve}`)
    expect(defaultDigestAlgorithm(der)).toBe(hash)
    const algorithm = signatureAlgorithmFor(der, hash)
    expect(algorithm).toEqual({ name: 'ECDSA', hash, namedCurve: curve })
    const id = pkijs.AlgorithmIdentifier.fromBER(signatureAlgorithmIdentifier(algorithm))
    expect(id.algorithmId).toBe(oid)
    expect(id.algorithmParams).toBeUndefined()
  })

  it('gives RSASSA-PSS (MGF1 same hash, salt = hash length) for rsaEncryption and id-RSASSA-PSS keys', async () => {
    const rsa = await opensslCertificate('rsa', 'rsa:2048')
    const pss = await opensslCertificate('pss', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048')
    expect(certificateFields(rsa).keyAlgorithm).toBe(OID.rsaEncryption)
    expect(certificateFields(pss).keyAlgorithm).toBe(OID.rsassaPss)
    for (const cert of [rsa, pss])
      for (const [hash, oid, length] of [
        ['SHA-256', OID.sha256, 32],
        ['SHA-384', OID.sha384, 48],
        ['SHA-512', OID.sha512, 64],
      ] as const) {
        const algorithm = signatureAlgorithmFor(cert, hash)
        expect(algorithm).toEqual({ name: 'RSA-PSS', hash, saltLength: length })
        const id = pkijs.AlgorithmIdentifier.fromBER(signatureAlgorithmIdentifier(algorithm))
        expect(id.algorithmId).toBe(OID.rsassaPss)
        const params = new pkijs.RSASSAPSSParams({ schema: id.algorithmParams })
        expect(params.hashAlgorithm.algorithmId).toBe(oid)
        expect(params.maskGenAlgorithm.algorithmId).toBe(OID.mgf1)
        expect(
          new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams }).algorithmId,
        ).toBe(oid)
        expect(params.saltLength).toBe(length)
        expect(params.trailerField).toBe(1)
      }
    expect(defaultDigestAlgorithm(rsa)).toBe('SHA-256')
  })

  it('refuses a key type outside R2.30 (Ed25519) with a stable code', async () => {
    const ed = await opensslCertificate('ed', 'ed25519')
    expect(() => signatureAlgorithmFor(ed, 'SHA-256')).toThrow(
      expect.objectContaining({ code: 'SIGNING_KEY_UNSUPPORTED', ruleId: 'R2.30' }),
    )
  })

  it('encodes RSASSA-PSS-params for SHA-256 exactly, hash parameters absent (RFC 5754)', () => {
    const der = signatureAlgorithmIdentifier({ name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 })
    expect(Buffer.from(der).toString('hex')).toBe(
      '303d06092a864886f70d01010a3030a00d300b0609608648016503040201' +
        'a11a301806092a864886f70d010108300b0609608648016503040201a203020120',
    )
  })
})
