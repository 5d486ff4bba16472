// Several Platform processes decide together: each has its own connection pool, ledger sequencer and
// decision service on one database. Every submission is decided exactly once, with one decision entry
// in the ledger, whether the processes race for fresh work or one takes over claims another let lapse.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout } from 'node:timers/promises'
import { type Kysely, sql } from '@elc/db'
import { describeEachDatabase, openHandle } from '@elc/db/testing'
import { decodeEntry, generateNoteKey, Ledger, parseSignerKey } from '@elc/ledger'
import { RevocationChecker, TrustStore } from '@elc/pki'
import { type SimFixture, startSim } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { migrateSubmissions } from '../src/submissions/index.ts'
import type { SubmissionDatabase } from '../src/submissions/migrations.ts'
import { SubmissionsService } from '../src/submissions/submissions-service.ts'
import { contractParties, signedContract } from './signed-contract.ts'

const CONTRACT = JSON.parse(
  readFileSync(new URL('../../../examples/contract-indefinite.json', import.meta.url), 'utf8'),
)
const ORIGIN = 'nentang-hdld.test/workers'
const key = generateNoteKey('nentang-hdld.test')

let sim: SimFixture
let pdf: Buffer
const storage = {
  blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-workers-'))),
  pii: new PiiCipher({
    keys: [{ id: 'k1', key: Buffer.alloc(32, 9) }],
    currentKeyId: 'k1',
    lookupKey: 'tra-cuu',
  }),
}

beforeAll(async () => {
  sim = await startSim()
  pdf = await signedContract(sim, CONTRACT, await contractParties(sim, CONTRACT))
}, 120_000)

afterAll(async () => {
  await sim?.close()
})

describeEachDatabase('decisions by several processes', (ctx) => {
  interface Process {
    service: SubmissionsService
    ledger: Ledger
    close(): Promise<void>
  }
  const processes: Process[] = []
  let clock = Date.now()

  async function startProcess(): Promise<Process> {
    const handle = await openHandle(ctx)
    const ledger = await Ledger.open({
      db: handle.db as never,
      origin: ORIGIN,
      signer: parseSignerKey(key.signerKey),
    })
    const service = new SubmissionsService(handle.db as Kysely<SubmissionDatabase>, ledger, {
      trust: TrustStore.fromBytes(sim.rootDer),
      revocation: new RevocationChecker(),
      ...storage,
      now: () => new Date(clock),
    })
    const p = {
      service,
      ledger,
      close: async () => {
        await ledger.close()
        await handle.close()
      },
    }
    processes.push(p)
    return p
  }

  beforeAll(async () => {
    await migrateSubmissions(ctx.db())
  })
  afterAll(async () => {
    for (const p of processes) await p.close()
  })

  async function accept(p: Process, count: number, tag: string): Promise<string[]> {
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const { view } = await p.service.accept({
        providerId: 'provider-test',
        idempotencyKey: `${tag}-${i}`,
        kind: 'new',
        data: CONTRACT,
        pdf,
      })
      ids.push(view.id)
    }
    return ids
  }

  /** Decision entries in the ledger, by submission id. */
  async function decisionEntries(ledger: Ledger): Promise<Map<string, number>> {
    const size = (await ledger.entries(0, 1_000_000)).length
    const counts = new Map<string, number>()
    for (const bytes of await ledger.entries(0, size)) {
      const entry = decodeEntry(bytes)
      if (entry.type === 'submission.received') continue
      const id = (entry.data as { submission: string }).submission
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    return counts
  }

  it('two processes racing over one burst decide each submission exactly once', async () => {
    const [a, b] = [await startProcess(), await startProcess()] as [Process, Process]
    const ids = await accept(a, 24, 'race')
    // Both drain the queue at once, in small claims, as two DecisionWorkers would.
    const drain = async (p: Process) => {
      let claimed = 0
      for (let n = await p.service.decidePending(4); n > 0; n = await p.service.decidePending(4)) claimed += n
      return claimed
    }
    const [byA, byB] = await Promise.all([drain(a), drain(b)])
    expect(byA + byB).toBe(ids.length)
    const views = await Promise.all(ids.map((id) => a.service.view('provider-test', id)))
    expect(views.every((v) => v?.decision === 'issued')).toBe(true)
    const contractIds = views.map((v) => v?.contractId)
    expect(new Set(contractIds).size).toBe(ids.length)
    const entries = await decisionEntries(a.ledger)
    for (const id of ids) expect(entries.get(id)).toBe(1)
  })

  it('contracts decided before their provinces were recorded get them once, from their encrypted data', async () => {
    const [a] = [await startProcess()] as [Process]
    const count = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from submission_province p
          join submission s on s.id = p.submission_id where s.idempotency_key like 'race-%'`.execute(ctx.db())
      ).rows[0]?.n ?? 0
    const recorded = await count()
    expect(recorded).toBeGreaterThanOrEqual(24)
    // As a contract decided before the facts were recorded at decision time.
    await sql`delete from submission_province where submission_id in
      (select id from submission where idempotency_key like 'race-%')`.execute(ctx.db())
    await sql`update submission set term_type = null where idempotency_key like 'race-%'`.execute(ctx.db())
    expect(await count()).toBe(0)
    expect(await a.service.backfillFacts(5)).toBe(24)
    expect(await count()).toBe(recorded)
    expect(await a.service.backfillFacts()).toBe(0)
  })

  it('a claim left by a stalled process is taken over once it lapses, and a late decision writes nothing', async () => {
    const [a, b] = [await startProcess(), await startProcess()] as [Process, Process]
    const ids = await accept(a, 6, 'lapse')
    // Process a claims the work and is still deciding when its claims lapse; b takes them over.
    const aDecides = a.service.decidePending(8)
    for (let claimed = 0; claimed < ids.length; ) {
      const rows = await sql<{ n: number }>`
        select count(*)::int as n from submission
        where idempotency_key like 'lapse-%' and claimed_until is not null`.execute(ctx.db())
      claimed = rows.rows[0]?.n ?? 0
      await setTimeout(2)
    }
    expect(await b.service.decidePending(8)).toBe(0) // still held by a
    clock += 5 * 60_000
    const bDecides = b.service.decidePending(8)
    const settled = await Promise.allSettled([aDecides, bDecides])
    expect(settled.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual([
      'fulfilled',
      'fulfilled',
    ])
    const entries = await decisionEntries(b.ledger)
    for (const id of ids) expect(entries.get(id)).toBe(1)
    const views = await Promise.all(ids.map((id) => b.service.view('provider-test', id)))
    expect(views.every((v) => v?.decision === 'issued' && /^A\d{12}$/.test(v.contractId ?? ''))).toBe(true)
    expect(new Set(views.map((v) => v?.contractId)).size).toBe(ids.length)
  })
})
