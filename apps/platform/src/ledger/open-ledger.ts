// Opens the Platform's transparency log on its database. The checkpoint signing key comes from
// ELC_LEDGER_SIGNER_KEY in production (a secret store), or is generated once into the data directory.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Database } from '@elc/db'
import { formatVerifierKey, generateNoteKey, Ledger, parseSignerKey } from '@elc/ledger'

export interface PlatformLedgerConfig {
  /** Checkpoint origin line; stays the same across key rotations. */
  origin: string
  signerKey?: string
  /** Where a generated key is kept when no signerKey is given. */
  keyFile: string
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
}

export async function openPlatformLedger(
  database: Pick<Database<unknown>, 'db'>,
  config: PlatformLedgerConfig,
): Promise<PlatformLedger> {
  const keyName = config.origin.split('/')[0] as string
  const signer = parseSignerKey(config.signerKey ?? (await loadOrCreateKey(config.keyFile, keyName)))
  const ledger = await Ledger.open({ db: database.db as never, origin: config.origin, signer })
  return { ledger, verifierKey: formatVerifierKey(signer.name, signer.type, signer.publicKey) }
}
