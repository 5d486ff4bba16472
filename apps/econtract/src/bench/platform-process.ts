// A Platform in a process of its own for the bulk benchmark (its verification of every submitted contract
// then runs beside the eContract, not on its thread). Argument: the simulator's root (base64 DER); env
// BENCH_DATABASE_URL: its database (PGlite in memory when absent). Prints {"baseUrl","providerId",
// "privateJwk","audience"} once listening; exits when its standard input closes.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase } from '@elc/db'
import { generateNoteKey } from '@elc/ledger'
import { TrustStore } from '@elc/pki'
import { buildPlatform, openPlatformLedger } from '@elc/platform'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { connectedProvider } from '../../../platform/src/providers/connected-provider.ts'

const PUBLIC_URL = 'http://platform.bench'
const database = await createDatabase({ url: process.env.BENCH_DATABASE_URL || 'memory://' })
const ledger = await openPlatformLedger(database, {
  origin: 'nentang-hdld.bench/ledger',
  signerKey: generateNoteKey('nentang-hdld.bench').signerKey,
  keyFile: '/nonexistent',
})
const app = await buildPlatform({
  database,
  ledger,
  publicUrl: PUBLIC_URL,
  submissions: {
    trust: TrustStore.fromBytes(new Uint8Array(Buffer.from(process.argv[2] as string, 'base64'))),
    blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-bulk-bench-platform-'))),
    pii: new PiiCipher({
      keys: [{ id: 'k1', key: Buffer.alloc(32, 5) }],
      currentKeyId: 'k1',
      lookupKey: 'p',
    }),
  },
})
const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
const provider = await connectedProvider(database.db, {
  name: 'Hợp đồng Số Bench',
  taxCode: '0109999999',
  publicUrl: PUBLIC_URL,
})
process.stdout.write(
  `${JSON.stringify({ baseUrl, providerId: provider.providerId, privateJwk: provider.privateJwk, audience: `${PUBLIC_URL}/oauth/token` })}\n`,
)
process.stdin.resume()
process.stdin.on('end', async () => {
  await app.close()
  await ledger.close()
  await database.close()
  process.exit(0)
})
