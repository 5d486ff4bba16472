// RFC 5280 §5.3.1 CRLReason codes, by the names the admin API accepts.
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const

export type RevocationReason = keyof typeof REVOCATION_REASONS

export function isRevocationReason(value: unknown): value is RevocationReason {
  return typeof value === 'string' && Object.hasOwn(REVOCATION_REASONS, value)
}

export function reasonName(code: number): RevocationReason {
  const found = Object.entries(REVOCATION_REASONS).find(([, c]) => c === code)
  return (found?.[0] as RevocationReason | undefined) ?? 'unspecified'
}
