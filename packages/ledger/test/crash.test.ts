// Kills a real log process with SIGKILL in the middle of its batches and checks, after a restart, that
// every acknowledged entry is there exactly once and the new checkpoint extends the last published one.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createDatabase, sql } from '@elc/db'
import { postgresTestUrl } from '@elc/db/testing'
import { describe, expect, it } from 'vitest'
import { Ledger } from '../src/log/ledger.ts'
import { verifyConsistency } from '../src/merkle/index.ts'
import {
  generateNoteKey,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
} from '../src/note/index.ts'

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url))
const ORIGIN = 'ledger.test.elc/crash'

interface Run {
  acked: Map<number, number>
  checkpoints: Map<number, string>
}

/** Runs the child until it has acknowledged `killAfter` entries, then SIGKILLs it. */
function runAndKill(url: string, signerKey: string, killAfter: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    // One process: tsx as a loader; its CLI would fork a grandchild that SIGKILL does not reach.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, signerKey, ORIGIN], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const run: Run = { acked: new Map(), checkpoints: new Map() }
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, a, b] = line.split(' ')
      if (kind === 'ack') run.acked.set(Number(a), Number(b))
      if (kind === 'cp') run.checkpoints.set(Number(a), Buffer.from(b as string, 'base64').toString())
      if (run.acked.size >= killAfter && run.checkpoints.size > 0) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(run) : reject(new Error(`child exited ${code}: ${stderr.slice(-2000)}`)),
    )
  })
}

async function checkAfterRestart(url: string, signerKey: string, vkey: string, run: Run) {
  const database = await createDatabase({ url, name: 'ledger-crash' })
  try {
    const ledger = await Ledger.open({
      db: database.db as never,
      origin: ORIGIN,
      signer: parseSignerKey(signerKey),
      checkpointIntervalMs: 0,
    })
    // Every acknowledged entry is present at its index, with the content acknowledged.
    const size = Math.max(...run.acked.keys()) + 1
    const entries = await ledger.entries(0, size + 10_000)
    for (const [index, seq] of run.acked) {
      const entry = JSON.parse(Buffer.from(entries[index] as Uint8Array).toString())
      expect(entry.data.seq).toBe(seq)
    }
    // Nothing integrated twice.
    const written = entries
      .map((e) => JSON.parse(Buffer.from(e).toString()))
      .filter((e) => e.type === 'submission.received')
      .map((e) => `${e.data.pid}:${e.data.seq}`)
    expect(new Set(written).size).toBe(written.length)
    // The new checkpoint is consistent with the last one published before the crash.
    const lastSize = Math.max(...run.checkpoints.keys())
    const last = parseCheckpoint(
      openNote(run.checkpoints.get(lastSize) as string, [parseVerifierKey(vkey)]).text,
    )
    await ledger.append({ type: 'ledger.key_rotated', at: new Date().toISOString(), data: { restart: true } })
    await ledger.flush()
    const fresh = await ledger.publishCheckpoint()
    const now = parseCheckpoint(openNote(fresh?.note as string, [parseVerifierKey(vkey)]).text)
    expect(now.size).toBeGreaterThan(last.size)
    const proof = await ledger.consistencyProof(Number(last.size), Number(now.size))
    verifyConsistency(last.size, now.size, last.rootHash, now.rootHash, proof)
    await ledger.close()
    return { acked: run.acked.size, integrated: entries.length, lastPublished: lastSize }
  } finally {
    await database.close()
  }
}

const targets: [string, () => Promise<string>][] = [
  ['pglite (file)', async () => `file://${mkdtempSync(join(tmpdir(), 'elc-ledger-crash-'))}`],
]
const pg = postgresTestUrl()
if (pg)
  targets.push([
    'postgres',
    async () => {
      const schema = `ledger_crash_${process.pid}_${Date.now()}`
      const admin = await createDatabase({ url: pg })
      await sql.raw(`create schema ${schema}`).execute(admin.db)
      await admin.close()
      const u = new URL(pg)
      u.searchParams.set('options', `-c search_path=${schema}`)
      return u.toString()
    },
  ])

describe.each(targets)('SIGKILL mid-batch on %s', (_name, makeUrl) => {
  it('keeps every acknowledged entry once, and the next checkpoint extends the last published', async () => {
    const url = await makeUrl()
    const key = generateNoteKey('ledger.test.elc')
    const first = await runAndKill(url, key.signerKey, 3000)
    const r1 = await checkAfterRestart(url, key.signerKey, key.verifierKey, first)
    // A second crash on the reopened log.
    const second = await runAndKill(url, key.signerKey, 2000)
    for (const [i, s] of first.acked) second.acked.set(i, s)
    const r2 = await checkAfterRestart(url, key.signerKey, key.verifierKey, second)
    console.info(`crash test: ${JSON.stringify({ first: r1, second: r2 })}`)
  }, 180_000)
})
