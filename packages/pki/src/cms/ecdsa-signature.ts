// WebCrypto and PKCS#11 tokens return ECDSA signatures as r‖s; CMS carries ECDSA-Sig-Value (RFC 5753 §2.1.1).
import { ElcError, text } from '@elc/core'
import { children, readSingle, sequence, TAG, unsignedInteger } from './der.ts'

function isDerSignature(bytes: Uint8Array): boolean {
  try {
    const parts = children(readSingle(bytes))
    return (
      bytes[0] === TAG.sequence &&
      parts.length === 2 &&
      parts.every((p) => p.tag === TAG.integer && p.content.length > 0)
    )
  } catch {
    return false
  }
}

/** ECDSA-Sig-Value DER from either DER (returned as is) or r‖s of equal halves. */
export function ecdsaSignatureToDer(signature: Uint8Array): Uint8Array {
  if (isDerSignature(signature)) return signature
  if (signature.length === 0 || signature.length % 2 !== 0 || signature.length > 2 * 66)
    throw new ElcError(
      'ECDSA_SIGNATURE_MALFORMED',
      text('Chữ ký ECDSA không phải DER cũng không phải r‖s.', 'The ECDSA signature is neither DER nor r‖s.'),
    )
  const half = signature.length / 2
  return sequence(unsignedInteger(signature.subarray(0, half)), unsignedInteger(signature.subarray(half)))
}
