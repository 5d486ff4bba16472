// A Platform outage (R1.13 still runs): the Platform's port is closed while contracts are queued; the worker
// keeps retrying with backoff and loses nothing; the Platform starts again on the same port and database;
// every contract ends with exactly one ID and the Platform holds exactly one submission per Idempotency-Key,
// even for a request whose answer was lost on the way back and was therefore sent again.
import type { Kysely } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { type SimFixture, type SimSubscriber, startSim } from '@elc/pki/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { contractParties } from '../../platform/test/signed-contract.ts'
import {
  migrateOutbox,
  type OutboxDatabase,
  type OutboxOutcome,
  OutboxWorker,
  PlatformOutbox,
} from '../src/outbox/index.ts'
import { connectPlatform } from '../src/platform-connection/index.ts'
import {
  countingFetch,
  example,
  signedContracts,
  startTestPlatform,
  type TestPlatform,
  testBlobs,
  testPii,
  waitFor,
} from './outbox-platform.ts'

const CONTRACT = example('contract-indefinite.json')

let sim: SimFixture
let platform: TestPlatform
let parties: [SimSubscriber, SimSubscriber]
let contracts: { data: unknown; pdf: Buffer }[]
let providers = 0

beforeAll(async () => {
  sim = await startSim()
  platform = await startTestPlatform(sim)
  parties = await contractParties(sim, CONTRACT)
  contracts = await signedContracts(sim, parties, CONTRACT, 6)
}, 180_000)

afterAll(async () => {
  await platform?.close()
  await sim?.close()
})

describeEachDatabase<OutboxDatabase>('platform outbox through an outage', (ctx) => {
  it('retries while the Platform is down and ends with one ID per contract, none lost, none duplicated', async () => {
    const db = ctx.db() as Kysely<unknown>
    await migrateOutbox(db)
    const blobs = testBlobs()
    const pii = testPii()
    const outbox = new PlatformOutbox({ db, blobs, pii })
    const connection = await platform.provider(`04000000${String(++providers).padStart(2, '0')}`)

    // The answer to the first POST of the first contract queued during the outage is lost in transit:
    // the Platform accepted it, the worker saw a network error and sends it again.
    let loseOne: string | undefined
    const counter = countingFetch(async (input, init) => {
      const request = new Request(input, init)
      const key = request.headers.get('idempotency-key')
      const response = await fetch(request)
      if (key && key === loseOne) {
        loseOne = undefined
        await response.body?.cancel()
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
      }
      return response
    })
    const { client, tokens } = connectPlatform(connection, { fetch: counter.fetch })
    const outcomes: OutboxOutcome[] = []
    const worker = new OutboxWorker({
      db,
      client,
      tokens,
      blobs,
      pii,
      intervalMs: 100,
      retry: { baseMs: 50, maxMs: 400, jitter: 0.5 },
      poll: { minMs: 50, maxMs: 200 },
      onDecided: async (_trx, o) => {
        outcomes.push(o)
      },
    })
    let down = false
    const enqueue = (i: number) =>
      db.transaction().execute(async (trx) => {
        const c = contracts[i] as { data: unknown; pdf: Buffer }
        const queued = await outbox.enqueue(trx, {
          documentRef: `${ctx.kind}-outage-${i}`,
          kind: 'new',
          data: c.data,
          pdf: c.pdf,
          lastSignedAt: new Date(),
        })
        return queued.id
      })
    try {
      // Before the outage: one contract goes through (and the worker holds an access token).
      const before = await enqueue(0)
      worker.kick()
      await waitFor(
        'the first ID',
        async () => (await outbox.byDocument(`${ctx.kind}-outage-0`))?.status === 'issued',
      )

      await platform.stop()
      down = true
      const ids = [before]
      for (let i = 1; i < contracts.length; i++) {
        ids.push(await enqueue(i))
        worker.kick()
      }
      loseOne = ids[1]
      const during = await waitFor('three failed attempts each', async () => {
        const rows = await Promise.all(
          ids.slice(1).map((_, i) => outbox.byDocument(`${ctx.kind}-outage-${i + 1}`)),
        )
        return rows.every((r) => r && r.failures >= 3) && rows
      })
      for (const r of during) {
        expect(r?.status).toBe('queued')
        expect(r?.last_error).toMatchObject({
          code: 'PLATFORM_UNREACHABLE',
          vi: expect.stringMatching(/Không kết nối/),
        })
      }
      const view = await outbox.operationsView()
      expect(view.counts).toMatchObject({ queued: contracts.length - 1, issued: 1 })

      await platform.start()
      down = false
      const done = await waitFor(
        'every contract decided',
        async () => {
          const rows = await Promise.all(
            contracts.map((_, i) => outbox.byDocument(`${ctx.kind}-outage-${i}`)),
          )
          return rows.every((r) => r?.status === 'issued') && rows
        },
        { timeoutMs: 30_000 },
      )
      const contractIds = done.map((r) => r?.contract_id)
      for (const id of contractIds) expect(id).toMatch(/^A\d{12}$/)
      expect(new Set(contractIds).size).toBe(contracts.length)

      const onPlatform = await platform.submissionsPerKey()
      for (const id of ids) expect(onPlatform.get(id), id).toBe(1)
      // The contract whose answer was lost was posted twice and is still one submission with one ID.
      expect(counter.posts.get(ids[1] as string)).toBeGreaterThanOrEqual(2)
      expect(outcomes.map((o) => o.id).sort()).toEqual([...ids].sort())

      const rows = await (db as Kysely<OutboxDatabase>)
        .selectFrom('platform_outbox')
        .select('status')
        .execute()
      expect(rows).toHaveLength(contracts.length)
    } finally {
      await worker.stop()
      // A failed run leaves the Platform up for the next database's run.
      if (down) await platform.start()
    }
  }, 120_000)
})
