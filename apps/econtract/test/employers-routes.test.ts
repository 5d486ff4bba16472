// The employer routes in an app built as the eContract builds itself: access (role, level, CSRF), the
// multipart upload of a letter of authorisation, HTML for the browser and problem+json for a client.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { routeAccessTable, type WebAuthDatabase } from '@elc/web-auth'
import {
  type Caller,
  type ExpectedRule,
  makeCallers,
  matrixFailures,
  signedInApp,
} from '@elc/web-auth/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { employerRoutes, MAX_AUTHORISATION_PDF_BYTES } from '../src/employers/index.ts'

const PII_KEY = 'econtract-nguoi-su-dung'
const LEVEL2 = 'vneid:level2'
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1')
const HTML = 'text/html,application/xhtml+xml'

let database: Database<unknown>
let app: FastifyInstance
let callers: Caller[]
const caller = (label: string) => callers.find((c) => c.label === label) as Caller

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  app = await signedInApp(database.db, { piiKey: PII_KEY })
  employerRoutes(app, {
    db: database.db as Kysely<unknown>,
    cipher: new PiiCipher({
      keys: [{ id: 'k1', key: Buffer.alloc(32, 3) }],
      currentKeyId: 'k1',
      lookupKey: PII_KEY,
    }),
    blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-employer-routes-'))),
    now: () => new Date('2026-11-23T03:00:00Z'),
  })
  await app.ready()
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

/** The profile page as `who` sees it, and the cookie + token its forms post with. */
async function openPage(who: Caller) {
  const page = await app.inject({
    method: 'GET',
    url: '/employer',
    headers: { cookie: who.cookie as string, accept: HTML },
  })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const csrfCookie = page.cookies.find((c) => c.name === '_csrf')?.value
  return { page, csrf, cookie: `${who.cookie}; _csrf=${csrfCookie}` }
}

async function multipart(
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; type?: string; name?: string },
) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  if (file)
    form.append(
      'authorisation',
      new Blob([file.bytes], { type: file.type ?? 'application/pdf' }),
      file.name ?? 'guq.pdf',
    )
  const request = new Request('http://x/', { method: 'POST', body: form })
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    type: request.headers.get('content-type') as string,
  }
}

const PROFILE = {
  address: '12 Tràng Tiền, Hoàn Kiếm, Hà Nội',
  employerType: 'enterprise',
  phone: '024 3825 1234',
  legalRepresentativeName: 'Nguyễn Văn An',
  legalRepresentativeTitle: 'Giám đốc',
}
const AUTHORISED = {
  fullName: 'Trần Thị Bình',
  title: 'Trưởng phòng Nhân sự',
  personalId: '001190000123',
  authorisationDocumentRef: '01/2026/GUQ',
  authorisationIssuedOn: '2026-01-05',
  validFrom: '2026-01-05',
}

async function postProfile(
  who: Caller,
  fields: Record<string, string>,
  options: { json?: boolean; csrf?: boolean } = {},
) {
  const { csrf, cookie } = await openPage(who)
  return app.inject({
    method: 'POST',
    url: '/employer',
    headers: {
      cookie,
      accept: options.json ? 'application/json' : HTML,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({
      ...fields,
      ...(options.csrf === false ? {} : { _csrf: csrf }),
    }).toString(),
  })
}

async function addSignatory(
  who: Caller,
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; type?: string; name?: string },
  options: { json?: boolean; csrf?: boolean } = {},
) {
  const { csrf, cookie } = await openPage(who)
  const body = await multipart(options.csrf === false ? fields : { _csrf: csrf, ...fields }, file)
  return app.inject({
    method: 'POST',
    url: '/employer/signatories',
    headers: { cookie, 'content-type': body.type, accept: options.json ? 'application/json' : HTML },
    payload: body.payload,
  })
}

const getJson = (who: Caller, url = '/employer') =>
  app.inject({ method: 'GET', url, headers: { cookie: who.cookie as string, accept: 'application/json' } })

describe('employer routes', () => {
  it('declare readers (administrator, HR staff) and the administrator for changes, at level 2', () => {
    const rules = routeAccessTable(app).filter((r) => r.url.startsWith('/employer'))
    expect(Object.fromEntries(rules.map((r) => [`${r.method} ${r.url}`, r.access]))).toEqual({
      'GET /employer': { roles: ['employer-admin', 'hr-staff'], level: 2 },
      'POST /employer': { roles: ['employer-admin'], level: 2 },
      'POST /employer/signatories': { roles: ['employer-admin'], level: 2 },
      'POST /employer/signatories/:id/revoke': { roles: ['employer-admin'], level: 2 },
      'GET /employer/signatories/:id/authorisation.pdf': { roles: ['employer-admin', 'hr-staff'], level: 2 },
    })
  })

  it('the rules the authorisation matrix lists hold for every role and level', async () => {
    const readers = { roles: ['employer-admin', 'hr-staff'], level: 2 } as const
    const admin = { roles: ['employer-admin'], level: 2 } as const
    const expected: Record<string, ExpectedRule> = {
      'GET /employer': readers,
      'POST /employer': admin,
      'POST /employer/signatories': admin,
      'POST /employer/signatories/:id/revoke': admin,
      'GET /employer/signatories/:id/authorisation.pdf': readers,
    }
    expect(await matrixFailures(app, expected, callers)).toEqual([])
  })

  it.each([
    ['anonymous', 401, 'AUTH_REQUIRED'],
    ['worker@2', 403, 'AUTH_FORBIDDEN'],
    ['employer-admin@1', 403, 'AUTH_LEVEL2_REQUIRED'],
    ['hr-staff@1', 403, 'AUTH_LEVEL2_REQUIRED'],
    ['provider-operator@2', 403, 'AUTH_FORBIDDEN'],
  ])('turns %s away from the page and from every change', async (label, status, code) => {
    const who = caller(label)
    const cookie = who.cookie ? { cookie: who.cookie } : {}
    const page = await app.inject({ method: 'GET', url: '/employer', headers: cookie })
    expect([page.statusCode, page.json().code]).toEqual([status, code])
    const post = await app.inject({ method: 'POST', url: '/employer', headers: cookie, payload: PROFILE })
    expect([post.statusCode, post.json().code]).toEqual([status, code])
    // A multipart upload is refused before its body is read.
    const body = await multipart(AUTHORISED, { bytes: PDF })
    const upload = await app.inject({
      method: 'POST',
      url: '/employer/signatories',
      headers: { 'content-type': body.type, ...cookie },
      payload: body.payload,
    })
    expect([upload.statusCode, upload.json().code]).toEqual([status, code])
  })

  it('HR staff may read but not change', async () => {
    const hr = caller('hr-staff@2')
    expect((await getJson(hr)).statusCode).toBe(200)
    const post = await app.inject({
      method: 'POST',
      url: '/employer',
      headers: { cookie: hr.cookie as string },
      payload: PROFILE,
    })
    expect([post.statusCode, post.json().code]).toEqual([403, 'AUTH_FORBIDDEN'])
    const revoke = await app.inject({
      method: 'POST',
      url: '/employer/signatories/x/revoke',
      headers: { cookie: hr.cookie as string },
      payload: {},
    })
    expect([revoke.statusCode, revoke.json().code]).toEqual([403, 'AUTH_FORBIDDEN'])
  })

  it('a browser to be onboarded sees the form, prefilled from the VNeID organisation account', async () => {
    const { page, csrf } = await openPage(caller('employer-admin@2'))
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('name="viewport"')
    expect(page.body).toContain('id="profile-form"')
    expect(page.body).toContain('Công ty TNHH Bình Minh')
    expect(page.body).toContain('0101234567')
    // The identity is shown, never asked for.
    expect(page.body).not.toMatch(/name="(taxCode|name)"/)
    expect(csrf).toBeTruthy()
    const hr = await openPage(caller('hr-staff@2'))
    expect(hr.page.body).toContain('chưa được quản trị viên khai báo')
    expect(hr.page.body).not.toContain('<form')
  })

  it('changes without the CSRF token are refused', async () => {
    const post = await postProfile(caller('employer-admin@2'), PROFILE, { csrf: false, json: true })
    expect([post.statusCode, post.json().code]).toEqual([403, 'AUTH_CSRF_INVALID'])
    const upload = await addSignatory(
      caller('employer-admin@2'),
      AUTHORISED,
      { bytes: PDF },
      { csrf: false, json: true },
    )
    expect([upload.statusCode, upload.json().code]).toEqual([403, 'AUTH_CSRF_INVALID'])
  })

  it('a signatory cannot be added before onboarding', async () => {
    const response = await addSignatory(
      caller('employer-admin@2'),
      AUTHORISED,
      { bytes: PDF },
      { json: true },
    )
    expect([response.statusCode, response.json().code]).toEqual([404, 'EMPLOYER_NOT_ONBOARDED'])
  })

  it('onboards from the form (browser), with the identity of the account whatever the form says', async () => {
    const response = await postProfile(caller('employer-admin@2'), {
      ...PROFILE,
      taxCode: '0309876543',
      name: 'Giả mạo',
    })
    expect([response.statusCode, response.headers.location]).toEqual([303, '/employer'])
    const json = (await getJson(caller('hr-staff@2'))).json()
    expect(json.employer).toMatchObject({
      taxCode: '0101234567',
      name: 'Công ty TNHH Bình Minh',
      address: PROFILE.address,
      legalRepresentative: { fullName: 'Nguyễn Văn An', title: 'Giám đốc' },
    })
  })

  it('a wrong field answers problem+json to a client and a page to a browser', async () => {
    const json = await postProfile(
      caller('employer-admin@2'),
      { ...PROFILE, employerType: 'pirate' },
      { json: true },
    )
    expect(json.statusCode).toBe(422)
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(json.json()).toMatchObject({ code: 'EMPLOYER_INPUT_INVALID', field: 'employerType' })
    const page = await postProfile(caller('employer-admin@2'), { ...PROFILE, email: 'không phải email' })
    expect(page.statusCode).toBe(422)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('data-code="EMPLOYER_INPUT_INVALID"')
    expect(page.body).toContain('Thư điện tử không hợp lệ')
  })

  it('adds the legal representative as a client, without a letter (R4.9)', async () => {
    const response = await addSignatory(
      caller('employer-admin@2'),
      {
        fullName: 'Nguyễn Văn An',
        title: 'Giám đốc',
        personalId: '001080000456',
        isLegalRepresentative: 'true',
      },
      undefined,
      { json: true },
    )
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ isLegalRepresentative: true, personalIdMasked: '•••• 0456' })
    expect(response.body).not.toContain('001080000456')
  })

  it('refuses a letter that is not a PDF, or too large', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const notPdf = await addSignatory(
      caller('employer-admin@2'),
      AUTHORISED,
      { bytes: png, type: 'application/pdf' },
      { json: true },
    )
    expect([notPdf.statusCode, notPdf.json().code, notPdf.json().ruleId]).toEqual([
      415,
      'EMPLOYER_AUTHORISATION_NOT_PDF',
      'R4.9',
    ])
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_AUTHORISATION_PDF_BYTES)])
    const tooLarge = await addSignatory(
      caller('employer-admin@2'),
      AUTHORISED,
      { bytes: big },
      { json: true },
    )
    expect([tooLarge.statusCode, tooLarge.json().code]).toEqual([413, 'EMPLOYER_AUTHORISATION_TOO_LARGE'])
    const browser = await addSignatory(caller('employer-admin@2'), AUTHORISED, { bytes: png })
    expect([browser.statusCode, browser.headers['content-type']]).toEqual([415, 'text/html; charset=utf-8'])
    expect(browser.body).toContain('phải là tệp PDF')
    const missing = await addSignatory(caller('employer-admin@2'), AUTHORISED, undefined, { json: true })
    expect([missing.statusCode, missing.json().code, missing.json().field]).toEqual([
      422,
      'EMPLOYER_INPUT_INVALID',
      'authorisation',
    ])
    expect((await getJson(caller('hr-staff@2'))).json().signatories).toHaveLength(1)
  })

  it('adds an authorised person with the letter (browser); the page masks ID numbers', async () => {
    const response = await addSignatory(caller('employer-admin@2'), AUTHORISED, { bytes: PDF })
    expect([response.statusCode, response.headers.location]).toEqual([303, '/employer'])
    const { page } = await openPage(caller('employer-admin@2'))
    expect(page.body).toContain('id="signatories"')
    expect(page.body).toContain('Trần Thị Bình')
    expect(page.body).toContain('•••• 0123')
    expect(page.body).toContain('01/2026/GUQ, 05/01/2026')
    expect(page.body).not.toContain('001190000123')
    expect(page.body).toContain('id="signatory-form"')
    const hr = await openPage(caller('hr-staff@2'))
    expect(hr.page.body).toContain('Trần Thị Bình')
    expect(hr.page.body).not.toContain('id="signatory-form"')
    expect(hr.page.body).not.toContain('/revoke')
  })

  it('HR staff download the letter as it was uploaded', async () => {
    const { signatories } = (await getJson(caller('hr-staff@2'))).json()
    const authorised = signatories.find((s: { isLegalRepresentative: boolean }) => !s.isLegalRepresentative)
    const pdf = await app.inject({
      method: 'GET',
      url: `/employer/signatories/${authorised.id}/authorisation.pdf`,
      headers: { cookie: caller('hr-staff@2').cookie as string },
    })
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.equals(PDF)).toBe(true)
    const other = await app.inject({
      method: 'GET',
      url: `/employer/signatories/${authorised.id}/authorisation.pdf?employer=0309876543`,
      headers: { cookie: caller('hr-staff@2').cookie as string },
    })
    expect([other.statusCode, other.json().code]).toEqual([403, 'EMPLOYER_FORBIDDEN'])
  })

  it('revokes a signatory (browser), then refuses to revoke again (client)', async () => {
    const { signatories } = (await getJson(caller('employer-admin@2'))).json()
    const authorised = signatories.find((s: { isLegalRepresentative: boolean }) => !s.isLegalRepresentative)
    const { page, csrf, cookie } = await openPage(caller('employer-admin@2'))
    expect(page.body).toContain(`/employer/signatories/${authorised.id}/revoke`)
    const url = `/employer/signatories/${authorised.id}/revoke`
    const revoke = await app.inject({
      method: 'POST',
      url,
      headers: { cookie, accept: HTML },
      payload: { _csrf: csrf },
    })
    expect([revoke.statusCode, revoke.headers.location]).toEqual([303, '/employer'])
    const again = await app.inject({
      method: 'POST',
      url,
      headers: { cookie, accept: 'application/json', 'x-csrf-token': csrf },
      payload: {},
    })
    expect([again.statusCode, again.json().code]).toEqual([409, 'EMPLOYER_SIGNATORY_ALREADY_REVOKED'])
    expect((await openPage(caller('hr-staff@2'))).page.body).toContain('Đã thu hồi')
  })

  it('refuses an employer the caller holds no grant for', async () => {
    const response = await getJson(caller('hr-staff@2'), '/employer?employer=0309876543')
    expect([response.statusCode, response.json().code]).toEqual([403, 'EMPLOYER_FORBIDDEN'])
  })
})
