// Migrations of the simulator's tables (CA, TSA serials, remote signing), in name order.
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

/** Every table of the simulator; new migrations go at the end, existing ones never change. */
export const caMigrations: Record<string, Migration> = {
  'sim-ca-0001-create-ca-tables': createCaTables,
  'sim-ca-0002-tsa-serial-blocks': createTsaSerialBlocks,
  'sim-ca-0003-remote-signing-requests': createRemoteSigningRequests,
}
