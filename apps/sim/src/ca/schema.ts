// Table types of the simulator (see migrations.ts): the CA's, the TSA's serial blocks, remote signing, identity.
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

export interface SimIdentityAccountTable {
  /** The OpenID `sub`: opaque, stable. */
  id: string
  kind: 'person' | 'organisation'
  /** What the account signs in with: the personal ID number (person) or the tax code (organisation). */
  login_id: string
  /** scrypt, `salt:hash` in base64url. */
  password_hash: string
  /** VNeID level (R5.7); only a level-2 account can reach acr vneid:level2. */
  assurance_level: number
  status: Generated<'active' | 'locked'>
  /** The population record (PersonProfile or OrganisationProfile in identity/accounts.ts). */
  profile: unknown
  created_at: Generated<Date>
  locked_at: Date | null
}

export interface SimIdentityClientTable {
  client_id: string
  /** oidc-provider client metadata, client_secret included (in the clear: the provider compares it). */
  metadata: unknown
  created_at: Generated<Date>
}

export interface SimIdentityKeyTable {
  id: string
  use: 'signing' | 'cookie'
  /** A private JWK (signing) or { secret } (cookie). In the clear: simulator. */
  material: unknown
  created_at: Generated<Date>
}

/** oidc-provider's records (sessions, grants, codes, tokens, interactions …), one row per model and id. */
export interface SimIdentityOidcRecordTable {
  kind: string
  id: string
  payload: unknown
  grant_id: string | null
  uid: string | null
  user_code: string | null
  expires_at: Date | null
  consumed_at: Date | null
}

export interface SimIdentityConsentTable {
  id: string
  account_id: string
  client_id: string
  purpose: string
  created_at: Date
  expires_at: Date
}

export interface SimIdentityEkycLogTable {
  transaction_ref: string
  /** The authenticated relying party; null when authentication failed. */
  client_id: string | null
  purpose: string | null
  consent_id: string | null
  result: 'match' | 'no_match' | 'refused'
  refusal_code: string | null
  at: Date
}

/** The simulator's whole database; only the CA code reads or writes the sim_ca_* tables. */
export interface SimCaDatabase {
  sim_ca_authority: SimCaAuthorityTable
  sim_ca_certificate: SimCaCertificateTable
  sim_tsa_serial_block: SimTsaSerialBlockTable
  sim_remote_signing_request: SimRemoteSigningRequestTable
  sim_identity_account: SimIdentityAccountTable
  sim_identity_client: SimIdentityClientTable
  sim_identity_key: SimIdentityKeyTable
  sim_identity_oidc_record: SimIdentityOidcRecordTable
  sim_identity_consent: SimIdentityConsentTable
  sim_identity_ekyc_log: SimIdentityEkycLogTable
}
