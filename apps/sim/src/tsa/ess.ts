import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { digest } from '../ocsp/signer.ts'

export const ID_AA_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47'

/**
 * ESS signing-certificate-v2 attribute (RFC 5035) binding the token to the TSA certificate, which
 * RFC 3161 §2.4.1 requires. SHA-256 is the DEFAULT hashAlgorithm, so DER leaves it out.
 */
export async function signingCertificateV2(cert: pkijs.Certificate): Promise<pkijs.Attribute> {
  const certHash = await digest('SHA-256', new Uint8Array(cert.toSchema().toBER()))
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: cert.issuer }).toSchema()] }),
      cert.serialNumber,
    ],
  })
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial],
  })
  const signingCertificate = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })
  return new pkijs.Attribute({ type: ID_AA_SIGNING_CERTIFICATE_V2, values: [signingCertificate] })
}
