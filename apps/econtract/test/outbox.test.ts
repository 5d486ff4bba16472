// The outbox against the simulator and a real Platform on loopback, on each database: a signed certified
// contract queued with the last signature gets an A ID; a termination against that ID is attached; a
// contract whose data differs from what was signed is refused with the Platform's reasons, shown to the
// operators; a request the Platform rejects outright fails with its code and vi/en text; refused
// credentials are retried and alerted; two workers never submit a row twice; a submission accepted before
// a crash is not submitted twice; R1.13's 24-hour clock and the deadline view.
import type { Kysely } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { registerProblemHandlers } from '@elc/http'
import { type SimFixture, type SimSubscriber, startSim } from '@elc/pki/testing'
import { enforceAccess, type Principal } from '@elc/web-auth'
import Fastify from 'fastify'
import { exportJWK, generateKeyPair } from 'jose'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { contractParties, signedContract } from '../../platform/test/signed-contract.ts'
import {
  migrateOutbox,
  type OutboxAlert,
  type OutboxDatabase,
  type OutboxOutcome,
  OutboxWorker,
  outboxRoutes,
  PlatformOutbox,
} from '../src/outbox/index.ts'
import { connectPlatform, type PlatformConnectionConfig } from '../src/platform-connection/index.ts'
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

const CONTRACT = example('contract-definite-probation.json')
const HOUR = 3_600_000

let sim: SimFixture
let platform: TestPlatform
let parties: [SimSubscriber, SimSubscriber]
let contracts: { data: unknown; pdf: Buffer }[]
let mismatched: Buffer
let providerCount = 0

beforeAll(async () => {
  sim = await startSim()
  platform = await startTestPlatform(sim)
  parties = await contractParties(sim, CONTRACT)
  contracts = await signedContracts(sim, parties, CONTRACT, 4)
  // What the parties signed says one wage; the data sent says another (R1.32).
  mismatched = await signedContract(sim, CONTRACT, parties, {
    embedded: { ...CONTRACT, wage: { ...CONTRACT.wage, amount: CONTRACT.wage.amount + 1_000_000 } },
  })
}, 180_000)

afterAll(async () => {
  await platform?.close()
  await sim?.close()
})

const fast = { intervalMs: 100, retry: { baseMs: 50, maxMs: 400 }, poll: { minMs: 50, maxMs: 200 } }

describeEachDatabase<OutboxDatabase>('platform outbox', (ctx) => {
  const blobs = testBlobs()
  const pii = testPii()
  let db: Kysely<unknown>
  let outbox: PlatformOutbox
  let connection: PlatformConnectionConfig
  let ref = 0
  const nextRef = () => `${ctx.kind}-doc-${++ref}`

  beforeAll(async () => {
    db = ctx.db() as Kysely<unknown>
    expect(await migrateOutbox(db)).toEqual(['outbox-0001'])
    expect(await migrateOutbox(db)).toEqual([])
    outbox = new PlatformOutbox({ db, blobs, pii })
    connection = await platform.provider(`03123456${String(++providerCount).padStart(2, '0')}`)
  })

  const enqueue = (input: Parameters<PlatformOutbox['enqueue']>[1]) =>
    db.transaction().execute((trx) => outbox.enqueue(trx, input))

  const row = async (documentRef: string) =>
    (await outbox.byDocument(documentRef)) as NonNullable<Awaited<ReturnType<PlatformOutbox['byDocument']>>>

  it('issues an A ID, attaches a termination to it, and records a refusal with its reasons', async () => {
    const outcomes: OutboxOutcome[] = []
    const { client, tokens } = connectPlatform(connection)
    // Follow-up work commits with the decision: here a table the eContract would stamp the ID into.
    await db.schema
      .createTable('stamped')
      .ifNotExists()
      .addColumn('ref', 'text')
      .addColumn('cid', 'text')
      .execute()
    const worker = new OutboxWorker({
      db,
      client,
      tokens,
      blobs,
      pii,
      ...fast,
      onDecided: async (trx, outcome) => {
        outcomes.push(outcome)
        await (trx as Kysely<{ stamped: { ref: string; cid: string | null } }>)
          .insertInto('stamped')
          .values({ ref: outcome.documentRef, cid: outcome.contractId ?? null })
          .execute()
      },
    })
    try {
      const signedAt = new Date()
      const contractRef = nextRef()
      const first = contracts[0] as { data: unknown; pdf: Buffer }
      const queued = await enqueue({
        documentRef: contractRef,
        kind: 'new',
        data: first.data,
        pdf: first.pdf,
        lastSignedAt: signedAt,
      })
      // R1.13: the clock runs from the last signature.
      expect(queued.deadlineAt.getTime() - signedAt.getTime()).toBe(24 * HOUR)
      // Queued again (a retried request): the same row.
      expect(
        await enqueue({
          documentRef: contractRef,
          kind: 'new',
          data: first.data,
          pdf: first.pdf,
          lastSignedAt: signedAt,
        }),
      ).toMatchObject({ id: queued.id, created: false })
      worker.kick()
      const issued = await waitFor('the ID', async () => {
        const r = await row(contractRef)
        return r.status === 'issued' && r
      })
      expect(issued.contract_id).toMatch(/^A\d{12}$/)
      expect(issued.reasons).toEqual([])
      expect(issued.submission_id).toBeTruthy()
      const contractId = issued.contract_id as string

      const termination = { ...example('termination-worker-notice.json'), parentContractId: contractId }
      const terminationRef = nextRef()
      await enqueue({
        documentRef: terminationRef,
        kind: 'termination',
        parentContractId: contractId,
        data: termination,
        pdf: await signedContract(sim, termination, parties),
        lastSignedAt: new Date(),
      })
      const refusedRef = nextRef()
      await enqueue({
        documentRef: refusedRef,
        kind: 'new',
        data: CONTRACT,
        pdf: mismatched,
        lastSignedAt: new Date(),
      })
      worker.kick()

      const attached = await waitFor('the attachment', async () => {
        const r = await row(terminationRef)
        return r.status === 'attached' && r
      })
      expect(attached.contract_id).toBe(contractId)
      const refused = await waitFor('the refusal', async () => {
        const r = await row(refusedRef)
        return r.status === 'refused' && r
      })
      expect(refused.contract_id).toBeNull()
      expect(refused.reasons?.map((r) => r.code)).toContain('SUBMISSION_DATA_MISMATCH')
      expect(refused.reasons?.find((r) => r.code === 'SUBMISSION_DATA_MISMATCH')).toMatchObject({
        ruleId: 'R1.32',
        message: { vi: expect.stringMatching(/đã được ký/), en: expect.stringMatching(/differs/) },
      })

      const view = await outbox.operationsView(new Date())
      const shown = view.refused.find((r) => r.documentRef === refusedRef)
      expect(shown?.reasons?.map((r) => r.code)).toContain('SUBMISSION_DATA_MISMATCH')
      expect(view.counts).toMatchObject({ issued: 1, attached: 1, refused: 1, queued: 0, submitted: 0 })

      expect(outcomes.map((o) => [o.documentRef, o.decision, o.contractId])).toEqual(
        expect.arrayContaining([
          [contractRef, 'issued', contractId],
          [terminationRef, 'attached', contractId],
          [refusedRef, 'refused', undefined],
        ]),
      )
      expect(outcomes).toHaveLength(3)
      const stamped = await (db as Kysely<{ stamped: { ref: string; cid: string | null } }>)
        .selectFrom('stamped')
        .selectAll()
        .execute()
      expect(stamped).toEqual(expect.arrayContaining([{ ref: contractRef, cid: contractId }]))
      // The data is stored encrypted: the worker's personal ID is not in the row.
      const raw = await (db as Kysely<OutboxDatabase>)
        .selectFrom('platform_outbox')
        .select('data_ciphertext')
        .where('document_ref', '=', contractRef)
        .executeTakeFirstOrThrow()
      expect(Buffer.from(raw.data_ciphertext).includes(CONTRACT.worker.idDocument.number)).toBe(false)
    } finally {
      await worker.stop()
    }
  }, 90_000)

  it('a request the Platform rejects outright fails with its code and vi/en text, and alerts', async () => {
    const alerts: OutboxAlert[] = []
    const { client, tokens } = connectPlatform(connection)
    const worker = new OutboxWorker({
      db,
      client,
      tokens,
      blobs,
      pii,
      ...fast,
      onAlert: (a) => alerts.push(a),
    })
    try {
      const documentRef = nextRef()
      const termination = example('termination-worker-notice.json')
      await enqueue({
        documentRef,
        kind: 'termination',
        parentContractId: 'A269999999999',
        data: termination,
        pdf: (contracts[1] as { pdf: Buffer }).pdf,
        lastSignedAt: new Date(),
      })
      worker.kick()
      const failed = await waitFor('the failure', async () => {
        const r = await row(documentRef)
        return r.status === 'failed' && r
      })
      expect(failed.last_error).toMatchObject({
        code: 'SUBMISSION_PARENT_UNKNOWN',
        status: 422,
        ruleId: 'R1.30',
        vi: expect.stringMatching(/hợp đồng gốc/),
        en: 'No contract has the given parent ID.',
      })
      expect(alerts).toEqual([expect.objectContaining({ kind: 'failed', documentRef })])
      expect((await outbox.operationsView()).failed.map((r) => r.documentRef)).toContain(documentRef)
    } finally {
      await worker.stop()
    }
  }, 60_000)

  it('refused credentials are retried with backoff and alerted, the row kept queued', async () => {
    const alerts: OutboxAlert[] = []
    const pair = await generateKeyPair('ES256', { extractable: true })
    const wrongKey = { ...connection, privateKey: { ...(await exportJWK(pair.privateKey)), kid: 'wrong' } }
    const { client, tokens } = connectPlatform(wrongKey)
    const documentRef = nextRef()
    const first = contracts[1] as { data: unknown; pdf: Buffer }
    await enqueue({ documentRef, kind: 'new', data: first.data, pdf: first.pdf, lastSignedAt: new Date() })
    const worker = new OutboxWorker({
      db,
      client,
      tokens,
      blobs,
      pii,
      ...fast,
      onAlert: (a) => alerts.push(a),
    })
    try {
      const r = await waitFor('three failed attempts', async () => {
        const r = await row(documentRef)
        return r.failures >= 3 && r
      })
      expect(r.status).toBe('queued')
      expect(r.last_error).toMatchObject({ code: 'PLATFORM_AUTH_FAILED', ruleId: 'R1.34' })
      expect(alerts[0]).toMatchObject({ kind: 'auth', documentRef, error: { code: 'PLATFORM_AUTH_FAILED' } })
      // Alerted once when the refusals began, not on each of the retries.
      expect(alerts).toHaveLength(1)
    } finally {
      await worker.stop()
    }
    // Stopped gracefully: the attempt in hand finished and its claim was given back.
    expect((await row(documentRef)).claim_token).toBeNull()
    // The right key: the same row goes through.
    const right = connectPlatform(connection)
    const recovered = new OutboxWorker({
      db,
      client: right.client,
      tokens: right.tokens,
      blobs,
      pii,
      ...fast,
    })
    try {
      const done = await waitFor('the ID after the key is fixed', async () => {
        const r = await row(documentRef)
        return r.status === 'issued' && r
      })
      expect(done.contract_id).toMatch(/^A\d{12}$/)
    } finally {
      await recovered.stop()
    }
  }, 60_000)

  it('two workers on one database never submit the same row twice', async () => {
    const counter = countingFetch()
    const decided: string[] = []
    const refs = [nextRef(), nextRef(), nextRef(), nextRef()]
    await db.transaction().execute(async (trx) => {
      for (const [i, documentRef] of refs.entries()) {
        const c = contracts[i] as { data: unknown; pdf: Buffer }
        await outbox.enqueue(trx, {
          documentRef,
          kind: 'new',
          data: c.data,
          pdf: c.pdf,
          lastSignedAt: new Date(),
        })
      }
    })
    const workers = [1, 2].map(() => {
      const { client, tokens } = connectPlatform(connection, { fetch: counter.fetch })
      return new OutboxWorker({
        db,
        client,
        tokens,
        blobs,
        pii,
        ...fast,
        concurrency: 2,
        onDecided: async (_trx, o) => {
          decided.push(o.documentRef)
        },
      })
    })
    try {
      for (const w of workers) w.kick()
      await waitFor('four IDs', async () => {
        const rows = await Promise.all(refs.map(row))
        return rows.every((r) => r.status === 'issued') && rows
      })
      const ids = await Promise.all(refs.map(async (r) => (await row(r)).id))
      for (const id of ids) {
        expect(counter.posts.get(id)).toBe(1)
        expect(counter.maxInFlight.get(id)).toBe(1)
      }
      expect(decided.sort()).toEqual([...refs].sort())
      const onPlatform = await platform.submissionsPerKey()
      for (const id of ids) expect(onPlatform.get(id)).toBe(1)
    } finally {
      await Promise.all(workers.map((w) => w.stop()))
    }
  }, 90_000)

  it('a worker that died after the Platform accepted: the next one replays the key, one submission', async () => {
    const documentRef = nextRef()
    const c = contracts[2] as { data: unknown; pdf: Buffer }
    const { id } = await enqueue({
      documentRef,
      kind: 'new',
      data: c.data,
      pdf: c.pdf,
      lastSignedAt: new Date(),
    })
    // The dead worker: it claimed the row, its POST reached the Platform, then nothing was written.
    const { client, tokens } = connectPlatform(connection)
    await client.submit({ kind: 'new', data: c.data as never, pdf: c.pdf, idempotencyKey: id })
    await (db as Kysely<OutboxDatabase>)
      .updateTable('platform_outbox')
      .set({ claimed_until: new Date(Date.now() + 300), claim_token: 'dead-worker', attempts: 1 })
      .where('id', '=', id)
      .execute()
    const worker = new OutboxWorker({ db, client, tokens, blobs, pii, ...fast })
    try {
      const issued = await waitFor('the ID after the lease ran out', async () => {
        const r = await row(documentRef)
        return r.status === 'issued' && r
      })
      expect(issued.contract_id).toMatch(/^A\d{12}$/)
      expect((await platform.submissionsPerKey()).get(id)).toBe(1)
    } finally {
      await worker.stop()
    }
  }, 60_000)

  it('R1.13: the deadline is the last signature + 24 h, and the view flags rows near or past it', async () => {
    const signedAt = new Date('2026-11-20T01:00:00Z')
    const documentRef = nextRef()
    const c = contracts[3] as { data: unknown; pdf: Buffer }
    const queued = await enqueue({
      documentRef,
      kind: 'new',
      data: c.data,
      pdf: c.pdf,
      lastSignedAt: signedAt,
    })
    expect(queued.deadlineAt.toISOString()).toBe('2026-11-21T01:00:00.000Z')
    const near = async (hoursAfterSigning: number) =>
      (
        await outbox.operationsView(new Date(signedAt.getTime() + hoursAfterSigning * HOUR))
      ).nearDeadline.find((r) => r.documentRef === documentRef)
    // Table: hours since the last signature → shown as near the deadline, overdue.
    const cases: [number, boolean, boolean][] = [
      [1, false, false],
      [19.9, false, false],
      [20.5, true, false],
      [23.9, true, false],
      [24, true, true],
      [30, true, true],
    ]
    for (const [hours, shown, overdue] of cases) {
      const r = await near(hours)
      expect(Boolean(r), `${hours} h`).toBe(shown)
      if (r) expect(r.overdue, `${hours} h`).toBe(overdue)
    }
    expect((await near(23))?.minutesLeft).toBe(60)
    // A decided row is no longer on the clock.
    await (db as Kysely<OutboxDatabase>)
      .updateTable('platform_outbox')
      .set({ status: 'failed' })
      .where('document_ref', '=', documentRef)
      .execute()
    expect(await near(23)).toBeUndefined()
  })

  it('queuing checks the kind, the parent (R1.30) and a conflicting second queuing', async () => {
    const c = contracts[0] as { data: unknown; pdf: Buffer }
    const base = { data: c.data, pdf: c.pdf, lastSignedAt: new Date() }
    await expect(enqueue({ ...base, documentRef: nextRef(), kind: 'annex' })).rejects.toMatchObject({
      code: 'OUTBOX_PARENT_REQUIRED',
      ruleId: 'R1.30',
    })
    await expect(
      enqueue({ ...base, documentRef: nextRef(), kind: 'new', parentContractId: 'A260000000001' }),
    ).rejects.toMatchObject({ code: 'OUTBOX_PARENT_NOT_ALLOWED' })
    await expect(enqueue({ ...base, documentRef: nextRef(), kind: 'other' as never })).rejects.toMatchObject({
      code: 'OUTBOX_KIND_INVALID',
    })
    await expect(
      enqueue({ ...base, documentRef: nextRef(), kind: 'new', pdf: { sha256: 'a'.repeat(64) } }),
    ).rejects.toMatchObject({ code: 'OUTBOX_PDF_MISSING' })
    const documentRef = nextRef()
    await enqueue({ ...base, documentRef, kind: 'new' })
    await expect(
      enqueue({ ...base, documentRef, kind: 'new', pdf: (contracts[1] as { pdf: Buffer }).pdf }),
    ).rejects.toMatchObject({ code: 'OUTBOX_DOCUMENT_CONFLICT', status: 409 })
    // A rolled-back transaction leaves nothing queued.
    const rolledBack = nextRef()
    await expect(
      db.transaction().execute(async (trx) => {
        await outbox.enqueue(trx, { ...base, documentRef: rolledBack, kind: 'new' })
        throw new Error('the signature step failed')
      }),
    ).rejects.toThrow('the signature step failed')
    expect(await outbox.byDocument(rolledBack)).toBeUndefined()
    await (db as Kysely<OutboxDatabase>)
      .deleteFrom('platform_outbox')
      .where('document_ref', '=', documentRef)
      .execute()
  })

  it('the operations page and JSON answer provider operators at level 2 only', async () => {
    const app = Fastify()
    registerProblemHandlers(app)
    const callers: Record<string, Principal> = {
      operator2: {
        subject: 'op',
        accountType: 'person',
        level: 2,
        name: 'Lê Thị Vận Hành',
        grants: [{ role: 'provider-operator', providerTaxCode: '0312345678' }],
      },
      operator1: {
        subject: 'op1',
        accountType: 'person',
        level: 1,
        name: 'Lê Văn Một',
        grants: [{ role: 'provider-operator' }],
      },
      worker: {
        subject: 'w',
        accountType: 'person',
        level: 2,
        name: 'Trần Văn Minh',
        grants: [{ role: 'worker' }],
      },
    }
    enforceAccess(app)
    app.addHook('onRequest', async (request) => {
      const who = request.headers['x-test-caller']
      request.principal = typeof who === 'string' ? callers[who] : undefined
    })
    outboxRoutes(app, { outbox })
    await app.ready()
    try {
      const get = (url: string, caller?: string) =>
        app.inject({ url, headers: caller ? { 'x-test-caller': caller } : {} })
      for (const url of ['/operations', '/operations/outbox.json']) {
        expect((await get(url)).statusCode, url).toBe(401)
        expect((await get(url, 'operator1')).statusCode, url).toBe(403)
        expect((await get(url, 'worker')).statusCode, url).toBe(403)
      }
      const html = await get('/operations', 'operator2')
      expect(html.statusCode).toBe(200)
      expect(html.headers['content-type']).toMatch(/text\/html/)
      expect(html.body).toContain('Bị Nền tảng từ chối')
      expect(html.body).toContain('Refused by the Platform')
      expect(html.body).toContain('SUBMISSION_DATA_MISMATCH')
      expect(html.body).not.toContain(CONTRACT.worker.idDocument.number)
      const json = await get('/operations/outbox.json', 'operator2')
      expect(json.statusCode).toBe(200)
      expect(json.json()).toMatchObject({
        counts: { refused: 1 },
        refused: [expect.objectContaining({ status: 'refused' })],
      })
    } finally {
      await app.close()
    }
  })
})
