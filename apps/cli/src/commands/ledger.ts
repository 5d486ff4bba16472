// `elc ledger …`: check the Platform's transparency log from outside, with its public key alone.
import { readFile, rename, writeFile } from 'node:fs/promises'
import {
  checkLog,
  createWitness,
  generateNoteKey,
  generateWitnessKey,
  HttpLogClient,
  MonitorAlarm,
  type MonitorState,
  type NoteVerifier,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyReceipt,
} from '@elc/ledger'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'

function verifier(key: string | undefined): NoteVerifier {
  if (!key) throw new UsageError('--key VERIFIER_KEY is required (the log\'s public key, "name+hash+base64")')
  try {
    return parseVerifierKey(key)
  } catch (e) {
    throw new UsageError(`--key: ${(e as Error).message}`)
  }
}

async function readText(file: string | undefined, what: string): Promise<string> {
  if (!file) throw new UsageError(`${what} file is required`)
  try {
    return await readFile(file, 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code})`)
  }
}

/** Runs a check; a failed check is exit 1 with its reason, never a stack trace. */
function checked(io: Io, run: () => string): number {
  try {
    io.out(run())
    return 0
  } catch (e) {
    const code = (e as { code?: string }).code
    io.out(`INVALID${code ? ` (${code})` : ''}: ${(e as Error).message}`)
    return 1
  }
}

export async function ledgerVerifyInclusion(args: { file?: string; key?: string }, io: Io): Promise<number> {
  const key = verifier(args.key)
  const text = await readText(args.file, 'RECEIPT.json')
  return checked(io, () => {
    const { entry, origin } = verifyReceipt(JSON.parse(text), key)
    return `OK: entry is in the log ${origin}\n${new TextDecoder().decode(entry)}`
  })
}

export async function ledgerVerifyConsistency(
  args: { oldFile?: string; newFile?: string; proofFile?: string; key?: string },
  io: Io,
): Promise<number> {
  const key = verifier(args.key)
  const [oldNote, newNote, proofText] = await Promise.all([
    readText(args.oldFile, 'OLD checkpoint'),
    readText(args.newFile, 'NEW checkpoint'),
    readText(args.proofFile, 'PROOF (one base64 hash per line)'),
  ])
  return checked(io, () => {
    const older = openCheckpoint(oldNote, [key]).checkpoint
    const newer = openCheckpoint(newNote, [key], { origin: older.origin }).checkpoint
    const proof = proofText
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => new Uint8Array(Buffer.from(l.trim(), 'base64')))
    verifyConsistency(older.size, newer.size, older.rootHash, newer.rootHash, proof)
    return `OK: size ${newer.size} extends size ${older.size} of ${older.origin}`
  })
}

export function ledgerKeygen(args: { name?: string; witness: boolean }, io: Io): number {
  if (!args.name) throw new UsageError('elc ledger keygen NAME [--witness]')
  const key = args.witness ? generateWitnessKey(args.name) : generateNoteKey(args.name)
  io.out(`signer key (secret):   ${key.signerKey}`)
  io.out(`verifier key (public): ${key.verifierKey}`)
  return 0
}

async function loadState(file: string | undefined): Promise<MonitorState | undefined> {
  if (!file) return undefined
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new UsageError(`cannot read monitor state ${file}: ${(e as Error).message}`)
  }
}

async function saveState(file: string | undefined, state: MonitorState): Promise<void> {
  if (!file) return
  await writeFile(`${file}.tmp`, JSON.stringify(state, null, 2))
  await rename(`${file}.tmp`, file)
}

/**
 * Follows the log: each round checks the new checkpoint against the last one seen. A fork, a rollback or
 * a tampered entry stops the monitor with exit 3 and a loud message; `--once` checks one round.
 */
export async function ledgerMonitor(
  args: { url?: string; key?: string; state?: string; interval?: string; once: boolean },
  io: Io,
): Promise<number> {
  if (!args.url)
    throw new UsageError(
      'elc ledger monitor URL --key VERIFIER_KEY [--state FILE] [--interval SECONDS] [--once]',
    )
  const key = verifier(args.key)
  const interval = Number(args.interval ?? 10)
  if (!Number.isFinite(interval) || interval <= 0)
    throw new UsageError('--interval must be a positive number of seconds')
  const client = new HttpLogClient(args.url)
  let state = await loadState(args.state)
  for (;;) {
    try {
      const result = await checkLog(client, key, state)
      state = result.state
      await saveState(args.state, state)
      io.out(
        `${new Date().toISOString()} OK ${state.origin} size ${state.size} (${result.checkedEntries} new entries checked)`,
      )
    } catch (e) {
      if (!(e instanceof MonitorAlarm)) throw e
      if (e.code === 'LOG_UNREACHABLE' && !args.once) {
        io.err(`${new Date().toISOString()} WARNING ${e.message}`)
      } else {
        io.err(
          `\n!!! ALARM ${e.code}: ${e.message}\n!!! CẢNH BÁO: sổ cái không toàn vẹn / the log failed its check\n`,
        )
        return 3
      }
    }
    if (args.once) return 0
    await new Promise((r) => setTimeout(r, interval * 1000))
  }
}

/**
 * `elc ledger witness`: a witness process (C2SP tlog-witness). It cosigns a log's checkpoint only after
 * checking it is signed by the log and consistent with the last one it cosigned; its state survives restarts.
 */
export async function ledgerWitness(
  args: { name?: string; key?: string; logs: string[]; state?: string; port?: string; host?: string },
  io: Io,
): Promise<number> {
  const usage =
    'elc ledger witness --name NAME --key WITNESS_SIGNER_KEY --log ORIGIN=LOG_VERIFIER_KEY [--log …] --state FILE [--port 8090] [--host 127.0.0.1]'
  if (!args.name || !args.key || !args.state || args.logs.length === 0) throw new UsageError(usage)
  const logs = args.logs.map((spec) => {
    const at = spec.indexOf('=')
    if (at < 1) throw new UsageError(`--log ${spec}: expected ORIGIN=VERIFIER_KEY`)
    return { origin: spec.slice(0, at), verifierKey: spec.slice(at + 1) }
  })
  let server: ReturnType<typeof createWitness>
  try {
    server = createWitness({
      name: args.name,
      signerKey: args.key,
      logs,
      stateFile: args.state,
      onRefusal: (r) => io.err(`${new Date().toISOString()} refused ${r.status}: ${r.reason}`),
    })
  } catch (e) {
    throw new UsageError(`witness: ${(e as Error).message}`)
  }
  const port = Number(args.port ?? 8090)
  const host = args.host ?? '127.0.0.1'
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  io.out(`witness ${args.name} on http://${host}:${port} for ${logs.map((l) => l.origin).join(', ')}`)
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => server.close(() => resolve()))
  })
  return 0
}
