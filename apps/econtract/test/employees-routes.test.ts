// The directory's routes in an app built as the eContract builds itself: access, CSRF on a multipart form,
// HTML for the browser and problem+json for a client.
import { randomBytes } from 'node:crypto'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { PiiCipher } from '@elc/storage'
import { routeAccessTable, type WebAuthDatabase } from '@elc/web-auth'
import { type Caller, makeCallers, signedInApp } from '@elc/web-auth/testing'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { employeeRoutes, parseEmployeeFile } from '../src/employees/index.ts'

const PII_KEY = 'econtract-nhan-vien'
const LEVEL2 = 'vneid:level2'
const HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú'
const GOOD = `${HEADER}\nNguyễn Văn An,15/03/1990,Nam,001090000001,Hà Nội\nTrần Thị Bình,01/12/1991,Nữ,079191000002,TP. Hồ Chí Minh\n`

let database: Database<unknown>
let app: FastifyInstance
let callers: Caller[]
const caller = (label: string) => callers.find((c) => c.label === label) as Caller

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  app = await signedInApp(database.db, { piiKey: PII_KEY })
  const cipher = new PiiCipher({
    keys: [{ id: 'k1', key: randomBytes(32) }],
    currentKeyId: 'k1',
    lookupKey: PII_KEY,
  })
  employeeRoutes(app, {
    db: database.db as Kysely<unknown>,
    cipher,
    now: () => new Date('2026-11-23T03:00:00Z'),
  })
  await app.ready()
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

/** The directory page as `who` sees it, and the cookie + token its form posts with. */
async function openPage(who: Caller) {
  const page = await app.inject({
    method: 'GET',
    url: '/employees',
    headers: { cookie: who.cookie as string },
  })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
  const csrfCookie = page.cookies.find((c) => c.name === '_csrf')?.value
  return { page, csrf, cookie: `${who.cookie}; _csrf=${csrfCookie}` }
}

async function multipart(
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array; type?: string },
) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  if (file) form.append('file', new Blob([file.bytes], { type: file.type ?? 'text/csv' }), file.name)
  const request = new Request('http://x/', { method: 'POST', body: form })
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    type: request.headers.get('content-type') as string,
  }
}

async function upload(
  who: Caller,
  file: { name: string; bytes: Uint8Array; type?: string } | undefined,
  options: { json?: boolean; csrf?: boolean } = {},
) {
  const { csrf, cookie } = await openPage(who)
  const body = await multipart(options.csrf === false ? {} : { _csrf: csrf }, file)
  return app.inject({
    method: 'POST',
    url: '/employees/import',
    headers: {
      cookie,
      'content-type': body.type,
      accept: options.json ? 'application/json' : 'text/html,application/xhtml+xml',
    },
    payload: body.payload,
  })
}

const enc = (s: string) => new TextEncoder().encode(s)

describe('employee routes', () => {
  it('declare HR staff or the employer administrator at level 2', () => {
    const rules = routeAccessTable(app).filter((r) => r.url.startsWith('/employees'))
    expect(rules.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /employees',
      'GET /employees/template.xlsx',
      'POST /employees/import',
    ])
    for (const r of rules) expect(r.access).toEqual({ roles: ['hr-staff', 'employer-admin'], level: 2 })
  })

  it.each([
    ['anonymous', 401, 'AUTH_REQUIRED'],
    ['worker@2', 403, 'AUTH_FORBIDDEN'],
    ['hr-staff@1', 403, 'AUTH_LEVEL2_REQUIRED'],
  ])('turns %s away', async (label, status, code) => {
    const who = caller(label)
    const page = await app.inject({
      method: 'GET',
      url: '/employees',
      ...(who.cookie ? { headers: { cookie: who.cookie } } : {}),
    })
    expect([page.statusCode, page.json().code]).toEqual([status, code])
    // A multipart upload is refused before its body is read.
    const body = await multipart({}, { name: 'a.csv', bytes: enc(GOOD) })
    const post = await app.inject({
      method: 'POST',
      url: '/employees/import',
      headers: { 'content-type': body.type, ...(who.cookie ? { cookie: who.cookie } : {}) },
      payload: body.payload,
    })
    expect([post.statusCode, post.json().code]).toEqual([status, code])
  })

  it('an empty directory shows the upload form with its CSRF token', async () => {
    const { page, csrf } = await openPage(caller('hr-staff@2'))
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('Danh bạ nhân viên')
    expect(page.body).toContain('name="viewport"')
    expect(page.body).toContain('enctype="multipart/form-data"')
    expect(page.body).toContain('0101234567')
    expect(csrf).toBeTruthy()
  })

  it('a multipart upload without the CSRF token is refused', async () => {
    const response = await upload(caller('hr-staff@2'), { name: 'a.csv', bytes: enc(GOOD) }, { csrf: false })
    expect([response.statusCode, response.json().code]).toEqual([403, 'AUTH_CSRF_INVALID'])
  })

  it('a bad file answers problem+json with every row error to a client', async () => {
    const bad = `${HEADER}\nNguyễn Văn An,30/02/1990,Nam,001090000001,Hà Nội\nB,01/01/1990,Khác,12,X\n`
    const response = await upload(caller('hr-staff@2'), { name: 'a.csv', bytes: enc(bad) }, { json: true })
    expect(response.statusCode).toBe(422)
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/)
    const body = response.json()
    expect(body.code).toBe('EMPLOYEE_IMPORT_INVALID')
    expect(body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [2, 'dateOfBirth'],
      [3, 'sex'],
      [3, 'idNumber'],
    ])
  })

  it('a bad file shows the error table to a browser, and the form again', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const response = await upload(caller('hr-staff@2'), { name: 'anh.png', bytes: png, type: 'image/png' })
    expect(response.statusCode).toBe(422)
    expect(response.headers['content-type']).toMatch(/text\/html/)
    expect(response.body).toContain('id="import-errors"')
    expect(response.body).toContain('không phải CSV hay XLSX')
    expect(response.body).toContain('name="_csrf"')
  })

  it('no file, and a file over the limit, are import errors too', async () => {
    const none = await upload(caller('hr-staff@2'), undefined, { json: true })
    expect([none.statusCode, none.json().errors[0].code]).toEqual([422, 'EMPLOYEE_FILE_MISSING'])
    const big = await upload(
      caller('hr-staff@2'),
      { name: 'a.csv', bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41) },
      { json: true },
    )
    expect([big.statusCode, big.json().errors[0].code]).toEqual([413, 'EMPLOYEE_FILE_TOO_LARGE'])
  })

  it('imports a good file (browser), then lists it with ID numbers masked', async () => {
    const response = await upload(caller('hr-staff@2'), { name: 'a.csv', bytes: enc(GOOD) })
    expect(response.statusCode).toBe(201)
    expect(response.body).toContain('Đã thêm 2 nhân viên')
    const { page } = await openPage(caller('employer-admin@2'))
    expect(page.body).toContain('Nguyễn Văn An')
    expect(page.body).toContain('15/03/1990')
    expect(page.body).toContain('•••• 0001')
    expect(page.body).not.toContain('001090000001')
  })

  it('imports a good XLSX (client) and refuses the same people again', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('S')
    ws.addRow(HEADER.split(','))
    ws.addRow(['Lê Văn Cường', new Date(Date.UTC(1985, 1, 2)), 'Nam', '046085000003', 'Huế'])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const first = await upload(caller('employer-admin@2'), { name: 'a.xlsx', bytes }, { json: true })
    expect([first.statusCode, first.json()]).toEqual([201, { format: 'xlsx', inserted: 1, warnings: [] }])
    const again = await upload(caller('employer-admin@2'), { name: 'a.xlsx', bytes }, { json: true })
    expect(again.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'EMPLOYEE_ALREADY_IN_DIRECTORY',
    ])
  })

  it('refuses an employer the caller holds no grant for', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/employees?employer=0309876543',
      headers: { cookie: caller('hr-staff@2').cookie as string },
    })
    expect([response.statusCode, response.json().code]).toEqual([403, 'AUTH_FORBIDDEN'])
  })

  it('serves the template, which parses back', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/employees/template.xlsx',
      headers: { cookie: caller('hr-staff@2').cookie as string },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/spreadsheetml/)
    const parsed = await parseEmployeeFile(response.rawPayload, 'template.xlsx', undefined, {
      today: '2026-11-23',
    })
    expect(parsed.employees).toHaveLength(1)
  })
})
