// `elc ledger …` against a real log served over HTTP on loopback.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDatabase, type Database, sql } from '@elc/db'
import {
  generateNoteKey,
  generateWitnessKey,
  Ledger,
  parseSignerKey,
  parseWitnessVerifierKey,
  requestCosignatures,
  serveLedger,
  verifyCosignature,
} from '@elc/ledger'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runElc } from './run-elc.ts'

const KEY = generateNoteKey('ledger.cli.test')
const dir = mkdtempSync(join(tmpdir(), 'elc-ledger-cli-'))
let database: Database<unknown>
let ledger: Ledger
let server: Server
let url: string

const run = runElc

async function grow(n: number) {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      ledger.append({
        type: 'contract_id.issued',
        at: new Date().toISOString(),
        data: { contractId: `A26${String(i).padStart(10, '0')}` },
      }),
    ),
  )
  return ledger.publishCheckpoint()
}

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  ledger = await Ledger.open({
    db: database.db as never,
    origin: 'ledger.cli.test/log',
    signer: parseSignerKey(KEY.signerKey),
    checkpointIntervalMs: 0,
  })
  server = serveLedger(ledger)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((r) => server.close(r))
  await ledger.close()
  await database.close()
})

describe('elc ledger', () => {
  it('verify-inclusion accepts a receipt and rejects a tampered one', async () => {
    await grow(40)
    const receipt = await ledger.receipt(7)
    writeFileSync(join(dir, 'receipt.json'), JSON.stringify(receipt))
    const ok = await run('ledger', 'verify-inclusion', join(dir, 'receipt.json'), '--key', KEY.verifierKey)
    expect(ok.status).toBe(0)
    expect(ok.out).toContain('A260000000007')
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...receipt, index: 8 }))
    const bad = await run('ledger', 'verify-inclusion', join(dir, 'bad.json'), '--key', KEY.verifierKey)
    expect(bad.status).toBe(1)
    expect(bad.out).toMatch(/^INVALID/)
  })

  it('verify-consistency checks two checkpoints and a proof offline', async () => {
    const old = await ledger.checkpointAt(40)
    const now = await grow(60)
    const proof = await ledger.consistencyProof(40, now?.size as number)
    writeFileSync(join(dir, 'old.cp'), old as string)
    writeFileSync(join(dir, 'new.cp'), now?.note as string)
    writeFileSync(join(dir, 'proof.txt'), proof.map((h) => Buffer.from(h).toString('base64')).join('\n'))
    const ok = await run(
      'ledger',
      'verify-consistency',
      join(dir, 'old.cp'),
      join(dir, 'new.cp'),
      join(dir, 'proof.txt'),
      '--key',
      KEY.verifierKey,
    )
    expect(ok.status).toBe(0)
    writeFileSync(
      join(dir, 'proof.txt'),
      proof
        .reverse()
        .map((h) => Buffer.from(h).toString('base64'))
        .join('\n'),
    )
    const bad = await run(
      'ledger',
      'verify-consistency',
      join(dir, 'old.cp'),
      join(dir, 'new.cp'),
      join(dir, 'proof.txt'),
      '--key',
      KEY.verifierKey,
    )
    expect(bad.status).toBe(1)
  })

  it('monitor --once audits the log, keeps its state, and exits 3 loudly after tampering', async () => {
    const state = join(dir, 'monitor.json')
    const first = await run('ledger', 'monitor', url, '--key', KEY.verifierKey, '--state', state, '--once')
    expect(first.status).toBe(0)
    expect(first.out).toMatch(/OK ledger\.cli\.test\/log size 100 \(100 new entries checked\)/)
    await grow(10)
    const second = await run('ledger', 'monitor', url, '--key', KEY.verifierKey, '--state', state, '--once')
    expect(second.out).toMatch(/size 110 \(10 new entries checked\)/)
    // Behind the log's back: rewrite an entry the monitor has not yet seen, then let the log grow.
    await grow(5)
    await sql`update ledger_entries set data = convert_to('{"forged":true}', 'UTF8') where idx = 112`.execute(
      database.db,
    )
    const alarm = await run('ledger', 'monitor', url, '--key', KEY.verifierKey, '--state', state, '--once')
    expect(alarm.status).toBe(3)
    expect(alarm.err).toContain('ALARM LOG_ENTRY_MISMATCH')
    expect(alarm.err).toContain('entry 112')
  })

  it('refuses a wrong key and bad arguments with usage errors', async () => {
    expect((await run('ledger', 'monitor', url, '--once')).status).toBe(2)
    expect(
      (await run('ledger', 'verify-inclusion', join(dir, 'receipt.json'), '--key', 'nonsense')).status,
    ).toBe(2)
    const other = generateNoteKey('someone.else')
    const wrong = await run('ledger', 'monitor', url, '--key', other.verifierKey, '--once')
    expect(wrong.status).toBe(3)
    expect(wrong.err).toContain('LOG_CHECKPOINT_INVALID')
  })

  it('witness runs as its own process and cosigns the log, then stops on SIGTERM', async () => {
    const wkey = generateWitnessKey('witness.cli.test')
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const bin = fileURLToPath(new URL('../bin/elc.js', import.meta.url))
    const child = spawn(process.execPath, [
      bin,
      'ledger',
      'witness',
      '--name',
      'witness.cli.test',
      '--key',
      wkey.signerKey,
      '--log',
      `ledger.cli.test/log=${KEY.verifierKey}`,
      '--state',
      join(dir, 'witness.json'),
      '--port',
      String(port),
    ])
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d) => String(d).includes('witness witness.cli.test on') && resolve())
        child.on('exit', (code) => reject(new Error(`witness exited ${code}`)))
      })
      const [result] = await requestCosignatures(ledger, [
        { name: 'witness.cli.test', url: `http://127.0.0.1:${port}`, verifierKey: wkey.verifierKey },
      ])
      expect(result?.status).toBe('ok')
      const cp = await ledger.latestCheckpoint()
      expect(verifyCosignature(cp?.note as string, parseWitnessVerifierKey(wkey.verifierKey)).name).toBe(
        'witness.cli.test',
      )
    } finally {
      const exited = new Promise((r) => child.on('exit', r))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    }
  })

  it('keygen prints a signer and a verifier key', async () => {
    const r = await run('ledger', 'keygen', 'nentang-hdld.example')
    expect(r.out).toMatch(/PRIVATE\+KEY\+nentang-hdld\.example\+[0-9a-f]{8}\+/)
    expect(r.out).toMatch(/verifier key \(public\): nentang-hdld\.example\+[0-9a-f]{8}\+/)
  })
})
