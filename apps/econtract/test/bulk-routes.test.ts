// The bulk routes in an app built as the eContract builds itself: who gets in (HR staff or the employer's
// administrator at level 2, R1.12), the page with its progress script, a job created over JSON with
// CSRF, its progress as JSON, and an approval refused while nothing awaits it.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import type { TimestampAuthority } from '@elc/pki'
import { PiiCipher } from '@elc/storage'
import type { WebAuthDatabase } from '@elc/web-auth'
import { type Caller, makeCallers, signedInApp } from '@elc/web-auth/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BulkService, bulkRoutes } from '../src/bulk/index.ts'
import { DocumentsService, migrateContracts, type SignerCertificates } from '../src/contracts/index.ts'
import { EmployeesRepo, migrateEmployees } from '../src/employees/index.ts'
import { testBlobs } from './outbox-platform.ts'

const PII_KEY = 'econtract-hang-loat'
const LEVEL2 = 'vneid:level2'
const TAX_CODE = '0101234567'
const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
)
const { employer: EMPLOYER, worker: _worker, ...TERMS } = EXAMPLE

let database: Database<unknown>
let app: FastifyInstance
let callers: Caller[]
const caller = (label: string) => callers.find((c) => c.label === label) as Caller

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  app = await signedInApp(database.db, { piiKey: PII_KEY })
  await migrateContracts(database.db)
  await migrateEmployees(database.db)
  const pii = new PiiCipher({
    keys: [{ id: 'k1', key: randomBytes(32) }],
    currentKeyId: 'k1',
    lookupKey: PII_KEY,
  })
  const employees = new EmployeesRepo(database.db as never, pii)
  await employees.insertAll(TAX_CODE, [
    {
      line: 2,
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-03-15',
      sex: 'male',
      residence: 'Hà Nội',
      nationality: 'VN',
      idDocument: { kind: 'personal_id', number: '001090000001' },
    },
  ])
  const service = new BulkService({
    db: database.db,
    documents: new DocumentsService({ db: database.db as never, blobs: testBlobs(), pii }),
    employees,
    // Nothing is signed here: no job reaches its batch in these tests.
    certificates: {} as SignerCertificates,
    remoteSigningUrl: 'http://127.0.0.1:9',
    tsa: {} as TimestampAuthority,
  })
  bulkRoutes(app, { service, employees })
  await app.ready()
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

async function openPage(who: Caller) {
  const page = await app.inject({ method: 'GET', url: '/bulk', headers: { cookie: who.cookie as string } })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
  const csrfCookie = page.cookies.find((c) => c.name === '_csrf')?.value
  return { page, csrf, cookie: `${who.cookie}; _csrf=${csrfCookie}` }
}

describe('bulk routes', () => {
  it.each([
    ['anonymous', 401, 'AUTH_REQUIRED'],
    ['worker@2', 403, 'AUTH_FORBIDDEN'],
    ['hr-staff@1', 403, 'AUTH_LEVEL2_REQUIRED'],
    ['employer-admin@1', 403, 'AUTH_LEVEL2_REQUIRED'],
  ])('turns %s away', async (label, status, code) => {
    const who = caller(label)
    const response = await app.inject({
      method: 'GET',
      url: '/bulk',
      headers: { accept: 'application/json', ...(who.cookie ? { cookie: who.cookie } : {}) },
    })
    expect([response.statusCode, response.json().code]).toEqual([status, code])
  })

  it.each(['hr-staff@2', 'employer-admin@2'])(
    'shows %s the page with the employees to choose',
    async (label) => {
      const { page } = await openPage(caller(label))
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('Hợp đồng hàng loạt')
      expect(page.body).toContain('Nguyễn Văn An')
      expect(page.body).toContain('name="_csrf"')
    },
  )

  it('creates a job over JSON (with CSRF) and answers its progress; approval waits for a batch', async () => {
    const who = caller('hr-staff@2')
    const { csrf, cookie } = await openPage(who)
    const employeeId = (await app.inject({ method: 'GET', url: '/bulk', headers: { cookie } })).body.match(
      /name="employeeIds" value="([^"]+)"/,
    )?.[1] as string
    const body = {
      employer: EMPLOYER,
      terms: TERMS,
      employeeIds: [employeeId, 'no-such-employee'],
      acknowledgeWarnings: true,
      consent: true,
    }
    const refused = await app.inject({
      method: 'POST',
      url: '/bulk',
      headers: { cookie, accept: 'application/json' },
      payload: body,
    })
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'AUTH_CSRF_INVALID'])
    const created = await app.inject({
      method: 'POST',
      url: '/bulk',
      headers: { cookie, accept: 'application/json', 'x-csrf-token': csrf },
      payload: body,
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ total: 2, failed: 1 })
    const id = created.json().id
    const progress = await app.inject({
      method: 'GET',
      url: `/bulk/${id}/progress`,
      headers: { cookie, accept: 'application/json' },
    })
    expect(progress.json()).toMatchObject({ status: 'preparing', total: 2, done: 1 })
    expect(progress.json().rows.map((r: { status: string }) => r.status)).toEqual(['pending', 'failed'])
    const page = await app.inject({ method: 'GET', url: '/bulk', headers: { cookie } })
    expect(page.body).toContain(`data-job="${id}"`)
    expect(page.body).toContain('/progress')
    const approve = await app.inject({
      method: 'POST',
      url: `/bulk/${id}/approve`,
      headers: { cookie, accept: 'application/json', 'x-csrf-token': csrf },
      payload: { otp: '123456' },
    })
    expect([approve.statusCode, approve.json().code]).toEqual([409, 'BULK_NOT_AWAITING_APPROVAL'])
  })
})
