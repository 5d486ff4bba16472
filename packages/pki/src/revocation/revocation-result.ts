// The answer to "was this certificate revoked?", whichever source gave it (R2.27).

export type RevocationStatus = 'good' | 'revoked' | 'unknown'
export type RevocationSource = 'embedded-ocsp' | 'embedded-crl' | 'online-ocsp' | 'online-crl' | 'none'

export interface RevocationResult {
  status: RevocationStatus
  /** When the CA says the certificate was revoked (or put on hold). */
  revokedAt?: Date
  /** RFC 5280 CRLReason name, e.g. 'keyCompromise'. */
  reason?: string
  source: RevocationSource
  /** OCSP producedAt, or the CRL's thisUpdate. */
  producedAt?: Date
  thisUpdate?: Date
  nextUpdate?: Date
  /** The OCSPResponse or CRL the answer came from, DER: what a B-LT signer stores in the DSS (R2.23). */
  response?: Uint8Array
  /** Why sources were rejected or unreachable, in English, for logs and reports. */
  problems?: string[]
}

/** RFC 5280 §5.3.1 CRLReason codes. */
export const CRL_REASONS: Record<number, string> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
}

/**
 * Status information tells us about time `at` when its validity window covers `at` or it was issued
 * after `at` (a later answer still shows whether the certificate had been revoked by then).
 */
export function coversTime(thisUpdate: Date, nextUpdate: Date | undefined, at: Date): boolean {
  return at.getTime() <= Math.max(thisUpdate.getTime(), nextUpdate?.getTime() ?? thisUpdate.getTime())
}
