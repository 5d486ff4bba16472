// PAdES-baseline signed attributes (ETSI EN 319 142-1 §5.2): content-type, message-digest and ESS
// signing-certificate-v2. No signing-time: PAdES puts the claimed time in the signature dictionary's /M.
import { certificateFields } from './certificate-fields.ts'
import { octetString, oid, sequence, setOf, tlv } from './der.ts'
import {
  checkDigest,
  checkDigestAlgorithm,
  type DigestAlgorithm,
  digest,
  digestAlgorithmIdentifier,
} from './digest-algorithms.ts'
import { OID } from './oids.ts'

export interface SignedAttributesInput {
  /** Digest of the signed content (the PDF's ByteRange). */
  contentDigest: Uint8Array
  digestAlgorithm: DigestAlgorithm
  /** The signer's certificate, DER. */
  signerCertificate: Uint8Array
}

function attribute(type: string, value: Uint8Array): Uint8Array {
  return sequence(oid(type), setOf([value]))
}

/** ESSCertIDv2 (RFC 5035): hashAlgorithm is left out for SHA-256, its DEFAULT, as DER requires. */
export function signingCertificateV2(certificate: Uint8Array, algorithm: DigestAlgorithm): Uint8Array {
  const { issuer, serialNumber } = certificateFields(certificate)
  // IssuerSerial.issuer is GeneralNames holding one directoryName ([4] EXPLICIT Name).
  const issuerSerial = sequence(sequence(tlv(0xa4, issuer)), serialNumber)
  const certId = sequence(
    ...(algorithm === 'SHA-256' ? [] : [digestAlgorithmIdentifier(algorithm)]),
    octetString(digest(algorithm, certificate)),
    issuerSerial,
  )
  return sequence(sequence(certId))
}

/** The DER SET OF signed attributes (tag 0x31): exactly the bytes the signature covers. */
export function buildSignedAttributes(input: SignedAttributesInput): Uint8Array {
  const algorithm = checkDigestAlgorithm(input.digestAlgorithm)
  checkDigest(algorithm, input.contentDigest)
  return setOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(input.contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signerCertificate, algorithm)),
  ])
}
