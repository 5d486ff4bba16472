import type { DigestAlgorithm } from '../cms/digest-algorithms.ts'

/** Any way a key signs for CMS: a local key, a PKCS#12 file, a remote CA (ký số từ xa). */
export interface CmsSigner {
  /** The signer's certificate, DER. */
  certificate: Uint8Array
  /** Issuing CA first, up to the root; DER. */
  chain: Uint8Array[]
  /** The CMS signature value over the signed-attributes DER: ECDSA-Sig-Value DER, or RSASSA-PSS raw. */
  sign(signedAttributes: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<Uint8Array>
}
