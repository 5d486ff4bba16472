// eKYC over HTTP: a relying party with the person's consent (granted with the person's ID token for one
// purpose) learns match or no match, never the record; every refusal is problem+json and every call logged.
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { SimCaDatabase } from '../ca/schema.ts'
import { buildSimulator } from '../simulator.ts'
import { DEMO_PASSWORD, type PersonProfile } from './accounts.ts'
import { DEFAULT_CONSENT_TTL_MS } from './ekyc-service.ts'
import {
  asJson,
  Browser,
  basic,
  exchangeCode,
  freePort,
  signIn,
  TEST_REDIRECT_URI,
  type TestClient,
} from './test-support.ts'

const PURPOSE = 'Giao kết hợp đồng lao động A260000000042'

interface Person {
  id: string
  loginId: string
  assuranceLevel: number
  profile: PersonProfile
}

describeEachDatabase<SimCaDatabase>('sim eKYC authentication', (ctx) => {
  let base: string
  let app: Awaited<ReturnType<typeof buildSimulator>>['app']
  let clock = 0
  let person: Person
  let other: Person
  let clientA: TestClient
  let clientB: TestClient
  let idTokenA: string

  beforeAll(async () => {
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    app = (
      await buildSimulator({
        db: ctx.db(),
        baseUrl: base,
        identity: { now: () => new Date(Date.now() + clock) },
      })
    ).app
    await app.listen({ port, host: '127.0.0.1' })
    expect((await post('/admin/identity/seed', { seed: 'ekyc-test', persons: 10 })).status).toBe(201)
    const persons: Person[] = (
      await (await fetch(`${base}/admin/identity/accounts?kind=person`)).json().then(asJson)
    ).accounts
    const level2 = persons.filter((p) => p.assuranceLevel === 2)
    person = level2[0] as Person
    other = level2[1] as Person
    for (const id of ['hr-a', 'hr-b']) {
      const res = await post('/admin/identity/clients', {
        client_id: id,
        client_name: `Phần mềm nhân sự ${id}`,
        redirect_uris: [TEST_REDIRECT_URI],
      })
      expect(res.status).toBe(201)
      if (id === 'hr-a') clientA = await res.json().then(asJson)
      else clientB = await res.json().then(asJson)
    }
    idTokenA = await idTokenFor(clientA, person)
  })

  afterAll(async () => {
    await app?.close()
  })

  beforeEach(() => {
    clock = 0
  })

  function post(path: string, body: unknown, auth?: TestClient) {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(auth ? { authorization: basic(auth.client_id, auth.client_secret) } : {}),
      },
      body: JSON.stringify(body),
    })
  }

  async function idTokenFor(client: TestClient, who: Person): Promise<string> {
    const { redirect, verifier } = await signIn(base, new Browser(), client, who.loginId, {
      password: DEMO_PASSWORD,
    })
    const tokens = await (
      await exchangeCode(base, client, redirect.searchParams.get('code') as string, verifier)
    )
      .json()
      .then(asJson)
    return tokens.id_token as string
  }

  async function consent(client: TestClient, idToken: string, purpose = PURPOSE): Promise<string> {
    const res = await post('/identity/consents', { idToken, purpose }, client)
    expect(res.status).toBe(201)
    const body = await res.json().then(asJson)
    expect(body.purpose).toBe(PURPOSE.normalize('NFC'))
    return body.consentToken as string
  }

  function verify(client: TestClient | undefined, overrides: Record<string, unknown>) {
    return post(
      '/identity/ekyc/verify',
      {
        personalId: person.profile.personalId,
        fullName: person.profile.fullName,
        birthDate: person.profile.birthDate,
        purpose: PURPOSE,
        ...overrides,
      },
      client,
    )
  }

  async function lastLog() {
    const { entries } = await (await fetch(`${base}/admin/identity/ekyc-log?limit=1`)).json().then(asJson)
    return entries[0]
  }

  async function expectRefused(res: Response, status: number, code: string) {
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
    const problem = await res.json().then(asJson)
    expect(problem).toMatchObject({ code, status })
    expect(problem.messages.vi).toBeTruthy()
    expect(problem.messages.en).toBeTruthy()
    expect(await lastLog()).toMatchObject({ result: 'refused', refusalCode: code })
  }

  it('answers match, with a transaction reference and nothing of the record', async () => {
    const consentToken = await consent(clientA, idTokenA)
    // Name case, spacing and Unicode form do not matter; the record's own form is NFC.
    const res = await verify(clientA, {
      consentToken,
      fullName: `  ${person.profile.fullName.toLocaleUpperCase('vi').normalize('NFD')} `,
    })
    expect(res.status).toBe(200)
    const body = await res.json().then(asJson)
    expect(Object.keys(body).sort()).toEqual(['match', 'transactionRef'])
    expect(body.match).toBe(true)
    expect(await lastLog()).toMatchObject({
      transactionRef: body.transactionRef,
      clientId: 'hr-a',
      purpose: PURPOSE,
      consentId: consentToken,
      result: 'match',
      refusalCode: null,
    })
  })

  it('answers no match when the declared name or birth date differs', async () => {
    const consentToken = await consent(clientA, idTokenA)
    const wrongDate = await verify(clientA, { consentToken, birthDate: '1901-01-01' })
    expect(await wrongDate.json().then(asJson)).toMatchObject({ match: false })
    const wrongName = await verify(clientA, { consentToken, fullName: 'Nguyễn Văn Không Có' })
    const body = await wrongName.json().then(asJson)
    expect(body.match).toBe(false)
    expect(await lastLog()).toMatchObject({ transactionRef: body.transactionRef, result: 'no_match' })
  })

  it('refuses without consent, and with an unknown consent token', async () => {
    await expectRefused(await verify(clientA, {}), 403, 'EKYC_CONSENT_MISSING')
    await expectRefused(await verify(clientA, { consentToken: 'cst_nope' }), 403, 'EKYC_CONSENT_MISSING')
  })

  it('refuses a consent given for another purpose', async () => {
    const consentToken = await consent(clientA, idTokenA)
    await expectRefused(
      await verify(clientA, { consentToken, purpose: 'Tiếp thị sản phẩm' }),
      403,
      'EKYC_CONSENT_OTHER_PURPOSE',
    )
  })

  it("refuses another client's consent", async () => {
    const consentToken = await consent(clientA, idTokenA)
    await expectRefused(await verify(clientB, { consentToken }), 403, 'EKYC_CONSENT_OTHER_CLIENT')
  })

  it("refuses a consent for someone else's personal ID number", async () => {
    const consentToken = await consent(clientA, idTokenA)
    await expectRefused(
      await verify(clientA, {
        consentToken,
        personalId: other.profile.personalId,
        fullName: other.profile.fullName,
        birthDate: other.profile.birthDate,
      }),
      403,
      'EKYC_CONSENT_OTHER_PERSON',
    )
  })

  it('refuses unauthenticated relying parties and logs them too', async () => {
    const res = await verify(undefined, {})
    await expectRefused(res, 401, 'IDENTITY_CLIENT_UNAUTHENTICATED')
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="vneid"')
    expect((await lastLog()).clientId).toBeNull()
    await expectRefused(
      await verify({ client_id: 'hr-a', client_secret: 'guess' }, {}),
      401,
      'IDENTITY_CLIENT_UNAUTHENTICATED',
    )
  })

  it('grants consent only with an ID token issued to the calling relying party', async () => {
    const res = await post('/identity/consents', { idToken: idTokenA, purpose: PURPOSE }, clientB)
    expect(res.status).toBe(400)
    expect((await res.json().then(asJson)).code).toBe('IDENTITY_CONSENT_ID_TOKEN_INVALID')
    const noPurpose = await post('/identity/consents', { idToken: idTokenA, purpose: ' ' }, clientA)
    expect((await noPurpose.json().then(asJson)).code).toBe('IDENTITY_CONSENT_PURPOSE_INVALID')
    expect((await post('/identity/consents', { idToken: idTokenA, purpose: PURPOSE })).status).toBe(401)
  })

  // Last of the calls: its log entry is stamped with the advanced clock.
  it('refuses an expired consent', async () => {
    const consentToken = await consent(clientA, idTokenA)
    clock = DEFAULT_CONSENT_TTL_MS + 1_000
    await expectRefused(await verify(clientA, { consentToken }), 403, 'EKYC_CONSENT_EXPIRED')
  })

  it('logs every call: who, when, purpose, result, transaction reference', async () => {
    const { entries } = await (await fetch(`${base}/admin/identity/ekyc-log?limit=1000`)).json().then(asJson)
    // One entry per verify call made above: 1 + 2 + 2 + 1 + 1 + 1 + 1 + 2.
    expect(entries).toHaveLength(11)
    for (const e of entries) {
      expect(e.transactionRef).toMatch(/^[0-9a-f-]{36}$/)
      expect(Number.isNaN(Date.parse(e.at))).toBe(false)
      expect(['match', 'no_match', 'refused']).toContain(e.result)
    }
    expect(new Set(entries.map((e: { transactionRef: string }) => e.transactionRef)).size).toBe(
      entries.length,
    )
  })
})
