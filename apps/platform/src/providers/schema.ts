// Tables of the provider registry: providers, their connection agreements with every status change, their
// public keys, the client-assertion ids already used, and the Platform's own access-token signing key.
import type { Generated, Kysely, Migration } from '@elc/db'
import { sql } from '@elc/db'

export const AGREEMENT_STATUSES = ['pending', 'active', 'suspended', 'refused'] as const
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number]

export interface ProviderTable {
  id: string
  name: string
  tax_code: string
  website: string
  /** R1.17: what the provider publishes about its service. */
  service_name: string
  support_contact: string
  fee_schedule_url: string
  terms_url: string
  created_at: Date
  created_by: string
}

export interface ConnectionAgreementTable {
  id: string
  provider_id: string
  /** The written agreement's own number (R1.27), when there is one. */
  reference: string | null
  status: AgreementStatus
  status_changed_at: Date
  status_reason: string | null
  /** R1.34: when the provider was told of a suspension or refusal, and when the 3 working days run out. */
  notified_at: Date | null
  effective_notice_end: Date | null
  created_at: Date
}

export interface AgreementEventTable {
  id: Generated<bigint>
  agreement_id: string
  from_status: AgreementStatus | null
  to_status: AgreementStatus
  reason: string | null
  actor: string
  at: Date
  notified_at: Date | null
  effective_notice_end: Date | null
  /** Set once the change is in the ledger (connection-ledger.ts). */
  ledger_index: Generated<bigint | null>
}

export interface ProviderKeyTable {
  provider_id: string
  kid: string
  jwk: unknown
  added_at: Date
  added_by: string
  retired_at: Date | null
  retired_by: string | null
}

export interface ClientAssertionJtiTable {
  provider_id: string
  jti: string
  expires_at: Date
}

export interface PlatformTokenKeyTable {
  id: string
  kid: string
  alg: string
  private_jwk: unknown
  public_jwk: unknown
  created_at: Date
}

export interface ProvidersDatabase {
  provider: ProviderTable
  connection_agreement: ConnectionAgreementTable
  connection_agreement_event: AgreementEventTable
  provider_key: ProviderKeyTable
  client_assertion_jti: ClientAssertionJtiTable
  platform_token_key: PlatformTokenKeyTable
  platform_signing_key: PlatformSigningKeyTable
}

/** The Platform's own signing keys, the private half encrypted; retired keys stay published a while. */
export interface PlatformSigningKeyTable {
  kid: string
  alg: string
  private_jwk_ciphertext: Buffer
  public_jwk: unknown
  created_at: Date
  /** Null while current or newer; once set, the key still verifies until then but no longer signs. */
  retired_at: Date | null
}

export const providersMigrations: Record<string, Migration> = {
  'providers-0001-registry-agreements-keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table provider (
          id text primary key,
          name text not null,
          tax_code text not null unique,
          website text not null,
          service_name text not null,
          support_contact text not null,
          fee_schedule_url text not null,
          terms_url text not null,
          created_at timestamptz not null,
          created_by text not null
        );
        create table connection_agreement (
          id text primary key,
          provider_id text not null unique references provider (id),
          reference text,
          status text not null check (status in ('pending', 'active', 'suspended', 'refused')),
          status_changed_at timestamptz not null,
          status_reason text,
          notified_at timestamptz,
          effective_notice_end timestamptz,
          created_at timestamptz not null
        );
        create table connection_agreement_event (
          id bigint generated always as identity primary key,
          agreement_id text not null references connection_agreement (id),
          from_status text,
          to_status text not null,
          reason text,
          actor text not null,
          at timestamptz not null,
          notified_at timestamptz,
          effective_notice_end timestamptz,
          ledger_index bigint
        );
        create index connection_agreement_event_agreement on connection_agreement_event (agreement_id, id);
        create table provider_key (
          provider_id text not null references provider (id),
          kid text not null,
          jwk jsonb not null,
          added_at timestamptz not null,
          added_by text not null,
          retired_at timestamptz,
          retired_by text,
          primary key (provider_id, kid)
        );
        create table client_assertion_jti (
          provider_id text not null,
          jti text not null,
          expires_at timestamptz not null,
          primary key (provider_id, jti)
        );
        create index client_assertion_jti_expiry on client_assertion_jti (expires_at);
        create table platform_token_key (
          id text primary key,
          kid text not null,
          alg text not null,
          private_jwk jsonb not null,
          public_jwk jsonb not null,
          created_at timestamptz not null
        );
      `.execute(db)
    },
  },
  // Signing keys rotate and their private halves are encrypted at rest (the earlier single clear-text key
  // is imported, encrypted, when the Platform next starts).
  'providers-0002-signing-keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table platform_signing_key (
          kid text primary key,
          alg text not null,
          private_jwk_ciphertext bytea not null,
          public_jwk jsonb not null,
          created_at timestamptz not null,
          retired_at timestamptz
        )
      `.execute(db)
    },
  },
}
