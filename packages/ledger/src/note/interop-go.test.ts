// Notes, checkpoints and cosigned checkpoints made here, checked by Go's golang.org/x/mod/sumdb/note through
// ../shared/tools/tlogvfy.go (`tlogvfy note VKEY NOTEFILE`: exit 0 and "NOTE OK (n sigs verified)\n<text>").
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runTlogvfy, tlogvfy } from '../testing/tlogvfy.ts'
import { formatCheckpoint, signCheckpoint } from './checkpoint.ts'
import {
  addCosignatures,
  cosignCheckpoint,
  generateWitnessKey,
  parseWitnessSignerKey,
} from './cosignature.ts'
import { generateNoteKey, parseSignerKey } from './keys.ts'
import { signNote } from './signed-note.ts'

const go = tlogvfy()
if (!go.path) console.warn(`interop-go.test.ts: Go checks skipped: ${go.reason}`)
const noGo = !go.path

const dir = mkdtempSync(join(tmpdir(), 'elc-note-go-'))
let files = 0

/** Go's verdict on a note for one verifier key. */
function goOpen(vkey: string, note: string): { status: number; stdout: string } {
  const file = join(dir, `note-${files++}.txt`)
  writeFileSync(file, note)
  const { status, stdout, stderr } = runTlogvfy(['note', vkey, file])
  return { status, stdout: stdout + stderr }
}

const log = generateNoteKey('elc.gov.vn/ledger')
const logSigner = parseSignerKey(log.signerKey)
const CP = { origin: 'elc.gov.vn/ledger', size: 7132n, rootHash: new Uint8Array(32).fill(0xab) }

describe('Go sumdb/note accepts what we sign', () => {
  it.skipIf(noGo)('a multi-line Vietnamese note with blank lines in its text', () => {
    const text =
      'Hợp đồng lao động điện tử\n\nNgười lao động: Nguyễn Thị Hằng\n\n— not a signature, just text\n'
    const note = signNote(text, [logSigner])
    expect(goOpen(log.verifierKey, note)).toEqual({ status: 0, stdout: `NOTE OK (1 sigs verified)\n${text}` })
  })

  it.skipIf(noGo)('a checkpoint, and one with extension lines', () => {
    for (const cp of [CP, { ...CP, size: 0n, extensions: ['Timestamp: 1700000000'] }]) {
      const note = signCheckpoint(cp, [logSigner])
      expect(goOpen(log.verifierKey, note)).toEqual({
        status: 0,
        stdout: `NOTE OK (1 sigs verified)\n${formatCheckpoint(cp)}`,
      })
    }
  })

  it.skipIf(noGo)('a note signed by two keys, with either key', () => {
    const second = generateNoteKey('elc.gov.vn/ledger-2027')
    const note = signCheckpoint(CP, [logSigner, parseSignerKey(second.signerKey)])
    expect(goOpen(log.verifierKey, note).status).toBe(0)
    expect(goOpen(second.verifierKey, note).status).toBe(0)
  })

  it.skipIf(noGo)('a cosigned checkpoint: Go still verifies the log and parses the witness lines', () => {
    const w = generateWitnessKey('witness.example/w1')
    const note = addCosignatures(signCheckpoint(CP, [logSigner]), [
      cosignCheckpoint(formatCheckpoint(CP), parseWitnessSignerKey(w.signerKey), new Date()),
    ])
    expect(goOpen(log.verifierKey, note)).toEqual({
      status: 0,
      stdout: `NOTE OK (1 sigs verified)\n${formatCheckpoint(CP)}`,
    })
  })

  it.skipIf(noGo)(
    'Go computes the same witness key ID over 0x04 || key (it then refuses the algorithm)',
    () => {
      const w = generateWitnessKey('witness.example/w1')
      const note = signCheckpoint(CP, [logSigner])
      // NewVerifier checks the key ID before the algorithm: a wrong ID would say "invalid verifier hash".
      expect(goOpen(w.verifierKey, note)).toEqual({
        status: 2,
        stdout: 'bad vkey: unknown verifier algorithm\n',
      })
      const wrongId = w.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')
      expect(goOpen(wrongId, note)).toEqual({ status: 2, stdout: 'bad vkey: invalid verifier hash\n' })
    },
  )

  it.skipIf(noGo)('and Go rejects what we reject: tampered text, wrong key', () => {
    const note = signCheckpoint(CP, [logSigner])
    expect(goOpen(log.verifierKey, note.replace('7132', '7133')).status).toBe(1)
    expect(goOpen(generateNoteKey('elc.gov.vn/ledger').verifierKey, note).status).toBe(1)
  })
})
