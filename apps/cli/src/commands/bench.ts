// `elc bench [--seconds N]`: performance figures as ratios measured in one run; never a pass/fail test.
import { postgresTestUrl } from '@elc/db/testing'
import { runLedgerBench } from '@elc/ledger/bench'
import type { Io } from '../output.ts'

export async function benchCommand(args: { seconds?: string }, io: Io): Promise<number> {
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
  return 0
}
