// Starting the system on this machine. Stops gracefully on SIGINT/SIGTERM, finishing requests in flight.
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDatabase } from '@elc/db'
import type { WitnessEndpoint } from '@elc/ledger'
import { buildPlatform, openPlatformLedger } from '@elc/platform'
import { buildSimulator } from '@elc/sim'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'

/** ELC_LEDGER_WITNESSES: a JSON array of { "name", "url", "verifierKey" } (C2SP tlog-witness endpoints). */
function witnessesFromEnv(): WitnessEndpoint[] {
  const raw = process.env.ELC_LEDGER_WITNESSES
  if (!raw) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new UsageError('ELC_LEDGER_WITNESSES must be JSON: [{"name":…,"url":…,"verifierKey":…}]')
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.every(
      (w) =>
        w && typeof w.name === 'string' && typeof w.url === 'string' && typeof w.verifierKey === 'string',
    )
  if (!ok) throw new UsageError('ELC_LEDGER_WITNESSES must be JSON: [{"name":…,"url":…,"verifierKey":…}]')
  return parsed as WitnessEndpoint[]
}

interface Running {
  name: string
  stop(): Promise<void>
}

async function startPlatform(io: Io, dataDir: string): Promise<Running> {
  const port = Number(process.env.PORT ?? 8080)
  const host = process.env.HOST ?? '127.0.0.1'
  const database = await createDatabase({ name: 'platform', dataDir: join(dataDir, 'platform') })
  const ledger = await openPlatformLedger(database, {
    origin: process.env.ELC_LEDGER_ORIGIN ?? 'nentang-hdld.localhost/ledger',
    signerKey: process.env.ELC_LEDGER_SIGNER_KEY,
    keyFile: join(dataDir, 'platform', 'ledger-signer.key'),
    witnesses: witnessesFromEnv(),
  })
  const app = await buildPlatform({ database, ledger, logger: { level: process.env.LOG_LEVEL ?? 'info' } })
  const address = await app.listen({ port, host })
  io.out(`Nền tảng HĐLĐ điện tử / ELC Platform: ${address}  (cơ sở dữ liệu / database: ${database.kind})`)
  return {
    name: 'platform',
    async stop() {
      await app.close()
      await ledger.close()
      await database.close()
    },
  }
}

/** The simulator stands for systems outside ELC, so it keeps its own database (embedded unless configured). */
async function startSimulator(io: Io, dataDir: string): Promise<Running> {
  const port = Number(process.env.SIM_PORT ?? 8081)
  const host = process.env.HOST ?? '127.0.0.1'
  const url = process.env.ELC_SIM_DATABASE_URL ?? pathToFileURL(resolve(dataDir, 'sim')).href
  const database = await createDatabase({ url, name: 'sim' })
  const baseUrl = process.env.SIM_BASE_URL ?? `http://${host}:${port}`
  const { app } = await buildSimulator({
    db: database.db as never,
    baseUrl,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    autoApproveRemoteSigning: process.env.SIM_REMOTE_SIGNING_AUTO_APPROVE === '1',
  })
  await app.listen({ port, host })
  io.out(`Dịch vụ quốc gia mô phỏng / national services simulator (CA, OCSP, CRL, TSA): ${baseUrl}`)
  return {
    name: 'simulator',
    async stop() {
      await app.close()
      await database.close()
    },
  }
}

/** Runs until SIGINT or SIGTERM, then stops each part in reverse order, finishing work in flight. */
async function runUntilSignal(io: Io, parts: Running[]): Promise<number> {
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve())
  })
  for (const part of parts.reverse()) {
    io.err(`stopping ${part.name}`)
    await part.stop()
  }
  return 0
}

/** `elc start`: the simulator and the Platform, on embedded databases unless configured otherwise. */
export async function startCommand(io: Io): Promise<number> {
  const dataDir = process.env.ELC_DATA_DIR ?? 'data'
  const sim = await startSimulator(io, dataDir)
  const platform = await startPlatform(io, dataDir)
  return runUntilSignal(io, [sim, platform])
}

/** `elc sim start`: the national services simulator alone. */
export async function simStartCommand(io: Io): Promise<number> {
  return runUntilSignal(io, [await startSimulator(io, process.env.ELC_DATA_DIR ?? 'data')])
}
