import type { ColumnType } from '@elc/db'

/** Kysely's view of the ledger tables (see migrations.ts). */
export interface LedgerTables {
  ledger_tree: { id: number; size: bigint; root: Uint8Array; updated_at: ColumnType<Date, never, Date> }
  ledger_entries: { idx: bigint; data: Uint8Array; integrated_at: ColumnType<Date, never, never> }
  ledger_hashes: { idx: bigint; hash: Uint8Array }
  ledger_checkpoints: { size: bigint; note: string; published_at: ColumnType<Date, never, never> }
  ledger_cosignatures: {
    size: bigint
    witness: string
    line: string
    received_at: ColumnType<Date, never, never>
  }
}
