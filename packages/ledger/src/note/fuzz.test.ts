// Garbage in, NoteError out: openNote, parseCheckpoint, openCheckpoint and verifyCosignature never throw
// anything else, and no mutation of a signed note opens with different text.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts'
import {
  addCosignatures,
  cosignCheckpoint,
  generateWitnessKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  verifyCosignature,
} from './cosignature.ts'
import { NoteError } from './errors.ts'
import { generateNoteKey, parseSignerKey, parseVerifierKey } from './keys.ts'
import { openNote } from './signed-note.ts'

const seed = (label: string) => createHash('sha256').update(label).digest()
const log = generateNoteKey('elc.gov.vn/ledger', seed('log'))
const w = generateWitnessKey('witness.example/w1', seed('w1'))
const witness = parseWitnessVerifierKey(w.verifierKey)
const verifiers = [parseVerifierKey(log.verifierKey), witness]
const CP = { origin: 'elc.gov.vn/ledger', size: 8n, rootHash: seed('root'), extensions: ['x: 1'] }
const TEXT = formatCheckpoint(CP)
const NOTE = addCosignatures(signCheckpoint(CP, [parseSignerKey(log.signerKey)]), [
  cosignCheckpoint(TEXT, parseWitnessSignerKey(w.signerKey), new Date(1_700_000_000_000)),
])

/** Runs fn; a NoteError is an answer, anything else fails the property. */
function onlyNoteErrors<T>(fn: () => T): T | NoteError {
  try {
    return fn()
  } catch (e) {
    if (e instanceof NoteError) return e
    throw e
  }
}

// Pieces that look like notes, so the fuzzer gets past the first checks.
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '\n',
    '\n\n',
    '\u2014 ',
    ' ',
    '+',
    '=',
    '0',
    '-1',
    '+1',
    '9223372036854775808',
    'elc.gov.vn/ledger',
  ),
  fc.uint8Array({ minLength: 0, maxLength: 80 }).map((b) => Buffer.from(b).toString('base64')),
  fc.constantFrom(...NOTE.split('\n')),
)
const noteLike = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''))

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 4 }),
  insert: fc.string({ unit: 'binary', maxLength: 4 }),
})
const mutated = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => {
  let s = NOTE
  for (const { at, remove, insert } of ms) {
    const i = at % (s.length + 1)
    s = s.slice(0, i) + insert + s.slice(i + remove)
  }
  return s
})

describe('fuzz', () => {
  it('openNote and openCheckpoint on arbitrary strings and bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), noteLike, fc.uint8Array({ maxLength: 300 })),
        (input) => {
          onlyNoteErrors(() => openNote(input, verifiers))
          onlyNoteErrors(() => openCheckpoint(input, verifiers))
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('parseCheckpoint on arbitrary and checkpoint-like text', () => {
    const line = fc.oneof(piece, fc.constantFrom('', '8', '08', ' 8', TEXT.split('\n')[2] as string))
    const cpLike = fc.array(line, { maxLength: 6 }).map((ls) => `${ls.join('\n')}\n`)
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), cpLike), (text) => {
        const r = onlyNoteErrors(() => parseCheckpoint(text))
        // Whatever parses must format back to the same text.
        if (!(r instanceof NoteError))
          expect(
            `${[r.origin, r.size, Buffer.from(r.rootHash).toString('base64'), ...r.extensions].join('\n')}\n`,
          ).toBe(text)
      }),
      { numRuns: 3000 },
    )
  })

  it('a mutated signed note either fails with a NoteError or opens with the original text', () => {
    fc.assert(
      fc.property(mutated, (note) => {
        const r = onlyNoteErrors(() => openNote(note, verifiers))
        if (!(r instanceof NoteError)) expect(r.text).toBe(TEXT)
        const c = onlyNoteErrors(() => verifyCosignature(note, witness))
        if (!(c instanceof NoteError)) expect(c.timestamp).toBe(1_700_000_000n)
        onlyNoteErrors(() => openCheckpoint(note, verifiers, { origin: 'elc.gov.vn/ledger' }))
      }),
      { numRuns: 3000 },
    )
  })

  it('key parsers on arbitrary strings', () => {
    const keyLike = fc.array(fc.oneof(piece, fc.constantFrom('PRIVATE+KEY+', log.verifierKey, w.signerKey)), {
      maxLength: 5,
    })
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          keyLike.map((p) => p.join('')),
        ),
        (s) => {
          for (const parse of [
            parseVerifierKey,
            parseSignerKey,
            parseWitnessVerifierKey,
            parseWitnessSignerKey,
          ])
            onlyNoteErrors(() => parse(s))
        },
      ),
      { numRuns: 2000 },
    )
  })
})
