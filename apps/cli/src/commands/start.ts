// `elc start`: the system on this machine: the Platform on its database (embedded PGlite unless
// DATABASE_URL names PostgreSQL). Stops gracefully on SIGINT/SIGTERM, finishing requests in flight.
import { join } from 'node:path'
import { createDatabase } from '@elc/db'
import type { WitnessEndpoint } from '@elc/ledger'
import { buildPlatform, openPlatformLedger } from '@elc/platform'
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

export async function startCommand(io: Io): Promise<number> {
  const dataDir = process.env.ELC_DATA_DIR ?? 'data'
  const port = Number(process.env.PORT ?? 8080)
  const host = process.env.HOST ?? '127.0.0.1'
  const database = await createDatabase({ name: 'platform', dataDir: join(dataDir, 'platform') })
  const ledger = await openPlatformLedger(database, {
    origin: process.env.ELC_LEDGER_ORIGIN ?? 'nentang-hdld.localhost/ledger',
    signerKey: process.env.ELC_LEDGER_SIGNER_KEY,
    keyFile: join(dataDir, 'platform', 'ledger-signer.key'),
    witnesses: witnessesFromEnv(),
  })
  const app = buildPlatform({ database, ledger, logger: { level: process.env.LOG_LEVEL ?? 'info' } })
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping')
    await app.close()
    await ledger.close()
    await database.close()
  }
  const stopped = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => void stop(signal).then(resolve))
  })
  const address = await app.listen({ port, host })
  io.out(`Nền tảng HĐLĐ điện tử / ELC Platform: ${address}  (cơ sở dữ liệu / database: ${database.kind})`)
  await stopped
  return 0
}
