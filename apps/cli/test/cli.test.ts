// The elc command as a user runs it: exit statuses, output language, and no stack traces on bad input.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runElcAt } from './run-elc.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const EXAMPLES = join(ROOT, 'examples')
const NOW = new Date('2026-11-23T03:00:00Z')

const run = (...argv: string[]) => runElcAt(() => NOW, ...argv)

describe('elc validate', () => {
  it.each([
    ['contract-indefinite.json', 0],
    ['contract-definite-probation.json', 0],
    ['invalid-term-48-months.json', 1],
    ['invalid-missing-contents.json', 1],
    ['not-a-contract.json', 2],
  ])('%s → exit %i', async (file, status) => {
    expect((await run('validate', join(EXAMPLES, file))).status).toBe(status)
  })

  it('prints rule id, code, field and message in Vietnamese by default, English on request', async () => {
    const vi = await run('validate', join(EXAMPLES, 'invalid-term-48-months.json'))
    expect(vi.out).toContain('KHÔNG HỢP LỆ')
    expect(vi.out).toMatch(/R4\.3\s+CONTRACT_TERM_EXCEEDS_36_MONTHS/)
    expect(vi.out).toContain('Ngày kết thúc (/term/endDate)')
    const en = await run('validate', join(EXAMPLES, 'invalid-term-48-months.json'), '--lang', 'en')
    expect(en.out).toContain('INVALID')
    expect(en.out).toContain('End date (/term/endDate): a definite-term contract lasts at most 36 months')
  })

  it('--json gives the findings as data', async () => {
    const { out, status } = await run('validate', join(EXAMPLES, 'invalid-probation.json'), '--json')
    expect(status).toBe(1)
    const report = JSON.parse(out)
    expect(report.valid).toBe(false)
    expect(report.findings.map((f: { code: string }) => f.code)).toEqual([
      'PROBATION_EXCEEDS_LIMIT',
      'PROBATION_WAGE_BELOW_85_PERCENT',
    ])
  })

  it('a missing file, bad JSON or no file name is exit 2 with one clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elc-cli-'))
    writeFileSync(join(dir, 'broken.json'), '{"kind": "contract",')
    for (const argv of [
      ['validate', join(dir, 'nope.json')],
      ['validate', join(dir, 'broken.json')],
      ['validate'],
    ]) {
      const r = await run(...argv)
      expect(r.status).toBe(2)
      expect(r.err).not.toMatch(/\n\s+at /)
      expect(r.err.length).toBeGreaterThan(0)
    }
  })
})

describe('elc id', () => {
  it('new --type A gives an A ID of this year', async () => {
    const { out, status } = await run('id', 'new', '--type', 'A')
    expect(status).toBe(0)
    expect(out).toMatch(/^A26\d{10}$/)
  })

  it('new with a bad type is exit 2', async () => {
    expect((await run('id', 'new', '--type', 'D')).status).toBe(2)
  })

  it.each([
    ['A260123456789', 0, 'hợp lệ'],
    ['B269876543210', 0, 'chuyển đổi từ hợp đồng giấy'],
    ['A26012345678', 1, 'không hợp lệ'],
    ['A290123456789', 1, 'CONTRACT_ID_YEAR_IN_FUTURE'],
  ])('check %s → %i', async (id, status, text) => {
    const r = await run('id', 'check', id)
    expect(r.status).toBe(status)
    expect(r.out).toContain(text)
  })
})

describe('elc calendar', () => {
  it('working-days counts across Tết 2027: 5, 8, 9 Feb off and 10, 11 Feb in lieu of the weekend', async () => {
    const r = await run('calendar', 'working-days', '2027-02-03', '3')
    expect(r.status).toBe(0)
    expect(r.out).toBe('2027-02-15')
  })

  it('holidays lists Tết and the Hùng Kings day in Vietnamese', async () => {
    const r = await run('calendar', 'holidays', '2026')
    expect(r.out).toContain('2026-04-26')
    expect(r.out).toMatch(/2026-02-17 .*Tết/)
  })

  it.each([
    ['working-days', '2027-02-30', '3'],
    ['working-days', '2027-02-03', '-1'],
    ['holidays', '26'],
  ])('bad arguments %j are exit 2', async (...argv) => {
    expect((await run('calendar', ...argv)).status).toBe(2)
  })
})

describe('elc rules and usage', () => {
  it('lists every rule with its LEGAL.md id', async () => {
    const r = await run('rules')
    expect(r.out).toMatch(/R4\.12\s+\[P\] error\s+contract\s+PROBATION_EXCEEDS_LIMIT/)
  })

  it('an unknown verb or option is exit 2 with the usage', async () => {
    for (const argv of [['frobnicate'], ['validate', 'x.json', '--colour']]) {
      const r = await run(...argv)
      expect(r.status).toBe(2)
      expect(r.err).toContain('elc validate FILE.json')
    }
  })
})

describe('the installed bin', () => {
  it('runs through node with exit status and output', async () => {
    const bin = join(ROOT, 'apps/cli/bin/elc.js')
    const failed = await promisify(execFile)(process.execPath, [
      bin,
      'validate',
      join(EXAMPLES, 'invalid-minor.json'),
    ]).catch((e) => e)
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain('MINOR_HEAVY_HAZARDOUS_WORK')
    const ok = await promisify(execFile)(process.execPath, [bin, 'id', 'check', 'C260000000001'])
    expect(ok.stdout).toContain('C260000000001')
  })
})
