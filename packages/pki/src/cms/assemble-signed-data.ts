// The detached CMS SignedData a PAdES signature dictionary's /Contents holds (RFC 5652 §5, ETSI EN 319 142-1).
import { ElcError, text } from '@elc/core'
import { certificateFields } from './certificate-fields.ts'
import { compareBytes, octetString, oid, readSingle, sequence, setOf, smallInteger, TAG, tlv } from './der.ts'
import { checkDigestAlgorithm, type DigestAlgorithm, digestAlgorithmIdentifier } from './digest-algorithms.ts'
import { ecdsaSignatureToDer } from './ecdsa-signature.ts'
import { OID } from './oids.ts'
import {
  type SignatureAlgorithm,
  signatureAlgorithmFor,
  signatureAlgorithmIdentifier,
} from './signature-algorithm.ts'

export interface AssembleSignedDataInput {
  /** The DER SET OF signed attributes, as signed (tag 0x31). */
  signedAttributes: Uint8Array
  /** The signature value: ECDSA as DER or r‖s, RSASSA-PSS raw. */
  signature: Uint8Array
  /** The signer's certificate, DER. */
  certificate: Uint8Array
  /** Intermediate and root certificates, DER; duplicates and the signer itself are dropped. */
  chain: Uint8Array[]
  digestAlgorithm: DigestAlgorithm
  /** Default: what signatureAlgorithmFor gives for the certificate and digest algorithm. */
  signatureAlgorithm?: SignatureAlgorithm
  /** An RFC 3161 token over the signature value (PAdES B-T). */
  timestampToken?: Uint8Array
}

function invalid(what: string, vi: string): ElcError {
  return new ElcError(
    'CMS_INPUT_INVALID',
    text(`Dữ liệu để lập CMS không hợp lệ: ${vi}.`, `Invalid CMS input: ${what}.`),
  )
}

/** Unsigned attribute id-aa-signatureTimeStampToken (RFC 3161 Appendix A). */
export function signatureTimestampAttribute(token: Uint8Array): Uint8Array {
  const t = readSingle(token)
  if (t.tag !== TAG.sequence)
    throw invalid('the timestamp token is not a ContentInfo', 'dấu thời gian không phải ContentInfo')
  return sequence(oid(OID.signatureTimeStampToken), setOf([token]))
}

export function assembleSignedData(input: AssembleSignedDataInput): Uint8Array {
  const digestAlgorithm = checkDigestAlgorithm(input.digestAlgorithm)
  if (input.signedAttributes[0] !== TAG.set)
    throw invalid('signed attributes must be a DER SET (0x31)', 'thuộc tính ký phải là SET DER (0x31)')
  readSingle(input.signedAttributes)
  if (input.signature.length === 0) throw invalid('empty signature', 'chữ ký rỗng')
  const signatureAlgorithm =
    input.signatureAlgorithm ?? signatureAlgorithmFor(input.certificate, digestAlgorithm)
  const signatureValue =
    signatureAlgorithm.name === 'ECDSA' ? ecdsaSignatureToDer(input.signature) : input.signature
  const { issuer, serialNumber } = certificateFields(input.certificate)

  const certificates: Uint8Array[] = [input.certificate]
  for (const c of input.chain) {
    certificateFields(c)
    if (!certificates.some((known) => compareBytes(known, c) === 0)) certificates.push(c)
  }

  const signerInfo = sequence(
    smallInteger(1),
    sequence(issuer, serialNumber),
    digestAlgorithmIdentifier(digestAlgorithm),
    // [0] IMPLICIT: the same content as the signed SET, only the tag differs.
    tlv(0xa0, readSingle(input.signedAttributes).content),
    signatureAlgorithmIdentifier(signatureAlgorithm),
    octetString(signatureValue),
    ...(input.timestampToken
      ? [unsignedAttributes([signatureTimestampAttribute(input.timestampToken)])]
      : []),
  )
  const signedData = sequence(
    smallInteger(1),
    setOf([digestAlgorithmIdentifier(digestAlgorithm)]),
    sequence(oid(OID.data)),
    // [0] IMPLICIT CertificateSet, in DER SET OF order; readers find the signer by its sid.
    tlv(0xa0, ...certificates.sort(compareBytes)),
    setOf([signerInfo]),
  )
  return sequence(oid(OID.signedData), tlv(0xa0, signedData))
}

/** [1] IMPLICIT SET OF Attribute, DER-sorted. */
export function unsignedAttributes(attributes: readonly Uint8Array[]): Uint8Array {
  return tlv(0xa1, readSingle(setOf(attributes)).content)
}
