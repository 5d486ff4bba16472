// Prometheus metrics at GET /metrics: the process, every HTTP request by route pattern, and the submission
// pipeline (accepted, decided, waiting, time from receipt to decision against the 24-hour clock of R1.31).
//
// Access: the route is public to the access hook (no VNeID role or provider scope fits a scraper). It holds
// no personal data, only volumes and latencies; production keeps it on the operator's network, and `token`
// adds a shared bearer secret (Prometheus `authorization` config) where that network is not private enough.
import { createHash, timingSafeEqual } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

export type Decision = 'issued' | 'attached' | 'refused'

export interface PlatformMetrics {
  registry: Registry
  httpRequests: Counter<'method' | 'route' | 'status'>
  httpDuration: Histogram<'method' | 'route' | 'status'>
  /** +1 when a submission is 202-accepted (not on an idempotent replay). */
  submissionsAccepted: Counter<'kind'>
  /** +1 per decision, by its outcome. */
  submissionsDecided: Counter<'decision'>
  /** Accepted and not yet decided, read at each scrape from `countWaiting`'s source. */
  submissionsWaiting: Gauge
  /** Seconds from receipt to decision. */
  decisionSeconds: Histogram<'decision'>
  /** Sets where the waiting gauge reads from (the submissions service exists after the metrics). */
  countWaiting(source: () => number | Promise<number>): void
  /** Counts one decision and observes its delay. */
  decided(decision: Decision, receivedAt: Date, decidedAt?: Date): void
}

export interface MetricsOptions {
  /** Defaults to a registry of this app's own, so several apps in one process do not share series. */
  registry?: Registry
  /** When set, scrapes must send `Authorization: Bearer <token>`. */
  token?: string
  /** Source of the waiting gauge; also settable later with `countWaiting`. */
  waiting?: () => number | Promise<number>
}

/** Route label of requests no route matched: never the raw URL, which would make a series per probe. */
export const UNMATCHED_ROUTE = '(unmatched)'

/** Adds GET /metrics and the request hook (which counts every route of the app, child scopes included). */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions = {}): PlatformMetrics {
  const registry = options.registry ?? new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]

  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  })
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers,
  })
  const submissionsAccepted = new Counter({
    name: 'elc_submissions_accepted_total',
    help: 'Submissions accepted (202), by kind',
    labelNames: ['kind'] as const,
    registers,
  })
  const submissionsDecided = new Counter({
    name: 'elc_submissions_decided_total',
    help: 'Submissions decided, by decision',
    labelNames: ['decision'] as const,
    registers,
  })
  let waiting = options.waiting
  const submissionsWaiting = new Gauge({
    name: 'elc_submissions_waiting',
    help: 'Submissions accepted and not yet decided',
    registers,
    async collect() {
      if (waiting) this.set(await waiting())
    },
  })
  // Up to the R1.31 deadline of 24 hours, so a slow backlog shows in the buckets rather than beyond them.
  const decisionSeconds = new Histogram({
    name: 'elc_decision_seconds',
    help: 'Seconds from receiving a submission to deciding it',
    labelNames: ['decision'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600, 6 * 3600, 24 * 3600],
    registers,
  })

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE),
      status: String(reply.statusCode),
    }
    httpRequests.inc(labels)
    httpDuration.observe(labels, reply.elapsedTime / 1000)
  })

  const expected = options.token ? digest(`Bearer ${options.token}`) : undefined
  app.get('/metrics', { config: { access: { public: true } } }, async (request, reply) => {
    if (expected && !timingSafeEqual(digest(request.headers.authorization ?? ''), expected))
      throw new ElcError(
        'METRICS_TOKEN_REQUIRED',
        text('Cần mã truy cập để đọc số liệu giám sát.', 'A bearer token is required to read the metrics.'),
        { status: 401 },
      )
    return reply.type(registry.contentType).send(await registry.metrics())
  })

  return {
    registry,
    httpRequests,
    httpDuration,
    submissionsAccepted,
    submissionsDecided,
    submissionsWaiting,
    decisionSeconds,
    countWaiting(source) {
      waiting = source
    },
    decided(decision, receivedAt, decidedAt = new Date()) {
      submissionsDecided.inc({ decision })
      decisionSeconds.observe({ decision }, Math.max(0, (decidedAt.getTime() - receivedAt.getTime()) / 1000))
    },
  }
}

// Equal-length digests, so the comparison takes the same time whatever the caller sent.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
