// SIGKILL in the middle of a burst of submissions, then a restart: every accepted submission ends with
// exactly one decision, no contract ID is issued twice, and the ledger extends the checkpoint published
// before the crash.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createDatabase, type Kysely, sql } from '@elc/db'
import { postgresTestUrl } from '@elc/db/testing'
import {
  decodeEntry,
  generateNoteKey,
  Ledger,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  verifyConsistency,
} from '@elc/ledger'
import { startSim } from '@elc/pki/testing'
import { describe, expect, it } from 'vitest'
import type { SubmissionDatabase } from '../src/submissions/migrations.ts'
import { contractParties, signedContract } from './signed-contract.ts'

const CHILD = fileURLToPath(new URL('./submission-crash-child.ts', import.meta.url))
const CONTRACT = JSON.parse(
  readFileSync(new URL('../../../examples/contract-indefinite.json', import.meta.url), 'utf8'),
)

interface Run {
  accepted: Set<string>
  checkpoints: Map<number, string>
}

function runChild(args: string[], killAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    // One process: tsx as a loader; its CLI would fork a grandchild that SIGKILL does not reach.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const run: Run = { accepted: new Set(), checkpoints: new Map() }
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, a, b] = line.split(' ')
      if (kind === 'acc') run.accepted.add(a as string)
      if (kind === 'cp') run.checkpoints.set(Number(a), Buffer.from(b as string, 'base64').toString())
      if (killAfter !== undefined && run.accepted.size >= killAfter && run.checkpoints.size > 1)
        child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' || code === 0
        ? resolve(run)
        : reject(new Error(`child exited ${code}: ${stderr.slice(-2000)}`)),
    )
  })
}

const targets: [string, () => Promise<string>][] = [
  ['pglite (file)', async () => `file://${mkdtempSync(join(tmpdir(), 'elc-submission-crash-'))}`],
]
const pg = postgresTestUrl()
if (pg)
  targets.push([
    'postgres',
    async () => {
      const schema = `submission_crash_${process.pid}_${Date.now()}`
      const admin = await createDatabase({ url: pg })
      await sql.raw(`create schema ${schema}`).execute(admin.db)
      await admin.close()
      const u = new URL(pg)
      u.searchParams.set('options', `-c search_path=${schema}`)
      return u.toString()
    },
  ])

describe.each(targets)('submissions survive SIGKILL on %s', (_name, makeUrl) => {
  it('every accepted submission is decided exactly once, no ID twice, the ledger extends its checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elc-submission-crash-files-'))
    const sim = await startSim()
    try {
      const pdf = await signedContract(sim, CONTRACT, await contractParties(sim, CONTRACT))
      writeFileSync(join(dir, 'contract.pdf'), pdf)
      writeFileSync(join(dir, 'contract.json'), JSON.stringify(CONTRACT))
      writeFileSync(join(dir, 'root.pem'), sim.rootPem)
    } finally {
      await sim.close()
    }
    const url = await makeUrl()
    const key = generateNoteKey('nentang-hdld.test')
    const args = (mode: string) => [
      mode,
      url,
      join(dir, 'blobs'),
      join(dir, 'root.pem'),
      join(dir, 'contract.pdf'),
      join(dir, 'contract.json'),
      key.signerKey,
    ]
    const burst = await runChild(args('burst'), 40)
    await runChild(args('drain'))

    const database = await createDatabase({ url, name: 'submission-crash' })
    try {
      const db = database.db as Kysely<SubmissionDatabase>
      const rows = await db
        .selectFrom('submission')
        .select(['id', 'status', 'contract_id', 'decision_index', 'reasons'])
        .execute()
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const id of burst.accepted) {
        expect(byId.get(id)?.status, id).toBe('decided')
        expect(byId.get(id)?.decision_index, id).not.toBeNull()
      }
      const issued = rows.filter((r) => r.contract_id)
      expect(issued.length).toBeGreaterThan(0)
      expect(new Set(issued.map((r) => r.contract_id)).size).toBe(issued.length)
      const contracts = await db.selectFrom('contract').select('contract_id').execute()
      expect(contracts.length).toBe(issued.length)

      const ledger = await Ledger.open({
        db: database.db as never,
        origin: 'nentang-hdld.test/crash',
        signer: parseSignerKey(key.signerKey),
        checkpointIntervalMs: 0,
      })
      const entries = (await ledger.entries(0, 1_000_000)).map((e) => decodeEntry(e))
      const decisions = new Map<string, number>()
      for (const e of entries)
        if (e.type !== 'submission.received')
          decisions.set(String(e.data.submission), (decisions.get(String(e.data.submission)) ?? 0) + 1)
      for (const r of rows) expect(decisions.get(r.id), r.id).toBe(1)
      expect(entries.filter((e) => e.type === 'submission.received').length).toBe(rows.length)

      const lastSize = Math.max(...burst.checkpoints.keys())
      const last = parseCheckpoint(
        openNote(burst.checkpoints.get(lastSize) as string, [parseVerifierKey(key.verifierKey)]).text,
      )
      const fresh = await ledger.publishCheckpoint()
      const now = parseCheckpoint(openNote(fresh?.note as string, [parseVerifierKey(key.verifierKey)]).text)
      verifyConsistency(
        last.size,
        now.size,
        last.rootHash,
        now.rootHash,
        await ledger.consistencyProof(Number(last.size), Number(now.size)),
      )
      await ledger.close()
      console.info(
        `submission crash test: ${JSON.stringify({ accepted: burst.accepted.size, rows: rows.length, issued: issued.length, entries: entries.length })}`,
      )
    } finally {
      await database.close()
    }
  }, 240_000)
})
