import { readdirSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EXAMPLES_DIR, example } from '../testing/examples.ts'
import { validateDocument } from './validate-document.ts'

const expected: Record<string, { exit: number; codes: string[] }> = example('expected.json')

describe('examples/ validate as documented in examples/expected.json', () => {
  it('every example file has an expectation', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json') && f !== 'expected.json')
    expect(files.sort()).toEqual(Object.keys(expected).sort())
  })

  it.each(Object.entries(expected))('%s', (file, { exit, codes }) => {
    const report = validateDocument(example(file))
    const status = !report.recognised ? 2 : report.valid ? 0 : 1
    expect(status).toBe(exit)
    expect(report.findings.map((f) => f.code).sort()).toEqual([...codes].sort())
  })
})

// Values that break naive code: objects that cannot become strings, prototype keys, huge and odd numbers.
const NASTY: unknown[] = [
  '{"toString": 1}',
  '[{"toString": 1}]',
  '{"__proto__": null}',
  '{"__proto__": {"__proto__": null}}',
  '{"constructor": {"prototype": 1}}',
  '1e308',
  '-0',
  '"2026-02-29"',
  '"0000-01-01"',
  '"9999-12-31"',
  '"A260123456789"',
  '""',
].map((json) => JSON.parse(json))

describe('bad input gets findings, never an exception', () => {
  it.each([
    ['null', null, 'DOCUMENT_NOT_RECOGNISED'],
    ['an array', [1, 2], 'DOCUMENT_NOT_RECOGNISED'],
    ['a string', 'hợp đồng', 'DOCUMENT_NOT_RECOGNISED'],
    ['no kind', { schemaVersion: 1 }, 'DOCUMENT_NOT_RECOGNISED'],
    ['an unknown kind', { kind: 'invoice' }, 'DOCUMENT_NOT_RECOGNISED'],
  ])('%s', (_name, input, code) => {
    const report = validateDocument(input)
    expect(report.recognised).toBe(false)
    expect(report.findings.map((f) => f.code)).toEqual([code])
  })

  it('an empty contract reports every missing Art 21(1) point, each naming its field', () => {
    const report = validateDocument({ kind: 'contract', schemaVersion: 1 })
    const missing = report.findings.filter((f) => f.code === 'MANDATORY_CONTENT_MISSING')
    expect(missing.map((f) => f.path).sort()).toEqual(
      [
        '/employer',
        '/insurance',
        '/job',
        '/protectiveEquipment',
        '/raiseRegime',
        '/term',
        '/training',
        '/wage',
        '/worker',
        '/workingTime',
        '/workplaces',
      ].sort(),
    )
    expect(missing.every((f) => f.ruleId === 'R4.6')).toBe(true)
    const training = missing.find((f) => f.path === '/training')
    expect(training?.message.vi).toContain('Đào tạo')
    expect(training?.message.vi).toContain('điểm k')
    expect(training?.message.en).toContain('Art 21(1)(k)')
  })

  it('wrong types and unknown fields name the field', () => {
    const doc = example('contract-indefinite.json')
    doc.wage.allowances = 'nhiều'
    doc.worker.nickname = 'Nhung'
    const report = validateDocument(doc)
    expect(report.findings.map((f) => [f.code, f.path])).toEqual(
      expect.arrayContaining([
        ['TYPE_INVALID', '/wage/allowances'],
        ['FIELD_UNKNOWN', '/worker/nickname'],
      ]),
    )
  })

  it('NFD text is normalised and reported, and the rules see the NFC text', () => {
    const doc = example('contract-indefinite.json')
    doc.worker.fullName = 'Nguyễn Thị Hồng Nhung'.normalize('NFD')
    const report = validateDocument(doc)
    expect(report.valid).toBe(true)
    expect(report.findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['TEXT_NOT_NFC', 'warning', '/worker/fullName'],
    ])
    expect((report.document as { worker: { fullName: string } }).worker.fullName).toBe(
      'Nguyễn Thị Hồng Nhung'.normalize('NFC'),
    )
  })

  it.each([
    ['an object for a date', ['concludedOn'], '{"toString": 1}'],
    ['an array for a date', ['term', 'startDate'], '[{"toString": 1}]'],
    ['a __proto__ key', ['worker'], '{"__proto__": {"fullName": "X"}}'],
  ])('regression: %s gives findings, not a crash', (_name, path, json) => {
    const doc = example('contract-definite-probation.json')
    let node = doc
    for (const key of path.slice(0, -1)) node = node[key]
    node[path.at(-1) as string] = JSON.parse(json)
    const report = validateDocument(doc)
    expect(report.valid).toBe(false)
    expect(report.findings.length).toBeGreaterThan(0)
  })

  it('regression: a year far out is a finding, not arithmetic overflow', () => {
    const doc = example('contract-definite-probation.json')
    doc.term.endDate = '9999-12-31'
    expect(validateDocument(doc).findings.map((f) => [f.code, f.path])).toEqual([
      ['DATE_OUT_OF_RANGE', '/term/endDate'],
    ])
  })

  it('regression: a 2018 paper contract with a 6-working-day probation is validated, not a crash', () => {
    const contract = example('contract-indefinite.json')
    Object.assign(contract, { concludedOn: '2018-03-01' })
    contract.term.startDate = '2018-03-01'
    contract.job.positionClass = 'other'
    contract.worker.dateOfBirth = '1990-04-12'
    contract.worker.idDocument.number = '001190012345'
    contract.probation = { startDate: '2018-03-01', endDate: '2018-03-08', wage: 16_000_000 }
    const report = validateDocument({
      schemaVersion: 1,
      kind: 'paper_conversion',
      contract,
      conversion: {
        systemName: 'ELC eContract',
        converterName: 'Lê Quang Huy',
        completedAt: '2026-08-10T09:30:00+07:00',
        fileSizeBytes: 184_320,
        signatureRef: 'CMS SHA-256 + RFC 3161 timestamp, serial 0x1f2e',
      },
    })
    expect(report.recognised).toBe(true)
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
  })

  it('a "__proto__" key stays a field and is reported as unknown', () => {
    const doc = example('contract-indefinite.json')
    doc.employer = JSON.parse(JSON.stringify(doc.employer).replace('{', '{"__proto__":{"polluted":true},'))
    const report = validateDocument(doc)
    expect(report.findings.map((f) => [f.code, f.path])).toContainEqual([
      'FIELD_UNKNOWN',
      '/employer/__proto__',
    ])
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('fuzz: arbitrary JSON never throws and every finding is well formed', () => {
    const base = example('contract-definite-probation.json')
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.string(), { maxLength: 4 }), (junk, path) => {
        // Graft random JSON at a random place of a real contract, and also validate the junk itself.
        const doc = structuredClone(base)
        let node = doc
        for (const key of path.slice(0, -1)) node = node && typeof node === 'object' ? node[key] : undefined
        if (node && typeof node === 'object' && path.length > 0) node[path.at(-1) as string] = junk
        for (const input of [doc, junk, { kind: 'contract', ...(typeof junk === 'object' ? junk : {}) }]) {
          const report = validateDocument(input)
          for (const f of report.findings) {
            expect(f.code).toMatch(/^[A-Z][A-Z0-9_]+$/)
            expect(f.message.vi.length).toBeGreaterThan(0)
            expect(f.message.en.length).toBeGreaterThan(0)
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  it('fuzz: mutating any leaf of a valid contract never throws', () => {
    const leaves: string[][] = []
    const walk = (v: unknown, p: string[]) => {
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k])
      else leaves.push(p)
    }
    walk(example('contract-definite-probation.json'), [])
    fc.assert(
      fc.property(
        fc.constantFrom(...leaves),
        fc.oneof(fc.jsonValue(), fc.constantFrom(...NASTY)),
        (path, value) => {
          const doc = example('contract-definite-probation.json')
          let node = doc
          for (const key of path.slice(0, -1)) node = node[key]
          node[path.at(-1) as string] = value
          expect(() => validateDocument(doc)).not.toThrow()
        },
      ),
      { numRuns: 3000 },
    )
  })
})
