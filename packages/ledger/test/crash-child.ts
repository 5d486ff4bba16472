// A log process for the crash test: appends from several concurrent writers and prints each acknowledged
// entry (`ack <index> <seq>`) and each published checkpoint (`cp <size> <base64 note>`) until it is killed.
import { createDatabase } from '@elc/db'
import { Ledger } from '../src/log/ledger.ts'
import { parseSignerKey } from '../src/note/index.ts'

const [url, signerKey, origin] = process.argv.slice(2) as [string, string, string]
const database = await createDatabase({ url, name: 'ledger-crash' })
const ledger = await Ledger.open({
  db: database.db as never,
  origin,
  signer: parseSignerKey(signerKey),
  checkpointIntervalMs: 0,
  sequencer: { maxBatch: 64, maxDelayMs: 5 },
})
const out = (line: string) => process.stdout.write(`${line}\n`)
out('ready')

let seq = 0
const writer = async () => {
  for (;;) {
    const mine = seq++
    const { index } = await ledger.append({
      type: 'submission.received',
      at: new Date().toISOString(),
      data: { seq: mine, pid: process.pid },
    })
    out(`ack ${index} ${mine}`)
  }
}
const publisher = async () => {
  for (;;) {
    await new Promise((r) => setTimeout(r, 30))
    const cp = await ledger.publishCheckpoint()
    if (cp) out(`cp ${cp.size} ${Buffer.from(cp.note).toString('base64')}`)
  }
}
await Promise.all([...Array.from({ length: 8 }, writer), publisher()])
