// Checks a signature value over the signed attributes against the certificate's key, so a signer that
// used the wrong key (a mixed-up PKCS#12, a remote CA answering for another certificate) fails here
// and not in a relying party's validator.
import { constants, verify, X509Certificate } from 'node:crypto'
import { type DigestAlgorithm, nodeHashName } from './digest-algorithms.ts'
import { ecdsaSignatureToDer } from './ecdsa-signature.ts'
import { signatureAlgorithmFor } from './signature-algorithm.ts'

export function verifySignatureValue(input: {
  signedAttributes: Uint8Array
  signature: Uint8Array
  certificate: Uint8Array
  digestAlgorithm: DigestAlgorithm
}): boolean {
  const algorithm = signatureAlgorithmFor(input.certificate, input.digestAlgorithm)
  const key = new X509Certificate(input.certificate).publicKey
  const hash = nodeHashName(input.digestAlgorithm)
  try {
    return algorithm.name === 'ECDSA'
      ? verify(
          hash,
          input.signedAttributes,
          { key, dsaEncoding: 'der' },
          ecdsaSignatureToDer(input.signature),
        )
      : verify(
          hash,
          input.signedAttributes,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.saltLength },
          input.signature,
        )
  } catch {
    return false
  }
}
