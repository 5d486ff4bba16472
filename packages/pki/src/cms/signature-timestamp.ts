// PAdES B-T: an RFC 3161 token over the SignerInfo's signature value, kept as an unsigned attribute.

import { signatureTimestampAttribute, unsignedAttributes } from './assemble-signed-data.ts'
import { children, concat, sequence, type Tlv } from './der.ts'
import { type DigestAlgorithm, digest } from './digest-algorithms.ts'
import { signerInfoOf } from './signer-info.ts'

/** The digest a TSA must stamp: of the signature field's value octets (RFC 3161 Appendix A). */
export function signatureTimestampDigest(cms: Uint8Array, digestAlgorithm: DigestAlgorithm): Uint8Array {
  return digest(digestAlgorithm, signerInfoOf(cms).signature.content)
}

/** A new CMS with the token added; all other bytes, the signed attributes among them, are unchanged. */
export function addSignatureTimestamp(cms: Uint8Array, token: Uint8Array): Uint8Array {
  const info = signerInfoOf(cms)
  const existing: Tlv[] = info.unsignedAttributes ? children(info.unsignedAttributes) : []
  const unsigned = unsignedAttributes([...existing.map((a) => a.raw), signatureTimestampAttribute(token)])
  const signed = info.fields.slice(0, 6).map((f) => f.raw)
  return info.replace(sequence(concat(signed), unsigned))
}
