// Bulk contracts end to end against the simulator and a Platform on loopback: a job of 20 employees, one
// of whom is too young (a labor-code error: the row fails with its findings); a wrong one-time code signs
// nothing; ONE approval gives the other 19 the employer's signature; each worker then signs through
// SigningService, and every contract is certified, submitted and gets its ID. Then restart safety: a
// worker that dies between steps is replaced by another and every row ends exactly once.
import { readFileSync } from 'node:fs'
import { ElcError } from '@elc/core'
import type { Kysely } from '@elc/db'
import { RevocationChecker, TrustStore } from '@elc/pki'
import type { Principal } from '@elc/web-auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BulkService, BulkWorker, BulkWorkerCrash, migrateBulk } from '../src/bulk/index.ts'
import type { BulkDatabase } from '../src/bulk/migrations.ts'
import { SignerCertificates, simCertificateAuthority } from '../src/contracts/index.ts'
import { EmployeesRepo, migrateEmployees } from '../src/employees/index.ts'
import type { EmployeeInput } from '../src/employees/validate-row.ts'
import { type ContractFlow, EMPLOYER_TAX_CODE, hrStaff, startContractFlow } from './contract-flow.ts'
import { waitFor } from './outbox-platform.ts'

const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
)
const { employer: EMPLOYER, worker: _worker, ...TERMS } = EXAMPLE

let flow: ContractFlow
let db: Kysely<BulkDatabase>
let service: BulkService
let repo: EmployeesRepo
const errors: unknown[] = []

function employees(prefix: string, count: number): EmployeeInput[] {
  return Array.from({ length: count }, (_, i) => ({
    line: i + 2,
    fullName: `${prefix} Văn Số ${i + 1}`.normalize('NFC'),
    dateOfBirth: '1994-05-0' + ((i % 9) + 1),
    sex: 'male',
    residence: 'Số 5 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh',
    nationality: 'VN',
    idDocument: { kind: 'personal_id', number: `0790940${prefix.length}${String(1000 + i).slice(-4)}` },
  }))
}

async function idsOf(prefix: string): Promise<string[]> {
  return (await repo.listByEmployer(EMPLOYER_TAX_CODE))
    .filter((e) => e.fullName.startsWith(prefix))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi', { numeric: true }))
    .map((e) => e.id)
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (e) {
    if (e instanceof ElcError) return e.code
    throw e
  }
  return 'no error'
}

const worker = (opts: Partial<ConstructorParameters<typeof BulkWorker>[0]> = {}) =>
  new BulkWorker({ service, concurrency: 4, intervalMs: 50, onError: (e) => errors.push(e), ...opts })

async function waitForJob(id: string, status: string) {
  return waitFor(
    `job ${id} ${status}`,
    async () => {
      const p = await service.progress(hrStaff(), id)
      return p.status === status ? p : undefined
    },
    { timeoutMs: 120_000, intervalMs: 100 },
  )
}

beforeAll(async () => {
  flow = await startContractFlow()
  await migrateEmployees(flow.database.db)
  await migrateBulk(flow.database.db)
  db = flow.database.db as Kysely<BulkDatabase>
  const pii = flow.documents.deps.pii
  repo = new EmployeesRepo(flow.database.db as never, pii)
  const trust = TrustStore.fromBytes(flow.sim.rootDer)
  service = new BulkService({
    db: flow.database.db,
    documents: flow.documents,
    employees: repo,
    certificates: new SignerCertificates({
      db: db as never,
      ca: simCertificateAuthority(flow.sim.baseUrl),
      pii,
      trust,
      revocation: new RevocationChecker(),
    }),
    remoteSigningUrl: flow.sim.baseUrl,
    tsa: flow.sim.tsa,
  })
  const young = { ...employees('Trẻ', 1)[0], dateOfBirth: '2014-01-01' } as EmployeeInput
  await repo.insertAll(EMPLOYER_TAX_CODE, [...employees('Nguyễn', 19), young])
  await repo.insertAll(EMPLOYER_TAX_CODE, employees('Phạm Thị', 6))
}, 120_000)

afterAll(async () => {
  await flow?.close()
})

describe('a bulk job of 20 employees', () => {
  const hr = hrStaff()
  let jobId: string

  it('fails the row with a labor-code error, with its findings; prepares the other 19', async () => {
    const ids = [...(await idsOf('Nguyễn')), ...(await idsOf('Trẻ'))]
    expect(ids).toHaveLength(20)
    const created = await service.create(hr, {
      employerTaxCode: EMPLOYER_TAX_CODE,
      employer: EMPLOYER,
      terms: TERMS,
      employeeIds: ids,
      acknowledgeWarnings: true,
      consent: true,
    })
    jobId = created.id
    expect(created).toMatchObject({ total: 20, failed: 1 })
    const w = worker()
    w.start()
    const awaiting = await waitForJob(jobId, 'awaiting_approval')
    await w.stop()
    expect(awaiting.counts).toMatchObject({ employer_prepared: 19, failed: 1 })
    expect(awaiting.batch?.simulatedOtp).toMatch(/^\d{6}$/)
    const failed = awaiting.rows.find((r) => r.status === 'failed')
    expect(failed?.workerName).toMatch(/^Trẻ/)
    expect(failed?.documentId).toBeNull()
    expect(failed?.reason?.en).toMatch(/labor-code error/)
    expect(failed?.findings.some((f) => f.code === 'WORKER_UNDER_MINIMUM_AGE')).toBe(true)
  }, 120_000)

  it('a wrong one-time code signs nothing', async () => {
    const { batch } = await service.progress(hr, jobId)
    const wrong = batch?.simulatedOtp === '000000' ? '111111' : '000000'
    expect(await code(service.approve(hr, jobId, wrong))).toBe('REMOTE_SIGNING_OTP_WRONG')
    const signed = await db.selectFrom('signature').select('id').where('status', '=', 'signed').execute()
    expect(signed).toEqual([])
    const withSignature = await db
      .selectFrom('bulk_item')
      .select('seq')
      .where('job_id', '=', jobId)
      .where('employer_signature', 'is not', null)
      .execute()
    expect(withSignature).toEqual([])
    expect((await service.progress(hr, jobId)).status).toBe('awaiting_approval')
  })

  it('ONE approval gives the 19 documents the employer’s signature; they wait for their workers', async () => {
    const { batch } = await service.progress(hr, jobId)
    expect(await service.approve(hr, jobId, batch?.simulatedOtp as string)).toEqual({ approved: 19 })
    const w = worker()
    w.start()
    const done = await waitForJob(jobId, 'done')
    await w.stop()
    expect(done.counts).toMatchObject({ employer_signed: 19, failed: 1 })
    for (const row of done.rows.filter((r) => r.status !== 'failed')) {
      const view = await flow.documents.view(hr, row.documentId as string)
      expect(view.status).toBe('signing')
      expect(view.nextParty).toBe('worker')
      expect(view.signatures).toEqual([
        expect.objectContaining({ party: 'employer', status: 'signed', signerName: EMPLOYER.name }),
      ])
      expect(view.history.map((e) => e.type)).toEqual([
        'created',
        'sent',
        'consented',
        'signature.requested',
        'signed',
      ])
    }
    // The CA saw one batch for the round, and no single employer request.
    const batches = flow.sim.requests.filter(
      (r) => r.method === 'POST' && r.url === '/remote-signing/batches',
    )
    expect(batches).toHaveLength(1)
  }, 180_000)

  it('each worker signs through SigningService; every contract is certified and gets its ID', async () => {
    const progress = await service.progress(hr, jobId)
    const rows = progress.rows.filter((r) => r.status === 'employer_signed')
    for (const row of rows) {
      const doc = await flow.documents.row(row.documentId as string)
      const data = flow.documents.data(doc as never) as {
        worker: { fullName: string; idDocument: { number: string } }
      }
      const person: Principal = {
        subject: `worker-${row.seq}`,
        accountType: 'person',
        level: 2,
        name: data.worker.fullName,
        personalId: data.worker.idDocument.number,
        grants: [{ role: 'worker' }],
        session: { ref: `feed${row.seq}`, acr: 'vneid:level2', authTime: '2026-11-23T01:05:00.000Z' },
      }
      await flow.documents.pdf(person, row.documentId as string)
      const started = await flow.signing.start(person, row.documentId as string, { consent: true })
      expect(await flow.signing.confirm(person, started.signatureId, started.simulatedOtp as string)).toEqual(
        { completed: true },
      )
    }
    const issued = await waitFor(
      'every contract ID',
      async () => {
        const p = await service.progress(hr, jobId)
        const ok = p.rows.filter((r) => r.contractId)
        return ok.length === rows.length ? ok : undefined
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    )
    expect(issued.every((r) => /^A\d{12}$/.test(r.contractId as string))).toBe(true)
    expect(new Set(issued.map((r) => r.contractId)).size).toBe(rows.length)
  }, 300_000)
})

describe('restart safety', () => {
  const hr = hrStaff()

  it('a worker that dies between steps is replaced; every row ends exactly once', async () => {
    const ids = await idsOf('Phạm Thị')
    const { id } = await service.create(hr, {
      employerTaxCode: EMPLOYER_TAX_CODE,
      employer: EMPLOYER,
      terms: TERMS,
      employeeIds: ids,
      acknowledgeWarnings: true,
      consent: true,
    })
    // The first worker dies on rows 1, 3 and 5 after they were drafted, with their lease still held.
    const died = new Set<number>()
    const first = worker({
      leaseMs: 300,
      beforeStep: (item) => {
        if (item.job_id === id && item.seq % 2 === 1 && item.status === 'drafted' && !died.has(item.seq)) {
          died.add(item.seq)
          throw new BulkWorkerCrash()
        }
      },
    })
    first.start()
    await waitFor('the crashes', async () => died.size === 3, { timeoutMs: 60_000 })
    await first.stop()
    const midway = await service.progress(hr, id)
    expect(midway.rows.filter((r) => r.status === 'drafted').map((r) => r.seq)).toEqual([1, 3, 5])

    const second = worker()
    second.start()
    const awaiting = await waitForJob(id, 'awaiting_approval')
    await second.stop()
    expect(awaiting.counts.employer_prepared).toBe(6)

    // After the approval, another worker dies while completing row 2's signature; a third finishes.
    await service.approve(hr, id, awaiting.batch?.simulatedOtp as string)
    let crashed = false
    const third = worker({
      leaseMs: 300,
      beforeStep: (item) => {
        if (item.job_id === id && item.seq === 2 && item.employer_signature && !crashed) {
          crashed = true
          throw new BulkWorkerCrash()
        }
      },
    })
    third.start()
    await waitFor('the crash while signing', async () => crashed)
    await third.stop()
    const fourth = worker()
    fourth.start()
    const done = await waitForJob(id, 'done')
    await fourth.stop()
    expect(done.counts.employer_signed).toBe(6)

    const documentIds = done.rows.map((r) => r.documentId as string)
    expect(new Set(documentIds).size).toBe(6)
    const created = await db
      .selectFrom('document_event')
      .select('document_id')
      .where('type', '=', 'created')
      .where('document_id', 'in', documentIds)
      .execute()
    expect(created).toHaveLength(6)
    const byJob = await db.selectFrom('document').select('id').where('title', 'like', '%Phạm Thị%').execute()
    expect(byJob).toHaveLength(6)
    const signatures = await db
      .selectFrom('signature')
      .select(['document_id', 'status'])
      .where('document_id', 'in', documentIds)
      .execute()
    expect(signatures).toHaveLength(6)
    expect(signatures.every((s) => s.status === 'signed')).toBe(true)
    const signedEvents = await db
      .selectFrom('document_event')
      .select('document_id')
      .where('type', '=', 'signed')
      .where('document_id', 'in', documentIds)
      .execute()
    expect(signedEvents).toHaveLength(6)
    expect(errors.filter((e) => !(e instanceof BulkWorkerCrash))).toEqual([])
  }, 180_000)
})
