// Tables of webhook notices: each provider's endpoint, the outbox of notices, and every attempt to deliver one.
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface ProviderWebhookTable {
  provider_id: string
  url: string
  updated_at: Date
}

export interface WebhookDeliveryTable {
  id: string
  provider_id: string
  submission_id: string
  event: string
  /** The exact JSON sent, fixed at enqueue: every attempt sends, and signs, the same bytes. */
  payload: string
  status: DeliveryStatus
  attempts: number
  created_at: Date
  next_attempt_at: Date
  /** After this the notice is marked failed; the provider can still poll (R1.31's 24 hours). */
  give_up_at: Date
  /** A claim: who holds the attempt in progress, and until when (a crashed holder's claim runs out). */
  locked_until: Date | null
  claim_token: string | null
  delivered_at: Date | null
  last_error: string | null
}

export interface WebhookAttemptTable {
  delivery_id: string
  attempt: number
  at: Date
  status_code: number | null
  error: string | null
  duration_ms: number
}

export interface WebhooksDatabase {
  provider_webhook: ProviderWebhookTable
  webhook_delivery: WebhookDeliveryTable
  webhook_attempt: WebhookAttemptTable
}

export const webhookMigrations: Record<string, Migration> = {
  'webhooks-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table provider_webhook (
          provider_id text primary key references provider (id),
          url text not null,
          updated_at timestamptz not null
        );
        create table webhook_delivery (
          id text primary key,
          provider_id text not null,
          submission_id text not null,
          event text not null,
          payload text not null,
          status text not null check (status in ('pending', 'delivered', 'failed')),
          attempts integer not null default 0,
          created_at timestamptz not null,
          next_attempt_at timestamptz not null,
          give_up_at timestamptz not null,
          locked_until timestamptz,
          claim_token text,
          delivered_at timestamptz,
          last_error text,
          unique (submission_id, event)
        );
        create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
        create table webhook_attempt (
          delivery_id text not null references webhook_delivery (id),
          attempt integer not null,
          at timestamptz not null,
          status_code integer,
          error text,
          duration_ms integer not null,
          primary key (delivery_id, attempt)
        );
      `.execute(db)
    },
  },
}

/** After the providers' migrations: the endpoint table references `provider`. */
export function migrateWebhooks(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, webhookMigrations, { module: 'webhooks' })
}
