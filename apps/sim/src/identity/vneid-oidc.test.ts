// The VNeID stand-in driven over HTTP as a browser and a relying party would: authorization code flow with
// PKCE, level-2 confirmation, consent, token exchange, ID token checked with jose against the JWKS; then
// locking an account, which refuses sign-in and sends a back-channel logout token to the relying party.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describeEachDatabase } from '@elc/db/testing'
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from 'jose'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SimCaDatabase } from '../ca/schema.ts'
import { buildSimulator } from '../simulator.ts'
import { DEMO_PASSWORD } from './accounts.ts'
import { VNEID_ACR } from './assurance-levels.ts'
import { loadProviderKeys } from './provider-keys.ts'
import {
  asJson,
  authorizeUrl as authorize,
  Browser,
  basic,
  type TestClient as Client,
  exchangeCode,
  formAction,
  freePort,
  otpOf,
  pkcePair,
  TEST_REDIRECT_URI as REDIRECT_URI,
  signIn as runSignIn,
} from './test-support.ts'

interface AccountJson {
  id: string
  kind: 'person' | 'organisation'
  loginId: string
  assuranceLevel: number
  status: string
  profile: Record<string, unknown>
}

describeEachDatabase<SimCaDatabase>('sim VNeID OpenID provider', (ctx) => {
  let base: string
  let app: Awaited<ReturnType<typeof buildSimulator>>['app']
  let receiver: Server
  let receiverUrl: string
  const logoutTokens: string[] = []
  let persons: AccountJson[]
  let organisation: AccountJson
  let clientA: Client
  let clientB: Client

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const token = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('logout_token')
        if (token) logoutTokens.push(token)
        res.statusCode = 200
        res.end()
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/backchannel-logout`
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    app = (await buildSimulator({ db: ctx.db(), baseUrl: base })).app
    await app.listen({ port, host: '127.0.0.1' })

    const seeded = await post('/admin/identity/seed', { seed: 'oidc-test', persons: 30, organisations: 3 })
    expect(seeded.status).toBe(201)
    persons = (await (await fetch(`${base}/admin/identity/accounts?kind=person`)).json().then(asJson))
      .accounts
    organisation = (
      await (await fetch(`${base}/admin/identity/accounts?kind=organisation`)).json().then(asJson)
    ).accounts[0]
    clientA = await register({
      client_id: 'econtract-a',
      client_name: 'Dịch vụ hợp đồng điện tử A',
      redirect_uris: [REDIRECT_URI],
      backchannel_logout_uri: receiverUrl,
    })
    clientB = await register({
      client_id: 'econtract-b',
      client_name: 'Dịch vụ B',
      redirect_uris: [REDIRECT_URI],
    })
  })

  afterAll(async () => {
    await app?.close()
    await new Promise((r) => receiver?.close(r))
  })

  function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  }

  async function register(body: Record<string, unknown>): Promise<Client> {
    const res = await post('/admin/identity/clients', body)
    expect(res.status).toBe(201)
    return (await res.json().then(asJson)) as Client
  }

  function level(n: number, except: string[] = []): AccountJson {
    const found = persons.find((p) => p.assuranceLevel === n && !except.includes(p.id))
    expect(found, `a level-${n} person`).toBeDefined()
    return found as AccountJson
  }

  const authorizeUrl = (client: Client, params: Record<string, string>) => authorize(base, client, params)
  const signIn = (
    browser: Browser,
    client: Client,
    loginId: string,
    opts: { level2?: boolean; scope?: string } = {},
  ) => runSignIn(base, browser, client, loginId, { ...opts, password: DEMO_PASSWORD })
  const exchange = (client: Client, code: string, verifier: string) =>
    exchangeCode(base, client, code, verifier)

  const jwks = () => createRemoteJWKSet(new URL(`${base}/vneid/jwks`))

  it('publishes discovery: S256 only, both VNeID levels, back-channel logout', async () => {
    const res = await fetch(`${base}/vneid/.well-known/openid-configuration`)
    expect(res.status).toBe(200)
    const doc = await res.json().then(asJson)
    expect(doc.issuer).toBe(`${base}/vneid`)
    expect(doc.jwks_uri).toBe(`${base}/vneid/jwks`)
    expect(doc.code_challenge_methods_supported).toEqual(['S256'])
    expect(doc.acr_values_supported).toEqual([VNEID_ACR.level1, VNEID_ACR.level2])
    expect(doc.backchannel_logout_supported).toBe(true)
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['personal_id', 'organisation']))
  })

  it('signs a level-2 person in with PKCE and issues a verifiable ID token with their claims', async () => {
    const person = level(2)
    const { redirect, verifier } = await signIn(new Browser(), clientA, person.loginId)
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT_URI)
    expect(redirect.searchParams.get('state')).toBe('st-123')
    expect(redirect.searchParams.get('iss')).toBe(`${base}/vneid`)
    const code = redirect.searchParams.get('code') as string
    const tokenRes = await exchange(clientA, code, verifier)
    expect(tokenRes.status).toBe(200)
    const tokens = await tokenRes.json().then(asJson)
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, jwks(), {
      issuer: `${base}/vneid`,
      audience: clientA.client_id,
    })
    expect(protectedHeader.alg).toBe('RS256')
    const profile = person.profile as {
      fullName: string
      personalId: string
      birthDate: string
      sex: string
      residence: { province: string; address: string }
    }
    expect(payload).toMatchObject({
      sub: person.id,
      acr: VNEID_ACR.level2,
      amr: ['pwd', 'otp'],
      nonce: 'n-456',
      account_type: 'person',
      name: profile.fullName,
      personal_id: profile.personalId,
      birthdate: profile.birthDate,
      gender: profile.sex,
      address: { formatted: profile.residence.address, region: profile.residence.province, country: 'VN' },
    })
    expect(payload.personal_id).toMatch(/^\d{12}$/)

    // The code is single use.
    const replay = await exchange(clientA, code, verifier)
    expect(replay.status).toBe(400)
    expect((await replay.json().then(asJson)).error).toBe('invalid_grant')

    // A token for client A is not one for client B.
    await expect(
      jwtVerify(tokens.id_token, jwks(), { issuer: `${base}/vneid`, audience: clientB.client_id }),
    ).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' })

    // Past its exp, jose refuses it.
    const exp = decodeJwt(tokens.id_token).exp as number
    await expect(
      jwtVerify(tokens.id_token, jwks(), {
        issuer: `${base}/vneid`,
        audience: clientA.client_id,
        currentDate: new Date((exp + 1) * 1000),
      }),
    ).rejects.toBeInstanceOf(joseErrors.JWTExpired)
  })

  it('refuses an authorization request without PKCE, and a code exchanged with the wrong verifier', async () => {
    const browser = new Browser()
    const res = await browser.request(authorizeUrl(clientA, {}))
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location') as string)
    expect(location.origin + location.pathname).toBe(REDIRECT_URI)
    expect(location.searchParams.get('error')).toBe('invalid_request')
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/i)

    const plain = await browser.request(
      authorizeUrl(clientA, { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }),
    )
    expect(new URL(plain.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request')

    const { redirect } = await signIn(new Browser(), clientB, level(2).loginId)
    const wrong = await exchange(clientB, redirect.searchParams.get('code') as string, pkcePair().verifier)
    expect(wrong.status).toBe(400)
    expect((await wrong.json().then(asJson)).error).toBe('invalid_grant')
  })

  it('refuses a wrong level-2 confirmation code, and after three a level-2 sign-in fails', async () => {
    const browser = new Browser()
    const { challenge } = pkcePair()
    const login = await browser.follow(
      await browser.request(
        authorizeUrl(clientB, {
          code_challenge: challenge,
          code_challenge_method: 'S256',
          acr_values: VNEID_ACR.level2,
        }),
      ),
      base,
    )
    const loginHtml = await login.text()
    const wrongPassword = await browser.request(formAction(loginHtml, base, '/login'), {
      form: { loginId: level(2).loginId, password: 'not-the-password' },
    })
    expect(wrongPassword.status).toBe(401)
    expect(await wrongPassword.text()).toContain('mật khẩu không đúng')
    const otpPage = await browser.request(formAction(loginHtml, base, '/login'), {
      form: { loginId: level(2).loginId, password: DEMO_PASSWORD },
    })
    const otpHtml = await otpPage.text()
    const right = otpOf(otpHtml)
    const wrong = right === '000000' ? '111111' : '000000'
    const first = await browser.request(formAction(otpHtml, base, '/otp'), { form: { code: wrong } })
    expect(first.status).toBe(403)
    expect(await first.text()).toContain('Mã xác nhận không đúng')
    await browser.request(formAction(otpHtml, base, '/otp'), { form: { code: wrong } })
    const third = await browser.follow(
      await browser.request(formAction(otpHtml, base, '/otp'), { form: { code: wrong } }),
      base,
    )
    expect(third.status).toBe(303)
    const location = new URL(third.headers.get('location') as string)
    expect(location.searchParams.get('error')).toBe('access_denied')
    expect(location.searchParams.get('code')).toBeNull()
  })

  it('gives level 1 without acr_values, and refuses level 2 to a level-1 account', async () => {
    const l2 = await signIn(new Browser(), clientB, level(2).loginId, { level2: false })
    const tokens = await (
      await exchange(clientB, l2.redirect.searchParams.get('code') as string, l2.verifier)
    )
      .json()
      .then(asJson)
    expect(decodeJwt(tokens.id_token).acr).toBe(VNEID_ACR.level1)

    const browser = new Browser()
    const { challenge } = pkcePair()
    const login = await browser.follow(
      await browser.request(
        authorizeUrl(clientB, {
          code_challenge: challenge,
          code_challenge_method: 'S256',
          acr_values: VNEID_ACR.level2,
        }),
      ),
      base,
    )
    const denied = await browser.follow(
      await browser.request(formAction(await login.text(), base, '/login'), {
        form: { loginId: level(1).loginId, password: DEMO_PASSWORD },
      }),
      base,
    )
    expect(new URL(denied.headers.get('location') as string).searchParams.get('error')).toBe('access_denied')
  })

  it('signs an organisation in with its tax code and gives its claims', async () => {
    const { redirect, verifier } = await signIn(new Browser(), clientB, organisation.loginId, {
      scope: 'openid profile address organisation',
    })
    const tokens = await (await exchange(clientB, redirect.searchParams.get('code') as string, verifier))
      .json()
      .then(asJson)
    const { payload } = await jwtVerify(tokens.id_token, jwks(), {
      issuer: `${base}/vneid`,
      audience: 'econtract-b',
    })
    const profile = organisation.profile as {
      name: string
      taxCode: string
      legalRepresentative: { fullName: string; personalId: string }
    }
    expect(payload).toMatchObject({
      acr: VNEID_ACR.level2,
      account_type: 'organisation',
      organisation_name: profile.name,
      tax_code: profile.taxCode,
      legal_representative: {
        name: profile.legalRepresentative.fullName,
        personal_id: profile.legalRepresentative.personalId,
      },
    })
    expect(payload.personal_id).toBeUndefined()
  })

  it('locks an account: status endpoint, back-channel logout of its session, sign-in refused', async () => {
    const person = level(2, [level(2).id])
    const browser = new Browser()
    const { redirect, verifier } = await signIn(browser, clientA, person.loginId)
    const tokens = await (await exchange(clientA, redirect.searchParams.get('code') as string, verifier))
      .json()
      .then(asJson)
    const sid = decodeJwt(tokens.id_token).sid
    expect(sid).toEqual(expect.any(String))

    const status = (auth?: string) =>
      fetch(`${base}/vneid/account-status/${person.id}`, { headers: auth ? { authorization: auth } : {} })
    const anonymous = await status()
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect((await status(basic(clientA.client_id, 'wrong'))).status).toBe(401)
    expect(await (await status(basic(clientA.client_id, clientA.client_secret))).json().then(asJson)).toEqual(
      {
        sub: person.id,
        status: 'active',
      },
    )

    logoutTokens.length = 0
    const locked = await post(`/admin/identity/accounts/${person.id}/lock`, {})
    expect(locked.status).toBe(200)
    expect(await locked.json().then(asJson)).toMatchObject({
      status: 'locked',
      backchannelLogout: [{ clientId: clientA.client_id, delivered: true }],
    })
    expect(logoutTokens).toHaveLength(1)
    const { payload } = await jwtVerify(logoutTokens[0] as string, jwks(), {
      issuer: `${base}/vneid`,
      audience: clientA.client_id,
    })
    expect(payload.sub).toBe(person.id)
    expect(payload.sid).toBe(sid)
    expect(payload.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} })
    expect(payload.nonce).toBeUndefined()
    expect(
      await (await status(basic(clientB.client_id, clientB.client_secret))).json().then(asJson),
    ).toMatchObject({
      status: 'locked',
    })

    // The same browser must sign in again (its session ended), and the locked account cannot.
    const { challenge } = pkcePair()
    const again = await browser.follow(
      await browser.request(
        authorizeUrl(clientA, { code_challenge: challenge, code_challenge_method: 'S256' }),
      ),
      base,
    )
    expect(again.status).toBe(200)
    const refused = await browser.request(formAction(await again.text(), base, '/login'), {
      form: { loginId: person.loginId, password: DEMO_PASSWORD },
    })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('đang bị khóa')

    const unlocked = await post(`/admin/identity/accounts/${person.id}/unlock`, {})
    expect((await unlocked.json().then(asJson)).status).toBe('active')
    expect(
      (await (await status(basic(clientA.client_id, clientA.client_secret))).json().then(asJson)).status,
    ).toBe('active')
  })

  it('keeps its signing key in the database, so tokens verify after a restart', async () => {
    const before = await (await fetch(`${base}/vneid/jwks`)).json().then(asJson)
    const keys = await loadProviderKeys(ctx.db())
    expect(before.keys.map((k: { kid: string }) => k.kid)).toEqual(keys.signing.map((k) => k.kid))
    expect(before.keys[0].d).toBeUndefined()
  })

  it('rejects client registrations with invalid metadata', async () => {
    const res = await post('/admin/identity/clients', { client_name: 'X', redirect_uris: ['not a url'] })
    expect(res.status).toBe(400)
    expect((await res.json().then(asJson)).code).toBe('IDENTITY_CLIENT_METADATA_INVALID')
    const dup = await post('/admin/identity/clients', {
      client_id: 'econtract-a',
      client_name: 'A',
      redirect_uris: [REDIRECT_URI],
    })
    expect(dup.status).toBe(409)
  })
})
