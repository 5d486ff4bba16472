import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localKeySigner } from '../signers/local-key-signer.ts'
import { assembleSignedData } from './assemble-signed-data.ts'
import { children, octetString, oid, readSingle, sequence, tlv } from './der.ts'
import type { DigestAlgorithm } from './digest-algorithms.ts'
import { OID } from './oids.ts'
import { addSignatureTimestamp, signatureTimestampDigest } from './signature-timestamp.ts'
import { buildSignedAttributes } from './signed-attributes.ts'
import { signerInfoOf } from './signer-info.ts'
import { nth } from './testing/nth.ts'
import {
  makeCredential,
  opensslCmsVerify,
  type TestCredential,
  type TestKeyType,
  toPem,
} from './testing/test-certificates.ts'

let dir: string
let ca: TestCredential & { type: TestKeyType }
const content = new TextEncoder().encode('%PDF-1.7 … Hợp đồng lao động số HĐ-2026-001 …')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elc-pki-cms-'))
  ca = await makeCredential('P-256', 'CN=CA thử nghiệm, O=ELC')
  await writeFile(join(dir, 'ca.pem'), toPem([ca.der]))
  await writeFile(join(dir, 'content.bin'), content)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function signDetached(type: TestKeyType, digestAlgorithm: DigestAlgorithm) {
  const leaf = await makeCredential(type, `CN=Nguyễn Thị Hồng Nhung ${type}`, ca)
  const signer = localKeySigner(leaf.privateKeyPem, leaf.der, [ca.der])
  const signedAttributes = buildSignedAttributes({
    contentDigest: createHash(digestAlgorithm.replace('-', '').toLowerCase()).update(content).digest(),
    digestAlgorithm,
    signerCertificate: leaf.der,
  })
  const signature = await signer.sign(signedAttributes, digestAlgorithm)
  // The chain repeats the CA and the signer: both must appear once.
  const cms = assembleSignedData({
    signedAttributes,
    signature,
    certificate: leaf.der,
    chain: [ca.der, leaf.der, ca.der],
    digestAlgorithm,
  })
  return { leaf, signedAttributes, signature, cms }
}

async function opensslVerify(name: string, cms: Uint8Array) {
  await writeFile(join(dir, `${name}.p7s`), cms)
  return opensslCmsVerify(join(dir, `${name}.p7s`), join(dir, 'content.bin'), join(dir, 'ca.pem'))
}

describe('assembleSignedData', () => {
  it.each([
    ['P-256', 'SHA-256'],
    ['P-384', 'SHA-384'],
    ['P-521', 'SHA-512'],
    ['RSA', 'SHA-256'],
    ['RSA', 'SHA-512'],
  ] as const)('builds a detached CMS with a %s key and %s that openssl cms verifies', async (type, hash) => {
    const { leaf, signedAttributes, cms } = await signDetached(type, hash)
    const verified = await opensslVerify(`${type}-${hash}`, cms)
    expect(verified.out).toContain('Verification successful')

    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content })
    expect(signedData.version).toBe(1)
    expect(signedData.encapContentInfo.eContentType).toBe(OID.data)
    expect(signedData.encapContentInfo.eContent).toBeUndefined()
    expect(signedData.certificates).toHaveLength(2)
    const [info] = signedData.signerInfos
    expect(info?.sid).toBeInstanceOf(pkijs.IssuerAndSerialNumber)
    expect(info?.unsignedAttrs).toBeUndefined()
    const signed = signerInfoOf(cms).signedAttributes
    // [0] IMPLICIT in the SignerInfo, same content as the SET that was signed.
    expect(Buffer.from(tlv(0x31, signed.content))).toEqual(Buffer.from(signedAttributes))
    expect(signed.tag).toBe(0xa0)
    expect(leaf.der).toBeDefined()
  })

  it('accepts ECDSA r‖s and stores DER', async () => {
    const { webcrypto } = await import('node:crypto')
    const leaf = await makeCredential('P-256', 'CN=Trần Văn Bình', ca)
    const signedAttributes = buildSignedAttributes({
      contentDigest: createHash('sha256').update(content).digest(),
      digestAlgorithm: 'SHA-256',
      signerCertificate: leaf.der,
    })
    const raw = new Uint8Array(
      await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, leaf.privateKey, signedAttributes),
    )
    expect(raw).toHaveLength(64)
    const cms = assembleSignedData({
      signedAttributes,
      signature: raw,
      certificate: leaf.der,
      chain: [ca.der],
      digestAlgorithm: 'SHA-256',
    })
    expect(signerInfoOf(cms).signature.content[0]).toBe(0x30)
    expect((await opensslVerify('raw-ecdsa', cms)).out).toContain('Verification successful')
  })

  it('refuses signed attributes that are not a DER SET', async () => {
    const leaf = await makeCredential('P-256', 'CN=x', ca)
    expect(() =>
      assembleSignedData({
        signedAttributes: sequence(),
        signature: new Uint8Array(64),
        certificate: leaf.der,
        chain: [],
        digestAlgorithm: 'SHA-256',
      }),
    ).toThrow(expect.objectContaining({ code: 'CMS_INPUT_INVALID' }))
  })
})

describe('signature timestamps', () => {
  it('adds the token as id-aa-signatureTimeStampToken and keeps every signed byte', async () => {
    const { signature, cms } = await signDetached('P-256', 'SHA-256')
    expect(Buffer.from(signatureTimestampDigest(cms, 'SHA-256'))).toEqual(
      createHash('sha256').update(signature).digest(),
    )
    // Any ContentInfo stands in for a token here; real tokens are tested against the simulator's TSA.
    const token = sequence(oid(OID.data), octetString(new Uint8Array([1, 2, 3])))
    const stamped = addSignatureTimestamp(cms, token)
    const before = signerInfoOf(cms)
    const after = signerInfoOf(stamped)
    for (let i = 0; i < 6; i++)
      expect(Buffer.from(nth(after.fields, i).raw)).toEqual(Buffer.from(nth(before.fields, i).raw))
    const unsigned = after.unsignedAttributes
    if (!unsigned) throw new Error('no unsigned attributes')
    const attribute = children(nth(children(unsigned), 0))
    expect(Buffer.from(nth(attribute, 0).raw)).toEqual(Buffer.from(oid(OID.signatureTimeStampToken)))
    expect(Buffer.from(nth(children(nth(attribute, 1)), 0).raw)).toEqual(Buffer.from(token))
    // The certificates and everything before the SignerInfo are untouched.
    const prefix = (der: Uint8Array) =>
      children(nth(children(nth(children(readSingle(der)), 1)), 0))
        .slice(0, -1)
        .map((t) => Buffer.from(t.raw))
    expect(prefix(stamped)).toEqual(prefix(cms))
    expect((await opensslVerify('stamped', stamped)).out).toContain('Verification successful')
    const twice = signerInfoOf(addSignatureTimestamp(stamped, token)).unsignedAttributes
    expect(twice && children(twice)).toHaveLength(2)
  })

  it('refuses a CMS that is not one', () => {
    expect(() => signatureTimestampDigest(new Uint8Array([0x30, 0x00]), 'SHA-256')).toThrow(
      expect.objectContaining({ code: 'CMS_MALFORMED' }),
    )
    expect(() => addSignatureTimestamp(new Uint8Array([1, 2, 3]), new Uint8Array([0x30, 0]))).toThrow(
      expect.objectContaining({ code: 'CMS_MALFORMED' }),
    )
  })
})
