// CMS for PAdES baseline signatures: signed attributes, SignedData assembly, signature timestamps.
export {
  type AssembleSignedDataInput,
  assembleSignedData,
} from './assemble-signed-data.ts'
export {
  checkDigestAlgorithm,
  DIGEST_ALGORITHMS,
  DIGEST_LENGTHS,
  type DigestAlgorithm,
  digest,
} from './digest-algorithms.ts'
export { ecdsaSignatureToDer } from './ecdsa-signature.ts'
export { OID } from './oids.ts'
export {
  defaultDigestAlgorithm,
  type NamedCurve,
  type SignatureAlgorithm,
  signatureAlgorithmFor,
  signatureAlgorithmIdentifier,
} from './signature-algorithm.ts'
export { addSignatureTimestamp, signatureTimestampDigest } from './signature-timestamp.ts'
export { buildSignedAttributes, type SignedAttributesInput } from './signed-attributes.ts'
export { verifySignatureValue } from './verify-signature.ts'
