// `npm run bench` (bulk part): 1,000 employees, one bulk job, the employer's one batch approval, each
// worker's signature (auto-approved by the simulator), certification, submission to a Platform on
// loopback and the ID back. Reports contracts per minute and where the time went, phase by phase. A
// measurement, never a pass/fail test.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database, type Kysely, sql } from '@elc/db'
import { RevocationChecker, type TimestampAuthority, TrustStore } from '@elc/pki'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import type { Principal } from '@elc/web-auth'
import { BulkService, BulkWorker, migrateBulk, type Phase, PhaseTimer, RenderPool } from '../bulk/index.ts'
import {
  type ContractsDatabase,
  DocumentsService,
  migrateContracts,
  onPlatformDecision,
  SignerCertificates,
  SigningService,
  simCertificateAuthority,
} from '../contracts/index.ts'
import { EmployeesRepo, migrateEmployees } from '../employees/index.ts'
import type { EmployeeInput } from '../employees/validate-row.ts'
import { migrateOutbox, OutboxWorker, PlatformOutbox } from '../outbox/index.ts'
import { connectPlatform } from '../platform-connection/index.ts'
import { spawnPlatform, spawnSim } from './spawn-services.ts'

const TAX_CODE = '0312345678'
/** Workers signing at once (people on their phones). */
const WORKER_CONCURRENCY = 12

export interface BulkBenchResult {
  count: number
  backend: string
  issued: number
  failed: number
  wallMs: number
  contractsPerMinute: number
  /** Wall-clock of each stage, in order. */
  stages: Array<{ name: string; ms: number }>
  /** Summed time per phase (overlapping calls each count in full) and its share of the sum. */
  phases: Array<{ phase: string; ms: number; share: number }>
}

export async function runBulkBench(
  options: {
    count?: number
    databaseUrl?: string
    /** Threads rendering the bulk rows’ PDFs; default 2 (the simulator is idle while the rows are rendered). */
    renderThreads?: number
    log?: (line: string) => void
  } = {},
): Promise<BulkBenchResult> {
  const count = options.count ?? 1000
  const log = options.log ?? (() => {})
  const example = JSON.parse(
    readFileSync(new URL('../../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
  )
  const { employer, worker: _worker, ...terms } = example
  const timer = new PhaseTimer()
  // The simulator in its own process (the other core); everything else here, as the eContract would run.
  const sim = await spawnSim({ autoApprove: true })
  const econtractDb = await openBenchDatabase(options.databaseUrl, 'econtract')
  const platformDb = options.databaseUrl ? await benchSchemaUrl(options.databaseUrl, 'platform') : undefined
  const trust = TrustStore.fromBytes(sim.rootDer)
  const closers: Array<() => Promise<unknown>> = []
  try {
    // The Platform on loopback, in its own process too.
    const platform = await spawnPlatform({
      rootDer: sim.rootDer,
      ...(options.databaseUrl ? { databaseUrl: platformDb } : {}),
    })
    closers.push(() => platform.close())

    // The eContract.
    const db = econtractDb.db
    for (const migrate of [migrateContracts, migrateOutbox, migrateEmployees, migrateBulk]) await migrate(db)
    const blobs = new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-bulk-bench-blobs-')))
    const pii = new PiiCipher({
      keys: [{ id: 'e1', key: Buffer.alloc(32, 6) }],
      currentKeyId: 'e1',
      lookupKey: 'e',
    })
    const revocation = new RevocationChecker()
    const documents = new DocumentsService({ db: db as Kysely<ContractsDatabase>, blobs, pii })
    const certificates = new SignerCertificates({
      db: db as Kysely<ContractsDatabase>,
      ca: simCertificateAuthority(sim.baseUrl),
      pii,
      trust,
      revocation,
    })
    const outbox = new PlatformOutbox({ db, blobs, pii })
    const { client, tokens } = connectPlatform({
      baseUrl: platform.baseUrl,
      clientId: platform.providerId,
      privateKey: platform.privateJwk,
      audience: platform.audience,
    })
    const outboxWorker = new OutboxWorker({
      db,
      client,
      blobs,
      pii,
      tokens,
      onDecided: onPlatformDecision(documents, blobs),
      intervalMs: 200,
      concurrency: 8,
      poll: { minMs: 50, maxMs: 500 },
    })
    closers.unshift(() => outboxWorker.stop())
    const tsa = timedTsa(sim.tsa, timer)
    const signing = new SigningService({
      documents,
      certificates,
      remoteSigningUrl: sim.baseUrl,
      tsa,
      trust,
      revocation,
      outbox,
      onQueued: () => outboxWorker.kick(),
    })
    const employees = new EmployeesRepo(db as never, pii)
    const renderPool = new RenderPool(options.renderThreads ?? 2)
    closers.push(() => renderPool.close())
    const bulk = new BulkService({
      db,
      documents,
      employees,
      certificates,
      remoteSigningUrl: sim.baseUrl,
      tsa,
      timer,
      render: (data) => renderPool.render(data),
    })
    const bulkWorker = new BulkWorker({ service: bulk, concurrency: 6, intervalMs: 100 })
    bulk.deps.onWork = () => bulkWorker.kick()
    closers.unshift(() => bulkWorker.stop())

    log(`bulk bench: ${count} employees`)
    await employees.insertAll(TAX_CODE, benchEmployees(count))
    const hr = hrPrincipal()
    const ids = (await employees.listByEmployer(TAX_CODE)).map((e) => e.id)
    const stages: BulkBenchResult['stages'] = []
    const started = performance.now()
    let mark = started
    const stage = (name: string) => {
      const now = performance.now()
      stages.push({ name, ms: Math.round(now - mark) })
      mark = now
      log(`bulk bench: ${name} ${Math.round(now - started)} ms`)
    }

    const job = await bulk.create(hr, {
      employerTaxCode: TAX_CODE,
      employer: { ...employer, taxCode: TAX_CODE },
      terms,
      employeeIds: ids,
      acknowledgeWarnings: true,
      consent: true,
    })
    bulkWorker.start()
    await until(async () => (await bulk.jobRow(job.id))?.status === 'awaiting_approval')
    stage('drafted, rendered, prepared and batch requested')
    await timed(timer, 'network', () => bulk.approve(hr, job.id, '000000'))
    await until(async () => (await bulk.jobRow(job.id))?.status === 'done')
    stage('employer signatures completed (one approval)')

    const rows = await db
      .selectFrom('bulk_item' as never)
      .select(['document_id' as never, 'status' as never])
      .where('job_id' as never, '=', job.id as never)
      .execute()
    const documentIds = (rows as Array<{ document_id: string | null; status: string }>)
      .filter((r) => r.status === 'employer_signed')
      .map((r) => r.document_id as string)
    let next = 0
    const signOne = async (documentId: string) => {
      const doc = await timed(timer, 'database', () => documents.row(documentId))
      const data = documents.data(doc as never) as {
        worker: { fullName: string; idDocument: { number: string } }
      }
      const person = workerPrincipal(data.worker)
      await timed(timer, 'database', () => documents.pdf(person, documentId))
      const begun = await timed(timer, 'worker-start', () =>
        signing.start(person, documentId, { consent: true }),
      )
      await timed(timer, 'worker-confirm', () => signing.confirm(person, begun.signatureId, ''))
    }
    await Promise.all(
      Array.from({ length: WORKER_CONCURRENCY }, async () => {
        while (next < documentIds.length) await signOne(documentIds[next++] as string)
      }),
    )
    stage('workers signed, contracts certified and queued')
    const waitStart = performance.now()
    await until(async () => {
      const { n } = (await db
        .selectFrom('document' as never)
        .select(sql<number>`count(*)`.as('n'))
        .where('status' as never, '=', 'issued' as never)
        .executeTakeFirstOrThrow()) as { n: number | string }
      return Number(n) >= documentIds.length
    }, 600_000)
    timer.add('network', performance.now() - waitStart)
    stage('submitted to the Platform, IDs back')

    const wallMs = performance.now() - started
    const total = [...timer.totals.values()].reduce((a, b) => a + b, 0)
    return {
      count,
      backend: options.databaseUrl ? 'PostgreSQL' : 'PGlite',
      issued: documentIds.length,
      failed: count - documentIds.length,
      wallMs: Math.round(wallMs),
      contractsPerMinute: Math.round((documentIds.length / wallMs) * 60_000),
      stages,
      phases: [...timer.totals.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([phase, ms]) => ({ phase, ms: Math.round(ms), share: ms / total })),
    }
  } finally {
    for (const close of closers) await close().catch(() => {})
    await econtractDb.close()
    await sim.close()
  }
}

const PHASE_LABELS: Record<string, string> = {
  rendering: 'rendering (bulk: PDF per row)',
  signing: 'signing (bulk: prepare + complete, incl. timestamps)',
  timestamps: 'of which TSA timestamps (all parties, incl. certification)',
  network: 'network / CA batch / Platform wait',
  database: 'database + blobs',
  'worker-start': 'worker start (boxes render, prepare, CA request, db)',
  'worker-confirm': 'worker confirm (CA, complete + TSA, certification B-LTA, outbox)',
}

export function printBulkBench(result: BulkBenchResult, out: (line: string) => void): void {
  out(
    `Bulk contracts benchmark (${result.count} employees, one job, ${result.backend}; simulator + Platform on loopback)`,
  )
  out(
    `  contracts/min:                           ${result.contractsPerMinute}  (${result.issued} issued, ${result.failed} failed, ${(result.wallMs / 1000).toFixed(1)} s)`,
  )
  for (const s of result.stages) out(`  ${s.name.padEnd(50)} ${(s.ms / 1000).toFixed(1)} s`)
  out('  time per phase (summed over concurrent work):')
  for (const p of result.phases)
    out(
      `    ${(PHASE_LABELS[p.phase] ?? p.phase).padEnd(70)} ${(p.ms / 1000).toFixed(1).padStart(7)} s  ${(100 * p.share).toFixed(1).padStart(5)} %`,
    )
}

function timedTsa(tsa: TimestampAuthority, timer: PhaseTimer): TimestampAuthority {
  return {
    ...tsa,
    timestamp: (imprint, algorithm) =>
      timed(timer, 'timestamps' as Phase, () => tsa.timestamp(imprint, algorithm)),
  }
}

function timed<T>(timer: PhaseTimer, phase: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now()
  return fn().finally(() => timer.add(phase as Phase, performance.now() - start))
}

async function until(probe: () => Promise<boolean>, timeoutMs = 900_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('bulk bench: timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

function benchEmployees(count: number): EmployeeInput[] {
  return Array.from({ length: count }, (_, i) => ({
    line: i + 2,
    fullName: `Nguyễn Văn Thử ${i + 1}`,
    dateOfBirth: '1994-05-01',
    sex: 'male',
    residence: 'Số 5 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh',
    nationality: 'VN',
    idDocument: { kind: 'personal_id', number: `079094${String(i).padStart(6, '0')}` },
  }))
}

function hrPrincipal(): Principal {
  return {
    subject: 'bench-hr',
    accountType: 'person',
    level: 2,
    name: 'Lê Thị Nhân Sự',
    personalId: '001190000001',
    grants: [{ role: 'hr-staff', employerTaxCode: TAX_CODE }],
    session: { ref: 'bench0000bench000', acr: 'vneid:level2', authTime: new Date().toISOString() },
  }
}

function workerPrincipal(worker: { fullName: string; idDocument: { number: string } }): Principal {
  return {
    subject: `bench-worker-${worker.idDocument.number}`,
    accountType: 'person',
    level: 2,
    name: worker.fullName,
    personalId: worker.idDocument.number,
    grants: [{ role: 'worker' }],
    session: { ref: 'bench1111bench111', acr: 'vneid:level2', authTime: new Date().toISOString() },
  }
}

async function openBenchDatabase(url: string | undefined, name: string): Promise<Database<unknown>> {
  return createDatabase({ url: url ? await benchSchemaUrl(url, name) : 'memory://' })
}

/** A fresh schema of its own on the PostgreSQL server, as a connection URL. */
async function benchSchemaUrl(url: string, name: string): Promise<string> {
  const schema = `bulk_bench_${name}_${process.pid}_${Date.now()}`
  const admin = await createDatabase({ url })
  await sql.raw(`create schema ${schema}`).execute(admin.db)
  await admin.close()
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  return scoped.toString()
}

// Run directly: node --import tsx apps/econtract/src/bench/bulk-bench.ts [count]
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runBulkBench({
    count: Number(process.argv[2] ?? 1000),
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    log: (line) => console.error(line),
  })
  printBulkBench(result, (line) => console.log(line))
  process.exit(0)
}
