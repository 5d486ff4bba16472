// TT 15/2025 Annex I algorithm policy (R2.30) as data, and the checks that apply it. Findings, never throws.
import type { KeyDescription, SignatureOutcome } from '../trust/signature.ts'
import { finding, type SignatureFinding } from './findings.ts'

export interface AlgorithmPolicy {
  /** Digest OIDs allowed for signing (R2.30). */
  digests: ReadonlySet<string>
  /** RSA is allowed only as RSASSA-PSS, with at least this many bits. */
  minRsaBits: number
  minEcBits: number
}

export const TT15_ALGORITHM_POLICY: AlgorithmPolicy = {
  digests: new Set([
    '2.16.840.1.101.3.4.2.1', // SHA-256
    '2.16.840.1.101.3.4.2.2', // SHA-384
    '2.16.840.1.101.3.4.2.3', // SHA-512
    '2.16.840.1.101.3.4.2.5', // SHA-512/224
    '2.16.840.1.101.3.4.2.6', // SHA-512/256
    '2.16.840.1.101.3.4.2.7', // SHA3-224
    '2.16.840.1.101.3.4.2.8', // SHA3-256
    '2.16.840.1.101.3.4.2.9', // SHA3-384
    '2.16.840.1.101.3.4.2.10', // SHA3-512
    '2.16.840.1.101.3.4.2.11', // SHAKE128
    '2.16.840.1.101.3.4.2.12', // SHAKE256
  ]),
  minRsaBits: 2048,
  minEcBits: 256,
}

// Broken beyond use: a signature over these proves nothing.
const BROKEN_DIGESTS = new Set(['1.2.840.113549.2.5', '1.3.14.3.2.26'])

/** Checks the digest, signature scheme and key size of one signature; `what` names it in messages. */
export function checkAlgorithms(
  what: { vi: string; en: string },
  digest: { oid: string; name: string },
  signature: SignatureOutcome,
  key: KeyDescription,
  policy: AlgorithmPolicy = TT15_ALGORITHM_POLICY,
): SignatureFinding[] {
  const out: SignatureFinding[] = []
  for (const oid of new Set([digest.oid, signature.digestOid ?? digest.oid])) {
    if (policy.digests.has(oid)) continue
    const name = oid === digest.oid ? digest.name : oid
    out.push(
      BROKEN_DIGESTS.has(oid)
        ? finding(
            'R2.30',
            'DIGEST_ALGORITHM_BROKEN',
            'error',
            `${what.vi} dùng hàm băm ${name}, không còn an toàn và không được phép.`,
            `${what.en} uses the ${name} digest, which is broken and not allowed.`,
          )
        : finding(
            'R2.30',
            'DIGEST_ALGORITHM_NOT_ALLOWED',
            'warning',
            `${what.vi} dùng hàm băm ${name}, không thuộc danh mục TT 15/2025.`,
            `${what.en} uses the ${name} digest, not in the TT 15/2025 list.`,
          ),
    )
  }
  if (signature.scheme === 'rsa-pkcs1' || signature.scheme === 'rsa-pss') {
    if (key.bits < policy.minRsaBits)
      out.push(
        finding(
          'R2.30',
          'RSA_KEY_TOO_SHORT',
          'error',
          `${what.vi}: khóa RSA ${key.bits} bit, yêu cầu tối thiểu ${policy.minRsaBits} bit.`,
          `${what.en}: RSA key of ${key.bits} bits, at least ${policy.minRsaBits} required.`,
        ),
      )
    if (signature.scheme === 'rsa-pkcs1')
      out.push(
        finding(
          'R2.30',
          'RSA_PKCS1_V15_SIGNATURE',
          'warning',
          `${what.vi} dùng RSA PKCS#1 v1.5; TT 15/2025 yêu cầu RSASSA-PSS (PKCS#1 v2.1 trở lên).`,
          `${what.en} uses RSA PKCS#1 v1.5; TT 15/2025 requires RSASSA-PSS (PKCS#1 v2.1+).`,
        ),
      )
  } else if (signature.scheme === 'ecdsa') {
    if (key.bits < policy.minEcBits)
      out.push(
        finding(
          'R2.30',
          'EC_KEY_TOO_SHORT',
          'error',
          `${what.vi}: khóa ECDSA ${key.bits} bit, yêu cầu tối thiểu ${policy.minEcBits} bit.`,
          `${what.en}: ECDSA key of ${key.bits} bits, at least ${policy.minEcBits} required.`,
        ),
      )
  } else {
    out.push(
      finding(
        'R2.30',
        'SIGNATURE_ALGORITHM_NOT_ALLOWED',
        'warning',
        `${what.vi} dùng thuật toán ${signature.name}, không thuộc danh mục TT 15/2025 (RSASSA-PSS, ECDSA).`,
        `${what.en} uses ${signature.name}, not in the TT 15/2025 list (RSASSA-PSS, ECDSA).`,
      ),
    )
  }
  return out
}
