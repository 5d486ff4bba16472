// The log's tables. Entries and hashes are append-only: the application never updates or deletes them,
// and the tree row is the single point every batch locks, so two sequencers cannot fork the tree.
import { type Kysely, type Migration, sql } from '@elc/db'

export const ledgerMigrations: Record<string, Migration> = {
  '2026-11-23-001-ledger': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table ledger_tree (
          id smallint primary key check (id = 1),
          size bigint not null check (size >= 0),
          root bytea not null check (octet_length(root) = 32),
          updated_at timestamptz(3) not null default now()
        );
        insert into ledger_tree (id, size, root)
          values (1, 0, decode('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'));
        create table ledger_entries (
          idx bigint primary key check (idx >= 0),
          data bytea not null check (octet_length(data) <= 65535),
          integrated_at timestamptz(3) not null default now()
        );
        create table ledger_hashes (
          idx bigint primary key check (idx >= 0),
          hash bytea not null check (octet_length(hash) = 32)
        );
        create table ledger_checkpoints (
          size bigint primary key check (size >= 0),
          note text not null,
          published_at timestamptz(3) not null default now()
        );
        create table ledger_cosignatures (
          size bigint not null references ledger_checkpoints (size),
          witness text not null,
          line text not null,
          received_at timestamptz(3) not null default now(),
          primary key (size, witness)
        );
      `.execute(db)
    },
  },
}
