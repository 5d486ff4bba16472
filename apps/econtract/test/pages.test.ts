// The document pages over HTTP with real sessions, against the simulator and a Platform: HR drafts through
// the form (CSRF), sees a labor-code finding beside its field, fixes it and sends; the employer's side
// signs with the simulated SMS code; the worker finds it in "Hợp đồng của tôi", cannot sign before
// opening the PDF (R6.6), opens it and signs; the page then shows the contract ID the Platform issued.
import { readFileSync } from 'node:fs'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { PiiCipher } from '@elc/storage'
import { routeAccessTable, type WebAuthDatabase } from '@elc/web-auth'
import { browserMissing, type Caller, launchChromium, makeCallers, signedInApp } from '@elc/web-auth/testing'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmployeesRepo, migrateEmployees } from '../src/employees/index.ts'
import { documentPages } from '../src/pages/index.ts'
import { type ContractFlow, startContractFlow } from './contract-flow.ts'
import { waitFor } from './outbox-platform.ts'

const PII_KEY = 'econtract-van-ban'
const LEVEL2 = 'vneid:level2'
// makeCallers grants hr-staff for this employer; worker@2 is the person with ID 001190000002 (n = 2).
const EMPLOYER = '0101234567'
const WORKER_ID = '001190000002'
const HTML = 'text/html,application/xhtml+xml'

const missing = browserMissing()
if (missing) console.warn(`document pages browser test skipped: ${missing}`)

const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
)

let flow: ContractFlow
let database: Database<unknown>
let app: FastifyInstance
let callers: Caller[]
let employeeId: string
const caller = (label: string) => callers.find((c) => c.label === label) as Caller

beforeAll(async () => {
  flow = await startContractFlow()
  database = await createDatabase({ url: 'memory://' })
  await migrateEmployees(database.db)
  const repo = new EmployeesRepo(
    database.db as never,
    new PiiCipher({ keys: [{ id: 'k1', key: Buffer.alloc(32, 3) }], currentKeyId: 'k1', lookupKey: 'nv' }),
  )
  await repo.insertAll(EMPLOYER, [
    {
      line: 2,
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1995-09-02',
      sex: 'male',
      residence: 'Số 22 đường số 9, phường Linh Xuân, Thành phố Hồ Chí Minh',
      nationality: 'VN',
      idDocument: { kind: 'personal_id', number: WORKER_ID },
    },
  ])
  employeeId = ((await repo.listByEmployer(EMPLOYER))[0] as { id: string }).id
  app = await signedInApp(database.db, { piiKey: PII_KEY })
  documentPages(app, {
    documents: flow.documents,
    signing: flow.signing,
    employees: repo,
    employerFor: async (taxCode) => ({ ...EXAMPLE.employer, taxCode }),
    level2Acr: LEVEL2,
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
}, 120_000)

afterAll(async () => {
  await app?.close()
  await database?.close()
  await flow?.close()
})

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

/** The contract of examples/contract-definite-probation.json, as the form's inputs. */
function formFields(wage: string): Record<string, string> {
  return {
    employee: employeeId,
    employer: EMPLOYER,
    '/concludedOn': '2026-08-25',
    '/job/title': 'Kỹ thuật viên vận hành máy CNC',
    '/job/positionClass': 'mid_technical',
    '/workplaces/0/address': 'Xưởng 2, Số 120 đường Võ Văn Ngân, phường Thủ Đức, Thành phố Hồ Chí Minh',
    '/workplaces/0/province': 'Thành phố Hồ Chí Minh',
    '/workplaces/0/wageRegion': 'I',
    '/workplaces/1/address': '',
    '/term/type': 'definite',
    '/term/startDate': '2026-09-01',
    '/term/endDate': '2028-08-31',
    '/probation/startDate': '2026-09-01',
    '/probation/endDate': '2026-09-30',
    '/probation/wage': '10.200.000',
    '/wage/amount': wage,
    '/wage/unit': 'month',
    '/wage/payMethod': 'bank_transfer',
    '/wage/payPeriod': 'monthly',
    '/wage/allowances/0/name': 'Phụ cấp độc hại',
    '/wage/allowances/0/amount': '500.000',
    '/raiseRegime': 'Xét nâng bậc sau mỗi 24 tháng theo thang bảng lương của công ty.',
    '/workingTime/hoursPerDay': '8',
    '/workingTime/hoursPerWeek': '48',
    '/workingTime/restTime': 'Nghỉ giữa ca 60 phút; nghỉ Chủ nhật hằng tuần.',
    '/protectiveEquipment': 'Quần áo bảo hộ, giày mũi thép, kính bảo hộ.',
    '/insurance/socialInsurance': 'on',
    '/insurance/healthInsurance': 'on',
    '/insurance/unemploymentInsurance': 'on',
    '/training': 'Huấn luyện an toàn, vệ sinh lao động trước khi làm việc.',
    signingOrder: 'employer_first',
  }
}

const location = (r: LightMyRequestResponse) => String(r.headers.location ?? '')

describe('document pages', () => {
  let id: string

  it('declare their access: HR at level 2, both parties at level 2, the worker at level 2', () => {
    const rules = Object.fromEntries(
      routeAccessTable(app)
        .filter((r) => r.url.startsWith('/documents') || r.url.startsWith('/me/'))
        .map((r) => [`${r.method} ${r.url}`, r.access]),
    )
    const hr = { roles: ['hr-staff', 'employer-admin'], level: 2 }
    const both = { roles: ['worker', 'hr-staff', 'employer-admin'], level: 2 }
    expect(rules).toEqual({
      'GET /documents': hr,
      'GET /documents/new': hr,
      'POST /documents/findings': hr,
      'POST /documents': hr,
      'GET /documents/:id/edit': hr,
      'POST /documents/:id': hr,
      'POST /documents/:id/send': hr,
      'POST /documents/:id/cancel': hr,
      'GET /documents/:id': both,
      'GET /documents/:id/pdf': both,
      'POST /documents/:id/sign': both,
      'POST /documents/:id/sign/:signatureId': both,
      'POST /documents/:id/sign-pkcs12': hr,
      'GET /me/documents': { roles: ['worker'], level: 2 },
    })
  })

  it('the form is prefilled from the directory and the employer, with its labelled inputs', async () => {
    const { page } = await open(caller('hr-staff@2'), `/documents/new?employee=${employeeId}`)
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.headers['content-security-policy']).toContain("default-src 'none'")
    expect(page.body).toContain('Nguyễn Văn An')
    expect(page.body).toContain('Công ty Cổ phần Cơ khí Thủ Đức')
    expect(page.body).toContain('<label for="f-wage-amount">')
    expect(page.body).toContain('name="/wage/amount"')
    expect(page.body).not.toContain(WORKER_ID) // the ID number is masked on screen
    expect(page.body).toBe(page.body.normalize('NFC'))
  })

  it('the findings endpoint answers the findings of a posted form, storing nothing', async () => {
    const { csrf, cookie } = await open(caller('hr-staff@2'), `/documents/new?employee=${employeeId}`)
    const response = await app.inject({
      method: 'POST',
      url: '/documents/findings',
      headers: { cookie, 'x-csrf-token': csrf, accept: 'application/json' },
      payload: formFields('3.000.000'),
    })
    expect(response.statusCode).toBe(200)
    const findings = response.json().findings as Array<{ path: string; severity: string; ruleId: string }>
    // R4.30: below the region I minimum wage.
    expect(findings.some((f) => f.path === '/wage/amount' && f.severity === 'error')).toBe(true)
    expect((await flow.documents.listForEmployer(hrPrincipal(), EMPLOYER)).length).toBe(0)
  })

  it('HR creates a draft through the form, sees the finding beside its field, fixes it and sends', async () => {
    const session = await open(caller('hr-staff@2'), `/documents/new?employee=${employeeId}`)
    const created = await post(session, '/documents', { ...formFields('3.000.000'), intent: 'save' })
    expect(created.statusCode).toBe(303)
    id = /^\/documents\/([\w-]+)\/edit$/.exec(location(created))?.[1] as string
    expect(id).toBeTruthy()
    const edit = await open(caller('hr-staff@2'), `/documents/${id}/edit`)
    // The finding sits in the wage field's own message list, and the send button is disabled.
    const wageField = /<div class="field has-error" data-path="\/wage\/amount">[\s\S]*?<\/div><\/div>/.exec(
      edit.page.body,
    )?.[0]
    expect(wageField).toContain('class="msg error"')
    expect(edit.page.body).toMatch(/id="send-button" disabled/)
    // Sending anyway (no script) shows the form again with the refusal.
    const refused = await post(edit, `/documents/${id}`, { ...formFields('3000000'), intent: 'send' })
    expect(refused.statusCode).toBe(422)
    expect(refused.body).toContain('id="problem"')
    expect(refused.body).toContain('lỗi phải sửa')
    const fixed = await post(edit, `/documents/${id}`, { ...formFields('12.000.000'), intent: 'save' })
    expect(fixed.statusCode).toBe(303)
    const again = await open(caller('hr-staff@2'), `/documents/${id}/edit`)
    expect(again.page.body).not.toContain('class="field has-error"')
    const sent = await post(again, `/documents/${id}/send`, { acknowledgeWarnings: 'on' })
    expect([sent.statusCode, location(sent)]).toEqual([303, `/documents/${id}`])
    const list = await open(caller('hr-staff@2'), '/documents?status=signing')
    expect(list.page.body).toContain(`data-id="${id}"`)
    expect(list.page.body).toContain('Đang ký')
  })

  it('turns away: the worker from HR pages, a stranger from the document, level 1, a post without CSRF', async () => {
    const asWorker = await app.inject({
      method: 'GET',
      url: '/documents',
      headers: { cookie: caller('worker@2').cookie as string },
    })
    expect([asWorker.statusCode, asWorker.json().code]).toEqual([403, 'AUTH_FORBIDDEN'])
    const stranger = await app.inject({
      method: 'GET',
      url: `/documents/${id}`,
      headers: { cookie: caller('provider-operator@2').cookie as string },
    })
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'DOCUMENT_NOT_FOUND'])
    const strangerPage = await open(caller('provider-operator@2'), `/documents/${id}`)
    expect(strangerPage.page.statusCode).toBe(404)
    expect(strangerPage.page.body).toContain('Không tìm thấy văn bản này')
    for (const label of ['worker@1', 'hr-staff@1']) {
      const low = await app.inject({
        method: 'GET',
        url: label === 'worker@1' ? '/me/documents' : `/documents/${id}`,
        headers: { cookie: caller(label).cookie as string },
      })
      expect([low.statusCode, low.json().code]).toEqual([403, 'AUTH_LEVEL2_REQUIRED'])
    }
    const noCsrf = await post(
      { cookie: caller('hr-staff@2').cookie as string },
      `/documents/${id}/cancel`,
      {},
    )
    expect(noCsrf.statusCode).toBe(403)
    expect(noCsrf.body).toContain('AUTH_CSRF_INVALID')
  })

  it('the employer’s side signs through the pages with the code from the simulated SMS', async () => {
    const detail = await open(caller('hr-staff@2'), `/documents/${id}`)
    expect(detail.page.body).toContain('id="sign-form"')
    expect(detail.page.body).toContain(`src="/documents/${id}/pdf"`)
    const noConsent = await post(detail, `/documents/${id}/sign`, {})
    expect(noConsent.statusCode).toBe(422)
    expect(noConsent.body).toContain('SIGNING_CONSENT_REQUIRED')
    const otpPage = await post(detail, `/documents/${id}/sign`, { consent: 'on' })
    expect(otpPage.statusCode).toBe(200)
    expect(otpPage.body).toContain('Tin nhắn mô phỏng')
    const otp = /id="simulated-otp">(\d{6})</.exec(otpPage.body)?.[1] as string
    const action = /action="(\/documents\/[\w-]+\/sign\/[\w-]+)"/.exec(otpPage.body)?.[1] as string
    const hidden = Object.fromEntries(
      [...otpPage.body.matchAll(/type="hidden" name="(simulatedOtp|expiresAt)" value="([^"]*)"/g)].map(
        (m) => [m[1], m[2]],
      ),
    )
    const wrong = await post(detail, action, { ...hidden, otp: otp === '000000' ? '111111' : '000000' })
    expect(wrong.body).toContain('id="problem"')
    expect(wrong.body).toContain(otp) // the retry page shows the simulated SMS again
    const done = await post(detail, action, { ...hidden, otp })
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('id="signed"')
  })

  it('the worker sees it first in their list, cannot sign before opening the PDF, opens it and signs', async () => {
    const mine = await open(caller('worker@2'), '/me/documents')
    expect(mine.page.statusCode).toBe(200)
    expect(/id="waiting">[\s\S]*?<\/ul>/.exec(mine.page.body)?.[0]).toContain(`data-id="${id}"`)
    const detail = await open(caller('worker@2'), `/documents/${id}`)
    expect(detail.page.body).toMatch(/id="sign-button" disabled/)
    expect(detail.page.body).toContain('id="sign-why"')
    const early = await post(detail, `/documents/${id}/sign`, { consent: 'on' })
    expect(early.statusCode).toBe(422)
    expect(early.body).toContain('SIGNING_DOCUMENT_NOT_READ')
    const pdf = await app.inject({
      method: 'GET',
      url: `/documents/${id}/pdf`,
      headers: { cookie: caller('worker@2').cookie as string },
    })
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.headers['content-disposition']).toMatch(/^inline/)
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const reopened = await open(caller('worker@2'), `/documents/${id}`)
    expect(reopened.page.body).not.toMatch(/id="sign-button" disabled/)
    const otpPage = await post(reopened, `/documents/${id}/sign`, { consent: 'on' })
    const otp = /id="simulated-otp">(\d{6})</.exec(otpPage.body)?.[1] as string
    const action = /action="(\/documents\/[\w-]+\/sign\/[\w-]+)"/.exec(otpPage.body)?.[1] as string
    const done = await post(reopened, action, { otp })
    expect(done.body).toContain('Văn bản đã được các bên ký đầy đủ')
  })

  it('the detail page shows the contract ID once the Platform issued it, and the history', async () => {
    const body = await waitFor('the contract ID on the page', async () => {
      const { page } = await open(caller('worker@2'), `/documents/${id}`)
      return page.body.includes('id="contract-id"') ? page.body : undefined
    })
    const contractId = /id="contract-id">([ABC]\d{12})</.exec(body)?.[1]
    expect(contractId).toMatch(/^A\d{12}$/)
    expect(body).toContain('Đã cấp mã')
    expect(body).toContain('VNeID mức độ 2')
    for (const type of ['created', 'sent', 'viewed', 'signed', 'certified', 'issued'])
      expect(body).toContain(`data-type="${type}"`)
    const json = await app.inject({
      method: 'GET',
      url: `/documents/${id}`,
      headers: { cookie: caller('hr-staff@2').cookie as string, accept: 'application/json' },
    })
    expect(json.json()).toMatchObject({ id, status: 'issued', contractId, side: 'employer', canSign: false })
    const mine = await app.inject({
      method: 'GET',
      url: '/me/documents',
      headers: { cookie: caller('worker@2').cookie as string, accept: 'application/json' },
    })
    expect(mine.json().others[0]).toMatchObject({ id, contractId })
  })
})

// A phone (390x844): the script checks the form as it is typed (under the page's CSP) and nothing is wider
// than the screen.
describe.runIf(!missing)('document pages in Chromium on a phone', () => {
  it('live findings follow the typing; the pages fit a 390 px screen', async () => {
    const browser = await launchChromium()
    try {
      const { port } = app.server.address() as { port: number }
      const base = `http://127.0.0.1:${port}`
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
      const session = (label: string) => {
        const [name, value] = (caller(label).cookie as string).split('=') as [string, string]
        return { name, value, url: base }
      }
      await context.addCookies([session('hr-staff@2')])
      const page = await context.newPage()
      const blocked: string[] = []
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text())
      })
      await page.goto(`${base}/documents/new?employee=${employeeId}`)
      const wageErrors = page.locator('[data-for="/wage/amount"] li.error')
      await page.fill('#f-wage-amount', '3.000.000')
      await page.fill('#f-workplaces-0-address', 'Xưởng 2, phường Thủ Đức')
      await page.selectOption('#f-workplaces-0-wageRegion', 'I')
      await wageErrors.first().waitFor({ timeout: 10_000 })
      expect(await page.isDisabled('#send-button')).toBe(true)
      await page.fill('#f-wage-amount', '12.000.000')
      await expect.poll(() => wageErrors.count(), { timeout: 10_000 }).toBe(0)
      // No DOM types here: the function runs in the page.
      const fits = () => {
        const w = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } }
          innerWidth: number
        }
        return w.document.documentElement.scrollWidth <= w.innerWidth
      }
      expect(await page.evaluate(fits)).toBe(true)
      expect(blocked).toEqual([])
      await context.clearCookies()
      await context.addCookies([session('worker@2')])
      await page.goto(`${base}/me/documents`)
      expect(await page.textContent('h1')).toBe('Hợp đồng của tôi')
      expect(await page.evaluate(fits)).toBe(true)
      await context.close()
    } finally {
      await browser.close()
    }
  }, 60_000)
})

function hrPrincipal() {
  return {
    subject: 'x',
    accountType: 'person' as const,
    level: 2 as const,
    name: 'x',
    grants: [{ role: 'hr-staff' as const, employerTaxCode: EMPLOYER }],
  }
}
