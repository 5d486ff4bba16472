// The SHA-2 digests PAdES signing uses here (TT 15 / R2.30 rules out SHA-1).
import { createHash } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import { oid, sequence } from './der.ts'
import { OID } from './oids.ts'

export const DIGEST_ALGORITHMS = ['SHA-256', 'SHA-384', 'SHA-512'] as const
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number]

export const DIGEST_LENGTHS: Record<DigestAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }

export const DIGEST_OIDS: Record<DigestAlgorithm, string> = {
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
}

const NODE_NAMES: Record<DigestAlgorithm, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
}

export function checkDigestAlgorithm(value: unknown): DigestAlgorithm {
  if ((DIGEST_ALGORITHMS as readonly unknown[]).includes(value)) return value as DigestAlgorithm
  throw new ElcError(
    'DIGEST_ALGORITHM_UNSUPPORTED',
    text(
      `Thuật toán băm không được hỗ trợ: ${String(value)} (chỉ SHA-256, SHA-384, SHA-512).`,
      `Unsupported digest algorithm: ${String(value)} (only SHA-256, SHA-384, SHA-512).`,
    ),
    { ruleId: 'R2.30' },
  )
}

export function nodeHashName(algorithm: DigestAlgorithm): string {
  return NODE_NAMES[checkDigestAlgorithm(algorithm)]
}

export function digest(algorithm: DigestAlgorithm, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(nodeHashName(algorithm)).update(data).digest())
}

export function digestAlgorithmFromOid(dotted: string): DigestAlgorithm | undefined {
  return DIGEST_ALGORITHMS.find((a) => DIGEST_OIDS[a] === dotted)
}

/** AlgorithmIdentifier for a SHA-2 digest, parameters absent (RFC 5754 §2). */
export function digestAlgorithmIdentifier(algorithm: DigestAlgorithm): Uint8Array {
  return sequence(oid(DIGEST_OIDS[checkDigestAlgorithm(algorithm)]))
}

export function checkDigest(algorithm: DigestAlgorithm, value: Uint8Array): void {
  if (!(value instanceof Uint8Array) || value.length !== DIGEST_LENGTHS[algorithm])
    throw new ElcError(
      'DIGEST_LENGTH_INVALID',
      text(
        `Giá trị băm ${algorithm} phải dài ${DIGEST_LENGTHS[algorithm]} byte.`,
        `A ${algorithm} digest must be ${DIGEST_LENGTHS[algorithm]} bytes long.`,
      ),
    )
}
