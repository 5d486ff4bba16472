// GET /metrics: Prometheus text with the process metrics, requests labelled by route pattern (never the raw
// URL), the submission pipeline's counters, gauge and histogram, and the optional bearer secret.
import { createDatabase, type Database } from '@elc/db'
import { registerProblemHandlers } from '@elc/http'
import { generateNoteKey } from '@elc/ledger'
import { enforceAccess, routeAccessTable } from '@elc/web-auth'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'
import { type PlatformMetrics, registerMetrics, UNMATCHED_ROUTE } from '../src/metrics/index.ts'

const PUBLIC = { config: { access: { public: true as const } } }

function bareApp(options: Parameters<typeof registerMetrics>[1] = {}) {
  const app = Fastify()
  registerProblemHandlers(app)
  enforceAccess(app)
  const metrics = registerMetrics(app, options)
  app.get<{ Params: { id: string } }>('/v1/things/:id', PUBLIC, async (request) => ({
    id: request.params.id,
  }))
  return { app, metrics }
}

const scrape = async (app: FastifyInstance, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/metrics', headers })

/** The value of one sample line, e.g. `name{a="b"}`; undefined when absent. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('metrics', () => {
  let app: FastifyInstance
  let metrics: PlatformMetrics
  beforeAll(async () => {
    ;({ app, metrics } = bareApp())
    // Routes of an encapsulated scope are counted too.
    await app.register(async (scope) => {
      scope.post('/scoped', PUBLIC, async () => ({ ok: true }))
    })
    await app.ready()
  })
  afterAll(() => app.close())

  it('serves Prometheus text with the default process metrics, under a declared access rule', async () => {
    const response = await scrape(app)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(response.body).toContain('process_cpu_seconds_total')
    expect(response.body).toContain('nodejs_heap_size_used_bytes')
    expect(routeAccessTable(app)).toContainEqual({ method: 'GET', url: '/metrics', access: { public: true } })
  })

  it('labels requests by method, route pattern and status, never the raw URL', async () => {
    for (const id of ['a1', 'b2', 'c3']) await app.inject({ method: 'GET', url: `/v1/things/${id}` })
    await app.inject({ method: 'GET', url: '/no/such/path/4711' })
    await app.inject({ method: 'POST', url: '/scoped' })
    const body = (await scrape(app)).body
    expect(sample(body, 'http_requests_total{method="GET",route="/v1/things/:id",status="200"}')).toBe(3)
    expect(sample(body, `http_requests_total{method="GET",route="${UNMATCHED_ROUTE}",status="404"}`)).toBe(1)
    expect(sample(body, 'http_requests_total{method="POST",route="/scoped",status="200"}')).toBe(1)
    expect(
      sample(body, 'http_request_duration_seconds_count{method="GET",route="/v1/things/:id",status="200"}'),
    ).toBe(3)
    expect(body).not.toContain('a1')
    expect(body).not.toContain('4711')
  })

  it('exposes the submission pipeline: accepted, decided, waiting and the time to decide', async () => {
    let waiting = 7
    metrics.countWaiting(async () => waiting)
    metrics.submissionsAccepted.inc({ kind: 'new' })
    metrics.submissionsAccepted.inc({ kind: 'new' })
    const received = new Date('2026-03-01T08:00:00Z')
    metrics.decided('issued', received, new Date(received.getTime() + 1_500))
    metrics.decided('refused', received, new Date(received.getTime() + 40_000))
    let body = (await scrape(app)).body
    expect(sample(body, 'elc_submissions_accepted_total{kind="new"}')).toBe(2)
    expect(sample(body, 'elc_submissions_decided_total{decision="issued"}')).toBe(1)
    expect(sample(body, 'elc_submissions_decided_total{decision="refused"}')).toBe(1)
    expect(sample(body, 'elc_submissions_waiting')).toBe(7)
    expect(sample(body, 'elc_decision_seconds_bucket{le="2",decision="issued"}')).toBe(1)
    expect(sample(body, 'elc_decision_seconds_bucket{le="30",decision="refused"}')).toBe(0)
    expect(sample(body, 'elc_decision_seconds_sum{decision="refused"}')).toBe(40)
    waiting = 0
    body = (await scrape(app)).body
    expect(sample(body, 'elc_submissions_waiting')).toBe(0)
  })

  it('with a token, refuses a scrape without it as problem+json', async () => {
    const { app: guarded } = bareApp({ token: 'bi-mat-giam-sat' })
    await guarded.ready()
    try {
      const refused = await scrape(guarded)
      expect(refused.statusCode).toBe(401)
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(refused.json()).toMatchObject({
        code: 'METRICS_TOKEN_REQUIRED',
        messages: { vi: expect.any(String) },
      })
      expect((await scrape(guarded, { authorization: 'Bearer sai' })).statusCode).toBe(401)
      const ok = await scrape(guarded, { authorization: 'Bearer bi-mat-giam-sat' })
      expect(ok.statusCode).toBe(200)
      expect(ok.body).toContain('http_requests_total')
    } finally {
      await guarded.close()
    }
  })
})

describe('metrics on the Platform', () => {
  let database: Database<unknown>
  let ledger: PlatformLedger
  let app: Awaited<ReturnType<typeof buildPlatform>>
  beforeAll(async () => {
    database = await createDatabase({ url: 'memory://' })
    ledger = await openPlatformLedger(database, {
      origin: 'nentang-hdld.test/ledger',
      signerKey: generateNoteKey('nentang-hdld.test').signerKey,
      keyFile: '/nonexistent',
    })
    app = await buildPlatform({ database, ledger })
    if (!routeAccessTable(app).some((r) => r.url === '/metrics')) registerMetrics(app, { token: 'bi-mat' })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await ledger?.close()
    await database?.close()
  })

  it('counts the Platform’s routes by pattern; the scraper’s bearer secret is no provider token', async () => {
    await app.inject({ method: 'GET', url: '/ledger/tile/0/000' })
    await app.inject({ method: 'GET', url: '/health' })
    const response = await scrape(app, { authorization: 'Bearer bi-mat' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toMatch(/http_requests_total\{method="GET",route="\/ledger\/\*",status="\d+"\} 1/)
    expect(sample(response.body, 'http_requests_total{method="GET",route="/health",status="200"}')).toBe(1)
  })
})
