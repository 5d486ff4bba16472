// Sends the outbox's notices to the providers' webhooks: signed with the Platform's key, retried with
// exponential backoff and jitter until delivered or R1.31's 24 hours have run out, at most `concurrency`
// requests in flight. Delivery is at least once: a receiver drops repeats by the ELC-Delivery id.
//
// Claims: a round takes due rows with `for update skip locked` and stamps them with `locked_until` and its
// own `claim_token`, so two deliverers (in one process or several, over the same PostgreSQL) never send the
// same attempt at once. Outcomes are written only while the token still matches; if a holder dies or
// overruns its lease, another deliverer may send that attempt again after `locked_until`.
import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from '@elc/db'
import { BackgroundLoop } from '@elc/http'
import type { FastifyBaseLogger } from 'fastify'
import type { WebhooksDatabase } from './schema.ts'

/** Delay before the 2nd, 3rd, … attempt; the last one repeats until the notice gives up. */
export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000]

export interface DelivererOptions {
  db: Kysely<unknown>
  /** Detached JWS over the body's exact bytes (ProvidersModule.signDetached). */
  sign: (payload: Uint8Array) => Promise<string>
  log?: Pick<FastifyBaseLogger, 'error' | 'warn'>
  now?: () => Date
  random?: () => number
  retryDelaysMs?: readonly number[]
  /** Each delay is spread by ± this fraction, so receivers that failed together are not retried together. */
  jitter?: number
  /** Per request: a receiver that has not answered by then counts as a failed attempt. */
  timeoutMs?: number
  concurrency?: number
  /** How often due retries are looked for when nothing kicks the deliverer. */
  intervalMs?: number
}

interface Claimed {
  id: string
  event: string
  payload: string
  attempts: number
  give_up_at: Date
  url: string
}

export function retryDelay(
  attempt: number,
  delays: readonly number[],
  random: () => number,
  jitter: number,
): number {
  const base = delays[Math.min(attempt, delays.length) - 1] ?? delays[delays.length - 1] ?? 0
  return Math.round(base * (1 - jitter + 2 * jitter * random()))
}

export class WebhookDeliverer {
  private readonly db: Kysely<WebhooksDatabase>
  private readonly now: () => Date
  private readonly random: () => number
  private readonly delays: readonly number[]
  private readonly jitter: number
  private readonly timeoutMs: number
  private readonly concurrency: number
  private readonly loop: BackgroundLoop
  private readonly aborted = new AbortController()
  private readonly inFlight = new Set<Promise<void>>()

  constructor(private readonly options: DelivererOptions) {
    this.db = options.db as Kysely<WebhooksDatabase>
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
    this.delays = options.retryDelaysMs ?? RETRY_DELAYS_MS
    this.jitter = options.jitter ?? 0.2
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.concurrency = options.concurrency ?? 8
    this.loop = new BackgroundLoop(() => this.fill(), options.intervalMs ?? 1_000)
    this.loop.kick()
  }

  /** Looks for due notices now, or right after the look in progress. */
  kick(): void {
    this.loop.kick()
  }

  /** Stops claiming, cancels the requests in flight and gives their claims back, unattempted. */
  async stop(): Promise<void> {
    const stopping = this.loop.stop()
    this.aborted.abort()
    await stopping
    await Promise.allSettled([...this.inFlight])
  }

  private async fill(): Promise<void> {
    const free = this.concurrency - this.inFlight.size
    if (free <= 0) return
    try {
      const token = randomUUID()
      const claimed = await this.claim(free, token)
      for (const delivery of claimed) {
        const sending: Promise<void> = this.attempt(delivery, token)
          .catch((err) => this.options.log?.error({ err, delivery: delivery.id }, 'webhook attempt failed'))
          .finally(() => {
            this.inFlight.delete(sending)
            this.kick()
          })
        this.inFlight.add(sending)
      }
    } catch (err) {
      // Nothing claimed, or the claim is left to run out: the next round tries again.
      this.options.log?.error({ err }, 'claiming webhook notices failed; will retry')
    }
  }

  private async claim(limit: number, token: string): Promise<Claimed[]> {
    const now = this.now()
    // Longer than any request, so a live holder's claim never runs out under it.
    const lease = new Date(now.getTime() + this.timeoutMs + 30_000)
    const { rows } = await sql<Claimed>`
      update webhook_delivery d
      set locked_until = ${lease}, claim_token = ${token}, attempts = d.attempts + 1
      from provider_webhook w
      where w.provider_id = d.provider_id and d.id in (
        select id from webhook_delivery
        where status = 'pending' and next_attempt_at <= ${now}
          and (locked_until is null or locked_until <= ${now})
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      )
      returning d.id, d.event, d.payload, d.attempts, d.give_up_at, w.url
    `.execute(this.db)
    return rows
  }

  private async attempt(delivery: Claimed, token: string): Promise<void> {
    const body = new TextEncoder().encode(delivery.payload)
    const at = this.now()
    const started = performance.now()
    let statusCode: number | null = null
    let error: string | null = null
    // A timer of our own: a signal from AbortSignal.timeout() held only through AbortSignal.any() can be
    // garbage-collected before it fires, leaving the request hanging.
    const request = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      request.abort()
    }, this.timeoutMs)
    const onStop = () => request.abort()
    this.aborted.signal.addEventListener('abort', onStop, { once: true })
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ELC-Platform-Webhooks',
          'ELC-Signature': await this.options.sign(body),
          'ELC-Delivery': delivery.id,
          'ELC-Event': delivery.event,
        },
        // A redirect is not a delivery: following it could send the notice somewhere the provider never set.
        redirect: 'manual',
        signal: request.signal,
      })
      statusCode = response.status
      await response.body?.cancel()
    } catch (err) {
      if (this.aborted.signal.aborted) return this.release(delivery, token)
      error = timedOut ? `no answer within ${this.timeoutMs} ms` : describe(err)
    } finally {
      clearTimeout(timer)
      this.aborted.signal.removeEventListener('abort', onStop)
    }
    const durationMs = Math.round(performance.now() - started)
    const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300
    const outcome = error ?? `HTTP ${statusCode}`
    const retryAt = new Date(
      this.now().getTime() + retryDelay(delivery.attempts, this.delays, this.random, this.jitter),
    )
    const givesUp = !delivered && retryAt > delivery.give_up_at
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempt')
        .values({
          delivery_id: delivery.id,
          attempt: delivery.attempts,
          at,
          status_code: statusCode,
          error,
          duration_ms: durationMs,
        })
        .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
        .execute()
      await trx
        .updateTable('webhook_delivery')
        .set(
          delivered
            ? { status: 'delivered', delivered_at: this.now(), last_error: null }
            : givesUp
              ? { status: 'failed', last_error: outcome }
              : { next_attempt_at: retryAt, last_error: outcome },
        )
        .set({ locked_until: null, claim_token: null })
        .where('id', '=', delivery.id)
        .where('claim_token', '=', token)
        .execute()
    })
    if (givesUp)
      this.options.log?.warn(
        { delivery: delivery.id, attempts: delivery.attempts, lastError: outcome },
        'webhook notice not delivered within its window; the provider must poll',
      )
  }

  /** Stopped mid-request: the attempt is handed back uncounted, to be made again after a restart. */
  private async release(delivery: Claimed, token: string): Promise<void> {
    await this.db
      .updateTable('webhook_delivery')
      .set((eb) => ({
        locked_until: null,
        claim_token: null,
        attempts: eb('attempts', '-', 1),
      }))
      .where('id', '=', delivery.id)
      .where('claim_token', '=', token)
      .execute()
  }
}

function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } }
  return String(e.cause?.code ?? e.cause?.message ?? e.message ?? err).slice(0, 500)
}
