// Migrations of the simulator's tables (CA, TSA serials, remote signing, identity), in name order.
import { type Kysely, type Migration, sql } from '@elc/db'

const createCaTables: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table sim_ca_authority (
        id text primary key,
        parent_id text references sim_ca_authority (id),
        key_algorithm text not null,
        private_key_pkcs8 bytea not null,
        certificate_der bytea not null,
        crl_number bigint not null default 0,
        crl_der bytea,
        created_at timestamptz not null default now()
      );
      create table sim_ca_certificate (
        serial_hex text primary key,
        issuer_id text not null references sim_ca_authority (id),
        profile text not null,
        subject text not null,
        label text unique,
        certificate_der bytea not null,
        key_algorithm text not null,
        private_key_pkcs8 bytea,
        not_before timestamptz not null,
        not_after timestamptz not null,
        issued_at timestamptz not null default now(),
        revoked_at timestamptz,
        revocation_reason smallint,
        check ((revoked_at is null) = (revocation_reason is null))
      );
      create index sim_ca_certificate_issuer_idx on sim_ca_certificate (issuer_id, issued_at);
    `.execute(db)
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table sim_ca_certificate; drop table sim_ca_authority;`.execute(db)
  },
}

// TSA serials come from blocks reserved here, so a restart never repeats one (RFC 3161 §2.4.2).
const createTsaSerialBlocks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table sim_tsa_serial_block (
        tsa_id text primary key,
        last_block bigint not null
      );
    `.execute(db)
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table sim_tsa_serial_block;`.execute(db)
  },
}

const createRemoteSigningRequests: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table sim_remote_signing_request (
        id text primary key,
        serial_hex text not null references sim_ca_certificate (serial_hex),
        digest bytea not null,
        digest_algorithm text not null,
        description text not null,
        otp_hash bytea,
        failed_attempts integer not null default 0,
        status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
        reject_reason text,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        finished_at timestamptz,
        signature bytea,
        signature_algorithm text,
        certificate_pem text,
        callback_url text,
        callback_attempts integer not null default 0,
        callback_delivered_at timestamptz,
        check ((status = 'approved') = (signature is not null)),
        check ((status = 'pending') = (finished_at is null))
      );
      create index sim_remote_signing_request_expiry_idx on sim_remote_signing_request (expires_at);
    `.execute(db)
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table sim_remote_signing_request;`.execute(db)
  },
}

// The VNeID-like identity provider: accounts (the synthetic population), relying parties, signing keys,
// oidc-provider's own records, eKYC consents and the eKYC call log.
const createIdentityTables: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table sim_identity_account (
        id text primary key,
        kind text not null check (kind in ('person', 'organisation')),
        login_id text not null,
        password_hash text not null,
        assurance_level smallint not null check (assurance_level in (1, 2)),
        status text not null default 'active' check (status in ('active', 'locked')),
        profile jsonb not null,
        created_at timestamptz not null default now(),
        locked_at timestamptz,
        unique (kind, login_id)
      );
      create table sim_identity_client (
        client_id text primary key,
        metadata jsonb not null,
        created_at timestamptz not null default now()
      );
      create table sim_identity_key (
        id text primary key,
        use text not null check (use in ('signing', 'cookie')),
        material jsonb not null,
        created_at timestamptz not null default now()
      );
      create table sim_identity_oidc_record (
        kind text not null,
        id text not null,
        payload jsonb not null,
        grant_id text,
        uid text,
        user_code text,
        expires_at timestamptz,
        consumed_at timestamptz,
        primary key (kind, id)
      );
      create index sim_identity_oidc_record_grant_idx on sim_identity_oidc_record (grant_id);
      create index sim_identity_oidc_record_uid_idx on sim_identity_oidc_record (uid);
      create index sim_identity_oidc_record_user_code_idx on sim_identity_oidc_record (user_code);
      create index sim_identity_oidc_record_expiry_idx on sim_identity_oidc_record (expires_at);
      create table sim_identity_consent (
        id text primary key,
        account_id text not null references sim_identity_account (id),
        client_id text not null references sim_identity_client (client_id),
        purpose text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null
      );
      create table sim_identity_ekyc_log (
        transaction_ref text primary key,
        client_id text,
        purpose text,
        consent_id text,
        result text not null check (result in ('match', 'no_match', 'refused')),
        refusal_code text,
        at timestamptz not null
      );
      create index sim_identity_ekyc_log_at_idx on sim_identity_ekyc_log (at);
    `.execute(db)
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`
      drop table sim_identity_ekyc_log; drop table sim_identity_consent; drop table sim_identity_oidc_record;
      drop table sim_identity_key; drop table sim_identity_client; drop table sim_identity_account;
    `.execute(db)
  },
}

/** Every table of the simulator; new migrations go at the end, existing ones never change. */
export const caMigrations: Record<string, Migration> = {
  'sim-ca-0001-create-ca-tables': createCaTables,
  'sim-ca-0002-tsa-serial-blocks': createTsaSerialBlocks,
  'sim-ca-0003-remote-signing-requests': createRemoteSigningRequests,
  'sim-ca-0004-identity': createIdentityTables,
}
