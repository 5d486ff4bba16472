import { processIo } from './output.ts'
import { runCli } from './run-cli.ts'

try {
  process.exitCode = await runCli(process.argv.slice(2), { io: processIo, now: () => new Date() })
} catch (e) {
  // An internal fault: say so in one line; the details go to stderr only with ELC_DEBUG.
  process.stderr.write(`elc: internal error: ${(e as Error).message}\n`)
  if (process.env.ELC_DEBUG) process.stderr.write(`${(e as Error).stack}\n`)
  process.exitCode = 70
}
