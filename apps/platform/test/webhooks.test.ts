// Webhook notices of decisions: the provider's endpoint setting, the outbox, and delivery signed with the
// Platform's key (RFC 7797 detached JWS), retried with backoff, given up on, claimed once.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { registerProblemHandlers } from '@elc/http'
import { enforceAccess, routeAccessTable } from '@elc/web-auth'
import Fastify, { type FastifyInstance } from 'fastify'
import {
  type CryptoKey,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  flattenedVerify,
  generateKeyPair,
  type JSONWebKeySet,
  SignJWT,
} from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { changeAgreementStatus } from '../src/providers/change-agreement-status.ts'
import { type ProvidersModule, registerProviders } from '../src/providers/index.ts'
import { addProviderKey } from '../src/providers/manage-provider-keys.ts'
import { registerProvider } from '../src/providers/register-provider.ts'
import {
  type DelivererOptions,
  enqueueDecisionNotice,
  RETRY_DELAYS_MS,
  registerWebhooks,
  retryDelay,
  WebhookDeliverer,
  type WebhooksDatabase,
} from '../src/webhooks/index.ts'

const ISSUER = 'https://nentang-hdld.test'

let database: Database<unknown>
let db: Kysely<WebhooksDatabase>
let app: FastifyInstance
let providers: ProvidersModule
let receiver: Receiver
const running: WebhookDeliverer[] = []

interface TestProvider {
  id: string
  kid: string
  privateKey: CryptoKey
}

interface Received {
  path: string
  headers: IncomingMessage['headers']
  body: Buffer
  at: number
}

/** The providers' endpoint on loopback: records every request; each path answers as the test says. */
class Receiver {
  readonly received: Received[] = []
  readonly answers = new Map<string, (n: number) => number | 'hang' | Promise<number>>()
  inFlight = 0
  maxInFlight = 0
  private readonly hanging: ServerResponse[] = []
  private server!: Server
  base = ''

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (c: Buffer) => chunks.push(c))
      request.on('end', async () => {
        const path = request.url ?? '/'
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks), at: Date.now() })
        const n = this.received.filter((r) => r.path === path).length
        this.inFlight++
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
        const answer = await (this.answers.get(path) ?? (() => 200))(n)
        this.inFlight--
        if (answer === 'hang') {
          this.hanging.push(response)
          return
        }
        response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok')
      })
    })
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path)
  }

  async close(): Promise<void> {
    for (const r of this.hanging) r.destroy()
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }
}

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  db = database.db as Kysely<WebhooksDatabase>
  app = Fastify()
  registerProblemHandlers(app)
  enforceAccess(app)
  providers = await registerProviders(app, { db: database.db, issuerUrl: ISSUER })
  await registerWebhooks(app, { db: database.db })
  await app.ready()
  receiver = new Receiver()
  await receiver.start()
})

afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()))
})

afterAll(async () => {
  await receiver?.close()
  await app?.close()
  await database?.close()
})

let taxCounter = 0

async function connectedProvider(): Promise<TestProvider> {
  const taxCode = `03${String(++taxCounter).padStart(8, '0')}`
  const now = new Date()
  const { provider } = await registerProvider(
    providers.repo,
    {
      name: `Công ty Hợp đồng Số ${taxCounter}`,
      taxCode,
      website: `https://${taxCode}.example.vn`,
      serviceName: 'Hợp đồng lao động điện tử',
      supportContact: 'hotro@example.vn',
      feeScheduleUrl: `https://${taxCode}.example.vn/bang-gia`,
      termsUrl: `https://${taxCode}.example.vn/dieu-khoan`,
    },
    'admin-test',
    now,
  )
  const pair = await generateKeyPair('ES256', { extractable: true })
  const kid = `${taxCode}-1`
  await addProviderKey(
    providers.repo,
    { providerId: provider.id, jwk: { ...(await exportJWK(pair.publicKey)), kid }, by: 'admin-test' },
    now,
  )
  await changeAgreementStatus(
    providers.repo,
    { providerId: provider.id, status: 'active', by: 'admin-test' },
    now,
  )
  return { id: provider.id, kid, privateKey: pair.privateKey }
}

async function accessToken(p: TestProvider, scope?: string): Promise<string> {
  const nowS = Math.floor(Date.now() / 1000)
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: p.kid })
    .setIssuer(p.id)
    .setSubject(p.id)
    .setAudience(providers.tokenEndpoint)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + 60)
    .setJti(randomUUID())
    .sign(p.privateKey)
  const response = await app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      ...(scope ? { scope } : {}),
    }).toString(),
  })
  expect(response.statusCode).toBe(200)
  return response.json().access_token
}

function putWebhook(token: string | undefined, payload: unknown) {
  return app.inject({
    method: 'PUT',
    url: '/v1/provider/webhook',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: payload as Record<string, unknown>,
  })
}

async function withWebhook(path: string): Promise<TestProvider> {
  const p = await connectedProvider()
  const set = await putWebhook(await accessToken(p), { url: `${receiver.base}${path}` })
  expect(set.statusCode).toBe(200)
  return p
}

/** What the decision transaction does: the notice commits with it. */
async function decided(p: TestProvider, submissionId = randomUUID(), enqueuedAt?: Date) {
  const body = {
    id: submissionId,
    kind: 'new',
    status: 'decided',
    decision: 'issued',
    contractId: 'A202600000001',
    reasons: [],
    findings: [],
    ledgerIndex: 7,
  }
  await database.db
    .transaction()
    .execute((trx) =>
      enqueueDecisionNotice(
        trx,
        { providerId: p.id, submissionId, event: 'submission.decided', body },
        ...(enqueuedAt ? [enqueuedAt] : []),
      ),
    )
  return { submissionId, body }
}

function deliverer(options: Partial<DelivererOptions> = {}): WebhookDeliverer {
  const d = new WebhookDeliverer({
    db: database.db,
    sign: providers.signDetached,
    intervalMs: 20,
    timeoutMs: 2_000,
    random: () => 0.5,
    ...options,
  })
  running.push(d)
  return d
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

function deliveryOf(submissionId: string) {
  return db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .executeTakeFirst()
}

function attemptsOf(deliveryId: string) {
  return db
    .selectFrom('webhook_attempt')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('attempt')
    .execute()
}

async function platformJwks(): Promise<JSONWebKeySet> {
  const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })
  expect(response.statusCode).toBe(200)
  return response.json()
}

/** What a provider does with a notice: the detached signature over the exact bytes it received. */
async function verifyNotice(signature: string, body: Uint8Array, jwks: JSONWebKeySet) {
  const [protectedHeader, payload, sig] = signature.split('.')
  expect(payload).toBe('')
  return flattenedVerify(
    { protected: protectedHeader as string, payload: body, signature: sig as string },
    createLocalJWKSet(jwks),
  )
}

describe('the provider’s webhook endpoint', () => {
  it('declares its access rules: write scope to set, read scope to read, the JWKS public', () => {
    const rules = Object.fromEntries(
      routeAccessTable(app)
        .filter((r) => r.url === '/v1/provider/webhook' || r.url === '/.well-known/jwks.json')
        .map((r) => [`${r.method} ${r.url}`, r.access]),
    )
    expect(rules).toEqual({
      'PUT /v1/provider/webhook': { provider: ['submissions:write'] },
      'GET /v1/provider/webhook': { provider: ['submissions:read'] },
      'GET /.well-known/jwks.json': { public: true },
    })
  })

  it('is set with https, or http to loopback only, and needs the write scope', async () => {
    const p = await connectedProvider()
    const token = await accessToken(p)

    expect((await putWebhook(undefined, { url: 'https://hooks.example.vn/elc' })).statusCode).toBe(401)
    const readOnly = await putWebhook(await accessToken(p, 'submissions:read'), {
      url: 'https://hooks.example.vn/elc',
    })
    expect(readOnly.statusCode).toBe(403)
    expect(readOnly.headers['www-authenticate']).toContain('insufficient_scope')

    for (const url of [
      'http://hooks.example.vn/elc',
      'http://10.0.0.5/elc',
      'ftp://hooks.example.vn/elc',
      'https://user:secret@hooks.example.vn/elc',
      'https://hooks.example.vn/elc#x',
      'khong-phai-url',
      `https://hooks.example.vn/${'a'.repeat(2000)}`,
      42,
    ]) {
      const refused = await putWebhook(token, { url })
      expect(refused.statusCode, String(url)).toBe(400)
      expect(refused.json()).toMatchObject({ code: 'WEBHOOK_URL_INVALID' })
      expect(refused.headers['content-type']).toContain('application/problem+json')
    }
    expect((await putWebhook(token, {})).json()).toMatchObject({ code: 'WEBHOOK_URL_INVALID' })
    expect((await putWebhook(token, ['https://a.vn'])).json()).toMatchObject({ code: 'WEBHOOK_URL_INVALID' })

    const readToken = await accessToken(p, 'submissions:read')
    const none = await app.inject({
      method: 'GET',
      url: '/v1/provider/webhook',
      headers: { authorization: `Bearer ${readToken}` },
    })
    expect(none.statusCode).toBe(404)
    expect(none.json()).toMatchObject({ code: 'WEBHOOK_NOT_SET' })

    for (const url of [
      'https://hooks.example.vn/elc',
      'http://localhost:9000/elc',
      'http://127.0.0.1:9000/elc',
    ]) {
      const set = await putWebhook(token, { url })
      expect(set.statusCode, url).toBe(200)
      expect(set.json().url).toBe(url)
    }
    const got = await app.inject({
      method: 'GET',
      url: '/v1/provider/webhook',
      headers: { authorization: `Bearer ${readToken}` },
    })
    expect(got.statusCode).toBe(200)
    expect(got.json().url).toBe('http://127.0.0.1:9000/elc')
    // Each provider sees only its own.
    const other = await connectedProvider()
    const theirs = await app.inject({
      method: 'GET',
      url: '/v1/provider/webhook',
      headers: { authorization: `Bearer ${await accessToken(other)}` },
    })
    expect(theirs.statusCode).toBe(404)
  })
})

describe('delivering decision notices', () => {
  it('sends the decision signed over its exact bytes; the signature verifies with the published JWKS', async () => {
    const p = await withWebhook('/signed')
    const { submissionId, body } = await decided(p)
    deliverer()
    await until(async () => (await deliveryOf(submissionId))?.status === 'delivered')

    const [notice] = receiver.at('/signed')
    expect(receiver.at('/signed')).toHaveLength(1)
    const n = notice as Received
    expect(n.headers['content-type']).toBe('application/json')
    expect(n.headers['elc-event']).toBe('submission.decided')
    const envelope = JSON.parse(n.body.toString('utf8'))
    expect(envelope).toMatchObject({
      id: n.headers['elc-delivery'],
      event: 'submission.decided',
      submission: body,
      receipt: `/v1/submissions/${submissionId}/receipt`,
    })

    const signature = String(n.headers['elc-signature'])
    const jwks = await platformJwks()
    expect(decodeProtectedHeader(signature)).toEqual({
      alg: 'ES256',
      kid: jwks.keys[0]?.kid,
      b64: false,
      crit: ['b64'],
    })
    const verified = await verifyNotice(signature, n.body, jwks)
    expect(Buffer.from(verified.payload).equals(n.body)).toBe(true)

    // One byte changed, or the same JSON re-serialised with other spacing: the signature no longer holds.
    const tampered = Buffer.from(n.body.toString('utf8').replace('A202600000001', 'A202600000002'))
    await expect(verifyNotice(signature, tampered, jwks)).rejects.toThrow()
    const reformatted = Buffer.from(JSON.stringify(envelope, null, 1))
    await expect(verifyNotice(signature, reformatted, jwks)).rejects.toThrow()

    const delivery = await deliveryOf(submissionId)
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, locked_until: null })
    const attempts = await attemptsOf(delivery?.id as string)
    expect(attempts.map((a) => [a.attempt, a.status_code, a.error])).toEqual([[1, 200, null]])
  })

  it('retries an endpoint answering 503 with growing delays, then records the delivery', async () => {
    receiver.answers.set('/flaky', (n) => (n <= 2 ? 503 : 200))
    const p = await withWebhook('/flaky')
    const { submissionId } = await decided(p)
    deliverer({ retryDelaysMs: [150, 600] })
    await until(async () => (await deliveryOf(submissionId))?.status === 'delivered')

    const got = receiver.at('/flaky')
    expect(got).toHaveLength(3)
    // The same notice each time: same id, same bytes.
    expect(new Set(got.map((r) => r.headers['elc-delivery'])).size).toBe(1)
    expect(got.every((r) => r.body.equals(got[0]?.body as Buffer))).toBe(true)
    const [t1, t2, t3] = got.map((r) => r.at) as [number, number, number]
    expect(t2 - t1).toBeGreaterThanOrEqual(140)
    expect(t3 - t2).toBeGreaterThanOrEqual(590)
    expect(t3 - t2).toBeGreaterThan(t2 - t1)

    const delivery = await deliveryOf(submissionId)
    const attempts = await attemptsOf(delivery?.id as string)
    expect(attempts.map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ])
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, last_error: null })
  })

  it('gives up on an endpoint that never answers once the window has run out, and marks it failed', async () => {
    receiver.answers.set('/silent', () => 'hang')
    const p = await withWebhook('/silent')
    // Enqueued as if almost 24 hours ago: the window has 2.5 s left (room for a few attempts on a busy machine).
    const { submissionId } = await decided(p, randomUUID(), new Date(Date.now() - 24 * 3_600_000 + 2_500))
    deliverer({ timeoutMs: 150, retryDelaysMs: [50, 100] })
    await until(async () => (await deliveryOf(submissionId))?.status === 'failed')

    const delivery = await deliveryOf(submissionId)
    const attempts = await attemptsOf(delivery?.id as string)
    expect(attempts.length).toBeGreaterThanOrEqual(2)
    expect(receiver.at('/silent').length).toBe(attempts.length)
    for (const a of attempts) expect(a).toMatchObject({ status_code: null, error: 'no answer within 150 ms' })
    expect(delivery).toMatchObject({
      status: 'failed',
      last_error: 'no answer within 150 ms',
      locked_until: null,
    })
    // Failed is final: nothing more is sent.
    const sent = receiver.at('/silent').length
    await new Promise((r) => setTimeout(r, 300))
    expect(receiver.at('/silent').length).toBe(sent)
  })

  it('records and sends nothing for a provider without a webhook', async () => {
    const p = await connectedProvider()
    const before = receiver.received.length
    const { submissionId } = await decided(p)
    expect(await deliveryOf(submissionId)).toBeUndefined()
    deliverer()
    await new Promise((r) => setTimeout(r, 200))
    expect(receiver.received.length).toBe(before)
  })

  it('sends each notice once across two deliverers, never more than their limit in flight', async () => {
    receiver.answers.set('/slow', () => new Promise((r) => setTimeout(() => r(200), 80)))
    receiver.maxInFlight = 0
    const p = await withWebhook('/slow')
    const ids: string[] = []
    for (let i = 0; i < 12; i++) ids.push((await decided(p)).submissionId)
    deliverer({ concurrency: 2 })
    deliverer({ concurrency: 2 })
    await until(async () => {
      const rows = await db
        .selectFrom('webhook_delivery')
        .select('status')
        .where('submission_id', 'in', ids)
        .execute()
      return rows.every((r) => r.status === 'delivered')
    })
    const got = receiver.at('/slow')
    expect(got).toHaveLength(12)
    expect(new Set(got.map((r) => r.headers['elc-delivery'])).size).toBe(12)
    expect(receiver.maxInFlight).toBeLessThanOrEqual(4)
    expect(receiver.maxInFlight).toBeGreaterThan(1)
  })

  it('stopping mid-request hands the attempt back uncounted, for the next start', async () => {
    receiver.answers.set('/stopped', () => 'hang')
    const p = await withWebhook('/stopped')
    const { submissionId } = await decided(p)
    const d = deliverer({ timeoutMs: 5_000 })
    await until(() => receiver.at('/stopped').length === 1)
    await d.stop()
    const delivery = await deliveryOf(submissionId)
    expect(delivery).toMatchObject({ status: 'pending', attempts: 0, locked_until: null, claim_token: null })
    expect(await attemptsOf(delivery?.id as string)).toEqual([])
    // Failing it by hand keeps later tests' deliverers from sending it again.
    await db
      .updateTable('webhook_delivery')
      .set({ status: 'failed' })
      .where('id', '=', delivery?.id as string)
      .execute()
  })

  it('a decision enqueued twice (a retried transaction) makes one notice', async () => {
    const p = await withWebhook('/once')
    const { submissionId } = await decided(p)
    await decided(p, submissionId)
    const rows = await db
      .selectFrom('webhook_delivery')
      .select('id')
      .where('submission_id', '=', submissionId)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('a notice rolled back with its decision is never sent', async () => {
    const p = await withWebhook('/rolled-back')
    const submissionId = randomUUID()
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueDecisionNotice(trx, {
          providerId: p.id,
          submissionId,
          event: 'submission.decided',
          body: {},
        })
        throw new Error('the decision failed')
      }),
    ).rejects.toThrow('the decision failed')
    expect(await deliveryOf(submissionId)).toBeUndefined()
  })
})

describe('the retry schedule', () => {
  it('grows from 5 s to a 1-hour cap, jittered by ±20 %, and covers the 24-hour window', () => {
    const exact = [1, 2, 3, 4, 5, 6, 20].map((n) => retryDelay(n, RETRY_DELAYS_MS, () => 0.5, 0.2))
    expect(exact).toEqual([5_000, 30_000, 120_000, 600_000, 3_600_000, 3_600_000, 3_600_000])
    expect(retryDelay(1, RETRY_DELAYS_MS, () => 0, 0.2)).toBe(4_000)
    expect(retryDelay(1, RETRY_DELAYS_MS, () => 1, 0.2)).toBe(6_000)
    let elapsed = 0
    let attempts = 1
    while (elapsed + retryDelay(attempts, RETRY_DELAYS_MS, () => 0.5, 0.2) <= 24 * 3_600_000)
      elapsed += retryDelay(attempts++, RETRY_DELAYS_MS, () => 0.5, 0.2)
    expect(attempts).toBeGreaterThan(20)
  })
})
