// Signing with a key held in this process (a WebCrypto key, or PKCS#8 PEM), through node:crypto so that
// ECDSA comes out DER-encoded and RSA is always RSASSA-PSS whatever algorithm the key was imported for.
import { constants, createPrivateKey, KeyObject, sign, type webcrypto } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import { checkDigestAlgorithm, type DigestAlgorithm, nodeHashName } from '../cms/digest-algorithms.ts'
import { signatureAlgorithmFor } from '../cms/signature-algorithm.ts'
import type { CmsSigner } from './cms-signer.ts'
import { assertSignatureMatchesCertificate } from './key-mismatch.ts'

function keyObject(privateKey: webcrypto.CryptoKey | string): KeyObject {
  try {
    const key =
      typeof privateKey === 'string'
        ? createPrivateKey({ key: privateKey, format: 'pem' })
        : KeyObject.from(privateKey)
    if (key.type !== 'private') throw new Error('not a private key')
    return key
  } catch (cause) {
    throw new ElcError(
      'PRIVATE_KEY_INVALID',
      text(
        'Khóa bí mật không đọc được (PKCS#8 PEM hoặc CryptoKey).',
        'The private key cannot be read (PKCS#8 PEM or CryptoKey).',
      ),
      { cause },
    )
  }
}

export function localKeySigner(
  privateKey: webcrypto.CryptoKey | string,
  certificate: Uint8Array,
  chain: Uint8Array[] = [],
): CmsSigner {
  const key = keyObject(privateKey)
  return {
    certificate,
    chain,
    async sign(signedAttributes, digestAlgorithm: DigestAlgorithm) {
      const hash = nodeHashName(checkDigestAlgorithm(digestAlgorithm))
      const algorithm = signatureAlgorithmFor(certificate, digestAlgorithm)
      let signature: Uint8Array
      try {
        signature = new Uint8Array(
          algorithm.name === 'ECDSA'
            ? sign(hash, signedAttributes, { key, dsaEncoding: 'der' })
            : sign(hash, signedAttributes, {
                key,
                padding: constants.RSA_PKCS1_PSS_PADDING,
                saltLength: algorithm.saltLength,
              }),
        )
      } catch (cause) {
        // An EC key for an RSA certificate, or the reverse.
        throw new ElcError(
          'SIGNER_KEY_MISMATCH',
          text(
            'Khóa bí mật không dùng được với chứng thư số người ký.',
            "The private key does not fit the signer's certificate.",
          ),
          { cause },
        )
      }
      assertSignatureMatchesCertificate({ signedAttributes, signature, certificate, digestAlgorithm })
      return signature
    },
  }
}
