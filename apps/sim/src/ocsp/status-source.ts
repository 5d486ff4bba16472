import type { REVOCATION_REASONS } from '../ca/revocation-reasons.ts'

/** RFC 5280 §5.3.1 CRLReason codes, from the CA's table. */
export type RevocationReasonCode = (typeof REVOCATION_REASONS)[keyof typeof REVOCATION_REASONS]

export type CertStatus =
  | { status: 'good' }
  | { status: 'revoked'; revokedAt: Date; reason?: RevocationReasonCode | number }
  | { status: 'unknown' }

export interface StatusQuery {
  /** DER of the issuing CA certificate the CertID matched. */
  issuer: Uint8Array
  /** Serial number of the certificate asked about. */
  serial: bigint
}

/** Where the responder learns a certificate's status; the CA's database plugs in here. */
export interface StatusSource {
  status(query: StatusQuery): Promise<CertStatus>
}

/** Serial → status table; any serial not listed is `unknown` (never issued by us). */
export class MemoryStatusSource implements StatusSource {
  readonly #entries = new Map<bigint, CertStatus>()

  set(serial: bigint, status: CertStatus): this {
    this.#entries.set(serial, status)
    return this
  }

  async status(query: StatusQuery): Promise<CertStatus> {
    return this.#entries.get(query.serial) ?? { status: 'unknown' }
  }
}
