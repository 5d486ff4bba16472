// The few certificate fields CMS needs, read straight from the DER so that the issuer Name and serial
// number are copied byte for byte into IssuerAndSerialNumber and ESS IssuerSerial.
import { ElcError, text } from '@elc/core'
import { children, decodeOid, readSingle, TAG, type Tlv } from './der.ts'

export interface CertificateFields {
  /** The issuer Name, full DER. */
  issuer: Uint8Array
  /** The serialNumber INTEGER, full DER. */
  serialNumber: Uint8Array
  /** SubjectPublicKeyInfo algorithm OID. */
  keyAlgorithm: string
  /** Named curve OID of an EC key. */
  namedCurve?: string
}

export function certificateFields(der: Uint8Array): CertificateFields {
  try {
    const [tbs] = children(readSingle(der))
    if (!tbs || tbs.tag !== TAG.sequence) throw new Error('no tbsCertificate')
    const fields = children(tbs)
    // version is [0] EXPLICIT and optional
    const start = fields[0]?.tag === 0xa0 ? 1 : 0
    const serial = fields[start]
    const issuer = fields[start + 2]
    const spki = fields[start + 5]
    if (serial?.tag !== TAG.integer || issuer?.tag !== TAG.sequence || spki?.tag !== TAG.sequence)
      throw new Error('unexpected TBSCertificate layout')
    const [algorithm] = children(spki) as [Tlv]
    const [keyOid, params] = children(algorithm)
    if (!keyOid) throw new Error('no key algorithm')
    return {
      issuer: issuer.raw,
      serialNumber: serial.raw,
      keyAlgorithm: decodeOid(keyOid),
      ...(params?.tag === TAG.oid ? { namedCurve: decodeOid(params) } : {}),
    }
  } catch (cause) {
    throw new ElcError(
      'CERTIFICATE_MALFORMED',
      text('Chứng thư số không đọc được (DER X.509).', 'The certificate cannot be read (X.509 DER).'),
      { cause },
    )
  }
}
