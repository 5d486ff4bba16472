import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  type CheckpointInput,
  formatCheckpoint,
  MAX_CHECKPOINT_SIZE,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from './checkpoint.ts'
import { generateNoteKey, parseSignerKey, parseVerifierKey } from './keys.ts'
import { signNote } from './signed-note.ts'
import { codeOf } from './test-support.ts'

const seed = (label: string) => createHash('sha256').update(label).digest()
const ORIGIN = 'elc.gov.vn/ledger/2026'
const ROOT = seed('root')
const ROOT_B64 = ROOT.toString('base64')
const key = generateNoteKey(ORIGIN, seed('log key'))
const signer = parseSignerKey(key.signerKey)
const verifier = parseVerifierKey(key.verifierKey)
const CP: CheckpointInput = { origin: ORIGIN, size: 20852163n, rootHash: ROOT }

describe('formatCheckpoint / parseCheckpoint', () => {
  it('writes origin, decimal size and base64 root, one per line (the C2SP example layout)', () => {
    const root = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64')
    expect(formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163n, rootHash: root })).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    )
  })

  it('round-trips, extension lines included', () => {
    const cp = { ...CP, extensions: ['Timestamp: 1700000000', 'chữ ký — mở rộng'] }
    const text = formatCheckpoint(cp)
    expect(text.split('\n')).toHaveLength(6)
    const parsed = parseCheckpoint(text)
    expect(parsed).toEqual({ ...cp, rootHash: new Uint8Array(ROOT) })
  })

  it('covers the whole size range: 0 and 2^63 - 1', () => {
    for (const size of [0n, 1n, MAX_CHECKPOINT_SIZE])
      expect(parseCheckpoint(formatCheckpoint({ ...CP, size })).size).toBe(size)
    expect(parseCheckpoint(`${ORIGIN}\n9223372036854775807\n${ROOT_B64}\n`).size).toBe(2n ** 63n - 1n)
  })

  it('accepts any non-empty origin when parsing (clients must not assume the recommended form)', () => {
    expect(parseCheckpoint(`a log with spaces+plus\n1\n${ROOT_B64}\n`).origin).toBe('a log with spaces+plus')
  })

  const bad: [string, string, string][] = [
    ['size 2^63', `${ORIGIN}\n9223372036854775808\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['size 2^64', `${ORIGIN}\n18446744073709551616\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['negative size', `${ORIGIN}\n-1\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['"+1" size', `${ORIGIN}\n+1\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['leading zero', `${ORIGIN}\n08\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['"00"', `${ORIGIN}\n00\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['leading space', `${ORIGIN}\n 8\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['trailing space', `${ORIGIN}\n8 \n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['empty size', `${ORIGIN}\n\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['exponent', `${ORIGIN}\n1e3\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['hex', `${ORIGIN}\n0x8\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['fractional', `${ORIGIN}\n8.0\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    ['full-width digits', `${ORIGIN}\n\uff18\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_SIZE'],
    [
      '31-byte root',
      `${ORIGIN}\n8\n${ROOT.subarray(0, 31).toString('base64')}\n`,
      'CHECKPOINT_BAD_ROOT_HASH',
    ],
    [
      '33-byte root',
      `${ORIGIN}\n8\n${Buffer.concat([ROOT, Buffer.of(0)]).toString('base64')}\n`,
      'CHECKPOINT_BAD_ROOT_HASH',
    ],
    ['hex root', `${ORIGIN}\n8\n${ROOT.toString('hex')}\n`, 'CHECKPOINT_BAD_ROOT_HASH'],
    ['unpadded root', `${ORIGIN}\n8\n${ROOT_B64.replace('=', '')}\n`, 'CHECKPOINT_BAD_ROOT_HASH'],
    ['URL-safe root', `${ORIGIN}\n8\n${ROOT.toString('base64url')}=\n`, 'CHECKPOINT_BAD_ROOT_HASH'],
    ['empty root', `${ORIGIN}\n8\n\n`, 'CHECKPOINT_BAD_ROOT_HASH'],
    ['empty origin', `\n8\n${ROOT_B64}\n`, 'CHECKPOINT_BAD_ORIGIN'],
    ['two lines', `${ORIGIN}\n8\n`, 'CHECKPOINT_MALFORMED'],
    ['no final newline', `${ORIGIN}\n8\n${ROOT_B64}`, 'CHECKPOINT_MALFORMED'],
    ['empty extension line', `${ORIGIN}\n8\n${ROOT_B64}\n\next\n`, 'CHECKPOINT_BAD_EXTENSION'],
    ['trailing blank line', `${ORIGIN}\n8\n${ROOT_B64}\n\n`, 'CHECKPOINT_BAD_EXTENSION'],
    ['carriage return', `${ORIGIN}\r\n8\n${ROOT_B64}\n`, 'CHECKPOINT_MALFORMED'],
    ['empty text', '', 'CHECKPOINT_MALFORMED'],
    ['oversized text', `${ORIGIN}\n8\n${ROOT_B64}\n${'x'.repeat(1_000_000)}\n`, 'CHECKPOINT_MALFORMED'],
  ]
  it.each(bad)('parseCheckpoint rejects %s', (_, text, code) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe(code)
  })

  // The same bad texts, validly signed: the signature is fine, the checkpoint is not.
  it.each(bad.filter(([, text]) => text.endsWith('\n') && !text.includes('\r') && text.length < 1000))(
    'openCheckpoint rejects a signed checkpoint with %s',
    (_, text, code) => {
      expect(codeOf(() => openCheckpoint(signNote(text, [signer]), [verifier]))).toBe(code)
    },
  )

  const badInputs: [string, CheckpointInput, string][] = [
    ['size 2^63', { ...CP, size: 2n ** 63n }, 'CHECKPOINT_BAD_SIZE'],
    ['negative size', { ...CP, size: -1n }, 'CHECKPOINT_BAD_SIZE'],
    ['a number, not a bigint', { ...CP, size: 8 as unknown as bigint }, 'CHECKPOINT_BAD_SIZE'],
    ['31-byte root', { ...CP, rootHash: new Uint8Array(31) }, 'CHECKPOINT_BAD_ROOT_HASH'],
    ['33-byte root', { ...CP, rootHash: new Uint8Array(33) }, 'CHECKPOINT_BAD_ROOT_HASH'],
    ['empty origin', { ...CP, origin: '' }, 'CHECKPOINT_BAD_ORIGIN'],
    ['origin with a space', { ...CP, origin: 'elc log' }, 'CHECKPOINT_BAD_ORIGIN'],
    ['origin with a plus', { ...CP, origin: 'elc+log' }, 'CHECKPOINT_BAD_ORIGIN'],
    ['origin with a newline', { ...CP, origin: 'elc\n8' }, 'CHECKPOINT_BAD_ORIGIN'],
    ['empty extension', { ...CP, extensions: [''] }, 'CHECKPOINT_BAD_EXTENSION'],
    ['two-line extension', { ...CP, extensions: ['a\nb'] }, 'CHECKPOINT_BAD_EXTENSION'],
    ['extension with a tab', { ...CP, extensions: ['a\tb'] }, 'CHECKPOINT_BAD_EXTENSION'],
  ]
  it.each(badInputs)('formatCheckpoint rejects %s', (_, cp, code) => {
    expect(codeOf(() => formatCheckpoint(cp))).toBe(code)
  })
})

describe('signCheckpoint / openCheckpoint', () => {
  it('signs and opens, pinning the origin', () => {
    const note = signCheckpoint(CP, [signer])
    const opened = openCheckpoint(note, [verifier], { origin: ORIGIN })
    expect(opened.checkpoint).toMatchObject({ origin: ORIGIN, size: 20852163n })
    expect(Buffer.from(opened.checkpoint.rootHash).equals(ROOT)).toBe(true)
    expect(codeOf(() => openCheckpoint(note, [verifier], { origin: 'elc.gov.vn/other' }))).toBe(
      'CHECKPOINT_WRONG_ORIGIN',
    )
  })

  it('never parses text it could not verify', () => {
    const note = signNote('not a checkpoint\n', [signer])
    expect(codeOf(() => openCheckpoint(note, []))).toBe('NOTE_NO_VERIFIED_SIGNATURE')
    expect(codeOf(() => openCheckpoint(note, [verifier]))).toBe('CHECKPOINT_MALFORMED')
  })

  // Key rotation: the origin stays, the key changes. The signature line's name picks the key, the origin
  // line names the log.
  describe('key rotation', () => {
    const oldKey = key
    const sameName = generateNoteKey(ORIGIN, seed('log key 2027'))
    const newName = generateNoteKey('elc.gov.vn/ledger-key-2027', seed('log key 2027b'))

    it.each([
      ['under the same key name', sameName, 'NOTE_UNKNOWN_KEY'],
      ['under a new key name', newName, 'NOTE_NO_VERIFIED_SIGNATURE'],
    ] as const)(
      'a new key %s signs the same origin; new verifier yes, old verifier no',
      (_, fresh, oldCode) => {
        const note = signCheckpoint({ ...CP, size: CP.size + 1n }, [parseSignerKey(fresh.signerKey)])
        const opened = openCheckpoint(note, [parseVerifierKey(fresh.verifierKey)], { origin: ORIGIN })
        expect(opened.checkpoint.origin).toBe(ORIGIN)
        expect(codeOf(() => openCheckpoint(note, [parseVerifierKey(oldKey.verifierKey)]))).toBe(oldCode)
        // During the changeover a client trusting both keys accepts both generations.
        const both = [parseVerifierKey(oldKey.verifierKey), parseVerifierKey(fresh.verifierKey)]
        expect(openCheckpoint(note, both).checkpoint.size).toBe(CP.size + 1n)
        expect(openCheckpoint(signCheckpoint(CP, [signer]), both).checkpoint.size).toBe(CP.size)
      },
    )

    it('the log can sign with both keys while clients move over', () => {
      const note = signCheckpoint(CP, [signer, parseSignerKey(sameName.signerKey)])
      expect(openCheckpoint(note, [verifier]).unverifiedCount).toBe(1)
      expect(openCheckpoint(note, [parseVerifierKey(sameName.verifierKey)]).unverifiedCount).toBe(1)
    })
  })
})
