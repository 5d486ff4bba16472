// The access log: every read of someone else's contract by an official (DESIGN.md §3; R7.8 processing logs,
// R1.24đ transaction logs). Rows are only ever inserted; each has its ledger entry (ledger_index), which
// commits in the same transaction and carries a keyed digest of the row, so an edited row shows.
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

export const oversightMigrations: Record<string, Migration> = {
  'oversight-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table data_access (
          id text primary key,
          at timestamptz not null,
          official_hash text not null,
          role text not null,
          province_code text,
          purpose text not null,
          legal_basis text not null,
          resource text not null,
          request_id text not null,
          ledger_index bigint not null
        );
        create table data_access_contract (
          access_id text not null references data_access (id),
          contract_id text not null,
          primary key (access_id, contract_id)
        );
        create index data_access_contract_by_contract on data_access_contract (contract_id);
      `.execute(db)
    },
  },
}

export interface DataAccessTable {
  id: string
  at: Date
  /** Keyed hash of the official's personal ID (the key of role grants), never the ID itself. */
  official_hash: string
  role: string
  province_code: string | null
  purpose: string
  legal_basis: string
  /** What was read: a page of the list, one contract's data, or its PDF. */
  resource: string
  request_id: string
  ledger_index: bigint
}

export interface OversightDatabase {
  data_access: DataAccessTable
  data_access_contract: { access_id: string; contract_id: string }
}

export function migrateOversight(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, oversightMigrations, { module: 'oversight' })
}
