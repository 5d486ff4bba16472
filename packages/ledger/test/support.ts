// Helpers shared by the ledger integration tests (ledger-*.test.ts): keys, events, a second handle on a
// suite's database, an independent recomputation of the tree, a log served over HTTP, raw-SQL tampering.
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Kysely, sql } from '@elc/db'
import { type DatabaseTestContext, openHandle } from '@elc/db/testing'
import { expect } from 'vitest'
import {
  type Appended,
  Ledger,
  type LedgerEvent,
  type PublishedCheckpoint,
  serveLedger,
} from '../src/log/index.ts'
import type { SequencerOptions } from '../src/log/sequencer.ts'
import { type Hash, hashEqual, MemoryHashStore, storedHashCount, treeHash } from '../src/merkle/index.ts'
import {
  generateNoteKey,
  type NoteSigner,
  type NoteVerifier,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
} from '../src/note/index.ts'
import { type AlarmCode, HttpLogClient, MonitorAlarm } from '../src/verifier/index.ts'

export const KEY_NAME = 'ledger.test.elc'

export interface TestKey {
  signerKey: string
  verifierKey: string
  signer: NoteSigner
  verifier: NoteVerifier
}

export function newKey(name = KEY_NAME): TestKey {
  const k = generateNoteKey(name)
  return { ...k, signer: parseSignerKey(k.signerKey), verifier: parseVerifierKey(k.verifierKey) }
}

export function openLedger(
  db: Kysely<unknown>,
  origin: string,
  key: TestKey,
  sequencer?: SequencerOptions,
): Promise<Ledger> {
  return Ledger.open({
    db: db as never,
    origin,
    signer: key.signer,
    checkpointIntervalMs: 0,
    ...(sequencer ? { sequencer } : {}),
  })
}

const T0 = Date.UTC(2026, 10, 23, 1, 0, 0)

/** A distinct, deterministic event: `tag` and `seq` say who appended it; `amount` is a VND figure. */
export function event(seq: number, tag = 'main'): LedgerEvent {
  return {
    type: 'submission.received',
    at: new Date(T0 + seq * 1000).toISOString(),
    data: { tag, seq, amount: 10_000_000 + seq, contract: `HD-${tag}-${String(seq).padStart(6, '0')}` },
  }
}

/** Appends `n` events concurrently (each its own promise), flushes, then publishes a checkpoint. */
export async function grow(
  ledger: Ledger,
  n: number,
  tag = 'main',
  firstSeq = 0,
): Promise<{ acked: Appended[]; checkpoint: PublishedCheckpoint }> {
  const pending = Array.from({ length: n }, (_, i) => ledger.append(event(firstSeq + i, tag)))
  await ledger.flush()
  const acked = await Promise.all(pending)
  const checkpoint = await ledger.publishCheckpoint()
  if (!checkpoint) throw new Error('no checkpoint published')
  return { acked, checkpoint }
}

/** The tree rebuilt outside the log, from its entry bytes alone. */
export async function independentTree(
  ledger: Ledger,
  size: number,
): Promise<{ entries: Uint8Array[]; store: MemoryHashStore; root: Hash }> {
  const entries = await ledger.entries(0, size)
  expect(entries).toHaveLength(size)
  const store = new MemoryHashStore()
  for (const e of entries) store.appendRecord(e)
  return { entries, store, root: await treeHash(size, store) }
}

/** Size and root of a checkpoint note, after checking its signature and origin. */
export function openedCheckpoint(note: string, verifier: NoteVerifier, origin: string) {
  const { checkpoint } = openCheckpoint(note, [verifier], { origin })
  return { size: Number(checkpoint.size), root: checkpoint.rootHash }
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return hashEqual(a, b)
}

/** Every stored hash of the database, in index order. */
export async function storedHashes(db: Kysely<unknown>): Promise<Uint8Array[]> {
  const { rows } = await sql<{ idx: bigint; hash: Uint8Array }>`
    select idx, hash from ledger_hashes order by idx`.execute(db)
  rows.forEach((r, i) => {
    expect(Number(r.idx)).toBe(i)
  })
  return rows.map((r) => new Uint8Array(r.hash))
}

export async function treeRow(db: Kysely<unknown>): Promise<{ size: number; root: Uint8Array }> {
  const { rows } = await sql<{ size: bigint; root: Uint8Array }>`
    select size, root from ledger_tree where id = 1`.execute(db)
  const row = rows[0]
  if (!row) throw new Error('no ledger_tree row')
  return { size: Number(row.size), root: new Uint8Array(row.root) }
}

export async function countRows(db: Kysely<unknown>, table: 'ledger_entries' | 'ledger_hashes') {
  const { rows } = await sql<{ n: bigint }>`select count(*)::bigint as n from ${sql.table(table)}`.execute(db)
  return Number(rows[0]?.n)
}

/** The independent store's stored hashes equal the database's, one for one. */
export async function expectStoredHashesMatch(db: Kysely<unknown>, store: MemoryHashStore): Promise<void> {
  const stored = await storedHashes(db)
  expect(stored.length).toBe(storedHashCount(store.size))
  const mine = store.readHashesSync(stored.map((_, i) => i))
  const differing = stored.flatMap((h, i) => (sameHash(h, mine[i] as Uint8Array) ? [] : [i]))
  expect(differing).toEqual([])
}

/**
 * Another handle on the same schema (or another schema of the same database): a pool of its own on
 * PostgreSQL, as a second process would have; a second Kysely over the shared backend on PGlite.
 */
/** A fresh schema next to the suite's (for a second, independent log); dropped by `drop`. */
export async function extraSchema(
  ctx: DatabaseTestContext<unknown>,
  suffix: string,
): Promise<{ db: Kysely<unknown>; drop: () => Promise<void> }> {
  const schema = `${ctx.schema}_${suffix}`.slice(0, 63)
  await sql`create schema ${sql.id(schema)}`.execute(ctx.db())
  const handle = await openHandle(ctx, schema)
  return {
    db: handle.db,
    drop: async () => {
      await handle.close()
      await sql`drop schema ${sql.id(schema)} cascade`.execute(ctx.db())
    },
  }
}

/** The log over real HTTP on 127.0.0.1, on a port of its own. */
export async function serve(
  ledger: Ledger,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = serveLedger(ledger)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Awaits `p`, which must reject with a MonitorAlarm of `code`; returns the alarm so its message can be checked. */
export async function expectAlarm(p: Promise<unknown>, code: AlarmCode): Promise<MonitorAlarm> {
  let caught: unknown
  try {
    await p
  } catch (e) {
    caught = e
  }
  expect(caught, `expected a ${code} alarm`).toBeInstanceOf(MonitorAlarm)
  expect({ code: (caught as MonitorAlarm).code, message: (caught as MonitorAlarm).message }).toMatchObject({
    code,
  })
  return caught as MonitorAlarm
}

/** What `fn` throws (it must throw). */
export function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn()
  } catch (e) {
    return e as Error & { code?: string }
  }
  throw new Error('expected an error, nothing was thrown')
}

/** Changes byte `at` of entry `index`'s stored data to `to`, with raw SQL, behind the log's back. */
export async function setEntryByte(
  db: Kysely<unknown>,
  index: number,
  at: number,
  to: number,
): Promise<void> {
  const { numAffectedRows } = await sql`
    update ledger_entries set data = set_byte(data, ${at}::int, ${to}::int) where idx = ${index}::bigint`.execute(
    db,
  )
  expect(numAffectedRows).toBe(1n)
}

/** Flips the lowest bit of the first byte of stored hash `storedIndex`; returns the original hash. */
export async function flipStoredHash(db: Kysely<unknown>, storedIndex: number): Promise<Uint8Array> {
  const { rows } = await sql<{ hash: Uint8Array }>`
    select hash from ledger_hashes where idx = ${storedIndex}::bigint`.execute(db)
  const original = new Uint8Array((rows[0] as { hash: Uint8Array }).hash)
  const edited = Uint8Array.from(original)
  edited[0] = (edited[0] as number) ^ 1
  await setStoredHash(db, storedIndex, edited)
  return original
}

export async function setStoredHash(
  db: Kysely<unknown>,
  storedIndex: number,
  hash: Uint8Array,
): Promise<void> {
  const { numAffectedRows } = await sql`
    update ledger_hashes set hash = ${hash} where idx = ${storedIndex}::bigint`.execute(db)
  expect(numAffectedRows).toBe(1n)
}

/**
 * A log process serving its database over HTTP, which can be restarted: after an edit behind its back,
 * the restarted log reads the database afresh (no hash or entry cache of the old process survives).
 */
export class RunningLog {
  private constructor(
    private readonly db: Kysely<unknown>,
    private readonly origin: string,
    private readonly key: TestKey,
    public ledger: Ledger,
    private http: Awaited<ReturnType<typeof serve>>,
  ) {}

  static async start(db: Kysely<unknown>, origin: string, key: TestKey): Promise<RunningLog> {
    const ledger = await openLedger(db, origin, key)
    return new RunningLog(db, origin, key, ledger, await serve(ledger))
  }

  /** A monitor's client for the log as it is served now. */
  client(): HttpLogClient {
    return new HttpLogClient(this.http.url)
  }

  async restart(): Promise<void> {
    await this.stop()
    this.ledger = await openLedger(this.db, this.origin, this.key)
    this.http = await serve(this.ledger)
  }

  async stop(): Promise<void> {
    await this.http.close()
    await this.ledger.close()
  }
}
