// The outbox: a notice is a row written in the same transaction as the decision it tells of, so a decision
// and its notice commit together or not at all; the deliverer sends it afterwards.
import { randomUUID } from 'node:crypto'
import type { Kysely } from '@elc/db'
import type { WebhooksDatabase } from './schema.ts'

export const WEBHOOK_EVENTS = ['submission.decided'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** R1.31's window: past it the notice is marked failed and the provider relies on polling. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000

export interface DecisionNotice {
  providerId: string
  submissionId: string
  event: WebhookEvent
  /** The submission as GET /v1/submissions/:id returns it (id, status, decision, contractId, reasons, …). */
  body: object
}

/**
 * What the provider receives. The receipt (inclusion proof and checkpoint) is not in it: a checkpoint
 * covering the entry may be published only after the decision, so the provider fetches it by polling
 * `receipt` (GET /v1/submissions/:id/receipt), which answers once one does.
 */
export interface NoticeEnvelope {
  /** Also the ELC-Delivery header: the same id on every retry, for the receiver to drop repeats. */
  id: string
  event: WebhookEvent
  createdAt: string
  submission: object
  receipt: string
}

/**
 * Records a notice for the provider's webhook inside `trx`. A provider without a webhook gets no row: it
 * learns of the decision by polling, and setting a webhook later does not replay past decisions. A
 * second notice of the same event for the same submission is ignored (the decision is made once).
 */
export async function enqueueDecisionNotice(
  trx: Kysely<unknown>,
  notice: DecisionNotice,
  now: Date = new Date(),
): Promise<void> {
  const db = trx as Kysely<WebhooksDatabase>
  const endpoint = await db
    .selectFrom('provider_webhook')
    .select('provider_id')
    .where('provider_id', '=', notice.providerId)
    .executeTakeFirst()
  if (!endpoint) return
  const id = randomUUID()
  const envelope: NoticeEnvelope = {
    id,
    event: notice.event,
    createdAt: now.toISOString(),
    submission: notice.body,
    receipt: `/v1/submissions/${encodeURIComponent(notice.submissionId)}/receipt`,
  }
  await db
    .insertInto('webhook_delivery')
    .values({
      id,
      provider_id: notice.providerId,
      submission_id: notice.submissionId,
      event: notice.event,
      payload: JSON.stringify(envelope),
      status: 'pending',
      attempts: 0,
      created_at: now,
      next_attempt_at: now,
      give_up_at: new Date(now.getTime() + GIVE_UP_AFTER_MS),
      locked_until: null,
      claim_token: null,
      delivered_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.columns(['submission_id', 'event']).doNothing())
    .execute()
}
