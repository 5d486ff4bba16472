import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { NoteError } from './errors.ts'
import { generateNoteKey, type NoteVerifier, parseSignerKey, parseVerifierKey } from './keys.ts'
import { addSignatureLines, MAX_NOTE_BYTES, MAX_SIGNATURES, openNote, signNote } from './signed-note.ts'
import { codeOf } from './test-support.ts'

// Fixed seeds: the same bytes every run, so each case below tests the same thing every run.
const seed = (label: string) => createHash('sha256').update(label).digest()
const log = generateNoteKey('elc.gov.vn/log', seed('log'))
const other = generateNoteKey('witness.example/w1', seed('other'))
const logSigner = parseSignerKey(log.signerKey)
const logVerifier = parseVerifierKey(log.verifierKey)
const otherSigner = parseSignerKey(other.signerKey)
const otherVerifier = parseVerifierKey(other.verifierKey)

const TEXT = 'Hợp đồng lao động điện tử\nA261234567890\n'
const NOTE = signNote(TEXT, [logSigner])

/** The note with its signature bytes (after the 4-byte key ID) changed at one position. */
function withFlippedSignatureByte(note: string, at: number): string {
  const [head, b64] = note.trimEnd().split(/ (?=[^ ]+$)/) as [string, string]
  const bytes = Buffer.from(b64, 'base64')
  bytes[at] = (bytes[at] as number) ^ 0x01
  return `${head} ${bytes.toString('base64')}\n`
}

/** 68 bytes encode with two unused low bits in the last character: set one (Go's lax decoder ignores it). */
function withPadBitSet(b64: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const last = alphabet.indexOf(b64.at(-2) as string)
  return `${b64.slice(0, -2)}${alphabet[last ^ 1]}=`
}

describe('signNote / openNote', () => {
  it('writes the text, a blank line and one em-dash line per signer', () => {
    expect(NOTE.startsWith(`${TEXT}\n\u2014 elc.gov.vn/log `)).toBe(true)
    expect(NOTE.endsWith('\n')).toBe(true)
    const opened = openNote(NOTE, [logVerifier])
    expect(opened).toMatchObject({ text: TEXT, unverifiedCount: 0, unverified: [] })
    expect(opened.verified).toHaveLength(1)
    expect(opened.verified[0]).toMatchObject({ name: 'elc.gov.vn/log', keyId: logVerifier.keyId })
    expect(opened.verified[0]?.signature).toHaveLength(64)
  })

  it('splits at the last blank line, so the text may hold blank lines', () => {
    const text = 'đầu\n\n\ngiữa\n\ncuối\n'
    expect(openNote(signNote(text, [logSigner]), [logVerifier]).text).toBe(text)
    expect(openNote(signNote('\n', [logSigner]), [logVerifier]).text).toBe('\n')
  })

  it('keeps a leading byte order mark as part of the signed text', () => {
    const text = '\ufeffBOM\n'
    const note = signNote(text, [logSigner])
    expect(openNote(new TextEncoder().encode(note), [logVerifier]).text).toBe(text)
  })

  it('verifies every known signature and counts the unknown ones', () => {
    const note = signNote(TEXT, [logSigner, otherSigner])
    expect(openNote(note, [logVerifier, otherVerifier]).verified.map((v) => v.name)).toEqual([
      'elc.gov.vn/log',
      'witness.example/w1',
    ])
    const one = openNote(note, [logVerifier])
    expect(one.verified.map((v) => v.name)).toEqual(['elc.gov.vn/log'])
    expect(one.unverified).toEqual([{ name: 'witness.example/w1', keyId: otherVerifier.keyId }])
    expect(one.unverifiedCount).toBe(1)
  })

  it('ignores unknown signatures even when they would not verify, and drops identical repeats', () => {
    const junk = `\u2014 someone.else/key ${Buffer.alloc(68, 7).toString('base64')}\n`
    const opened = openNote(NOTE + junk + junk, [logVerifier])
    expect(opened.verified).toHaveLength(1)
    expect(opened.unverifiedCount).toBe(1)
  })

  it('a known key whose signature fails rejects the whole note, even beside a good one', () => {
    const bad = withFlippedSignatureByte(signNote(TEXT, [otherSigner]), 10)
    const note = `${NOTE}${bad.slice(bad.lastIndexOf('\u2014'))}`
    expect(openNote(note, [logVerifier]).unverifiedCount).toBe(1)
    const e = (() => {
      try {
        openNote(note, [logVerifier, otherVerifier])
      } catch (e) {
        return e
      }
    })()
    expect(e).toBeInstanceOf(NoteError)
    expect(e).toMatchObject({
      code: 'NOTE_BAD_SIGNATURE',
      keyName: 'witness.example/w1',
      keyId: otherVerifier.keyId,
    })
    expect((e as NoteError).text.vi).toContain('không hợp lệ')
  })

  it('a key rotated under the same name is NOTE_UNKNOWN_KEY for holders of the old key only', () => {
    const rotated = generateNoteKey('elc.gov.vn/log')
    const note = signNote(TEXT, [parseSignerKey(rotated.signerKey)])
    expect(codeOf(() => openNote(note, [logVerifier]))).toBe('NOTE_UNKNOWN_KEY')
    expect(codeOf(() => openNote(note, [otherVerifier]))).toBe('NOTE_NO_VERIFIED_SIGNATURE')
    expect(openNote(note, [logVerifier, parseVerifierKey(rotated.verifierKey)]).text).toBe(TEXT)
  })

  it('refuses a verifier list with two keys of one name and ID', () => {
    const twin: NoteVerifier = { ...logVerifier, verify: () => true }
    expect(codeOf(() => openNote(NOTE, [logVerifier, twin]))).toBe('NOTE_AMBIGUOUS_KEY')
  })

  it('treats a verifier that throws as a failed verification', () => {
    const throwing: NoteVerifier = {
      ...logVerifier,
      verify: () => {
        throw new Error('boom')
      },
    }
    expect(codeOf(() => openNote(NOTE, [throwing]))).toBe('NOTE_BAD_SIGNATURE')
  })

  it('accepts exactly MAX_SIGNATURES lines and no more', () => {
    const unknown = (i: number) =>
      `\u2014 k${i} ${Buffer.concat([Buffer.alloc(4, i), Buffer.alloc(64)]).toString('base64')}\n`
    const lines = Array.from({ length: MAX_SIGNATURES - 1 }, (_, i) => unknown(i)).join('')
    expect(openNote(NOTE + lines, [logVerifier]).unverifiedCount).toBe(MAX_SIGNATURES - 1)
    expect(codeOf(() => openNote(NOTE + lines + unknown(999), [logVerifier]))).toBe(
      'NOTE_TOO_MANY_SIGNATURES',
    )
  })

  it('accepts a note of exactly MAX_NOTE_BYTES and rejects one byte more', () => {
    const sigLine = NOTE.slice(TEXT.length + 1)
    const filler = MAX_NOTE_BYTES - Buffer.byteLength(sigLine) - 2
    const text = `${'x'.repeat(filler)}\n`
    const note = signNote(text, [logSigner])
    expect(Buffer.byteLength(note)).toBe(MAX_NOTE_BYTES)
    expect(openNote(note, [logVerifier]).text).toBe(text)
    expect(codeOf(() => signNote(`x${text}`, [logSigner]))).toBe('NOTE_TOO_LARGE')
    expect(codeOf(() => openNote(`x${note}`, [logVerifier]))).toBe('NOTE_TOO_LARGE')
    expect(codeOf(() => openNote(new Uint8Array(MAX_NOTE_BYTES + 1), [logVerifier]))).toBe('NOTE_TOO_LARGE')
  })

  it('addSignatureLines appends and replaces a line from the same key, as Go note.Sign does', () => {
    const second = signNote(TEXT, [otherSigner]).slice(TEXT.length + 1)
    const both = addSignatureLines(NOTE, [second])
    expect(openNote(both, [logVerifier, otherVerifier]).verified).toHaveLength(2)
    expect(addSignatureLines(both, [second])).toBe(both)
    const resigned = signNote(TEXT, [logSigner]).slice(TEXT.length + 1)
    expect(addSignatureLines(both, [resigned])).toBe(`${TEXT}\n${second}${resigned}`)
    expect(addSignatureLines(NOTE, [second, resigned, second])).toBe(`${TEXT}\n${resigned}${second}`)
    expect(codeOf(() => addSignatureLines(NOTE, ['- not a signature line']))).toBe('NOTE_MALFORMED_SIGNATURE')
    expect(codeOf(() => addSignatureLines(NOTE, [`${second}${second}`]))).toBe('NOTE_MALFORMED_SIGNATURE')
  })

  it('signNote refuses what it could not open again', () => {
    expect(codeOf(() => signNote('no newline', [logSigner]))).toBe('NOTE_TEXT_NOT_NEWLINE_TERMINATED')
    expect(codeOf(() => signNote('', [logSigner]))).toBe('NOTE_TEXT_NOT_NEWLINE_TERMINATED')
    expect(codeOf(() => signNote('tab\there\n', [logSigner]))).toBe('NOTE_MALFORMED')
    expect(codeOf(() => signNote('lone \ud800\n', [logSigner]))).toBe('NOTE_MALFORMED')
    expect(codeOf(() => signNote(TEXT, []))).toBe('NOTE_BAD_SIGNER')
    expect(codeOf(() => signNote(TEXT, [logSigner, logSigner]))).toBe('NOTE_DUPLICATE_SIGNATURE')
    expect(codeOf(() => signNote(TEXT, [{ ...logSigner, name: 'bad name' }]))).toBe('NOTE_BAD_SIGNER')
    expect(codeOf(() => signNote(TEXT, [{ ...logSigner, keyId: 2 ** 32 }]))).toBe('NOTE_BAD_SIGNER')
    expect(codeOf(() => signNote(TEXT, [{ ...logSigner, sign: () => new Uint8Array() }]))).toBe(
      'NOTE_BAD_SIGNER',
    )
  })
})

describe('openNote rejects bad input with its code', () => {
  const line = NOTE.slice(TEXT.length + 1)
  const b64 = line.trimEnd().split(' ').at(-1) as string
  const cases: [string, string | Uint8Array, NoteVerifier[], string][] = [
    ['a different key of another name', NOTE, [otherVerifier], 'NOTE_NO_VERIFIED_SIGNATURE'],
    [
      'a different key of the same name',
      NOTE,
      [parseVerifierKey(generateNoteKey('elc.gov.vn/log').verifierKey)],
      'NOTE_UNKNOWN_KEY',
    ],
    ['no verifiers at all', NOTE, [], 'NOTE_NO_VERIFIED_SIGNATURE'],
    ['tampered text', NOTE.replace('A26', 'A27'), [logVerifier], 'NOTE_BAD_SIGNATURE'],
    ['text with a character added', `x${NOTE}`, [logVerifier], 'NOTE_BAD_SIGNATURE'],
    ['tampered signature', withFlippedSignatureByte(NOTE, 40), [logVerifier], 'NOTE_BAD_SIGNATURE'],
    [
      'signature cut to 63 bytes',
      `${TEXT}\n\u2014 elc.gov.vn/log ${Buffer.from(b64, 'base64').subarray(0, 67).toString('base64')}\n`,
      [logVerifier],
      'NOTE_BAD_SIGNATURE',
    ],
    [
      'tampered key ID (now an unknown key of a known name)',
      withFlippedSignatureByte(NOTE, 0),
      [logVerifier],
      'NOTE_UNKNOWN_KEY',
    ],
    ['duplicated signature line', NOTE + line, [logVerifier], 'NOTE_DUPLICATE_SIGNATURE'],
    ['hyphen instead of the em dash', NOTE.replace('\u2014', '-'), [logVerifier], 'NOTE_MALFORMED_SIGNATURE'],
    [
      'en dash instead of the em dash',
      NOTE.replace('\u2014', '\u2013'),
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    [
      'em dash without the space',
      NOTE.replace('\u2014 ', '\u2014'),
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    ['two spaces after the name', NOTE.replace('log ', 'log  '), [logVerifier], 'NOTE_MALFORMED_SIGNATURE'],
    [
      'no signature after the name',
      `${TEXT}\n\u2014 elc.gov.vn/log\n`,
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    ['empty key name', `${TEXT}\n\u2014  ${b64}\n`, [logVerifier], 'NOTE_MALFORMED_SIGNATURE'],
    [
      'non-base64 signature',
      `${TEXT}\n\u2014 elc.gov.vn/log ${b64.slice(0, -4)}!!!=\n`,
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    [
      'URL-safe base64',
      `${TEXT}\n\u2014 elc.gov.vn/log ${b64.replace(/\+/g, '-').replace(/\//g, '_')}\n`,
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    [
      'unpadded base64',
      `${TEXT}\n\u2014 elc.gov.vn/log ${b64.replace(/=+$/, '')}\n`,
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    [
      'non-zero base64 pad bits',
      `${TEXT}\n\u2014 elc.gov.vn/log ${withPadBitSet(b64)}\n`,
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    [
      'signature of 4 bytes',
      `${TEXT}\n\u2014 elc.gov.vn/log AAAAAA==\n`,
      [logVerifier],
      'NOTE_MALFORMED_SIGNATURE',
    ],
    ['no blank line', NOTE.replace(`${TEXT}\n`, TEXT), [logVerifier], 'NOTE_MALFORMED'],
    ['no final newline', NOTE.trimEnd(), [logVerifier], 'NOTE_MALFORMED'],
    ['empty signature block', `${TEXT}\n`, [logVerifier], 'NOTE_MALFORMED'],
    ['blank line after the signatures', `${NOTE}\n`, [logVerifier], 'NOTE_MALFORMED'],
    ['text only', TEXT, [logVerifier], 'NOTE_MALFORMED'],
    ['empty', '', [logVerifier], 'NOTE_MALFORMED'],
    ['carriage return (CRLF)', NOTE.replace(/\n/g, '\r\n'), [logVerifier], 'NOTE_MALFORMED'],
    ['NUL byte', NOTE.replace('A26', 'A\u000026'), [logVerifier], 'NOTE_MALFORMED'],
    ['lone surrogate', NOTE.replace('A26', 'A\udc0026'), [logVerifier], 'NOTE_MALFORMED'],
    [
      'invalid UTF-8 bytes',
      Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from(NOTE)]),
      [logVerifier],
      'NOTE_MALFORMED',
    ],
    ['oversized note', `${'x'.repeat(MAX_NOTE_BYTES)}${NOTE}`, [logVerifier], 'NOTE_TOO_LARGE'],
    ['oversized in UTF-8 only', `${'đ'.repeat(MAX_NOTE_BYTES / 2)}${NOTE}`, [logVerifier], 'NOTE_TOO_LARGE'],
  ]
  it('the fixed signature has characters that differ between the two base64 alphabets', () => {
    expect(b64).toMatch(/[+/]/)
  })

  it.each(cases)('%s', (_, note, verifiers, code) => {
    expect(codeOf(() => openNote(note, verifiers))).toBe(code)
  })

  it('a value that is neither string nor bytes is NOTE_MALFORMED, not a TypeError', () => {
    expect(codeOf(() => openNote(42 as unknown as string, [logVerifier]))).toBe('NOTE_MALFORMED')
    expect(codeOf(() => openNote(null as unknown as string, [logVerifier]))).toBe('NOTE_MALFORMED')
  })
})
