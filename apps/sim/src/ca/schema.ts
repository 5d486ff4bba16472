// Table types of the CA simulator (see migrations.ts).
import type { Generated } from '@elc/db'

export interface SimCaAuthorityTable {
  id: string
  parent_id: string | null
  key_algorithm: string
  // Stored in the clear: this is a simulator, not a CA; a real one keeps keys in an HSM (R2.33).
  private_key_pkcs8: Uint8Array
  certificate_der: Uint8Array
  crl_number: Generated<bigint>
  crl_der: Uint8Array | null
  created_at: Generated<Date>
}

export interface SimCaCertificateTable {
  serial_hex: string
  issuer_id: string
  profile: string
  subject: string
  /** Names a service credential (e.g. "tsa") so it is reused across restarts. */
  label: string | null
  certificate_der: Uint8Array
  key_algorithm: string
  // Kept for keys the CA generated (remote signing, R2.36; service credentials). In the clear: simulator.
  private_key_pkcs8: Uint8Array | null
  not_before: Date
  not_after: Date
  issued_at: Generated<Date>
  revoked_at: Date | null
  revocation_reason: number | null
}

export interface SimCaDatabase {
  sim_ca_authority: SimCaAuthorityTable
  sim_ca_certificate: SimCaCertificateTable
}
