import { ElcError, text } from '@elc/core'
import type { DigestAlgorithm } from '../cms/digest-algorithms.ts'
import { verifySignatureValue } from '../cms/verify-signature.ts'

/** Throws unless the signature verifies with the certificate's public key. */
export function assertSignatureMatchesCertificate(input: {
  signedAttributes: Uint8Array
  signature: Uint8Array
  certificate: Uint8Array
  digestAlgorithm: DigestAlgorithm
}): void {
  if (!verifySignatureValue(input))
    throw new ElcError(
      'SIGNER_KEY_MISMATCH',
      text(
        'Chữ ký không khớp với khóa công khai của chứng thư số người ký.',
        "The signature does not match the signer certificate's public key.",
      ),
    )
}
