// Every route of the Platform against every role, at VNeID level 1 and 2, and anonymous. EXPECTED is the
// policy; the route table comes from the app itself, so a new route without an entry here (or without an
// access rule, which stops the app at start-up) fails this test.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { generateNoteKey } from '@elc/ledger'
import { TrustStore } from '@elc/pki'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { ALL_ROLES, type WebAuthDatabase } from '@elc/web-auth'
import {
  type Caller,
  type ExpectedRule,
  makeCallers,
  matrixFailures,
  PUBLIC_ROUTE,
  tableMismatches,
} from '@elc/web-auth/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'

const EXPECTED: Record<string, ExpectedRule> = {
  'GET /': PUBLIC_ROUTE,
  'GET /health': PUBLIC_ROUTE,
  'GET /ready': PUBLIC_ROUTE,
  'GET /openapi.json': PUBLIC_ROUTE,
  'POST /v1/validations': PUBLIC_ROUTE,
  'GET /v1/rules': PUBLIC_ROUTE,
  'GET /ledger/key': PUBLIC_ROUTE,
  'GET /ledger/*': PUBLIC_ROUTE,
  'GET /auth/login': PUBLIC_ROUTE,
  'GET /auth/callback': PUBLIC_ROUTE,
  'POST /auth/logout': PUBLIC_ROUTE,
  'POST /auth/backchannel-logout': PUBLIC_ROUTE,
  'GET /auth/me': PUBLIC_ROUTE,
  'GET /account': { roles: ALL_ROLES, level: 1 },
  'POST /admin/grants': { roles: ['platform-admin'], level: 2 },
  'POST /admin/platform-keys/rotate': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers': { roles: ['platform-admin'], level: 2 },
  'GET /admin/providers/:providerId': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers/:providerId/agreement/status': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers/:providerId/keys': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers/:providerId/keys/:kid/retire': { roles: ['platform-admin'], level: 2 },
  'GET /v1/providers': PUBLIC_ROUTE,
  'POST /oauth/token': PUBLIC_ROUTE,
  'GET /v1/provider': { provider: ['submissions:read'] },
  'POST /v1/submissions': { provider: ['submissions:write'] },
  'GET /v1/submissions/:id': { provider: ['submissions:read'] },
  'GET /v1/submissions/:id/receipt': { provider: ['submissions:read'] },
  'GET /v1/verify': PUBLIC_ROUTE,
  'GET /.well-known/jwks.json': PUBLIC_ROUTE,
  'GET /metrics': PUBLIC_ROUTE,
  'PUT /v1/provider/webhook': { provider: ['submissions:write'] },
  'GET /v1/provider/webhook': { provider: ['submissions:read'] },
  'GET /me/contracts': { roles: ['worker', 'employer-admin', 'hr-staff'], level: 2 },
  'GET /me/contracts/:contractId/pdf': { roles: ['worker', 'employer-admin', 'hr-staff'], level: 2 },
  // Officials read other people's contracts only in their province, with a logged purpose (D16.2, R1.12).
  'GET /v1/department/purposes': { roles: ['department-officer'], level: 2 },
  'GET /v1/department/contracts': { roles: ['department-officer'], level: 2 },
  'GET /v1/department/contracts/:contractId': { roles: ['department-officer'], level: 2 },
  'GET /v1/department/contracts/:contractId/pdf': { roles: ['department-officer'], level: 2 },
  // Aggregates without personal data (D16.1): level 1 is enough.
  'GET /v1/statistics': { roles: ['ministry-officer', 'department-officer'], level: 1 },
  'GET /me/data-access': { roles: ['worker', 'employer-admin', 'hr-staff'], level: 2 },
}

const PII_KEY = 'ma-tran-phan-quyen'
const LEVEL2 = 'vneid:level2'

let database: Database<unknown>
let ledger: PlatformLedger
let app: Awaited<ReturnType<typeof buildPlatform>>
let callers: Caller[]

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  ledger = await openPlatformLedger(database, {
    origin: 'nentang-hdld.test/ledger',
    signerKey: generateNoteKey('nentang-hdld.test').signerKey,
    keyFile: '/nonexistent',
  })
  app = await buildPlatform({
    database,
    ledger,
    identity: {
      // Never contacted: the callers' sessions are made directly.
      issuer: 'http://127.0.0.1:9/vneid',
      clientId: 'matrix',
      clientSecret: 'matrix',
      appUrl: 'http://127.0.0.1:8080',
      cookieSecret: 'ma-tran-phan-quyen-cookie-secret-0123456789',
      level2Acr: LEVEL2,
      allowInsecureIssuer: true,
      piiKey: PII_KEY,
      operatorTaxCodes: ['0109999999'],
    },
    submissions: {
      trust: TrustStore.fromBytes(),
      blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-matrix-'))),
      pii: new PiiCipher({
        keys: [{ id: 'k1', key: Buffer.alloc(32, 1) }],
        currentKeyId: 'k1',
        lookupKey: PII_KEY,
      }),
    },
  })
  await app.ready()
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
})

afterAll(async () => {
  await app?.close()
  await ledger?.close()
  await database?.close()
})

describe('Platform authorisation matrix', () => {
  it('every route has an access rule and an entry in the expected table, and they agree', () => {
    expect(tableMismatches(app, EXPECTED)).toEqual([])
  })

  it('each caller is let in or turned away exactly as the table says', async () => {
    expect(await matrixFailures(app, EXPECTED, callers)).toEqual([])
  })

  it('a platform administrator cannot make an outsourced operator’s employee an administrator (D20.1)', async () => {
    const admin = callers.find((c) => c.label === 'platform-admin@2') as Caller
    const page = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: admin.cookie as string },
    })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
    const csrfCookie = page.cookies.find((c) => c.name === '_csrf')
    const headers = { cookie: `${admin.cookie}; _csrf=${csrfCookie?.value}`, 'x-csrf-token': csrf }
    const refused = await app.inject({
      method: 'POST',
      url: '/admin/grants',
      headers,
      payload: {
        personalId: '001190099999',
        role: 'platform-admin',
        holderOrganisationTaxCode: '0109999999',
      },
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'GRANT_OPERATOR_ADMIN_FORBIDDEN', ruleId: 'D20.1' })
    const granted = await app.inject({
      method: 'POST',
      url: '/admin/grants',
      headers,
      payload: { personalId: '001190099999', role: 'department-officer', province: '79' },
    })
    expect(granted.statusCode).toBe(201)
    const noToken = await app.inject({
      method: 'POST',
      url: '/admin/grants',
      headers: { cookie: admin.cookie as string },
      payload: { personalId: '001190099998', role: 'ministry-officer' },
    })
    expect(noToken.json()).toMatchObject({ code: 'AUTH_CSRF_INVALID' })
  })
})
