// Benchmark of the transparency log, as ratios to raw SHA-256 leaf hashing measured in the same run:
// sustained durable appends per second (checkpoints at most one second apart) on each database, and
// inclusion-proof generation per second from the database and from memory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, sql } from '@elc/db'
import { encodeEntry } from '../log/entry.ts'
import { Ledger } from '../log/ledger.ts'
import { hashLeaf, MemoryHashStore, proveInclusion, treeHash, verifyInclusion } from '../merkle/index.ts'
import { generateNoteKey, parseSignerKey } from '../note/index.ts'

export interface BackendResult {
  backend: string
  appendsPerSecond: number
  entries: number
  checkpoints: number
  maxCheckpointGapMs: number
  proofsPerSecondFromDb: number
}

export interface LedgerBenchResult {
  sha256LeafHashesPerSecond: number
  backends: BackendResult[]
  proofsPerSecondFromMemory: number
  proofTreeSize: number
}

// Deterministic, so a leaf can be recomputed to spot-check the proofs being timed.
const sampleEntry = (i: number) =>
  encodeEntry({
    type: 'contract_id.issued',
    at: '2026-11-23T03:00:00.000Z',
    data: { contractId: `A26${String(i).padStart(10, '0')}`, submission: `s-${i}`, digest: 'x'.repeat(64) },
  })

function sha256Rate(seconds: number): number {
  const entry = sampleEntry(1)
  const end = performance.now() + seconds * 1000
  let n = 0
  while (performance.now() < end) {
    for (let k = 0; k < 1000; k++) hashLeaf(entry)
    n += 1000
  }
  return n / seconds
}

async function appendRun(
  backend: string,
  url: string,
  seconds: number,
  inFlight: number,
): Promise<BackendResult> {
  const database = await createDatabase({ url, name: 'ledger-bench' })
  const ledger = await Ledger.open({
    db: database.db as never,
    origin: 'bench.elc/ledger',
    signer: parseSignerKey(generateNoteKey('bench.elc').signerKey),
    checkpointIntervalMs: 900,
  })
  let appended = 0
  const start = performance.now()
  const end = start + seconds * 1000
  const worker = async () => {
    while (performance.now() < end) {
      await ledger.append({
        type: 'contract_id.issued',
        at: new Date().toISOString(),
        data: { contractId: `A26${String(appended).padStart(10, '0')}`, digest: 'x'.repeat(64) },
      })
      appended++
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  const elapsed = (performance.now() - start) / 1000
  await ledger.publishCheckpoint()
  const rows = await sql<{
    published_at: Date
  }>`select published_at from ledger_checkpoints order by size`.execute(database.db)
  const times = rows.rows.map((r) => r.published_at.getTime())
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number))
  // Proofs for random indexes of the committed tree from the database reader: 3 s to warm its block
  // cache (not counted), then 3 s measured.
  const size = appended
  const proofsFor = async (ms: number) => {
    const stop = performance.now() + ms
    let n = 0
    while (performance.now() < stop) {
      await Promise.all(
        Array.from({ length: 64 }, () => ledger.inclusionProof(Math.floor(Math.random() * size), size)),
      )
      n += 64
    }
    return n
  }
  await proofsFor(3000)
  const proofs = await proofsFor(3000)
  await ledger.close()
  await database.close()
  return {
    backend,
    appendsPerSecond: Math.round(appended / elapsed),
    entries: appended,
    checkpoints: times.length,
    maxCheckpointGapMs: gaps.length ? Math.max(...gaps) : 0,
    proofsPerSecondFromDb: Math.round(proofs / 3),
  }
}

async function memoryProofRate(size: number, seconds: number): Promise<number> {
  const store = new MemoryHashStore()
  for (let i = 0; i < size; i++) store.appendRecord(sampleEntry(i))
  const root = await treeHash(size, store)
  const end = performance.now() + seconds * 1000
  let n = 0
  while (performance.now() < end) {
    const index = Math.floor(Math.random() * size)
    const proof = await proveInclusion(size, index, store)
    // Spot-check that what is timed is a real, valid proof.
    if (n % 1000 === 0) verifyInclusion(hashLeaf(sampleEntry(index)), index, size, proof, root)
    n++
  }
  return Math.round(n / seconds)
}

/** Runs `fn` against a fresh schema of the PostgreSQL at `url`, dropped afterwards. */
async function withScratchSchema<T>(url: string, fn: (url: string) => Promise<T>): Promise<T> {
  const schema = `ledger_bench_${process.pid}_${Date.now()}`
  const admin = await createDatabase({ url })
  await sql.raw(`create schema ${schema}`).execute(admin.db)
  try {
    const u = new URL(url)
    u.searchParams.set('options', `-c search_path=${schema}`)
    return await fn(u.toString())
  } finally {
    await sql.raw(`drop schema ${schema} cascade`).execute(admin.db)
    await admin.close()
  }
}

export async function runLedgerBench(
  options: { seconds?: number; postgresUrl?: string; log?: (s: string) => void } = {},
) {
  const seconds = options.seconds ?? 10
  const log = options.log ?? (() => {})
  log('SHA-256 leaf hashing baseline…')
  const sha = sha256Rate(2)
  const backends: BackendResult[] = []
  const dir = mkdtempSync(join(tmpdir(), 'elc-ledger-bench-'))
  try {
    log(`PGlite (file) appends for ${seconds}s…`)
    backends.push(await appendRun('pglite-file', `file://${dir}`, seconds, 512))
    if (options.postgresUrl) {
      log(`PostgreSQL appends for ${seconds}s…`)
      backends.push(
        await withScratchSchema(options.postgresUrl, (url) => appendRun('postgres', url, seconds, 512)),
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  log('in-memory proofs…')
  const proofTreeSize = 1_000_000
  const proofsPerSecondFromMemory = await memoryProofRate(proofTreeSize, 3)
  return { sha256LeafHashesPerSecond: Math.round(sha), backends, proofsPerSecondFromMemory, proofTreeSize }
}
