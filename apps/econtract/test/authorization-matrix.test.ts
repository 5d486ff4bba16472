// Every route of the eContract against every role, at VNeID level 1 and 2, and anonymous (see the
// Platform's matrix test for the method).
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { httpTimestampAuthority, TrustStore } from '@elc/pki'
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
import { buildEContract } from '../src/app.ts'
import { simCertificateAuthority } from '../src/contracts/index.ts'

const EXPECTED: Record<string, ExpectedRule> = {
  'GET /': PUBLIC_ROUTE,
  'GET /health': PUBLIC_ROUTE,
  'GET /ready': PUBLIC_ROUTE,
  'GET /auth/login': PUBLIC_ROUTE,
  'GET /auth/callback': PUBLIC_ROUTE,
  'POST /auth/logout': PUBLIC_ROUTE,
  'POST /auth/backchannel-logout': PUBLIC_ROUTE,
  'GET /auth/me': PUBLIC_ROUTE,
  'GET /account': { roles: ALL_ROLES, level: 1 },
  'POST /employer/staff': { roles: ['employer-admin'], level: 2 },
  'GET /service': PUBLIC_ROUTE,
  'GET /employees': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /employees/import': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /employees/template.xlsx': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /employer': { roles: ['employer-admin', 'hr-staff'], level: 2 },
  'POST /employer': { roles: ['employer-admin'], level: 2 },
  'POST /employer/signatories': { roles: ['employer-admin'], level: 2 },
  'POST /employer/signatories/:id/revoke': { roles: ['employer-admin'], level: 2 },
  'GET /employer/signatories/:id/authorisation.pdf': { roles: ['employer-admin', 'hr-staff'], level: 2 },
  'GET /operations': { roles: ['provider-operator'], level: 2 },
  'GET /operations/outbox.json': { roles: ['provider-operator'], level: 2 },
  'GET /documents': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/new': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/findings': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/:id/edit': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/send': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/cancel': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/:id': { roles: ['worker', 'hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/:id/pdf': { roles: ['worker', 'hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/sign': { roles: ['worker', 'hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/sign/:signatureId': { roles: ['worker', 'hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/sign-pkcs12': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /me/documents': { roles: ['worker'], level: 2 },
  'GET /templates': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /templates/new': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /templates/:id': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /templates': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /templates/:id': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /templates/:id/archive': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /bulk': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /bulk': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /bulk/:id/progress': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /bulk/:id/approve': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/:id/lifecycle/new': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/lifecycle/findings': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/lifecycle': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/:id/lifecycle/edit': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/lifecycle/edit': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/conversion/new': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/conversion': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/:id/conversion/edit': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'POST /documents/:id/conversion/edit': { roles: ['hr-staff', 'employer-admin'], level: 2 },
  'GET /documents/:id/scan': { roles: ['worker', 'hr-staff', 'employer-admin'], level: 2 },
}

const PII_KEY = 'econtract-ma-tran'
const LEVEL2 = 'vneid:level2'

let database: Database<unknown>
let app: Awaited<ReturnType<typeof buildEContract>>
let callers: Caller[]

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  app = await buildEContract({
    database,
    identity: {
      issuer: 'http://127.0.0.1:9/vneid',
      clientId: 'matrix',
      clientSecret: 'matrix',
      appUrl: 'http://127.0.0.1:8082',
      cookieSecret: 'econtract-ma-tran-cookie-secret-0123456789',
      level2Acr: LEVEL2,
      allowInsecureIssuer: true,
      piiKey: PII_KEY,
    },
    services: {
      pii: new PiiCipher({
        keys: [{ id: 'k1', key: randomBytes(32) }],
        currentKeyId: 'k1',
        lookupKey: PII_KEY,
      }),
      blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-econtract-matrix-'))),
      trust: new TrustStore(),
      tsa: httpTimestampAuthority({ url: 'http://127.0.0.1:9/tsa' }),
      ca: simCertificateAuthority('http://127.0.0.1:9'),
      remoteSigningUrl: 'http://127.0.0.1:9',
      appUrl: 'http://127.0.0.1:8082',
    },
  })
  await app.ready()
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('eContract authorisation matrix', () => {
  it('every route has an access rule and an entry in the expected table, and they agree', () => {
    expect(tableMismatches(app, EXPECTED)).toEqual([])
  })

  it('each caller is let in or turned away exactly as the table says', async () => {
    expect(await matrixFailures(app, EXPECTED, callers)).toEqual([])
  })

  it('an employer administrator names HR staff for their own employer only', async () => {
    const admin = callers.find((c) => c.label === 'employer-admin@2') as Caller
    const page = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: admin.cookie as string },
    })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
    const csrfCookie = page.cookies.find((c) => c.name === '_csrf')
    const response = await app.inject({
      method: 'POST',
      url: '/employer/staff',
      headers: { cookie: `${admin.cookie}; _csrf=${csrfCookie?.value}`, 'x-csrf-token': csrf },
      payload: { personalId: '001190055555', employerTaxCode: '0999999999' },
    })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({ granted: 'hr-staff', employerTaxCode: '0101234567' })
  })
})
