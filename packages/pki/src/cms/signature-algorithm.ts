// The SignerInfo signatureAlgorithm for a certificate's key (R2.30): ECDSA on P-256/384/521, and
// RSASSA-PSS for every RSA key (never PKCS#1 v1.5), MGF1 with the same hash, salt length = hash length.
import { ElcError, text } from '@elc/core'
import { certificateFields } from './certificate-fields.ts'
import { oid, sequence, smallInteger, tlv } from './der.ts'
import {
  checkDigestAlgorithm,
  DIGEST_LENGTHS,
  type DigestAlgorithm,
  digestAlgorithmIdentifier,
} from './digest-algorithms.ts'
import { OID } from './oids.ts'

export type NamedCurve = 'P-256' | 'P-384' | 'P-521'

export type SignatureAlgorithm =
  | { name: 'ECDSA'; hash: DigestAlgorithm; namedCurve: NamedCurve }
  | { name: 'RSA-PSS'; hash: DigestAlgorithm; saltLength: number }

const CURVES: Record<string, NamedCurve> = { [OID.p256]: 'P-256', [OID.p384]: 'P-384', [OID.p521]: 'P-521' }

/** The hash that matches a key's strength: the curve's for ECDSA (P-384 → SHA-384 …), SHA-256 for RSA. */
const CURVE_HASH: Record<NamedCurve, DigestAlgorithm> = {
  'P-256': 'SHA-256',
  'P-384': 'SHA-384',
  'P-521': 'SHA-512',
}

const ECDSA_OIDS: Record<DigestAlgorithm, string> = {
  'SHA-256': OID.ecdsaWithSha256,
  'SHA-384': OID.ecdsaWithSha384,
  'SHA-512': OID.ecdsaWithSha512,
}

function unsupportedKey(what: string): ElcError {
  return new ElcError(
    'SIGNING_KEY_UNSUPPORTED',
    text(
      `Khóa của chứng thư số không được hỗ trợ để ký (${what}); chỉ ECDSA P-256/P-384/P-521 hoặc RSA.`,
      `The certificate's key cannot sign here (${what}); only ECDSA P-256/P-384/P-521 or RSA.`,
    ),
    { ruleId: 'R2.30' },
  )
}

export function signatureAlgorithmFor(
  certificate: Uint8Array,
  digestAlgorithm: DigestAlgorithm,
): SignatureAlgorithm {
  const hash = checkDigestAlgorithm(digestAlgorithm)
  const { keyAlgorithm, namedCurve } = certificateFields(certificate)
  if (keyAlgorithm === OID.ecPublicKey) {
    const curve = namedCurve ? CURVES[namedCurve] : undefined
    if (!curve) throw unsupportedKey(`curve ${namedCurve ?? 'unnamed'}`)
    return { name: 'ECDSA', hash, namedCurve: curve }
  }
  if (keyAlgorithm === OID.rsaEncryption || keyAlgorithm === OID.rsassaPss)
    return { name: 'RSA-PSS', hash, saltLength: DIGEST_LENGTHS[hash] }
  throw unsupportedKey(keyAlgorithm)
}

/** The digest algorithm to sign with when the caller has no preference. */
export function defaultDigestAlgorithm(certificate: Uint8Array): DigestAlgorithm {
  const algorithm = signatureAlgorithmFor(certificate, 'SHA-256')
  return algorithm.name === 'ECDSA' ? CURVE_HASH[algorithm.namedCurve] : 'SHA-256'
}

/** AlgorithmIdentifier DER: ecdsa-with-SHA* without parameters (RFC 5758), or id-RSASSA-PSS with explicit params. */
export function signatureAlgorithmIdentifier(algorithm: SignatureAlgorithm): Uint8Array {
  const hash = checkDigestAlgorithm(algorithm.hash)
  if (algorithm.name === 'ECDSA') return sequence(oid(ECDSA_OIDS[hash]))
  // RSASSA-PSS-params (RFC 4055 §3.1), explicit tags; trailerField left at its DEFAULT.
  const hashId = digestAlgorithmIdentifier(hash)
  return sequence(
    oid(OID.rsassaPss),
    sequence(
      tlv(0xa0, hashId),
      tlv(0xa1, sequence(oid(OID.mgf1), hashId)),
      tlv(0xa2, smallInteger(algorithm.saltLength)),
    ),
  )
}
