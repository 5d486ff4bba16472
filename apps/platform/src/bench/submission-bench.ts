// `npm run bench` (Platform part): providers' systems submit pre-signed, certified two-party contracts over
// HTTP; the Platform checks and decides each. Reports sustained decisions per second and the p50/p99 time
// from receipt to decision, beside the verification-only rate measured in the same run.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { canonicalDataBytes, DATA_FILE_NAME } from '@elc/core'
import { createDatabase, type Database, type Kysely, sql } from '@elc/db'
import { generateNoteKey } from '@elc/ledger'
import { certifyPdf, RevocationChecker, signPdf, TrustStore, verifyPdf } from '@elc/pki'
import { samplePdf, startSim } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { buildPlatform } from '../app.ts'
import { openPlatformLedger } from '../ledger/open-ledger.ts'
import { connectedProvider } from '../providers/connected-provider.ts'
import type { SubmissionDatabase } from '../submissions/migrations.ts'

export interface SubmissionBenchResult {
  backend: string
  decided: number
  decisionsPerSecond: number
  p50Ms: number
  p99Ms: number
  verifyOnlyPerSecond: number
}

const CONTRACTS = 8
const CLIENTS = 16

export async function runSubmissionBench(options: {
  seconds: number
  postgresUrl?: string
  log?: (line: string) => void
}): Promise<SubmissionBenchResult> {
  const example = JSON.parse(
    readFileSync(new URL('../../../../examples/contract-indefinite.json', import.meta.url), 'utf8'),
  )
  const sim = await startSim()
  const trust = TrustStore.fromBytes(sim.rootDer)
  let database: Database<unknown> | undefined
  try {
    options.log?.('submission bench: signing contracts')
    const employer = await sim.issue({
      profile: 'organisation',
      organisationName: example.employer.name,
      taxCode: example.employer.taxCode,
    })
    const contracts: { pdf: string; data: unknown }[] = []
    for (let i = 0; i < CONTRACTS; i++) {
      const personalId = `0013010${String(10000 + i).padStart(5, '0')}`
      const data = {
        ...example,
        worker: { ...example.worker, idDocument: { ...example.worker.idDocument, number: personalId } },
      }
      const worker = await sim.issue({ profile: 'person', fullName: example.worker.fullName, personalId })
      let pdf = await samplePdf({ attachments: [{ name: DATA_FILE_NAME, data: canonicalDataBytes(data) }] })
      pdf = await signPdf(pdf, employer.signer, { tsa: sim.tsa })
      pdf = await signPdf(pdf, worker.signer, { tsa: sim.tsa })
      pdf = await certifyPdf(pdf, { trust, revocation: new RevocationChecker(), tsa: sim.tsa })
      contracts.push({ pdf: pdf.toString('base64'), data })
    }

    database = await openBenchDatabase(options.postgresUrl)
    const ledger = await openPlatformLedger(database, {
      origin: 'nentang-hdld.bench/ledger',
      signerKey: generateNoteKey('nentang-hdld.bench').signerKey,
      keyFile: '/nonexistent',
    })
    const app = await buildPlatform({
      database,
      ledger,
      publicUrl: 'http://platform.bench',
      submissions: {
        trust,
        blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-bench-blobs-'))),
        pii: new PiiCipher({
          keys: [{ id: 'k1', key: Buffer.alloc(32, 5) }],
          currentKeyId: 'k1',
          lookupKey: 'bench',
        }),
      },
    })
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 })
      const provider = await connectedProvider(database.db, {
        name: 'Nhà cung cấp đo hiệu năng',
        taxCode: '0399999999',
        publicUrl: 'http://platform.bench',
      })
      const token = await provider.accessToken(base)

      // Verification alone, in the same run: the ceiling the decisions are measured against.
      const revocation = new RevocationChecker()
      const pdfs = contracts.map((c) => Buffer.from(c.pdf, 'base64'))
      let verified = 0
      const verifyStart = performance.now()
      while (performance.now() - verifyStart < 2_000)
        await verifyPdf(pdfs[verified++ % CONTRACTS] as Buffer, { trust, revocation })
      const verifyOnlyPerSecond = Math.round((verified * 1000) / (performance.now() - verifyStart))

      options.log?.(`submission bench: ${CLIENTS} clients for ${options.seconds}s on ${database.kind}`)
      let next = 0
      const until = performance.now() + options.seconds * 1000
      const client = async () => {
        while (performance.now() < until) {
          const n = next++
          const c = contracts[n % CONTRACTS] as { pdf: string; data: unknown }
          const response = await fetch(`${base}/v1/submissions`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': `bench-${n}-${process.pid}`,
            },
            body: JSON.stringify({ kind: 'new', data: c.data, pdf: c.pdf }),
          })
          if (response.status !== 202)
            throw new Error(`submission answered ${response.status}: ${await response.text()}`)
          await response.arrayBuffer()
        }
      }
      const started = performance.now()
      await Promise.all(Array.from({ length: CLIENTS }, client))
      const db = database.db as Kysely<SubmissionDatabase>
      // Sustained: everything submitted in the window, decided, over the time to the last decision.
      for (;;) {
        const { rows } = await sql<{
          n: number
        }>`select count(*)::int as n from submission where status = 'accepted'`.execute(db)
        if (Number(rows[0]?.n ?? 0) === 0) break
        await new Promise((r) => setTimeout(r, 50))
      }
      const elapsed = (performance.now() - started) / 1000
      const latencies = (
        await db.selectFrom('submission').select(['received_at', 'decided_at', 'reasons']).execute()
      )
        .map((r) => (r.decided_at as Date).getTime() - r.received_at.getTime())
        .sort((a, b) => a - b)
      const refused = (
        await db.selectFrom('submission').select('id').where('contract_id', 'is', null).execute()
      ).length
      if (refused > 0) throw new Error(`${refused} bench submissions were refused`)
      const pct = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
      return {
        backend: database.kind,
        decided: latencies.length,
        decisionsPerSecond: Math.round(latencies.length / elapsed),
        p50Ms: pct(50),
        p99Ms: pct(99),
        verifyOnlyPerSecond,
      }
    } finally {
      await app.close()
      await ledger.close()
    }
  } finally {
    await database?.close()
    await sim.close()
  }
}

async function openBenchDatabase(postgresUrl: string | undefined): Promise<Database<unknown>> {
  if (!postgresUrl) return createDatabase({ url: 'memory://' })
  const schema = `submission_bench_${process.pid}_${Date.now()}`
  const admin = await createDatabase({ url: postgresUrl })
  await sql.raw(`create schema ${schema}`).execute(admin.db)
  await admin.close()
  const url = new URL(postgresUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return createDatabase({ url: url.toString() })
}
