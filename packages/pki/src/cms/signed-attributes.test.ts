import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { beforeAll, describe, expect, it } from 'vitest'
import { OID } from './oids.ts'
import { buildSignedAttributes } from './signed-attributes.ts'
import { makeCredential, type TestCredential } from './testing/test-certificates.ts'

let ca: TestCredential & { type: 'P-256' }
let leaf: TestCredential

beforeAll(async () => {
  ca = (await makeCredential('P-256', 'CN=CA thử nghiệm, O=ELC')) as typeof ca
  leaf = await makeCredential('P-256', 'CN=Nguyễn Thị Hồng Nhung', ca)
})

function parse(der: Uint8Array) {
  const { result, offset } = asn1js.fromBER(der)
  expect(offset).toBe(der.length)
  expect(result).toBeInstanceOf(asn1js.Set)
  return (result as asn1js.Set).valueBlock.value.map((a) => new pkijs.Attribute({ schema: a }))
}

function essCertId(attrs: pkijs.Attribute[]) {
  const ess = attrs.find((a) => a.type === OID.signingCertificateV2)
  if (!ess) throw new Error('no signing-certificate-v2 attribute')
  const certs = (ess.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence
  expect(certs.valueBlock.value).toHaveLength(1)
  return (certs.valueBlock.value[0] as asn1js.Sequence).valueBlock.value
}

describe('buildSignedAttributes', () => {
  it('holds content-type, message-digest and signing-certificate-v2, DER-sorted, and no signing-time', () => {
    const contentDigest = createHash('sha256').update('hợp đồng').digest()
    const der = buildSignedAttributes({
      contentDigest,
      digestAlgorithm: 'SHA-256',
      signerCertificate: leaf.der,
    })
    expect(der[0]).toBe(0x31)
    const attrs = parse(der)
    expect(attrs.map((a) => a.type).sort()).toEqual(
      [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort(),
    )
    expect(attrs.some((a) => a.type === OID.signingTime)).toBe(false)
    const raw = (asn1js.fromBER(der).result as asn1js.Set).valueBlock.value.map((v) => Buffer.from(v.toBER()))
    expect([...raw].sort(Buffer.compare)).toEqual(raw)
    const contentType = attrs.find((a) => a.type === OID.contentType)?.values[0] as asn1js.ObjectIdentifier
    expect(contentType.valueBlock.toString()).toBe(OID.data)
    const md = attrs.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString
    expect(Buffer.from(md.valueBlock.valueHexView)).toEqual(contentDigest)
  })

  it('omits ESS hashAlgorithm for SHA-256 (its DEFAULT) and names the certificate by hash and issuerSerial', () => {
    const der = buildSignedAttributes({
      contentDigest: new Uint8Array(32),
      digestAlgorithm: 'SHA-256',
      signerCertificate: leaf.der,
    })
    const [certHash, issuerSerial] = essCertId(parse(der))
    expect(certHash).toBeInstanceOf(asn1js.OctetString)
    expect(Buffer.from((certHash as asn1js.OctetString).valueBlock.valueHexView)).toEqual(
      createHash('sha256').update(leaf.der).digest(),
    )
    const cert = pkijs.Certificate.fromBER(leaf.der)
    const [generalNames, serial] = (issuerSerial as asn1js.Sequence).valueBlock.value
    const directoryName = (generalNames as asn1js.Sequence).valueBlock.value[0] as asn1js.Constructed
    expect(directoryName.idBlock.tagClass).toBe(3)
    expect(directoryName.idBlock.tagNumber).toBe(4)
    expect(Buffer.from(directoryName.valueBlock.value[0]?.toBER() ?? new ArrayBuffer(0))).toEqual(
      Buffer.from(cert.issuer.toSchema().toBER()),
    )
    expect((serial as asn1js.Integer).isEqual(cert.serialNumber)).toBe(true)
  })

  it('names the hash algorithm in ESSCertIDv2 for SHA-384 and SHA-512', () => {
    for (const [algorithm, oid, node] of [
      ['SHA-384', OID.sha384, 'sha384'],
      ['SHA-512', OID.sha512, 'sha512'],
    ] as const) {
      const der = buildSignedAttributes({
        contentDigest: new Uint8Array(algorithm === 'SHA-384' ? 48 : 64),
        digestAlgorithm: algorithm,
        signerCertificate: leaf.der,
      })
      const [hashAlgorithm, certHash] = essCertId(parse(der))
      expect(new pkijs.AlgorithmIdentifier({ schema: hashAlgorithm }).algorithmId).toBe(oid)
      expect(Buffer.from((certHash as asn1js.OctetString).valueBlock.valueHexView)).toEqual(
        createHash(node).update(leaf.der).digest(),
      )
    }
  })

  it('refuses SHA-1, a digest of the wrong length and a certificate that is not one', () => {
    const call =
      (digestAlgorithm: string, length: number, cert = leaf.der) =>
      () =>
        buildSignedAttributes({
          contentDigest: new Uint8Array(length),
          digestAlgorithm: digestAlgorithm as 'SHA-256',
          signerCertificate: cert,
        })
    expect(call('SHA-1', 20)).toThrow(expect.objectContaining({ code: 'DIGEST_ALGORITHM_UNSUPPORTED' }))
    expect(call('SHA-256', 48)).toThrow(expect.objectContaining({ code: 'DIGEST_LENGTH_INVALID' }))
    expect(call('SHA-256', 32, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(
      expect.objectContaining({ code: 'CERTIFICATE_MALFORMED' }),
    )
  })
})
