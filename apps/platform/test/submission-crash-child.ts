// A Platform process for the crash test. `burst`: accepts submissions from several writers while the
// decision worker runs, printing each 202-equivalent (`acc <id>`) and each published checkpoint
// (`cp <size> <base64 note>`) until it is killed. `drain`: decides whatever is left, prints `done`, exits.
import { readFileSync } from 'node:fs'
import { createDatabase, type Kysely } from '@elc/db'
import { Ledger, parseSignerKey } from '@elc/ledger'
import { RevocationChecker, TrustStore } from '@elc/pki'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { DecisionWorker } from '../src/jobs/decide-submissions.ts'
import { migrateSubmissions, type SubmissionDatabase, SubmissionsService } from '../src/submissions/index.ts'

const [mode, url, blobDir, rootPem, pdfFile, dataFile, signerKey] = process.argv.slice(2) as string[]
const database = await createDatabase({ url: url as string, name: 'submission-crash' })
const ledger = await Ledger.open({
  db: database.db as never,
  origin: 'nentang-hdld.test/crash',
  signer: parseSignerKey(signerKey as string),
  checkpointIntervalMs: 0,
  sequencer: { maxBatch: 32, maxDelayMs: 5 },
})
await migrateSubmissions(database.db)
const service = new SubmissionsService(database.db as Kysely<SubmissionDatabase>, ledger, {
  trust: TrustStore.fromBytes(readFileSync(rootPem as string, 'utf8')),
  // The certified contract carries its validation data: no network needed.
  revocation: new RevocationChecker({ online: false }),
  blobs: new FileBlobStore(blobDir as string),
  pii: new PiiCipher({
    keys: [{ id: 'k1', key: Buffer.alloc(32, 9) }],
    currentKeyId: 'k1',
    lookupKey: 'crash',
  }),
  // Claims of the killed process lapse quickly, so the restarted one takes its work over at once.
  claimMs: 300,
})
const out = (line: string) => process.stdout.write(`${line}\n`)
const pdf = readFileSync(pdfFile as string)
const data = JSON.parse(readFileSync(dataFile as string, 'utf8'))

if (mode === 'drain') {
  while ((await service.waitingCount()) > 0)
    if ((await service.decidePending()) === 0) await new Promise((r) => setTimeout(r, 100))
  await ledger.close()
  await database.close()
  out('done')
  process.exit(0)
}

const worker = new DecisionWorker(service, { error: () => {} } as never, 50)
void worker
let seq = 0
const writer = async () => {
  for (;;) {
    const key = `crash-${process.pid}-${seq++}`
    const { view } = await service.accept({ providerId: 'p', idempotencyKey: key, kind: 'new', data, pdf })
    out(`acc ${view.id}`)
  }
}
const publisher = async () => {
  for (;;) {
    await new Promise((r) => setTimeout(r, 40))
    const cp = await ledger.publishCheckpoint()
    if (cp) out(`cp ${cp.size} ${Buffer.from(cp.note).toString('base64')}`)
  }
}
out('ready')
await Promise.all([writer(), writer(), writer(), writer(), publisher()])
