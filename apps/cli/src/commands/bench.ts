// `elc bench [--seconds N]`: performance figures as ratios measured in one run; never a pass/fail test.
import { postgresTestUrl } from '@elc/db/testing'
import { printBulkBench, runBulkBench } from '@elc/econtract/bench'
import { runLedgerBench } from '@elc/ledger/bench'
import { runPkiBench } from '@elc/pki/bench'
import { runSubmissionBench } from '@elc/platform/bench'
import type { Io } from '../output.ts'

export async function benchCommand(args: { seconds?: string; contracts?: string }, io: Io): Promise<number> {
  const seconds = Number(args.seconds ?? 10)
  const result = await runLedgerBench({ seconds, postgresUrl: postgresTestUrl(), log: (s) => io.err(s) })
  const sha = result.sha256LeafHashesPerSecond
  io.out(`ledger benchmark (${seconds}s per backend)`)
  io.out(`  SHA-256 leaf hashes/s (baseline):        ${sha.toLocaleString('en')}`)
  for (const b of result.backends) {
    io.out(
      `  ${b.backend.padEnd(12)} durable appends/s:      ${b.appendsPerSecond.toLocaleString('en')}  (${(b.appendsPerSecond / sha).toFixed(4)} × SHA-256)`,
    )
    io.out(
      `  ${b.backend.padEnd(12)} checkpoints: ${b.checkpoints}, longest gap ${b.maxCheckpointGapMs} ms, ${b.entries.toLocaleString('en')} entries`,
    )
    io.out(
      `  ${b.backend.padEnd(12)} inclusion proofs/s (db): ${b.proofsPerSecondFromDb.toLocaleString('en')}`,
    )
  }
  io.out(
    `  inclusion proofs/s (memory, ${result.proofTreeSize.toLocaleString('en')} leaves): ${result.proofsPerSecondFromMemory.toLocaleString('en')}  (${(result.proofsPerSecondFromMemory / sha).toFixed(4)} × SHA-256)`,
  )
  if (!postgresTestUrl()) io.out('  PostgreSQL: skipped (set DATABASE_URL=postgres://… to include it)')

  const pki = await runPkiBench({ seconds, log: (s) => io.err(s) })
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} % of the node:crypto ceiling`
  io.out(`PAdES benchmark (3-page contract, ECDSA P-256 signer; simulator on loopback)`)
  io.out(
    `  sign B-B/s:                              ${pki.signsPerSecond}  (${pct(pki.signsPerSecond, pki.signCeilingPerSecond)}: ${pki.signCeilingPerSecond}/s)`,
  )
  io.out(`  sign B-T/s (with the TSA over HTTP):     ${pki.signsWithTimestampPerSecond}`)
  io.out(
    `  verify certified two-party contract/s:   ${pki.verifiesPerSecond}  (${pct(pki.verifiesPerSecond, pki.verifyCeilingPerSecond)}: ${pki.verifyCeilingPerSecond}/s for its ${pki.verificationsPerContract} signature checks and range digests; ${pki.contractBytes.toLocaleString('en')} bytes)`,
  )

  const sub = await runSubmissionBench({ seconds, postgresUrl: postgresTestUrl(), log: (s) => io.err(s) })
  io.out(`Platform submission benchmark (certified two-party contracts over HTTP, ${sub.backend})`)
  io.out(
    `  decided submissions/s:                   ${sub.decisionsPerSecond}  (${sub.decided} decided; p50 ${sub.p50Ms} ms, p99 ${sub.p99Ms} ms from receipt to decision)`,
  )
  io.out(`  verification only, same run:             ${sub.verifyOnlyPerSecond}/s`)

  const bulk = await runBulkBench({
    count: Number(args.contracts ?? 1000),
    ...(postgresTestUrl() ? { databaseUrl: postgresTestUrl() as string } : {}),
    log: (s) => io.err(s),
  })
  printBulkBench(bulk, (line) => io.out(line))
  io.out(
    `  against the 3-minute goal for 1,000:     ${(((bulk.wallMs / bulk.count) * 1000) / 180_000).toFixed(2)} × (below 1 meets it)`,
  )
  return 0
}
