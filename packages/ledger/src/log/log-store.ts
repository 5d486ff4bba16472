// Every SQL statement of the log, and nothing else.
import { type Kysely, sql, type Transaction } from '@elc/db'
import type { LedgerTables } from './ledger-tables.ts'

type Db = Kysely<LedgerTables> | Transaction<LedgerTables>

export interface TreeState {
  size: number
  root: Uint8Array
}

/** Locks the tree row for the rest of the transaction: the one place sequencers serialise. */
export async function lockTree(trx: Transaction<LedgerTables>): Promise<TreeState> {
  const row = await trx
    .selectFrom('ledger_tree')
    .select(['size', 'root'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return { size: Number(row.size), root: new Uint8Array(row.root) }
}

export async function readTree(db: Db): Promise<TreeState> {
  const row = await db
    .selectFrom('ledger_tree')
    .select(['size', 'root'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return { size: Number(row.size), root: new Uint8Array(row.root) }
}

export async function writeTree(trx: Transaction<LedgerTables>, state: TreeState): Promise<void> {
  await trx
    .updateTable('ledger_tree')
    .set({ size: BigInt(state.size), root: state.root, updated_at: new Date() })
    .where('id', '=', 1)
    .execute()
}

/** One statement per batch: arrays unnested server-side, not one insert per row. */
export async function insertEntries(
  trx: Transaction<LedgerTables>,
  first: number,
  data: Uint8Array[],
): Promise<void> {
  if (data.length === 0) return
  const idx = data.map((_, i) => String(first + i))
  await sql`insert into ledger_entries (idx, data) select * from unnest(${idx}::bigint[], ${data}::bytea[])`.execute(
    trx,
  )
}

export async function insertHashes(
  trx: Transaction<LedgerTables>,
  first: number,
  hashes: Uint8Array[],
): Promise<void> {
  if (hashes.length === 0) return
  const idx = hashes.map((_, i) => String(first + i))
  await sql`insert into ledger_hashes (idx, hash) select * from unnest(${idx}::bigint[], ${hashes}::bytea[])`.execute(
    trx,
  )
}

export async function readHashes(db: Db, indexes: number[]): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>()
  if (indexes.length === 0) return out
  const rows = await db
    .selectFrom('ledger_hashes')
    .select(['idx', 'hash'])
    .where(
      'idx',
      'in',
      indexes.map((i) => BigInt(i)),
    )
    .execute()
  for (const r of rows) out.set(Number(r.idx), new Uint8Array(r.hash))
  return out
}

/** Stored hashes with from <= idx < to: one primary-key range scan. */
export async function readHashRange(db: Db, from: number, to: number): Promise<Map<number, Uint8Array>> {
  const rows = await db
    .selectFrom('ledger_hashes')
    .select(['idx', 'hash'])
    .where('idx', '>=', BigInt(from))
    .where('idx', '<', BigInt(to))
    .execute()
  return new Map(rows.map((r) => [Number(r.idx), new Uint8Array(r.hash)]))
}

export async function readEntries(db: Db, from: number, to: number): Promise<Uint8Array[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['idx', 'data'])
    .where('idx', '>=', BigInt(from))
    .where('idx', '<', BigInt(to))
    .orderBy('idx')
    .execute()
  return rows.map((r) => new Uint8Array(r.data))
}

export async function insertCheckpoint(db: Db, size: number, note: string): Promise<void> {
  await db
    .insertInto('ledger_checkpoints')
    .values({ size: BigInt(size), note })
    .onConflict((c) => c.doNothing())
    .execute()
}

export async function latestCheckpoint(db: Db): Promise<{ size: number; note: string } | undefined> {
  const row = await db
    .selectFrom('ledger_checkpoints')
    .select(['size', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && { size: Number(row.size), note: row.note }
}

export async function checkpointAt(db: Db, size: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('ledger_checkpoints')
    .select('note')
    .where('size', '=', BigInt(size))
    .executeTakeFirst()
  return row?.note
}

export async function insertCosignature(db: Db, size: number, witness: string, line: string): Promise<void> {
  await db
    .insertInto('ledger_cosignatures')
    .values({ size: BigInt(size), witness, line })
    .onConflict((c) => c.columns(['size', 'witness']).doUpdateSet({ line }))
    .execute()
}

export async function cosignaturesAt(db: Db, size: number): Promise<string[]> {
  const rows = await db
    .selectFrom('ledger_cosignatures')
    .select('line')
    .where('size', '=', BigInt(size))
    .orderBy('witness')
    .execute()
  return rows.map((r) => r.line)
}
