// Checkpoints signed here, checked by npm @sigstore/verify's own checkpoint code (Rekor v2 / C2SP notes):
// it finds the log by the signature's 4-byte key hint (our C2SP key ID) and verifies Ed25519 over the text.
import { createHash, createPublicKey } from 'node:crypto'
import { type LogCheckpoint, verifyCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint.js'
import { describe, expect, it } from 'vitest'
import { formatCheckpoint, signCheckpoint } from './checkpoint.ts'
import {
  addCosignatures,
  cosignCheckpoint,
  generateWitnessKey,
  parseWitnessSignerKey,
} from './cosignature.ts'
import { generateNoteKey, parseSignerKey } from './keys.ts'

type Entry = Parameters<typeof verifyCheckpoint>[0]
type Authority = Parameters<typeof verifyCheckpoint>[1][number]

const ORIGIN = 'elc.gov.vn/ledger'
const log = generateNoteKey(ORIGIN)
const signer = parseSignerKey(log.signerKey)
const ROOT = createHash('sha256').update('root').digest()
const CP = { origin: ORIGIN, size: 7132n, rootHash: ROOT }

/** Sigstore's view of our log, built from the verifier key string without the code under test. */
function authority(vkey: string, logId?: Buffer): Authority {
  const [name, , ...rest] = vkey.split('+')
  const pub = Buffer.from(rest.join('+'), 'base64').subarray(1)
  const c2spKeyId = createHash('sha256').update(`${name}\n`).update(Buffer.of(1)).update(pub).digest()
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub])
  return {
    logID: logId ?? c2spKeyId.subarray(0, 4),
    baseURL: `https://${name}`,
    publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    validFor: { start: new Date(0), end: new Date(8.64e15) },
  }
}

function check(note: string, tlogs: Authority[]): LogCheckpoint {
  return verifyCheckpoint({ inclusionProof: { checkpoint: { envelope: note } } } as unknown as Entry, tlogs)
}

describe('@sigstore/verify accepts our checkpoints', () => {
  it('a plain checkpoint', () => {
    const cp = check(signCheckpoint(CP, [signer]), [authority(log.verifierKey)])
    expect(cp.origin).toBe(ORIGIN)
    expect(cp.logSize).toBe(7132n)
    expect(cp.logHash.equals(ROOT)).toBe(true)
    expect(cp.rest).toEqual([])
  })

  it('a checkpoint with extension lines', () => {
    const cp = check(signCheckpoint({ ...CP, extensions: ['Timestamp: 1700000000'] }, [signer]), [
      authority(log.verifierKey),
    ])
    expect(cp.rest).toEqual(['Timestamp: 1700000000'])
  })

  it('a cosigned checkpoint (witness lines match no log and are passed over)', () => {
    const w = generateWitnessKey('witness.example/w1')
    const note = addCosignatures(signCheckpoint(CP, [signer]), [
      cosignCheckpoint(formatCheckpoint(CP), parseWitnessSignerKey(w.signerKey), new Date()),
    ])
    expect(check(note, [authority(log.verifierKey)]).logSize).toBe(7132n)
  })

  it('rejects a tampered checkpoint, another key, and a log ID that is not the C2SP key ID', () => {
    const note = signCheckpoint(CP, [signer])
    expect(() => check(note.replace('7132', '7133'), [authority(log.verifierKey)])).toThrow(
      'invalid checkpoint signature',
    )
    expect(() => check(note, [authority(generateNoteKey(ORIGIN).verifierKey)])).toThrow(
      'invalid checkpoint signature',
    )
    // Rekor v1 style log ID (SHA-256 of the SPKI): the hint would not match.
    const spki = authority(log.verifierKey).publicKey.export({ format: 'der', type: 'spki' })
    const v1Id = createHash('sha256').update(spki).digest()
    expect(() => check(note, [authority(log.verifierKey, v1Id)])).toThrow('invalid checkpoint signature')
  })
})
