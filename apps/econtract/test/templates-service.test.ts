// Contract templates on both databases: an employer sees only its own; the built-in TT 10/2020 template
// always exists and cannot be archived (R4.7); archiving hides a template from the contract form; a
// template applied to a new draft fills its defaults and its other agreements (Labor Code Art 21(2), R4.6),
// and the PDF the parties sign prints the resolved clauses and embeds them in its data (R1.32).
import { readFileSync } from 'node:fs'
import { type Contract, DATA_FILE_NAME, validateDocument } from '@elc/core'
import { describeEachDatabase } from '@elc/db/testing'
import { PdfDocument, readEmbeddedFile } from '@elc/pki'
import { missingTools, run, type TempDir, tempDir } from '@elc/pki/testing'
import type { Principal } from '@elc/web-auth'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { contractFromForm } from '../src/pages/contract-form.ts'
import { renderContractPdf } from '../src/render/index.ts'
import {
  BUILT_IN_NAME,
  migrateTemplates,
  type TemplatesDatabase,
  TemplatesService,
} from '../src/templates/index.ts'

const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
) as Contract

const A = '0101234567'
const B = '0309876543'
const hr = (employer: string, subject = `hr-${employer}`): Principal => ({
  subject,
  accountType: 'person',
  level: 2,
  name: 'Lê Thị Hoa',
  grants: [{ role: 'hr-staff', employerTaxCode: employer }],
})

/** Everything the example contract agrees, as a template's defaults (no parties, no dates). */
const DEFAULTS = {
  job: EXAMPLE.job,
  workplaces: EXAMPLE.workplaces,
  term: { type: 'definite', months: 24 },
  probation: { days: 30, wage: EXAMPLE.probation?.wage },
  wage: EXAMPLE.wage,
  raiseRegime: EXAMPLE.raiseRegime,
  workingTime: EXAMPLE.workingTime,
  protectiveEquipment: EXAMPLE.protectiveEquipment,
  insurance: EXAMPLE.insurance,
  training: EXAMPLE.training,
}

const CLAUSES = [
  {
    title: 'Bảo mật thông tin',
    text: 'Ông/bà {{worker.fullName}} giữ bí mật kinh doanh của {{employer.name}} trong thời hạn hợp đồng.',
  },
  { text: 'Mức lương {{wage.amount}} áp dụng từ ngày {{term.startDate}}; ngày sinh {{worker.dateOfBirth}}.' },
]

let dir: TempDir
let missing: string[]
beforeAll(async () => {
  dir = await tempDir('elc-templates-')
  missing = await missingTools('pdftotext')
  if (missing.length) console.warn(`template PDF text check skipped: ${missing.join(', ')} not installed`)
})
afterAll(async () => {
  await dir?.remove()
})

describeEachDatabase<TemplatesDatabase>('contract templates', (ctx) => {
  let service: TemplatesService
  let templateId: string

  beforeAll(async () => {
    await migrateTemplates(ctx.db() as never)
    service = new TemplatesService({ db: ctx.db(), now: () => new Date('2026-08-20T03:00:00Z') })
  })

  it('the built-in TT 10/2020 template exists for every employer, once, with no clauses (R4.7)', async () => {
    const listed = await service.list(hr(A), A)
    await service.list(hr(A), A)
    const builtIn = (await service.list(hr(A), A)).filter((t) => t.builtIn)
    expect(listed[0]).toMatchObject({ name: BUILT_IN_NAME, builtIn: true, clauses: [], kind: 'contract' })
    expect(builtIn).toHaveLength(1)
    await expect(service.archive(hr(A), builtIn[0]?.id as string)).rejects.toMatchObject({
      code: 'TEMPLATE_BUILT_IN_READ_ONLY',
    })
    await expect(service.update(hr(A), builtIn[0]?.id as string, { name: 'x' })).rejects.toMatchObject({
      code: 'TEMPLATE_BUILT_IN_READ_ONLY',
    })
  })

  it('an employer sees and uses only its own templates', async () => {
    const created = await service.create(hr(A), A, {
      name: 'Kỹ thuật viên CNC',
      defaults: DEFAULTS,
      clauses: CLAUSES,
    })
    templateId = created.id
    expect(created).toMatchObject({ employerTaxCode: A, name: 'Kỹ thuật viên CNC', clauses: CLAUSES })
    expect((await service.list(hr(A), A)).map((t) => t.id)).toContain(created.id)
    const others = await service.list(hr(B), B)
    expect(others.map((t) => t.id)).not.toContain(created.id)
    expect(others.filter((t) => t.builtIn)).toHaveLength(1)
    await expect(service.get(hr(B), created.id)).rejects.toMatchObject({
      code: 'TEMPLATE_NOT_FOUND',
      status: 404,
    })
    await expect(service.update(hr(B), created.id, { name: 'x' })).rejects.toMatchObject({ status: 404 })
    await expect(service.archive(hr(B), created.id)).rejects.toMatchObject({ status: 404 })
    await expect(service.apply(hr(B), B, created.id, {})).rejects.toMatchObject({ status: 404 })
    await expect(service.list(hr(B), A)).rejects.toMatchObject({ code: 'TEMPLATE_EMPLOYER_FORBIDDEN' })
    await expect(service.create(hr(B), A, { name: 'x' })).rejects.toMatchObject({ status: 403 })
  })

  it('a template with an unknown field or unbalanced braces is refused when saved, nothing stored', async () => {
    const before = (await service.list(hr(A), A)).length
    await expect(
      service.create(hr(A), A, { name: 'Hỏng', clauses: [{ text: '{{worker.salary}} và {{job.title' }] }),
    ).rejects.toMatchObject({
      code: 'TEMPLATE_INVALID',
      findings: [
        expect.objectContaining({ code: 'TEMPLATE_MERGE_FIELD_UNKNOWN', path: '/clauses/0/text' }),
        expect.objectContaining({ code: 'TEMPLATE_BRACES_UNBALANCED', path: '/clauses/0/text' }),
      ],
    })
    expect(await service.list(hr(A), A)).toHaveLength(before)
  })

  it('applied to a new draft: defaults, dates from the start, clauses resolved; the PDF prints them', async () => {
    const draft = contractFromForm(
      { '/concludedOn': '2026-08-25' },
      { worker: EXAMPLE.worker, employer: EXAMPLE.employer },
    )
    const applied = await service.apply(hr(A), A, templateId, draft, { startDate: '2026-09-01' })
    const data = applied.data as unknown as Contract
    expect(data.term).toEqual({ type: 'definite', startDate: '2026-09-01', endDate: '2028-08-31' })
    expect(data.probation).toEqual({
      startDate: '2026-09-01',
      endDate: '2026-09-30',
      wage: EXAMPLE.probation?.wage,
    })
    expect(data.job).toEqual(EXAMPLE.job)
    const clauses = [
      {
        title: 'Bảo mật thông tin',
        text: `Ông/bà ${EXAMPLE.worker.fullName} giữ bí mật kinh doanh của ${EXAMPLE.employer.name} trong thời hạn hợp đồng.`,
      },
      { text: 'Mức lương 12.000.000 đồng áp dụng từ ngày 01/09/2026; ngày sinh 02/09/1995.' },
    ]
    expect(EXAMPLE.wage.amount).toBe(12_000_000)
    expect(EXAMPLE.worker.dateOfBirth).toBe('1995-09-02')
    expect(data.otherAgreements).toEqual(clauses)
    expect(applied.findings).toEqual([])
    const report = validateDocument(data)
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])

    const pdf = await renderContractPdf(data)
    const embedded = JSON.parse(
      Buffer.from(readEmbeddedFile(PdfDocument.parse(pdf), DATA_FILE_NAME) ?? []).toString('utf8'),
    ) as Contract
    expect(embedded.otherAgreements).toEqual(clauses)
    if (missing.includes('pdftotext')) return console.warn('skipped: pdftotext missing')
    const out = await run('pdftotext', [
      '-enc',
      'UTF-8',
      await dir.write(`applied-${ctx.kind}.pdf`, pdf),
      '-',
    ])
    expect(out.code).toBe(0)
    const flat = out.stdout.replace(/\s+/g, ' ')
    expect(flat).toContain('1. Bảo mật thông tin')
    expect(flat).toContain(clauses[0]?.text)
    expect(flat).toContain(`2. ${clauses[1]?.text}`)
  })

  it('without a start date the date fields stay visible and HR gets a warning for each', async () => {
    const draft = contractFromForm(
      { '/concludedOn': '2026-08-25' },
      { worker: EXAMPLE.worker, employer: EXAMPLE.employer },
    )
    const applied = await service.apply(hr(A), A, templateId, draft)
    expect((applied.data.otherAgreements as Array<{ text: string }>)[1]?.text).toContain('{{term.startDate}}')
    expect(applied.findings).toEqual([
      expect.objectContaining({
        code: 'MERGE_FIELD_NO_VALUE',
        severity: 'warning',
        path: '/otherAgreements/1/text',
      }),
    ])
  })

  it('archiving hides a template from the picker and from drafting; the list shows it when asked', async () => {
    expect((await service.pickable(hr(A), A)).map((t) => t.id)).toContain(templateId)
    const archived = await service.archive(hr(A), templateId)
    expect(archived.archivedAt).toBe('2026-08-20T03:00:00.000Z')
    expect((await service.pickable(hr(A), A)).map((t) => t.id)).not.toContain(templateId)
    expect((await service.list(hr(A), A, { archived: true })).map((t) => t.id)).toContain(templateId)
    await expect(service.apply(hr(A), A, templateId, {})).rejects.toMatchObject({ code: 'TEMPLATE_ARCHIVED' })
    await expect(service.update(hr(A), templateId, { name: 'x' })).rejects.toMatchObject({
      code: 'TEMPLATE_ARCHIVED',
    })
  })
})
