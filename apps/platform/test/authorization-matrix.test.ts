// Every route of the Platform against every role, at VNeID level 1 and 2, and anonymous. The expected table
// below is the policy; the route table comes from the app itself, so a new route without an entry here (or
// without an access rule, which stops the app at start-up) fails this test.
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { generateNoteKey } from '@elc/ledger'
import {
  ALL_ROLES,
  GrantsRepo,
  grantRole,
  type Role,
  routeAccessTable,
  SessionStore,
  type WebAuthDatabase,
} from '@elc/web-auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'

const PUBLIC = 'public'
type Rule = typeof PUBLIC | { roles: readonly Role[]; level: 1 | 2 }
const EVERYONE = { roles: ALL_ROLES, level: 1 } as const

const EXPECTED: Record<string, Rule> = {
  'GET /': PUBLIC,
  'GET /health': PUBLIC,
  'GET /ready': PUBLIC,
  'GET /openapi.json': PUBLIC,
  'POST /v1/validations': PUBLIC,
  'GET /v1/rules': PUBLIC,
  'GET /ledger/key': PUBLIC,
  'GET /ledger/*': PUBLIC,
  'GET /auth/login': PUBLIC,
  'GET /auth/callback': PUBLIC,
  'POST /auth/logout': PUBLIC,
  'POST /auth/backchannel-logout': PUBLIC,
  'GET /auth/me': PUBLIC,
  'GET /account': EVERYONE,
  'POST /admin/grants': { roles: ['platform-admin'], level: 2 },
}

const PII_KEY = 'ma-tran-phan-quyen'
const LEVEL2 = 'vneid:level2'
const DENIED = new Set(['AUTH_REQUIRED', 'AUTH_FORBIDDEN', 'AUTH_LEVEL2_REQUIRED'])

let database: Database<unknown>
let ledger: PlatformLedger
let app: Awaited<ReturnType<typeof buildPlatform>>
let sessions: SessionStore

interface Caller {
  label: string
  roles: Role[]
  level: 1 | 2
  cookie?: string
}
const callers: Caller[] = [{ label: 'anonymous', roles: [], level: 1 }]

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
      // Never contacted: sessions are made directly below.
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
  })
  await app.ready()
  sessions = new SessionStore(database.db as Kysely<WebAuthDatabase>, 3_600_000)
  const grants = new GrantsRepo(database.db as Kysely<WebAuthDatabase>)
  const admin = { subject: 'seed', accountType: 'person', level: 2, name: 'seed', grants: [] } as const
  let n = 0
  for (const role of ALL_ROLES) {
    for (const level of [1, 2] as const) {
      n++
      const personalId = `0011900${String(n).padStart(5, '0')}`
      const organisation = role === 'employer-admin'
      if (!organisation && role !== 'worker')
        await grantRole(grants, {
          request: {
            personalId,
            role,
            province: '01',
            employerTaxCode: '0101234567',
            agreementId: 'TT-01',
            providerTaxCode: '0312345678',
            holderOrganisationTaxCode: '0100000001',
          },
          by: { ...admin, grants: [] },
          piiKey: PII_KEY,
          operatorTaxCodes: [],
        })
      const claims = organisation
        ? {
            sub: `org-${n}`,
            account_type: 'organisation',
            tax_code: '0101234567',
            organisation_name: 'Công ty TNHH Bình Minh',
          }
        : { sub: `person-${n}`, account_type: 'person', personal_id: personalId, name: 'Nguyễn Văn An' }
      const token = await sessions.create({
        subject: claims.sub,
        claims,
        acr: level === 2 ? LEVEL2 : 'vneid:level1',
        idToken: 'test',
      })
      callers.push({
        label: `${role}@${level}`,
        roles: organisation ? ['employer-admin'] : role === 'worker' ? ['worker'] : ['worker', role],
        level,
        cookie: `elc_session=${token}`,
      })
    }
  }
})

afterAll(async () => {
  await app?.close()
  await ledger?.close()
  await database?.close()
})

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`

describe('Platform authorisation matrix', () => {
  it('every route has an access rule and an entry in the expected table, and they agree', () => {
    const table = routeAccessTable(app)
    expect(table.map(key).sort()).toEqual(Object.keys(EXPECTED).sort())
    for (const route of table) {
      const expected = EXPECTED[key(route)]
      if (expected === PUBLIC || !expected) {
        expect(route.access, key(route)).toEqual({ public: true })
        continue
      }
      const access = route.access as { roles: readonly Role[]; level?: 1 | 2 }
      expect([...access.roles].sort(), key(route)).toEqual([...expected.roles].sort())
      expect(access.level ?? 1, key(route)).toBe(expected.level)
    }
  })

  it('each caller is let in or turned away exactly as the table says', async () => {
    const failures: string[] = []
    for (const route of routeAccessTable(app)) {
      const rule = EXPECTED[key(route)]
      if (!rule || rule === PUBLIC) continue
      for (const caller of callers) {
        const allowed = caller.roles.some((r) => rule.roles.includes(r)) && caller.level >= rule.level
        const response = await app.inject({
          method: route.method as 'GET' | 'POST',
          url: route.url.replace('*', 'x'),
          ...(caller.cookie ? { headers: { cookie: caller.cookie } } : {}),
          ...(route.method === 'POST' ? { payload: {} } : {}),
        })
        const code = String(response.headers['content-type'] ?? '').includes('json')
          ? (response.json() as { code?: string }).code
          : undefined
        const denied = response.statusCode === 401 || (response.statusCode === 403 && DENIED.has(code ?? ''))
        if (denied === allowed)
          failures.push(`${key(route)} ${caller.label}: ${response.statusCode} ${code ?? ''}`)
      }
    }
    expect(failures).toEqual([])
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
