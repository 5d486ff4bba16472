// Opens the Platform's transparency log on its database. The checkpoint signing key comes from
// ELC_LEDGER_SIGNER_KEY in production (a secret store), or is generated once into the data directory.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Database } from '@elc/db'
import {
  type CosignatureResult,
  formatVerifierKey,
  generateNoteKey,
  Ledger,
  parseSignerKey,
  requestCosignatures,
  type WitnessEndpoint,
} from '@elc/ledger'

export interface PlatformLedgerConfig {
  /** Checkpoint origin line; stays the same across key rotations. */
  origin: string
  signerKey?: string
  /** Where a generated key is kept when no signerKey is given. */
  keyFile: string
  /** Witnesses (C2SP tlog-witness) each new checkpoint is sent to for cosigning. */
  witnesses?: WitnessEndpoint[]
  /** How often to look for a new checkpoint to send to the witnesses. */
  cosignIntervalMs?: number
}

async function loadOrCreateKey(file: string, name: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  const key = generateNoteKey(name).signerKey
  await mkdir(dirname(file), { recursive: true })
  // flag wx: never overwrite a key another process just wrote.
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
  return key
}

export interface PlatformLedger {
  ledger: Ledger
  /** The public key auditors, witnesses and providers verify checkpoints with. */
  verifierKey: string
  /** Asks every configured witness to cosign the latest checkpoint (also done about once a second). */
  cosign(): Promise<CosignatureResult[]>
  /** Stops the cosigning loop and closes the log. */
  close(): Promise<void>
}

export async function openPlatformLedger(
  database: Pick<Database<unknown>, 'db'>,
  config: PlatformLedgerConfig,
): Promise<PlatformLedger> {
  const keyName = config.origin.split('/')[0] as string
  const signer = parseSignerKey(config.signerKey ?? (await loadOrCreateKey(config.keyFile, keyName)))
  const ledger = await Ledger.open({ db: database.db as never, origin: config.origin, signer })
  const witnesses = config.witnesses ?? []
  let cosigning: Promise<CosignatureResult[]> = Promise.resolve([])
  const cosign = () => {
    cosigning = cosigning.then(() => requestCosignatures(ledger, witnesses))
    return cosigning
  }
  // A witness that is down only delays its cosignature: the next round tries again.
  let lastSent = -1
  const timer = setInterval(async () => {
    if (witnesses.length === 0) return
    const latest = await ledger.latestCheckpoint().catch(() => undefined)
    if (!latest || latest.size === lastSent) return
    lastSent = latest.size
    await cosign().catch(() => {})
  }, config.cosignIntervalMs ?? 1000)
  timer.unref()
  return {
    ledger,
    verifierKey: formatVerifierKey(signer.name, signer.type, signer.publicKey),
    cosign,
    async close() {
      clearInterval(timer)
      await cosigning.catch(() => {})
      await ledger.close()
    },
  }
}
