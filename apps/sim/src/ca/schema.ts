// Table types of the simulator (see migrations.ts): the CA's, the TSA's serial blocks, remote signing.
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

export interface SimTsaSerialBlockTable {
  tsa_id: string
  /** The last block handed out; serials of block b are b·2^bits … (b+1)·2^bits − 1. */
  last_block: bigint
}

export interface SimRemoteSigningRequestTable {
  id: string
  serial_hex: string
  digest: Uint8Array
  digest_algorithm: string
  description: string
  /** SHA-256 of the request id and the one-time code; null when auto-approved. */
  otp_hash: Uint8Array | null
  failed_attempts: Generated<number>
  status: 'pending' | 'approved' | 'rejected'
  reject_reason: string | null
  created_at: Date
  expires_at: Date
  finished_at: Date | null
  signature: Uint8Array | null
  signature_algorithm: string | null
  certificate_pem: string | null
  callback_url: string | null
  callback_attempts: Generated<number>
  callback_delivered_at: Date | null
}

/** The simulator's whole database; only the CA code reads or writes the sim_ca_* tables. */
export interface SimCaDatabase {
  sim_ca_authority: SimCaAuthorityTable
  sim_ca_certificate: SimCaCertificateTable
  sim_tsa_serial_block: SimTsaSerialBlockTable
  sim_remote_signing_request: SimRemoteSigningRequestTable
}
