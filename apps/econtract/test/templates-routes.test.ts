// The template pages over HTTP with real sessions, on both databases: HR defines a template through the
// form (CSRF), a template with an unknown merge field comes back with the clause and position; the new-
// draft form offers the templates and, with one chosen, is prefilled with its defaults and resolved clauses
// (R4.6, Labor Code Art 21(2)); the draft sent for signing prints them and embeds them (R1.32); the routes
// turn away other roles, level 1, other employers and posts without a CSRF token.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Contract, DATA_FILE_NAME } from '@elc/core'
import type { Kysely } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { PdfDocument, readEmbeddedFile } from '@elc/pki'
import { missingTools, run, type TempDir, tempDir } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { type Principal, routeAccessTable, type WebAuthDatabase } from '@elc/web-auth'
import { type Caller, makeCallers, signedInApp } from '@elc/web-auth/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type ContractsDatabase, DocumentsService, migrateContracts } from '../src/contracts/index.ts'
import { EmployeesRepo, migrateEmployees } from '../src/employees/index.ts'
import { documentPages } from '../src/pages/index.ts'
import { migrateTemplates, TemplatesService, templateRoutes } from '../src/templates/index.ts'

const PII_KEY = 'econtract-mau'
const LEVEL2 = 'vneid:level2'
const EMPLOYER = '0101234567' // makeCallers grants hr-staff for this employer
const OTHER = '0309876543'
const HTML = 'text/html,application/xhtml+xml'
const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
) as Contract

let dir: TempDir
let missing: string[]
beforeAll(async () => {
  dir = await tempDir('elc-template-routes-')
  missing = await missingTools('pdftotext')
  if (missing.length) console.warn(`template PDF text check skipped: ${missing.join(', ')} not installed`)
})
afterAll(async () => {
  await dir?.remove()
})

describeEachDatabase('template pages', (ctx) => {
  let app: FastifyInstance
  let callers: Caller[]
  let employeeId: string
  let templates: TemplatesService
  let documents: DocumentsService
  const caller = (label: string) => callers.find((c) => c.label === label) as Caller

  beforeAll(async () => {
    const db = ctx.db()
    await migrateEmployees(db)
    await migrateContracts(db)
    await migrateTemplates(db)
    const pii = new PiiCipher({
      keys: [{ id: 'k1', key: Buffer.alloc(32, 5) }],
      currentKeyId: 'k1',
      lookupKey: 'mau',
    })
    const repo = new EmployeesRepo(db as never, pii)
    await repo.insertAll(EMPLOYER, [
      {
        line: 2,
        fullName: EXAMPLE.worker.fullName,
        dateOfBirth: EXAMPLE.worker.dateOfBirth,
        sex: EXAMPLE.worker.sex,
        residence: EXAMPLE.worker.residence,
        nationality: 'VN',
        idDocument: { kind: 'personal_id', number: '001190000002' },
      },
    ])
    employeeId = ((await repo.listByEmployer(EMPLOYER))[0] as { id: string }).id
    templates = new TemplatesService({ db: db as never })
    documents = new DocumentsService({
      db: db as Kysely<ContractsDatabase>,
      blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-template-blobs-'))),
      pii,
    })
    app = await signedInApp(db, { piiKey: PII_KEY, appUrl: 'http://127.0.0.1:8083' })
    templateRoutes(app, { templates })
    documentPages(app, {
      documents,
      signing: {} as never,
      employees: repo,
      employerFor: async (taxCode) => ({ ...EXAMPLE.employer, taxCode }),
      templates,
      level2Acr: LEVEL2,
    })
    await app.ready()
    callers = await makeCallers(db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
  })

  afterAll(async () => {
    await app?.close()
  })

  async function open(who: Caller, url: string) {
    const page = await app.inject({
      method: 'GET',
      url,
      headers: { cookie: who.cookie as string, accept: HTML },
    })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
    const csrfCookie = page.cookies.find((c) => c.name === '_csrf')?.value
    return { page, csrf, cookie: csrfCookie ? `${who.cookie}; _csrf=${csrfCookie}` : (who.cookie as string) }
  }

  const post = (
    s: { cookie: string; csrf?: string },
    url: string,
    fields: Record<string, string>,
    accept = HTML,
  ) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, accept, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(s.csrf ? { _csrf: s.csrf } : {}) }).toString(),
    })

  const TEMPLATE_FORM = {
    employer: EMPLOYER,
    name: 'Kỹ thuật viên CNC (24 tháng)',
    description: 'Xưởng 2',
    '/defaults/job/title': EXAMPLE.job.title,
    '/defaults/job/positionClass': EXAMPLE.job.positionClass,
    '/defaults/workplaces/0/address': EXAMPLE.workplaces[0]?.address as string,
    '/defaults/workplaces/0/province': EXAMPLE.workplaces[0]?.province as string,
    '/defaults/workplaces/0/wageRegion': EXAMPLE.workplaces[0]?.wageRegion as string,
    '/defaults/term/type': 'definite',
    '/defaults/term/months': '24',
    '/defaults/probation/days': '30',
    '/defaults/probation/wage': '10.200.000',
    '/defaults/wage/amount': '12.000.000',
    '/defaults/wage/unit': 'month',
    '/defaults/wage/payMethod': 'bank_transfer',
    '/defaults/wage/payPeriod': 'monthly',
    '/defaults/raiseRegime': EXAMPLE.raiseRegime,
    '/defaults/workingTime/hoursPerDay': '8',
    '/defaults/workingTime/hoursPerWeek': '48',
    '/defaults/workingTime/restTime': EXAMPLE.workingTime.restTime,
    '/defaults/protectiveEquipment': EXAMPLE.protectiveEquipment,
    '/defaults/insurance/socialInsurance': 'true',
    '/defaults/insurance/healthInsurance': 'true',
    '/defaults/insurance/unemploymentInsurance': 'true',
    '/defaults/training': EXAMPLE.training,
    '/clauses/0/title': 'Bảo mật thông tin',
    '/clauses/0/text': 'Ông/bà {{worker.fullName}} giữ bí mật kinh doanh của {{employer.name}}.',
    '/clauses/1/title': '',
    '/clauses/1/text': 'Lương {{wage.amount}} từ ngày {{term.startDate}}.',
  }
  let templateId: string

  it('declare their access: HR staff and the employer administrator at level 2', () => {
    const rules = Object.fromEntries(
      routeAccessTable(app)
        .filter((r) => r.url.startsWith('/templates'))
        .map((r) => [`${r.method} ${r.url}`, r.access]),
    )
    const staff = { roles: ['hr-staff', 'employer-admin'], level: 2 }
    expect(rules).toEqual({
      'GET /templates': staff,
      'GET /templates/new': staff,
      'GET /templates/:id': staff,
      'POST /templates': staff,
      'POST /templates/:id': staff,
      'POST /templates/:id/archive': staff,
    })
  })

  it('the list shows the built-in template; the new form lists the merge fields', async () => {
    const list = await open(caller('hr-staff@2'), '/templates')
    expect(list.page.statusCode).toBe(200)
    expect(list.page.body).toContain('Hợp đồng lao động mẫu (TT 10/2020)')
    const json = await app.inject({
      method: 'GET',
      url: '/templates',
      headers: { cookie: caller('employer-admin@2').cookie as string, accept: 'application/json' },
    })
    expect(json.json().templates).toEqual([
      expect.objectContaining({ builtIn: true, employerTaxCode: EMPLOYER }),
    ])
    const form = await open(caller('hr-staff@2'), '/templates/new')
    expect(form.page.body).toContain('data-field="worker.fullName"')
    expect(form.page.body).toContain('{{wage.amount}}')
    expect(form.page.headers['content-security-policy']).toContain("default-src 'none'")
    expect(form.page.body).toBe(form.page.body.normalize('NFC'))
  })

  it('a template with an unknown field comes back with the clause and position; a good one saves', async () => {
    const form = await open(caller('hr-staff@2'), '/templates/new')
    const bad = await post(form, '/templates', {
      ...TEMPLATE_FORM,
      '/clauses/1/text': 'Thưởng {{bonus}} <script>alert(1)</script>',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('data-code="TEMPLATE_MERGE_FIELD_UNKNOWN"')
    expect(bad.body).toContain('Điều khoản 2, dòng 1, cột 8')
    expect(bad.body).not.toContain('<script>alert(1)')
    expect(bad.body).toContain('&#60;script&#62;alert(1)') // kept as typed, escaped
    const badJson = await post(
      form,
      '/templates',
      { ...TEMPLATE_FORM, '/clauses/0/text': '{{worker.fullName' },
      'application/json',
    )
    expect(badJson.statusCode).toBe(422)
    expect(badJson.json()).toMatchObject({
      code: 'TEMPLATE_INVALID',
      findings: [expect.objectContaining({ code: 'TEMPLATE_BRACES_UNBALANCED', path: '/clauses/0/text' })],
    })
    const saved = await post(form, '/templates', TEMPLATE_FORM)
    expect(saved.statusCode).toBe(303)
    templateId = /^\/templates\/([\w-]+)$/.exec(String(saved.headers.location))?.[1] as string
    const stored = await app.inject({
      method: 'GET',
      url: `/templates/${templateId}`,
      headers: { cookie: caller('hr-staff@2').cookie as string, accept: 'application/json' },
    })
    expect(stored.json()).toMatchObject({
      name: TEMPLATE_FORM.name,
      defaults: { term: { type: 'definite', months: 24 }, wage: { amount: 12_000_000 } },
      clauses: [
        { title: 'Bảo mật thông tin', text: TEMPLATE_FORM['/clauses/0/text'] },
        { text: TEMPLATE_FORM['/clauses/1/text'] },
      ],
    })
  })

  it('an edit saves through the same form, and is checked the same way', async () => {
    const form = await open(caller('employer-admin@2'), `/templates/${templateId}`)
    expect(form.page.body).toContain(`action="/templates/${templateId}"`)
    const bad = await post(form, `/templates/${templateId}`, {
      ...TEMPLATE_FORM,
      '/clauses/0/text': 'x }} y',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('data-code="TEMPLATE_BRACES_UNBALANCED"')
    const renamed = await post(form, `/templates/${templateId}`, {
      ...TEMPLATE_FORM,
      name: 'Kỹ thuật viên CNC',
    })
    expect(renamed.statusCode).toBe(303)
    const again = await post(form, `/templates/${templateId}`, TEMPLATE_FORM, 'application/json')
    expect([again.statusCode, again.json().name]).toEqual([200, TEMPLATE_FORM.name])
  })

  it('the contract form offers the templates and, with one chosen, is prefilled; the PDF prints the clauses', async () => {
    const plain = await open(caller('hr-staff@2'), `/documents/new?employee=${employeeId}`)
    expect(plain.page.body).toContain('id="template-picker"')
    expect(plain.page.body).toContain(`value="${templateId}"`)
    const url = `/documents/new?employee=${employeeId}&template=${templateId}&start=2026-09-01`
    const session = await open(caller('hr-staff@2'), url)
    expect(session.page.statusCode).toBe(200)
    const body = session.page.body
    expect(body).toContain('id="template-applied"')
    expect(body).toContain(`value="${EXAMPLE.job.title}"`)
    expect(body).toContain('name="/otherAgreements/0/text"')
    const resolved = [
      `Ông/bà ${EXAMPLE.worker.fullName} giữ bí mật kinh doanh của ${EXAMPLE.employer.name}.`,
      'Lương 12.000.000 đồng từ ngày 01/09/2026.',
    ]
    expect(body).toContain(resolved[0])
    expect(body).toContain(resolved[1])
    // The same draft as JSON: the form's fields, posted back as a browser would, send for signing.
    const prefill = await app.inject({
      method: 'GET',
      url,
      headers: { cookie: caller('hr-staff@2').cookie as string, accept: 'application/json' },
    })
    const data = prefill.json().data as Contract
    expect(prefill.json().template).toEqual({ id: templateId, name: TEMPLATE_FORM.name })
    expect(data.otherAgreements).toEqual([
      { title: 'Bảo mật thông tin', text: resolved[0] },
      { text: resolved[1] },
    ])
    const fields: Record<string, string> = {
      employee: employeeId,
      employer: EMPLOYER,
      '/concludedOn': '2026-08-25',
      '/job/title': data.job.title,
      '/job/positionClass': data.job.positionClass,
      '/workplaces/0/address': data.workplaces[0]?.address as string,
      '/workplaces/0/province': data.workplaces[0]?.province as string,
      '/workplaces/0/wageRegion': data.workplaces[0]?.wageRegion as string,
      '/term/type': data.term.type,
      '/term/startDate': data.term.startDate,
      '/term/endDate': data.term.endDate as string,
      '/probation/startDate': data.probation?.startDate as string,
      '/probation/endDate': data.probation?.endDate as string,
      '/probation/wage': String(data.probation?.wage),
      '/wage/amount': String(data.wage.amount),
      '/wage/unit': data.wage.unit,
      '/wage/payMethod': data.wage.payMethod,
      '/wage/payPeriod': data.wage.payPeriod,
      '/raiseRegime': data.raiseRegime,
      '/workingTime/hoursPerDay': String(data.workingTime.hoursPerDay),
      '/workingTime/hoursPerWeek': String(data.workingTime.hoursPerWeek),
      '/workingTime/restTime': data.workingTime.restTime,
      '/protectiveEquipment': data.protectiveEquipment,
      '/insurance/socialInsurance': 'on',
      '/insurance/healthInsurance': 'on',
      '/insurance/unemploymentInsurance': 'on',
      '/training': data.training,
      '/otherAgreements/0/title': 'Bảo mật thông tin',
      '/otherAgreements/0/text': resolved[0] as string,
      '/otherAgreements/1/text': resolved[1] as string,
      '/otherAgreements/2/title': '',
      '/otherAgreements/2/text': '',
      signingOrder: 'employer_first',
      acknowledgeWarnings: 'on',
      intent: 'send',
    }
    const sent = await post(session, '/documents', fields)
    expect(sent.statusCode).toBe(303)
    const id = /^\/documents\/([\w-]+)$/.exec(String(sent.headers.location))?.[1] as string
    const principal: Principal = {
      subject: 'hr',
      accountType: 'person',
      level: 2,
      name: 'HR',
      grants: [{ role: 'hr-staff', employerTaxCode: EMPLOYER }],
    }
    const { bytes } = await documents.pdf(principal, id)
    const embedded = JSON.parse(
      Buffer.from(readEmbeddedFile(PdfDocument.parse(bytes), DATA_FILE_NAME) ?? []).toString('utf8'),
    ) as Contract
    expect(embedded.otherAgreements).toEqual(data.otherAgreements)
    if (missing.includes('pdftotext')) return console.warn('skipped: pdftotext missing')
    const out = await run('pdftotext', ['-enc', 'UTF-8', await dir.write(`sent-${ctx.kind}.pdf`, bytes), '-'])
    const flat = out.stdout.replace(/\s+/g, ' ')
    expect(flat).toContain('Những thỏa thuận khác')
    expect(flat).toContain(`1. Bảo mật thông tin ${resolved[0]}`)
    expect(flat).toContain(`2. ${resolved[1]}`)
  })

  it('a merge field left for later resolves once the form has its value', async () => {
    const session = await open(
      caller('hr-staff@2'),
      `/documents/new?employee=${employeeId}&template=${templateId}`,
    )
    expect(session.page.body).toContain('Lương 12.000.000 đồng từ ngày {{term.startDate}}.')
    expect(session.page.body).toContain('data-code="MERGE_FIELD_NO_VALUE"')
    const findings = await app.inject({
      method: 'POST',
      url: '/documents/findings',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, accept: 'application/json' },
      payload: {
        employee: employeeId,
        employer: EMPLOYER,
        '/otherAgreements/0/text': 'Từ ngày {{term.startDate}}.',
      },
    })
    expect(findings.json().findings).toContainEqual(
      expect.objectContaining({ code: 'MERGE_FIELD_NO_VALUE', path: '/otherAgreements/0/text' }),
    )
    const saved = await post(session, '/documents', {
      employee: employeeId,
      employer: EMPLOYER,
      '/concludedOn': '2026-08-25',
      '/term/startDate': '2026-10-01',
      '/otherAgreements/0/text': 'Từ ngày {{term.startDate}}.',
      intent: 'save',
    })
    expect(saved.statusCode).toBe(303)
    const id = /^\/documents\/([\w-]+)\/edit$/.exec(String(saved.headers.location))?.[1] as string
    const edit = await open(caller('hr-staff@2'), `/documents/${id}/edit`)
    expect(edit.page.body).toContain('Từ ngày 01/10/2026.')
    expect(edit.page.body).not.toContain('MERGE_FIELD_NO_VALUE')
  })

  it('archiving hides the template from the contract form', async () => {
    const list = await open(caller('hr-staff@2'), '/templates')
    const archived = await post(list, `/templates/${templateId}/archive`, {})
    expect(archived.statusCode).toBe(303)
    const form = await open(caller('hr-staff@2'), `/documents/new?employee=${employeeId}`)
    expect(form.page.body).not.toContain(`value="${templateId}"`)
    const refused = await app.inject({
      method: 'GET',
      url: `/documents/new?employee=${employeeId}&template=${templateId}`,
      headers: { cookie: caller('hr-staff@2').cookie as string, accept: 'application/json' },
    })
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'TEMPLATE_ARCHIVED'])
  })

  it('turns away other roles, level 1, anonymous, other employers and posts without CSRF', async () => {
    const get = (label: string, url: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: {
          accept: 'application/json',
          ...(caller(label).cookie ? { cookie: caller(label).cookie } : {}),
        },
      })
    expect((await get('anonymous', '/templates')).statusCode).toBe(401)
    for (const [label, code] of [
      ['worker@2', 'AUTH_FORBIDDEN'],
      ['provider-operator@2', 'AUTH_FORBIDDEN'],
      ['hr-staff@1', 'AUTH_LEVEL2_REQUIRED'],
      ['employer-admin@1', 'AUTH_LEVEL2_REQUIRED'],
    ]) {
      const r = await get(label as string, '/templates')
      expect([label, r.statusCode, r.json().code]).toEqual([label, 403, code])
    }
    // Another employer's template is not there for this one.
    const other = await templates.create(
      {
        subject: 'hr-other',
        accountType: 'person',
        level: 2,
        name: 'Khác',
        grants: [{ role: 'hr-staff', employerTaxCode: OTHER }],
      },
      OTHER,
      { name: 'Mẫu của công ty khác', clauses: [] },
    )
    const foreign = await get('hr-staff@2', `/templates/${other.id}`)
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'TEMPLATE_NOT_FOUND'])
    const asked = await get('hr-staff@2', `/templates?employer=${OTHER}`)
    expect([asked.statusCode, asked.json().code]).toEqual([403, 'TEMPLATE_EMPLOYER_FORBIDDEN'])
    const session = await open(caller('hr-staff@2'), '/templates/new')
    const foreignArchive = await post(session, `/templates/${other.id}/archive`, {}, 'application/json')
    expect(foreignArchive.statusCode).toBe(404)
    const foreignDraft = await get('hr-staff@2', `/documents/new?employee=${employeeId}&template=${other.id}`)
    expect(foreignDraft.statusCode).toBe(404)
    const noCsrf = await post({ cookie: session.cookie }, '/templates', TEMPLATE_FORM, 'application/json')
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'AUTH_CSRF_INVALID'])
  })
})
