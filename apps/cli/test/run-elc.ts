// Runs the elc command in-process with captured output, for tests that also host the servers it talks to.
import { runCli } from '../src/run-cli.ts'

export function runElc(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  return runElcAt(() => new Date(), ...argv)
}

/** With a fixed clock, for commands whose output depends on today's date. */
export async function runElcAt(
  now: () => Date,
  ...argv: string[]
): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const status = await runCli(argv, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    now,
  })
  return { status, out: out.join('\n'), err: err.join('\n') }
}
