import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AddCheckpointSyntaxError,
  type CosignedCheckpoint,
  formatAddCheckpointBody,
  MAX_PROOF_LINES,
  parseAddCheckpointBody,
  parseSizeBody,
  readWitnessState,
  writeWitnessState,
} from './index.ts'

// The example request body of c2sp.org/tlog-witness.
const SPEC_BODY = `old 20852014
PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

example.com/behind-the-sofa
20852163
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
`

const enc = (s: string) => new TextEncoder().encode(s)

describe('add-checkpoint body', () => {
  it('parses the spec example and formats it back byte for byte', () => {
    const req = parseAddCheckpointBody(enc(SPEC_BODY))
    expect(req.oldSize).toBe(20852014n)
    expect(req.proof).toHaveLength(4)
    expect(Buffer.from(req.proof[0] as Uint8Array).toString('base64')).toBe(
      'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=',
    )
    expect(req.note.startsWith('example.com/behind-the-sofa\n20852163\n')).toBe(true)
    expect(formatAddCheckpointBody(req.oldSize, req.proof, req.note)).toBe(SPEC_BODY)
  })

  it('takes 63 proof lines and no more', () => {
    const h = new Uint8Array(32)
    const note = 'o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 o AAAA\n'
    const body = formatAddCheckpointBody(1, Array(MAX_PROOF_LINES).fill(h), note)
    expect(parseAddCheckpointBody(enc(body)).proof).toHaveLength(63)
    const tooMany = body.replace('old 1\n', `old 1\n${Buffer.from(h).toString('base64')}\n`)
    expect(() => parseAddCheckpointBody(enc(tooMany))).toThrow(AddCheckpointSyntaxError)
    expect(() => formatAddCheckpointBody(1, Array(64).fill(h), note)).toThrow(RangeError)
  })

  it.each([
    ['no newline', 'old 0'],
    ['no blank line', 'old 0\nexample\n'],
    ['leading zero', 'old 00\n\nx'],
    ['sign', 'old +1\n\nx'],
    ['2^63', 'old 9223372036854775808\n\nx'],
    ['tab', 'old\t0\n\nx'],
    ['CRLF', 'old 0\r\n\r\nx'],
    ['non-canonical base64', 'old 1\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaz=\n\nx'],
    ['URL-safe base64', 'old 1\n-lRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n\nx'],
    ['short hash', 'old 1\nAAAA\n\nx'],
    ['no checkpoint', 'old 0\n\n'],
  ])('refuses %s', (_, body) => {
    expect(() => parseAddCheckpointBody(enc(body))).toThrow(AddCheckpointSyntaxError)
  })

  it('reads the 409 size body strictly', () => {
    expect(parseSizeBody('0\n')).toBe(0n)
    expect(parseSizeBody('50\n')).toBe(50n)
    for (const bad of ['', '50', '050\n', '-1\n', '5 0\n', '9223372036854775808\n', '50\n\n'])
      expect(parseSizeBody(bad)).toBeUndefined()
  })
})

describe('witness state file', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-witness-state-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const root = new Uint8Array(32).fill(9)
  const text = (origin: string) => `${origin}\n7\n${Buffer.from(root).toString('base64')}\n`
  const entry = (origin: string): CosignedCheckpoint => ({
    origin,
    size: 7n,
    rootHash: root,
    checkpoint: text(origin),
    note: `${text(origin)}\n\u2014 ${origin} AAAA\n`,
    cosignedAt: new Date('2026-01-02T03:04:05.000Z'),
  })

  it('round-trips, even an origin named __proto__, and leaves no temporary file behind', async () => {
    const file = join(dir, 'a.json')
    const state = new Map([
      ['log.example/a', entry('log.example/a')],
      ['__proto__', entry('__proto__')],
    ])
    await writeWitnessState(file, state)
    expect(readWitnessState(file)).toEqual(state)
    expect(await readdir(dir)).toEqual(['a.json'])
    expect(JSON.parse(await readFile(file, 'utf8')).logs['log.example/a'].size).toBe('7')
  })

  it('is empty when the file does not exist', () => {
    expect(readWitnessState(join(dir, 'missing.json')).size).toBe(0)
  })

  it.each([
    ['not JSON', '{'],
    ['another format', '{"format":"x","logs":{}}'],
    ['missing fields', '{"format":"elc-witness-state/v1","logs":{"o":{"size":"1"}}}'],
    ['size not matching the checkpoint', 'SIZE'],
    ['origin not matching the checkpoint', 'ORIGIN'],
  ])('refuses a state file that is %s', async (_, content) => {
    const file = join(dir, 'bad.json')
    let doc = content
    if (content === 'SIZE' || content === 'ORIGIN') {
      await writeWitnessState(file, new Map([['log.example/a', entry('log.example/a')]]))
      doc = await readFile(file, 'utf8')
      doc =
        content === 'SIZE'
          ? doc.replace('"size": "7"', '"size": "8"')
          : doc.replace('"log.example/a":', '"b":')
    }
    await writeFile(file, doc)
    expect(() => readWitnessState(file)).toThrow(/refusing to start/)
  })
})
