// Providers and connections: registry administration, OAuth 2.0 client credentials with private_key_jwt,
// the bearer-token check, suspension (R1.34) and the public service information (R1.17).
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { registerProblemHandlers } from '@elc/http'
import { PiiCipher } from '@elc/storage'
import { ALL_ROLES, accountRoutes, enforceAccess, type WebAuthDatabase } from '@elc/web-auth'
import {
  type Caller,
  type ExpectedRule,
  makeCallers,
  matrixFailures,
  PUBLIC_ROUTE,
  signedInApp,
  tableMismatches,
} from '@elc/web-auth/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import {
  type CryptoKey,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JWK,
  SignJWT,
} from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ProvidersModule, registerProviders } from '../src/providers/index.ts'

const ISSUER = 'https://nentang-hdld.test'
const TOKEN_URL = `${ISSUER}/oauth/token`
const PII_KEY = 'nha-cung-cap'
const LEVEL2 = 'vneid:level2'
// Thursday 12/2/2026, 10:00 in Hà Nội: the next working days are Friday 13/2, then Tết (14–22/2), then 23/2.
const START = new Date('2026-02-12T03:00:00.000Z')

let clock = START
let database: Database<unknown>
let app: FastifyInstance
let providers: ProvidersModule
let callers: Caller[]
let adminHeaders: Record<string, string>

interface TestProvider {
  id: string
  privateKey: CryptoKey
  kid: string
}
let a: TestProvider
let b: TestProvider

const keyCipher = new PiiCipher({
  keys: [{ id: 'k1', key: Buffer.alloc(32, 5) }],
  currentKeyId: 'k1',
  lookupKey: 'tra-cuu',
})

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  app = await signedInApp(database.db, { piiKey: PII_KEY, appUrl: 'http://127.0.0.1:8080' })
  accountRoutes(app, 'Nền tảng')
  providers = await registerProviders(app, {
    db: database.db,
    issuerUrl: ISSUER,
    keyCipher,
    now: () => clock,
  })
  await app.ready()
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
  adminHeaders = await csrfHeaders('platform-admin@2')
  a = await connectedProvider('0312345678', 'Công ty Cổ phần Hợp đồng Số An Bình')
  b = await connectedProvider('0398765432', 'Công ty TNHH Ký Số Bình Minh')
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

async function csrfHeaders(label: string): Promise<Record<string, string>> {
  const caller = callers.find((c) => c.label === label) as Caller
  const page = await app.inject({
    method: 'GET',
    url: '/account',
    headers: { cookie: caller.cookie as string },
  })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
  const csrfCookie = page.cookies.find((c) => c.name === '_csrf')
  return { cookie: `${caller.cookie}; _csrf=${csrfCookie?.value}`, 'x-csrf-token': csrf }
}

function admin(url: string, payload: unknown = {}, headers = adminHeaders) {
  return app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> })
}

function providerBody(taxCode: string, name: string) {
  return {
    name,
    taxCode,
    website: `https://${taxCode}.example.vn`,
    serviceName: `${name}: hợp đồng lao động điện tử`,
    supportContact: 'hotro@example.vn, 1900 0000',
    feeScheduleUrl: `https://${taxCode}.example.vn/bang-gia`,
    termsUrl: `https://${taxCode}.example.vn/dieu-khoan`,
    agreementReference: `TT-${taxCode}`,
  }
}

async function createProvider(taxCode: string, name: string): Promise<string> {
  const created = await admin('/admin/providers', providerBody(taxCode, name))
  expect(created.statusCode).toBe(201)
  const body = created.json()
  expect(body.agreement.status).toBe('pending')
  return body.provider.id
}

async function setStatus(providerId: string, status: string, reason?: string) {
  return admin(`/admin/providers/${providerId}/agreement/status`, { status, ...(reason ? { reason } : {}) })
}

async function newKey(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const pair = await generateKeyPair('ES256', { extractable: true })
  return { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid } }
}

async function connectedProvider(taxCode: string, name: string): Promise<TestProvider> {
  const id = await createProvider(taxCode, name)
  const kid = `${taxCode}-1`
  const { privateKey, jwk } = await newKey(kid)
  const added = await admin(`/admin/providers/${id}/keys`, { jwk })
  expect(added.statusCode).toBe(201)
  expect(added.json().kid).toBe(kid)
  expect((await setStatus(id, 'active')).statusCode).toBe(200)
  return { id, privateKey, kid }
}

let jtiCounter = 0

async function assertion(
  p: TestProvider,
  claims: { iss?: string; sub?: string; aud?: string; expIn?: number; jti?: string } = {},
): Promise<string> {
  const nowS = Math.floor(clock.getTime() / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: p.kid })
    .setIssuer(claims.iss ?? p.id)
    .setSubject(claims.sub ?? p.id)
    .setAudience(claims.aud ?? TOKEN_URL)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + (claims.expIn ?? 60))
    .setJti(claims.jti ?? `jti-${++jtiCounter}`)
    .sign(p.privateKey)
}

function tokenRequest(params: Record<string, string>, target: FastifyInstance = app) {
  return target.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(params).toString(),
  })
}

function clientCredentials(clientAssertion: string, extra: Record<string, string> = {}) {
  return {
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion,
    ...extra,
  }
}

async function accessToken(p: TestProvider, extra: Record<string, string> = {}): Promise<string> {
  const response = await tokenRequest(clientCredentials(await assertion(p), extra))
  expect(response.statusCode).toBe(200)
  return response.json().access_token
}

function asProvider(token: string, url = '/v1/provider') {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
}

// The rows the Platform's authorisation matrix needs for these routes; sign-in's own rows complete the table.
const EXPECTED: Record<string, ExpectedRule> = {
  'POST /admin/platform-keys/rotate': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers': { roles: ['platform-admin'], level: 2 },
  'GET /admin/providers/:providerId': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers/:providerId/agreement/status': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers/:providerId/keys': { roles: ['platform-admin'], level: 2 },
  'POST /admin/providers/:providerId/keys/:kid/retire': { roles: ['platform-admin'], level: 2 },
  'GET /v1/providers': PUBLIC_ROUTE,
  'GET /v1/provider': { provider: ['submissions:read'] },
  'POST /oauth/token': PUBLIC_ROUTE,
  'GET /.well-known/jwks.json': PUBLIC_ROUTE,
  'GET /auth/login': PUBLIC_ROUTE,
  'GET /auth/callback': PUBLIC_ROUTE,
  'POST /auth/logout': PUBLIC_ROUTE,
  'POST /auth/backchannel-logout': PUBLIC_ROUTE,
  'GET /auth/me': PUBLIC_ROUTE,
  'GET /account': { roles: ALL_ROLES, level: 1 },
}

describe('authorisation of the provider routes', () => {
  it('declares the rules of the expected table', () => {
    expect(tableMismatches(app, EXPECTED)).toEqual([])
  })

  it('lets each signed-in caller in or turns them away as the table says', async () => {
    expect(await matrixFailures(app, EXPECTED, callers)).toEqual([])
  })
})

describe('provider registry administration', () => {
  it('lists only active providers, with the public service information of R1.17', async () => {
    const pending = await createProvider('0311111111', 'Công ty Chờ Kết Nối')
    const list = await app.inject({ method: 'GET', url: '/v1/providers' })
    expect(list.statusCode).toBe(200)
    const ids = list.json().providers.map((p: { id: string }) => p.id)
    expect(ids).toContain(a.id)
    expect(ids).not.toContain(pending)
    expect(list.json().providers.find((p: { id: string }) => p.id === a.id)).toEqual({
      id: a.id,
      name: 'Công ty Cổ phần Hợp đồng Số An Bình',
      taxCode: '0312345678',
      website: 'https://0312345678.example.vn',
      serviceName: 'Công ty Cổ phần Hợp đồng Số An Bình: hợp đồng lao động điện tử',
      supportContact: 'hotro@example.vn, 1900 0000',
      feeScheduleUrl: 'https://0312345678.example.vn/bang-gia',
      termsUrl: 'https://0312345678.example.vn/dieu-khoan',
    })
  })

  it('refuses a second provider with the same tax code, a bad tax code and a non-web URL', async () => {
    const again = await admin('/admin/providers', providerBody('0312345678', 'Trùng'))
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'PROVIDER_TAX_CODE_TAKEN' })
    const badTax = await admin('/admin/providers', providerBody('12345', 'Sai'))
    expect(badTax.json()).toMatchObject({ status: 400, code: 'PROVIDER_REQUEST_INVALID' })
    const badUrl = await admin('/admin/providers', {
      ...providerBody('0322222222', 'Sai URL'),
      termsUrl: 'javascript:alert(1)',
    })
    expect(badUrl.json()).toMatchObject({ status: 400, code: 'PROVIDER_REQUEST_INVALID' })
    const missing = await admin('/admin/providers', { name: 'Thiếu' })
    expect(missing.json()).toMatchObject({ status: 400, code: 'PROVIDER_REQUEST_INVALID' })
  })

  it('is for level 2 Platform administrators only, with a CSRF token', async () => {
    const body = providerBody('0333333333', 'Không được')
    const worker = await admin('/admin/providers', body, await csrfHeaders('worker@2'))
    expect(worker.json()).toMatchObject({ status: 403, code: 'AUTH_FORBIDDEN' })
    const level1 = await admin('/admin/providers', body, await csrfHeaders('platform-admin@1'))
    expect(level1.json()).toMatchObject({ status: 403, code: 'AUTH_LEVEL2_REQUIRED' })
    const anonymous = await app.inject({ method: 'POST', url: '/admin/providers', payload: body })
    expect(anonymous.json()).toMatchObject({ status: 401, code: 'AUTH_REQUIRED' })
    const noCsrf = await admin('/admin/providers', body, { cookie: adminHeaders.cookie as string })
    expect(noCsrf.json()).toMatchObject({ status: 403, code: 'AUTH_CSRF_INVALID' })
  })

  it('allows only the agreement transitions that make sense, and needs a reason to suspend or refuse', async () => {
    const id = await createProvider('0344444444', 'Công ty Chuyển Trạng Thái')
    const early = await setStatus(id, 'suspended', 'chưa kết nối')
    expect(early.json()).toMatchObject({ status: 409, code: 'AGREEMENT_TRANSITION_INVALID', ruleId: 'R1.34' })
    const noReason = await setStatus(id, 'refused')
    expect(noReason.json()).toMatchObject({ status: 400, code: 'AGREEMENT_REASON_REQUIRED' })
    const refused = await setStatus(id, 'refused', 'Hồ sơ kỹ thuật chưa đạt cấp độ 3 (R1.27)')
    expect(refused.statusCode).toBe(200)
    expect(refused.json().agreement).toMatchObject({ status: 'refused', notifiedAt: START.toISOString() })
    const after = await setStatus(id, 'active')
    expect(after.json()).toMatchObject({ status: 409, code: 'AGREEMENT_TRANSITION_INVALID' })
    const unknown = await setStatus('khong-co', 'active')
    expect(unknown.json()).toMatchObject({ status: 404, code: 'PROVIDER_NOT_FOUND' })
    const badStatus = await setStatus(id, 'deleted')
    expect(badStatus.json()).toMatchObject({ status: 400, code: 'PROVIDER_REQUEST_INVALID' })
  })

  it('accepts public keys only, and retires them', async () => {
    const id = await createProvider('0355555555', 'Công ty Khóa')
    const pair = await generateKeyPair('ES256', { extractable: true })
    const privateJwk = await admin(`/admin/providers/${id}/keys`, { jwk: await exportJWK(pair.privateKey) })
    expect(privateJwk.json()).toMatchObject({ status: 400, code: 'PROVIDER_KEY_INVALID' })
    const secret = await admin(`/admin/providers/${id}/keys`, { jwk: { kty: 'oct', k: 'c2VjcmV0' } })
    expect(secret.json()).toMatchObject({ status: 400, code: 'PROVIDER_KEY_INVALID' })
    const publicJwk = await exportJWK(pair.publicKey)
    const added = await admin(`/admin/providers/${id}/keys`, { jwk: publicJwk })
    expect(added.statusCode).toBe(201)
    // Without a kid, the key's RFC 7638 thumbprint names it.
    const kid = added.json().kid as string
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const twice = await admin(`/admin/providers/${id}/keys`, { jwk: publicJwk })
    expect(twice.json()).toMatchObject({ status: 409, code: 'PROVIDER_KEY_EXISTS' })
    expect((await admin(`/admin/providers/${id}/keys/${kid}/retire`)).statusCode).toBe(200)
    const again = await admin(`/admin/providers/${id}/keys/${kid}/retire`)
    expect(again.json()).toMatchObject({ status: 404, code: 'PROVIDER_KEY_NOT_FOUND' })
    const view = await app.inject({ method: 'GET', url: `/admin/providers/${id}`, headers: adminHeaders })
    expect(view.json().keys).toEqual([expect.objectContaining({ kid, retiredAt: START.toISOString() })])
  })
})

describe('OAuth 2.0 token endpoint (client credentials, private_key_jwt)', () => {
  it('issues a short, scoped access token that reads the provider’s own record', async () => {
    const response = await tokenRequest(clientCredentials(await assertion(a), { client_id: a.id }))
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const body = response.json()
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'submissions:write submissions:read',
    })
    const claims = decodeJwt(body.access_token)
    expect(claims).toMatchObject({
      iss: ISSUER,
      aud: `${ISSUER}/v1`,
      sub: a.id,
      client_id: a.id,
      scope: 'submissions:write submissions:read',
    })
    expect((claims.exp as number) - (claims.iat as number)).toBe(300)
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({
      alg: 'ES256',
      typ: 'at+jwt',
      kid: providers.jwks().keys[0]?.kid,
    })
    const self = await asProvider(body.access_token)
    expect(self.statusCode).toBe(200)
    expect(self.json()).toMatchObject({
      provider: { id: a.id, taxCode: '0312345678' },
      agreement: { status: 'active' },
    })
  })

  it('refuses a replayed assertion (same jti)', async () => {
    const once = await assertion(a, { jti: 'mot-lan-duy-nhat' })
    expect((await tokenRequest(clientCredentials(once))).statusCode).toBe(200)
    const replay = await tokenRequest(clientCredentials(once))
    expect(replay.statusCode).toBe(401)
    expect(replay.json()).toMatchObject({ error: 'invalid_client' })
    const fresh = await assertion(a, { jti: 'mot-lan-duy-nhat' })
    expect((await tokenRequest(clientCredentials(fresh))).json()).toMatchObject({ error: 'invalid_client' })
  })

  it('refuses an assertion for another audience', async () => {
    for (const aud of [`${ISSUER}/v1`, 'https://khac.test/oauth/token']) {
      const response = await tokenRequest(clientCredentials(await assertion(a, { aud })))
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ error: 'invalid_client' })
    }
  })

  it('refuses an expired assertion and one that lives longer than 5 minutes', async () => {
    const expired = await tokenRequest(clientCredentials(await assertion(a, { expIn: -120 })))
    expect(expired.statusCode).toBe(401)
    expect(expired.json()).toMatchObject({ error: 'invalid_client' })
    const tooLong = await tokenRequest(clientCredentials(await assertion(a, { expIn: 600 })))
    expect(tooLong.statusCode).toBe(401)
    expect(tooLong.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('refuses an assertion signed with another provider’s key, and with a retired key', async () => {
    const forged = await assertion({ ...b, id: a.id })
    const response = await tokenRequest(clientCredentials(forged))
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ error: 'invalid_client' })

    const c = await connectedProvider('0366666666', 'Công ty Đổi Khóa')
    expect((await admin(`/admin/providers/${c.id}/keys/${c.kid}/retire`)).statusCode).toBe(200)
    const retired = await tokenRequest(clientCredentials(await assertion(c)))
    expect(retired.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('refuses an unknown client, a mismatched client_id and sub, and a client secret', async () => {
    const unknown = await assertion({ ...a, id: 'khong-ton-tai' })
    const response = await tokenRequest(clientCredentials(unknown))
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ error: 'invalid_client' })
    const otherId = await tokenRequest(clientCredentials(await assertion(a), { client_id: b.id }))
    expect(otherId.json()).toMatchObject({ error: 'invalid_client' })
    const otherSub = await tokenRequest(clientCredentials(await assertion(a, { sub: b.id })))
    expect(otherSub.json()).toMatchObject({ error: 'invalid_client' })
    const secret = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: a.id,
      client_secret: 'x',
    })
    expect(secret.json()).toMatchObject({ error: 'invalid_client' })
    const garbage = await tokenRequest(clientCredentials('khong.phai.jwt'))
    expect(garbage.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('answers RFC 6749 errors for a wrong grant type, a wrong body and an unknown scope', async () => {
    const grant = await tokenRequest({ ...clientCredentials(await assertion(a)), grant_type: 'password' })
    expect(grant.statusCode).toBe(400)
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' })
    const json = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      payload: clientCredentials(await assertion(a)),
    })
    expect(json.statusCode).toBe(400)
    expect(json.json()).toMatchObject({ error: 'invalid_request' })
    const twice = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${new URLSearchParams(clientCredentials(await assertion(a)))}&grant_type=client_credentials`,
    })
    expect(twice.statusCode).toBe(400)
    expect(twice.json()).toMatchObject({ error: 'invalid_request' })
    const scope = await tokenRequest(
      clientCredentials(await assertion(a), { scope: 'submissions:read admin' }),
    )
    expect(scope.statusCode).toBe(400)
    expect(scope.json()).toMatchObject({ error: 'invalid_scope' })
  })

  it('grants only the scopes asked for', async () => {
    const writeOnly = await accessToken(a, { scope: 'submissions:write' })
    expect(decodeJwt(writeOnly).scope).toBe('submissions:write')
    const response = await asProvider(writeOnly)
    expect(response.json()).toMatchObject({ status: 403, code: 'AUTH_FORBIDDEN' })
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_scope", scope="submissions:read"',
    )
  })
})

describe('bearer access tokens', () => {
  it('asks for a token, and says when the one given is invalid', async () => {
    const none = await app.inject({ method: 'GET', url: '/v1/provider' })
    expect(none.json()).toMatchObject({ status: 401, code: 'AUTH_TOKEN_REQUIRED' })
    expect(none.headers['www-authenticate']).toBe('Bearer')
    const bad = await asProvider('khong.hop.le')
    expect(bad.json()).toMatchObject({ status: 401, code: 'AUTH_TOKEN_REQUIRED' })
    expect(bad.headers['www-authenticate']).toBe('Bearer error="invalid_token"')
    // A client assertion is signed by the provider, not the Platform: it is no access token.
    const assertionAsToken = await asProvider(await assertion(a, { aud: `${ISSUER}/v1` }))
    expect(assertionAsToken.statusCode).toBe(401)
    // A public route does not care about a stale token.
    const list = await app.inject({
      method: 'GET',
      url: '/v1/providers',
      headers: { authorization: 'Bearer khong.hop.le' },
    })
    expect(list.statusCode).toBe(200)
  })

  it('stops working when it expires', async () => {
    const token = await accessToken(a)
    clock = new Date(START.getTime() + 301_000)
    try {
      expect((await asProvider(token)).statusCode).toBe(401)
    } finally {
      clock = START
    }
    expect((await asProvider(token)).statusCode).toBe(200)
  })

  it('for provider A reads A’s record only, whatever the request names', async () => {
    const token = await accessToken(a)
    const response = await asProvider(token, `/v1/provider?providerId=${b.id}`)
    expect(response.statusCode).toBe(200)
    expect(response.json().provider.id).toBe(a.id)
    expect(JSON.stringify(response.json())).not.toContain(b.id)
    const bToken = await accessToken(b)
    expect((await asProvider(bToken)).json().provider.id).toBe(b.id)
  })
})

describe('suspension (R1.34)', () => {
  it('ends access at once, for new and issued tokens, and records 3 working days’ notice', async () => {
    const s = await connectedProvider('0377777777', 'Công ty Tạm Dừng')
    const issued = await accessToken(s)
    expect((await asProvider(issued)).statusCode).toBe(200)

    const suspended = await setStatus(s.id, 'suspended', 'Kết nối không ổn định nhiều lần (D25.2)')
    expect(suspended.statusCode).toBe(200)
    // Thursday 12/2/2026: Friday 13/2 is one working day, Tết runs 14–22/2, then Monday 23/2 and Tuesday 24/2.
    expect(suspended.json().agreement).toMatchObject({
      status: 'suspended',
      statusReason: 'Kết nối không ổn định nhiều lần (D25.2)',
      notifiedAt: '2026-02-12T03:00:00.000Z',
      effectiveNoticeEnd: '2026-02-24T16:59:59.999Z',
    })

    const old = await asProvider(issued)
    expect(old.json()).toMatchObject({ status: 401, code: 'AUTH_TOKEN_REQUIRED' })
    expect(old.headers['www-authenticate']).toBe('Bearer error="invalid_token"')
    const refused = await tokenRequest(clientCredentials(await assertion(s)))
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({ error: 'unauthorized_client' })
    const list = await app.inject({ method: 'GET', url: '/v1/providers' })
    expect(list.json().providers.map((p: { id: string }) => p.id)).not.toContain(s.id)

    // Reconnected: new tokens work again.
    clock = new Date('2026-03-02T02:00:00.000Z')
    try {
      expect((await setStatus(s.id, 'active')).statusCode).toBe(200)
      expect((await asProvider(await accessToken(s))).statusCode).toBe(200)
      // Friday 6/3/2026, 10:00: the weekend does not count; Monday 9, Tuesday 10, Wednesday 11/3.
      clock = new Date('2026-03-06T03:00:00.000Z')
      const again = await setStatus(s.id, 'suspended', 'Chưa nộp báo cáo tháng (D25.6)')
      expect(again.json().agreement.effectiveNoticeEnd).toBe('2026-03-11T16:59:59.999Z')
    } finally {
      clock = START
    }

    const view = await app.inject({ method: 'GET', url: `/admin/providers/${s.id}`, headers: adminHeaders })
    expect(view.json().history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'pending' }),
      expect.objectContaining({ fromStatus: 'pending', toStatus: 'active', reason: null }),
      expect.objectContaining({
        fromStatus: 'active',
        toStatus: 'suspended',
        reason: 'Kết nối không ổn định nhiều lần (D25.2)',
        at: '2026-02-12T03:00:00.000Z',
        effectiveNoticeEnd: '2026-02-24T16:59:59.999Z',
      }),
      expect.objectContaining({
        fromStatus: 'suspended',
        toStatus: 'active',
        at: '2026-03-02T02:00:00.000Z',
      }),
      expect.objectContaining({
        fromStatus: 'active',
        toStatus: 'suspended',
        at: '2026-03-06T03:00:00.000Z',
      }),
    ])
    for (const event of view.json().history) expect(event.actor).toMatch(/^person-/)
  })
})

describe('the Platform’s signing key', () => {
  it('is kept in the database: another instance verifies tokens and issues its own without sign-in', async () => {
    const other = Fastify()
    registerProblemHandlers(other)
    enforceAccess(other)
    try {
      const second = await registerProviders(other, {
        db: database.db,
        issuerUrl: `${ISSUER}/`,
        keyCipher,
        now: () => clock,
      })
      await other.ready()
      expect(second.jwks().keys[0]?.kid).toBe(providers.jwks().keys[0]?.kid)
      expect(await second.verifyAccessToken(await accessToken(a))).toEqual({
        providerId: a.id,
        scopes: ['submissions:write', 'submissions:read'],
      })
      // This instance has no sign-in and so no form parser of web-auth's: the token endpoint has its own.
      const response = await tokenRequest(clientCredentials(await assertion(a)), other)
      expect(response.statusCode).toBe(200)
      expect(await providers.verifyAccessToken(response.json().access_token)).toMatchObject({
        providerId: a.id,
      })
    } finally {
      await other.close()
    }
  })
})
