// Migrations of the CA simulator's tables; pass to migrateToLatest with the app's other migrations.
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

export const caMigrations: Record<string, Migration> = {
  'sim-ca-0001-create-ca-tables': createCaTables,
}
