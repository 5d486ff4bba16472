// Merge fields of template clauses (other agreements, Labor Code Art 21(2), R4.6): the declared fields
// and their formats, the problems a template is refused for when saved (with clause and position), the
// warning a draft gets for a field with no value, and values that never become markup or fields.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contractForm } from '../src/pages/contract-form.ts'
import {
  MERGE_FIELDS,
  parseMergeText,
  parseTemplateInput,
  resolveDraftClauses,
  resolveMergeText,
  templateForm,
} from '../src/templates/index.ts'

const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
) as Record<string, unknown>

describe('merge fields', () => {
  it('declares each field once, with Vietnamese and English labels', () => {
    const names = MERGE_FIELDS.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of [
      'worker.fullName',
      'worker.dateOfBirth',
      'employer.name',
      'job.title',
      'wage.amount',
      'term.startDate',
    ])
      expect(names).toContain(name)
    for (const m of MERGE_FIELDS) {
      expect(m.label.vi).not.toBe('')
      expect(m.label.en).not.toBe('')
    }
  })

  const data = {
    ...EXAMPLE,
    worker: { ...(EXAMPLE.worker as object), fullName: 'Trần Thị Bích Ngọc', dateOfBirth: '1998-03-05' },
    employer: { ...(EXAMPLE.employer as object), name: 'Công ty TNHH Bình Minh' },
    job: { title: 'Kế toán viên', positionClass: 'mid_technical' },
    wage: { ...(EXAMPLE.wage as object), amount: 12_000_000 },
    term: { type: 'definite', startDate: '2026-09-01', endDate: '2027-08-31' },
    workingTime: { ...(EXAMPLE.workingTime as object), hoursPerDay: 7.5 },
  }

  it.each([
    ['{{worker.fullName}}', 'Trần Thị Bích Ngọc'],
    ['{{ worker.fullName }}', 'Trần Thị Bích Ngọc'],
    ['Sinh ngày {{worker.dateOfBirth}}.', 'Sinh ngày 05/03/1998.'],
    ['{{employer.name}}', 'Công ty TNHH Bình Minh'],
    ['{{job.title}}', 'Kế toán viên'],
    ['Lương {{wage.amount}}/tháng', 'Lương 12.000.000 đồng/tháng'],
    ['Từ {{term.startDate}} đến {{term.endDate}}', 'Từ 01/09/2026 đến 31/08/2027'],
    ['{{term.type}}', 'Xác định thời hạn'],
    ['{{workingTime.hoursPerDay}} giờ', '7,5 giờ'],
    ['Một { dấu } ngoặc đơn', 'Một { dấu } ngoặc đơn'],
    ['', ''],
  ])('%s → %s', (template, expected) => {
    const r = resolveMergeText(template, data)
    expect(r.text).toBe(expected)
    expect(r.missing).toEqual([])
    expect(r.unknown).toEqual([])
  })

  it.each([
    ['{{worker.fullNam}}', 'TEMPLATE_MERGE_FIELD_UNKNOWN', 0, 'worker.fullNam'],
    ['Xin chào {{password}}', 'TEMPLATE_MERGE_FIELD_UNKNOWN', 9, 'password'],
    ['{{worker.fullName', 'TEMPLATE_BRACES_UNBALANCED', 0, undefined],
    ['abc }} def', 'TEMPLATE_BRACES_UNBALANCED', 4, undefined],
    ['{{ {{worker.fullName}}', 'TEMPLATE_BRACES_UNBALANCED', 0, undefined],
    ['{{}}', 'TEMPLATE_BRACES_UNBALANCED', 0, undefined],
    ['{{worker fullName}}', 'TEMPLATE_BRACES_UNBALANCED', 0, undefined],
    ['{{<script>alert(1)</script>}}', 'TEMPLATE_BRACES_UNBALANCED', 0, undefined],
  ])('%s is refused: %s at offset %i', (template, code, offset, name) => {
    const { problems } = parseMergeText(template)
    expect(problems[0]).toMatchObject({ code, offset, ...(name ? { name } : {}) })
  })

  it('reports line and column of a problem on a later line', () => {
    const { problems } = parseMergeText('Dòng một\nDòng hai {{x.y}}')
    expect(problems).toEqual([
      { code: 'TEMPLATE_MERGE_FIELD_UNKNOWN', offset: 18, line: 2, column: 10, name: 'x.y' },
    ])
  })

  it('a template is refused when saved, naming the clause and the position of each problem', () => {
    let error: unknown
    try {
      parseTemplateInput({
        name: 'Mẫu kế toán',
        clauses: [
          { title: 'Bảo mật', text: 'Người lao động {{worker.fullName}} giữ bí mật.' },
          { text: 'Thưởng {{bonus.amount}} và {{wage.amount' },
        ],
      })
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', status: 422 })
    const findings = (error as { findings: Array<{ code: string; path: string; message: { vi: string } }> })
      .findings
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['TEMPLATE_MERGE_FIELD_UNKNOWN', '/clauses/1/text'],
      ['TEMPLATE_BRACES_UNBALANCED', '/clauses/1/text'],
    ])
    expect(findings[0]?.message.vi).toContain('Điều khoản 2, dòng 1, cột 8')
    expect(findings[1]?.message.vi).toContain('Điều khoản 2, dòng 1, cột 28')
  })

  it('a template with only known fields saves, NFC', () => {
    const t = parseTemplateInput({
      name: 'Mẫu kế toán'.normalize('NFD'),
      defaults: {
        job: { title: 'Kế toán viên', positionClass: 'mid_technical' },
        term: { type: 'definite', months: 12 },
      },
      clauses: [{ title: '', text: 'Người lao động {{worker.fullName}} giữ bí mật.'.normalize('NFD') }],
    })
    expect(t.name).toBe('Mẫu kế toán')
    expect(t.clauses).toEqual([{ text: 'Người lao động {{worker.fullName}} giữ bí mật.' }])
  })

  it.each([
    [{ worker: { fullName: 'x' } }, '/defaults/worker'],
    [{ term: { type: 'definite', months: 48 } }, '/defaults/term/months'],
    [{ job: { positionClass: 'king' } }, '/defaults/job/positionClass'],
    [{ wage: { amount: -1 } }, '/defaults/wage/amount'],
  ])('defaults %j are refused at %s', (defaults, path) => {
    let error: unknown
    try {
      parseTemplateInput({ name: 'Mẫu', defaults, clauses: [] })
    } catch (e) {
      error = e
    }
    expect((error as { findings: Array<{ path: string }> }).findings.map((f) => f.path)).toContain(path)
  })

  it('a field with no value in this draft stays visible with a warning, never silently blank', () => {
    const draft = {
      ...data,
      term: { type: 'definite' },
      otherAgreements: [{ text: 'Bắt đầu từ {{term.startDate}}.' }],
    }
    const r = resolveDraftClauses(draft)
    expect((r.data.otherAgreements as Array<{ text: string }>)[0]?.text).toBe(
      'Bắt đầu từ {{term.startDate}}.',
    )
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'MERGE_FIELD_NO_VALUE',
        severity: 'warning',
        path: '/otherAgreements/0/text',
        ruleId: 'R4.6',
      }),
    ])
  })

  it('NFD text and values resolve to NFC', () => {
    const nfdData = { ...data, worker: { ...data.worker, fullName: 'Trần Thị Bích Ngọc'.normalize('NFD') } }
    const r = resolveMergeText('Bà {{worker.fullName}} đồng ý.'.normalize('NFD'), nfdData)
    expect(r.text).toBe('Bà Trần Thị Bích Ngọc đồng ý.')
    expect(r.text).toBe(r.text.normalize('NFC'))
  })

  it('a value is inserted once: braces in it never become a field, control characters are dropped', () => {
    const sly = { ...data, worker: { ...data.worker, fullName: 'An {{employer.taxCode}}\u0000\u001b' } }
    const once = resolveDraftClauses({ ...sly, otherAgreements: [{ text: 'Tên: {{worker.fullName}}' }] })
    const text = (once.data.otherAgreements as Array<{ text: string }>)[0]?.text as string
    expect(text).toBe('Tên: An { {employer.taxCode} }')
    // A second save resolves again: nothing left to replace.
    const twice = resolveDraftClauses(once.data)
    expect((twice.data.otherAgreements as Array<{ text: string }>)[0]?.text).toBe(text)
    expect(twice.findings).toEqual([])
  })

  it('markup in a value or in a clause is text: the pages escape it', () => {
    const evil = { ...data, job: { title: '<script>alert("job")</script>', positionClass: 'other' } }
    const r = resolveDraftClauses({
      ...evil,
      otherAgreements: [{ title: '<img src=x onerror=alert(1)>', text: 'Công việc: {{job.title}}' }],
    })
    const html = contractForm({
      action: '/documents',
      csrf: 't',
      hidden: {},
      data: r.data,
      options: {},
      optionsEditable: true,
      findings: r.findings,
    })
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('Công việc: &#60;script&#62;alert(&#34;job&#34;)&#60;/script&#62;')
    const form = templateForm({
      action: '/templates',
      csrf: 't',
      employer: '0101234567',
      template: {
        name: '<b>x</b>',
        clauses: [{ title: '"><script>1</script>', text: '</textarea><script>2</script>' }],
      },
      findings: [],
      readOnly: false,
    })
    expect(form).not.toMatch(/<script>[12]<\/script>/)
    expect(form).not.toContain('<b>x</b>')
  })
})
