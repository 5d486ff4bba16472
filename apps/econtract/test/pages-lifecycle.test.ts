// The lifecycle and paper-conversion pages over HTTP with real sessions, against the simulator and a
// Platform: from an issued contract HR drafts an annex raising the wage through the form, both parties sign
// on the document's page and it attaches to the same contract ID (R1.30); a resignation with too short a
// notice shows the R4.20 finding beside its field and cannot be sent until fixed; a paper contract's scan
// is uploaded, its contents entered, the employer alone signs and it gets a B ID (R1.19–R1.21); strangers,
// workers, level 1 and forged forms are turned away, and a file that is no PDF or image is refused.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { PiiCipher } from '@elc/storage'
import { type Principal, routeAccessTable, type WebAuthDatabase } from '@elc/web-auth'
import { browserMissing, type Caller, launchChromium, makeCallers, signedInApp } from '@elc/web-auth/testing'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmployeesRepo, migrateEmployees } from '../src/employees/index.ts'
import { MAX_SCAN_BYTES } from '../src/pages/conversion-scan.ts'
import { documentPages, lifecyclePages } from '../src/pages/index.ts'
import { type ContractFlow, EMPLOYER_TAX_CODE, startContractFlow, workerPrincipal } from './contract-flow.ts'
import { waitFor } from './outbox-platform.ts'

const PII_KEY = 'econtract-vong-doi'
const LEVEL2 = 'vneid:level2'
// makeCallers grants hr-staff for this employer; worker@2 is the person with ID 001190000002.
const EMPLOYER = '0101234567'
const WORKER_ID = '001190000002'
const PAPER_WORKER_ID = '001188004455'
const HTML = 'text/html,application/xhtml+xml'

const missing = browserMissing()
if (missing) console.warn(`lifecycle pages browser test skipped: ${missing}`)

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'))
const CONTRACT = example('contract-indefinite.json')
const EMPLOYER_BLOCK = example('contract-definite-probation.json').employer
// The contract of worker@2, indefinite from 2026-08-01 at 18.000.000 đồng a month.
const DATA = {
  ...CONTRACT,
  employer: { ...CONTRACT.employer, taxCode: EMPLOYER },
  worker: { ...CONTRACT.worker, idDocument: { ...CONTRACT.worker.idDocument, number: WORKER_ID } },
}
// A scan as a scanner writes it: only the first bytes matter to the check.
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

let flow: ContractFlow
let database: Database<unknown>
let app: FastifyInstance
let callers: Caller[]
let paperEmployeeId: string
/** The issued contract: its eContract id and its Platform ID. */
let contract: { id: string; contractId: string }
const caller = (label: string) => callers.find((c) => c.label === label) as Caller

const hrService: Principal = {
  subject: 'hr-service',
  accountType: 'person',
  level: 2,
  name: 'Lê Thị Nhân Sự',
  personalId: '001190000099',
  grants: [{ role: 'hr-staff', employerTaxCode: EMPLOYER }],
}

beforeAll(async () => {
  flow = await startContractFlow()
  database = await createDatabase({ url: 'memory://' })
  await migrateEmployees(database.db)
  const repo = new EmployeesRepo(
    database.db as never,
    new PiiCipher({ keys: [{ id: 'k1', key: Buffer.alloc(32, 5) }], currentKeyId: 'k1', lookupKey: 'vd' }),
  )
  await repo.insertAll(EMPLOYER, [
    {
      line: 2,
      fullName: 'Đỗ Thị Giấy',
      dateOfBirth: '1988-03-14',
      sex: 'female',
      residence: 'Số 7 ngõ 12 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội',
      nationality: 'VN',
      idDocument: { kind: 'personal_id', number: PAPER_WORKER_ID },
    },
  ])
  paperEmployeeId = ((await repo.listByEmployer(EMPLOYER))[0] as { id: string }).id
  app = await signedInApp(database.db, { piiKey: PII_KEY, appUrl: 'http://127.0.0.1:8083' })
  const deps = {
    documents: flow.documents,
    employees: repo,
    employerFor: async (taxCode: string) => ({ ...EMPLOYER_BLOCK, taxCode }),
  }
  documentPages(app, { ...deps, signing: flow.signing, level2Acr: LEVEL2 })
  lifecyclePages(app, { ...deps, blobs: flow.documents.deps.blobs })
  await app.listen({ port: 0, host: '127.0.0.1' })
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)

  // The contract is concluded through the services (the contract pages have their own test).
  const worker = workerPrincipal(DATA)
  const { id } = await flow.documents.createDraft(hrService, { employerTaxCode: EMPLOYER, data: DATA })
  await flow.documents.send(hrService, id, { acknowledgeWarnings: true })
  for (const who of [hrService, worker]) {
    if (who === worker) await flow.documents.pdf(worker, id)
    const started = await flow.signing.start(who, id, { consent: true })
    await flow.signing.confirm(who, started.signatureId, started.simulatedOtp as string)
  }
  const issued = await decided(id)
  contract = { id, contractId: issued.contractId as string }
}, 180_000)

afterAll(async () => {
  await app?.close()
  await database?.close()
  await flow?.close()
})

async function decided(id: string) {
  return waitFor(`a decision on ${id}`, async () => {
    const v = await flow.documents.view(hrService, id)
    return v.status === 'issued' || v.status === 'refused' ? v : undefined
  })
}

/** A page as `who` sees it in a browser, and the cookie + token its forms post with. */
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

function post(
  session: { cookie: string; csrf?: string },
  url: string,
  fields: Record<string, string>,
  accept = HTML,
) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, accept, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, ...(session.csrf ? { _csrf: session.csrf } : {}) }).toString(),
  })
}

/** A multipart/form-data body as a browser sends the upload form. */
function upload(
  session: { cookie: string; csrf?: string },
  fields: Record<string, string>,
  file: { bytes: Buffer; name: string; type: string },
  accept = HTML,
) {
  const boundary = '----elc-lifecycle-test'
  const parts: Buffer[] = []
  const all = { ...(session.csrf ? { _csrf: session.csrf } : {}), ...fields }
  for (const [name, value] of Object.entries(all))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="scan"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return app.inject({
    method: 'POST',
    url: '/documents/conversion',
    headers: { cookie: session.cookie, accept, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  })
}

const location = (r: LightMyRequestResponse) => String(r.headers.location ?? '')
const json = (who: Caller, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: who.cookie as string, accept: 'application/json' } })

/** Signs :id on its page as `label`, with the code from the simulated SMS (a worker opens the PDF first). */
async function signOnPage(label: string, id: string): Promise<string> {
  if (label.startsWith('worker'))
    await app.inject({
      method: 'GET',
      url: `/documents/${id}/pdf`,
      headers: { cookie: caller(label).cookie as string },
    })
  const detail = await open(caller(label), `/documents/${id}`)
  expect(detail.page.body).toContain('id="sign-form"')
  const otpPage = await post(detail, `/documents/${id}/sign`, { consent: 'on' })
  const otp = /id="simulated-otp">(\d{6})</.exec(otpPage.body)?.[1] as string
  const action = /action="(\/documents\/[\w-]+\/sign\/[\w-]+)"/.exec(otpPage.body)?.[1] as string
  const done = await post(detail, action, { otp })
  expect(done.statusCode).toBe(200)
  return done.body
}

describe('lifecycle pages', () => {
  it('declare their access: HR at level 2; the scan to both parties at level 2', () => {
    const rules = Object.fromEntries(
      routeAccessTable(app)
        .filter((r) => /lifecycle|conversion|scan/.test(r.url))
        .map((r) => [`${r.method} ${r.url}`, r.access]),
    )
    const hr = { roles: ['hr-staff', 'employer-admin'], level: 2 }
    expect(rules).toEqual({
      'GET /documents/:id/lifecycle/new': hr,
      'POST /documents/:id/lifecycle/findings': hr,
      'POST /documents/:id/lifecycle': hr,
      'GET /documents/:id/lifecycle/edit': hr,
      'POST /documents/:id/lifecycle/edit': hr,
      'GET /documents/conversion/new': hr,
      'POST /documents/conversion': hr,
      'GET /documents/:id/conversion/edit': hr,
      'POST /documents/:id/conversion/edit': hr,
      'GET /documents/:id/scan': { roles: ['worker', 'hr-staff', 'employer-admin'], level: 2 },
    })
  })

  it('the issued contract’s page offers HR its lifecycle documents; the worker sees no such links', async () => {
    const hr = await open(caller('hr-staff@2'), `/documents/${contract.id}`)
    for (const kind of ['annex', 'amendment', 'suspension', 'termination'])
      expect(hr.page.body).toContain(`href="/documents/${contract.id}/lifecycle/new?kind=${kind}"`)
    const worker = await open(caller('worker@2'), `/documents/${contract.id}`)
    expect(worker.page.statusCode).toBe(200)
    expect(worker.page.body).not.toContain('id="lifecycle-actions"')
    const list = await open(caller('hr-staff@2'), '/documents')
    expect(list.page.body).toContain('href="/documents/conversion/new?employer=0101234567"')
    expect(list.page.body).toContain('Chuyển đổi hợp đồng giấy')
  })

  it('HR raises the wage by an annex through the form; both sign on its page; it attaches to the same ID', async () => {
    const form = await open(caller('hr-staff@2'), `/documents/${contract.id}/lifecycle/new?kind=annex`)
    expect(form.page.statusCode).toBe(200)
    expect(form.page.body).toBe(form.page.body.normalize('NFC'))
    expect(form.page.body).toContain(contract.contractId)
    // The current wage beside the input for the new one.
    const wage = /data-path="change:\/wage\/amount">[\s\S]*?<\/div><\/div>/.exec(form.page.body)?.[0]
    expect(wage).toContain('18.000.000 đồng')
    expect(wage).toContain('name="change:/wage/amount"')
    // R4.5: an annex offers no change of the term; an amendment does.
    expect(form.page.body).not.toContain('name="change:/term/endDate"')
    const amendment = await open(
      caller('hr-staff@2'),
      `/documents/${contract.id}/lifecycle/new?kind=amendment`,
    )
    expect(amendment.page.body).toContain('name="change:/term/endDate"')

    // The live check answers the form's findings, each with the input it belongs beside.
    const live = await app.inject({
      method: 'POST',
      url: `/documents/${contract.id}/lifecycle/findings`,
      headers: { cookie: form.cookie, 'x-csrf-token': form.csrf, accept: 'application/json' },
      payload: { kind: 'annex', '/concludedOn': '2027-01-05', 'change:/wage/amount': 'mười chín triệu' },
    })
    expect(live.statusCode).toBe(200)
    const findings = live.json().findings as Array<{ ruleId: string; anchor: string; severity: string }>
    expect(findings).toContainEqual(
      expect.objectContaining({ anchor: 'change:/wage/amount', severity: 'error' }),
    )
    expect(findings).toContainEqual(expect.objectContaining({ anchor: '/effectiveDate', severity: 'error' }))

    const sent = await post(form, `/documents/${contract.id}/lifecycle`, {
      kind: 'annex',
      '/annexNumber': '01/2027/PL',
      '/concludedOn': '2027-01-05',
      '/effectiveDate': '2027-01-01',
      'change:/wage/amount': '19.500.000',
      'change:/job/title': '',
      intent: 'send',
      acknowledgeWarnings: 'on',
    })
    expect(sent.statusCode).toBe(303)
    const id = /^\/documents\/([\w-]+)$/.exec(location(sent))?.[1] as string
    expect(id).toBeTruthy()
    const view = (await json(caller('hr-staff@2'), `/documents/${id}`)).json()
    expect(view).toMatchObject({
      kind: 'annex',
      status: 'signing',
      nextParty: 'employer',
      parentId: contract.id,
      data: { parentContractId: contract.contractId, changes: [{ path: '/wage/amount', value: 19_500_000 }] },
    })
    expect(await signOnPage('hr-staff@2', id)).toContain('id="signed"')
    expect(await signOnPage('worker@2', id)).toContain('Văn bản đã được các bên ký đầy đủ')
    const issued = await decided(id)
    expect(issued.status).toBe('issued')
    expect(issued.contractId).toBe(contract.contractId)
    expect(issued.signatures.map((s) => [s.party, s.status])).toEqual([
      ['employer', 'signed'],
      ['worker', 'signed'],
    ])
  })

  it('an API client drafts with `{ data }`; the parent’s ID is the contract’s; R4.5 flags an annex changing the term', async () => {
    const form = await open(caller('hr-staff@2'), `/documents/${contract.id}/lifecycle/new?kind=annex`)
    const created = await app.inject({
      method: 'POST',
      url: `/documents/${contract.id}/lifecycle`,
      headers: { cookie: form.cookie, 'x-csrf-token': form.csrf, accept: 'application/json' },
      payload: {
        data: {
          ...example('annex-wage-raise.json'),
          parentContractId: 'A999999999999',
          changes: [{ path: '/term/endDate', value: '2030-12-31' }],
        },
      },
    })
    expect(created.statusCode).toBe(201)
    const body = created.json() as { id: string; findings: Array<{ ruleId: string; code: string }> }
    expect(body.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'R4.5', code: 'ANNEX_CHANGES_TERM' }),
    )
    const view = (await json(caller('hr-staff@2'), `/documents/${body.id}`)).json()
    expect(view.data.parentContractId).toBe(contract.contractId)
    await flow.documents.cancel(hrService, body.id)
  })

  it('a resignation with too short a notice shows the R4.20 finding, cannot be sent, and goes once fixed', async () => {
    const form = await open(caller('hr-staff@2'), `/documents/${contract.id}/lifecycle/new?kind=termination`)
    expect(form.page.body).toContain('name="/noticeDate"')
    expect(form.page.body).toContain('Đang nghỉ thai sản') // the protected situations (R4.25)
    const fields = {
      kind: 'termination',
      '/concludedOn': '2027-03-01',
      '/reason': 'worker_unilateral',
      '/initiatedBy': 'worker',
      '/noticeDate': '2027-03-01',
      '/terminationDate': '2027-03-10',
    }
    const refused = await post(form, `/documents/${contract.id}/lifecycle`, { ...fields, intent: 'send' })
    // Labor Code Art 35(1): 45 days for an indefinite contract; the draft is kept and shown with the refusal.
    expect(refused.statusCode).toBe(422)
    expect(refused.body).toContain('id="problem"')
    const field = /<div class="field has-error" data-path="\/terminationDate">[\s\S]*?<\/div><\/div>/.exec(
      refused.body,
    )?.[0]
    expect(field).toContain('(R4.20)')
    expect(field).toContain('data-code="TERMINATION_NOTICE_TOO_SHORT"')
    expect(refused.body).toMatch(/id="send-button" disabled/)
    const action = /action="(\/documents\/([\w-]+)\/lifecycle\/edit)"/.exec(refused.body)
    const id = action?.[2] as string
    expect((await json(caller('hr-staff@2'), `/documents/${id}`)).json()).toMatchObject({
      kind: 'termination',
      status: 'draft',
      data: { parentTerm: { type: 'indefinite', startDate: '2026-08-01' } },
    })
    // Sending from the document's page is refused too.
    const detail = await open(caller('hr-staff@2'), `/documents/${id}`)
    const direct = await post(
      detail,
      `/documents/${id}/send`,
      { acknowledgeWarnings: 'on' },
      'application/json',
    )
    expect([direct.statusCode, direct.json().code]).toEqual([422, 'DOCUMENT_HAS_ERRORS'])
    // Fixed: notice given on 1 March allows 15 April at the earliest.
    const edit = await open(caller('hr-staff@2'), `/documents/${id}/lifecycle/edit`)
    expect(edit.page.body).toContain('value="2027-03-10"')
    const fixed = await post(edit, action?.[1] as string, {
      ...fields,
      '/terminationDate': '2027-04-15',
      intent: 'send',
      acknowledgeWarnings: 'on',
    })
    expect([fixed.statusCode, location(fixed)]).toEqual([303, `/documents/${id}`])
    // A resignation is signed by the worker alone (signers.ts).
    expect((await json(caller('worker@2'), `/documents/${id}`)).json()).toMatchObject({
      status: 'signing',
      nextParty: 'worker',
      canSign: true,
    })
  })

  it('a suspension offers the Art 30 reasons with their Vietnamese labels', async () => {
    const form = await open(caller('hr-staff@2'), `/documents/${contract.id}/lifecycle/new?kind=suspension`)
    expect(form.page.body).toContain('Thực hiện nghĩa vụ quân sự, dân quân tự vệ')
    const created = await post(form, `/documents/${contract.id}/lifecycle`, {
      kind: 'suspension',
      '/concludedOn': '2027-02-01',
      '/reason': 'military_service',
      '/startDate': '2027-02-15',
      '/endDate': '2027-02-01',
      intent: 'save',
    })
    expect(created.statusCode).toBe(303)
    const edit = await open(caller('hr-staff@2'), location(created))
    // R4.17: the suspension cannot end before it starts.
    expect(edit.page.body).toContain('data-code="SUSPENSION_END_BEFORE_START"')
  })

  it('turns away the worker, a stranger’s or unissued contract, level 1 and a post without CSRF', async () => {
    const url = `/documents/${contract.id}/lifecycle/new?kind=annex`
    const asWorker = await json(caller('worker@2'), url)
    expect([asWorker.statusCode, asWorker.json().code]).toEqual([403, 'AUTH_FORBIDDEN'])
    const low = await json(caller('hr-staff@1'), url)
    expect([low.statusCode, low.json().code]).toEqual([403, 'AUTH_LEVEL2_REQUIRED'])
    // A contract of another employer does not exist for this HR.
    const other = await flow.documents.createDraft(
      { ...hrService, grants: [{ role: 'hr-staff', employerTaxCode: EMPLOYER_TAX_CODE }] },
      {
        employerTaxCode: EMPLOYER_TAX_CODE,
        data: { ...DATA, employer: { ...DATA.employer, taxCode: EMPLOYER_TAX_CODE } },
      },
    )
    const stranger = await json(caller('hr-staff@2'), `/documents/${other.id}/lifecycle/new?kind=annex`)
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'DOCUMENT_NOT_FOUND'])
    const strangerPage = await open(caller('hr-staff@2'), `/documents/${other.id}/lifecycle/new?kind=annex`)
    expect(strangerPage.page.statusCode).toBe(404)
    expect(strangerPage.page.body).toContain('Không tìm thấy văn bản này')
    // R1.30: only a contract with its ID takes lifecycle documents.
    const draft = await flow.documents.createDraft(hrService, { employerTaxCode: EMPLOYER, data: DATA })
    const unissued = await json(caller('hr-staff@2'), `/documents/${draft.id}/lifecycle/new?kind=annex`)
    expect([unissued.statusCode, unissued.json().code]).toEqual([409, 'LIFECYCLE_CONTRACT_NOT_ISSUED'])
    const unknown = await json(caller('hr-staff@2'), `/documents/${contract.id}/lifecycle/new?kind=divorce`)
    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'LIFECYCLE_KIND_UNKNOWN'])
    const noCsrf = await post(
      { cookie: caller('hr-staff@2').cookie as string },
      `/documents/${contract.id}/lifecycle`,
      {
        kind: 'annex',
        'change:/wage/amount': '25.000.000',
      },
    )
    expect(noCsrf.statusCode).toBe(403)
    expect(noCsrf.body).toContain('AUTH_CSRF_INVALID')
    const drafts = await flow.documents.listForEmployer(hrService, EMPLOYER)
    expect(drafts.filter((d) => d.kind === 'annex' && d.status !== 'cancelled')).toHaveLength(1)
  })
})

describe('paper contract conversion pages', () => {
  const pdf = { bytes: SCAN, name: 'hop-dong-giay.pdf', type: 'application/pdf' }

  it('the upload form names the law and the limits; the scan is checked by its first bytes', async () => {
    const page = await open(caller('hr-staff@2'), '/documents/conversion/new')
    expect(page.page.statusCode).toBe(200)
    expect(page.page.body).toContain('enctype="multipart/form-data"')
    expect(page.page.body).toContain('Đỗ Thị Giấy')
    expect(page.page.body).toContain('R1.19')
    const before = (await flow.documents.listForEmployer(hrService, EMPLOYER)).length
    const text = await upload(
      page,
      { employer: EMPLOYER, employee: paperEmployeeId },
      {
        bytes: Buffer.from('Hợp đồng lao động — bản đánh máy'),
        name: 'hop-dong.pdf',
        type: 'application/pdf',
      },
      'application/json',
    )
    expect([text.statusCode, text.json().code]).toEqual([415, 'SCAN_TYPE_REFUSED'])
    const html = await upload(
      page,
      { employer: EMPLOYER, employee: paperEmployeeId },
      { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'scan.png', type: 'image/png' },
    )
    expect(html.statusCode).toBe(415)
    expect(html.body).toContain('phải là tệp PDF hoặc ảnh JPEG, PNG')
    const big = Buffer.alloc(MAX_SCAN_BYTES + 1)
    SCAN.copy(big)
    const tooLarge = await upload(
      page,
      { employer: EMPLOYER, employee: paperEmployeeId },
      { ...pdf, bytes: big },
      'application/json',
    )
    expect([tooLarge.statusCode, tooLarge.json().code]).toEqual([413, 'SCAN_TOO_LARGE'])
    expect((await flow.documents.listForEmployer(hrService, EMPLOYER)).length).toBe(before)
  })

  it('turns away the worker, level 1 and an upload without CSRF before storing anything', async () => {
    const page = await open(caller('hr-staff@2'), '/documents/conversion/new')
    const fields = { employer: EMPLOYER, employee: paperEmployeeId }
    const asWorker = await upload(
      { cookie: caller('worker@2').cookie as string, csrf: page.csrf },
      fields,
      pdf,
      'application/json',
    )
    expect([asWorker.statusCode, asWorker.json().code]).toEqual([403, 'AUTH_FORBIDDEN'])
    const low = await upload(
      { cookie: caller('hr-staff@1').cookie as string },
      fields,
      pdf,
      'application/json',
    )
    expect([low.statusCode, low.json().code]).toEqual([403, 'AUTH_LEVEL2_REQUIRED'])
    const noCsrf = await upload({ cookie: page.cookie }, fields, pdf, 'application/json')
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'AUTH_CSRF_INVALID'])
  })

  it('a converted paper contract with its scan is signed by the employer alone and gets a B ID', async () => {
    const page = await open(caller('hr-staff@2'), '/documents/conversion/new')
    const uploaded = await upload(page, { employer: EMPLOYER, employee: paperEmployeeId }, pdf)
    expect(uploaded.statusCode).toBe(303)
    const id = /^\/documents\/([\w-]+)\/conversion\/edit$/.exec(location(uploaded))?.[1] as string
    expect(id).toBeTruthy()
    const sha256 = createHash('sha256').update(SCAN).digest('hex')
    expect(await flow.documents.deps.blobs.has(sha256)).toBe(true)

    const edit = await open(caller('hr-staff@2'), location(uploaded))
    expect(edit.page.statusCode).toBe(200)
    expect(edit.page.body).toContain('id="conversion-log"')
    expect(edit.page.body).toContain(sha256)
    expect(edit.page.body).toContain('Đỗ Thị Giấy')
    expect(edit.page.body).toContain('name="/wage/amount"') // the contract form, reused
    expect(edit.page.body).toContain(`src="/documents/${id}/scan"`)
    // The live check of the reused form rebuilds the contract around the directory's worker.
    expect(edit.page.body).toContain(`name="employee" value="${paperEmployeeId}"`)
    const scan = await app.inject({
      method: 'GET',
      url: `/documents/${id}/scan`,
      headers: { cookie: caller('hr-staff@2').cookie as string },
    })
    expect([scan.statusCode, scan.headers['content-type']]).toEqual([200, 'application/pdf'])
    expect(scan.rawPayload.equals(SCAN)).toBe(true)
    const action = /action="(\/documents\/[\w-]+\/conversion\/edit)"/.exec(edit.page.body)?.[1] as string
    const sent = await post(edit, action, { ...paperContract(), intent: 'send', acknowledgeWarnings: 'on' })
    expect([sent.statusCode, location(sent)]).toEqual([303, `/documents/${id}`])

    const view = (await json(caller('hr-staff@2'), `/documents/${id}`)).json()
    expect(view).toMatchObject({
      kind: 'paper_conversion',
      status: 'signing',
      nextParty: 'employer',
      data: {
        contract: { worker: { fullName: 'Đỗ Thị Giấy' }, wage: { amount: 12_000_000 } },
        conversion: {
          systemName: 'eContract — hợp đồng lao động điện tử',
          converterName: 'Nguyễn Văn An',
          fileSizeBytes: SCAN.length,
        },
      },
    })
    expect(view.data.conversion.signatureRef).toContain(`SHA-256 ${sha256}`)
    expect(Date.parse(view.data.conversion.completedAt)).not.toBeNaN()
    expect(await signOnPage('hr-staff@2', id)).toContain('Văn bản đã được các bên ký đầy đủ')
    const issued = await decided(id)
    expect(issued.status).toBe('issued')
    expect(issued.contractId).toMatch(/^B\d{12}$/)
    expect(issued.signatures.map((s) => s.party)).toEqual(['employer'])
  })
})

// A phone (390x844): the lifecycle form's script checks it as it is typed, under the page's CSP.
describe.runIf(!missing)('lifecycle form in Chromium on a phone', () => {
  it('a finding appears beside the new wage as it is typed and goes when fixed; the page fits', async () => {
    const browser = await launchChromium()
    try {
      const { port } = app.server.address() as { port: number }
      const base = `http://127.0.0.1:${port}`
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
      const [name, value] = (caller('hr-staff@2').cookie as string).split('=') as [string, string]
      await context.addCookies([{ name, value, url: base }])
      const page = await context.newPage()
      const blocked: string[] = []
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text())
      })
      await page.goto(`${base}/documents/${contract.id}/lifecycle/new?kind=annex`)
      const wageErrors = page.locator('[data-for="change:/wage/amount"] li.error')
      await page.fill('#l-effectiveDate', '2027-01-01')
      await page.fill('#lchange-wage-amount', 'mười chín triệu')
      await wageErrors.first().waitFor({ timeout: 10_000 })
      expect(await page.isDisabled('#send-button')).toBe(true)
      await page.fill('#lchange-wage-amount', '19.500.000')
      await expect.poll(() => wageErrors.count(), { timeout: 10_000 }).toBe(0)
      await expect.poll(() => page.isDisabled('#send-button'), { timeout: 10_000 }).toBe(false)
      const fits = () => {
        const w = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } }
          innerWidth: number
        }
        return w.document.documentElement.scrollWidth <= w.innerWidth
      }
      expect(await page.evaluate(fits)).toBe(true)
      expect(blocked).toEqual([])
      await context.close()
    } finally {
      await browser.close()
    }
  }, 60_000)
})

/** The paper contract's contents as the contract form's inputs. */
function paperContract(): Record<string, string> {
  return {
    '/concludedOn': '2026-08-25',
    '/job/title': 'Kỹ thuật viên vận hành máy CNC',
    '/job/positionClass': 'mid_technical',
    '/workplaces/0/address': 'Xưởng 2, Số 120 đường Võ Văn Ngân, phường Thủ Đức, Thành phố Hồ Chí Minh',
    '/workplaces/0/province': 'Thành phố Hồ Chí Minh',
    '/workplaces/0/wageRegion': 'I',
    '/term/type': 'definite',
    '/term/startDate': '2026-09-01',
    '/term/endDate': '2028-08-31',
    '/wage/amount': '12.000.000',
    '/wage/unit': 'month',
    '/wage/payMethod': 'bank_transfer',
    '/wage/payPeriod': 'monthly',
    '/raiseRegime': 'Xét nâng bậc sau mỗi 24 tháng theo thang bảng lương của công ty.',
    '/workingTime/hoursPerDay': '8',
    '/workingTime/hoursPerWeek': '48',
    '/workingTime/restTime': 'Nghỉ giữa ca 60 phút; nghỉ Chủ nhật hằng tuần.',
    '/protectiveEquipment': 'Quần áo bảo hộ, giày mũi thép, kính bảo hộ.',
    '/insurance/socialInsurance': 'on',
    '/insurance/healthInsurance': 'on',
    '/insurance/unemploymentInsurance': 'on',
    '/training': 'Huấn luyện an toàn, vệ sinh lao động trước khi làm việc.',
  }
}
