// Webhook notices to providers: each provider's endpoint, the outbox written with each decision, and the
// deliverer that sends the notices signed by the Platform.
import type { Kysely } from '@elc/db'
import type { FastifyInstance } from 'fastify'
import { webhookRoutes } from './routes.ts'
import { migrateWebhooks, type WebhooksDatabase } from './schema.ts'

export { type DelivererOptions, RETRY_DELAYS_MS, retryDelay, WebhookDeliverer } from './deliverer.ts'
export {
  type DecisionNotice,
  enqueueDecisionNotice,
  GIVE_UP_AFTER_MS,
  type NoticeEnvelope,
  WEBHOOK_EVENTS,
  type WebhookEvent,
} from './outbox.ts'
export { migrateWebhooks, type WebhooksDatabase, webhookMigrations } from './schema.ts'
export { checkWebhookUrl } from './webhook-url.ts'

/** Creates the tables and the provider's routes. After registerProviders: its tables and token check. */
export async function registerWebhooks(
  app: FastifyInstance,
  options: { db: Kysely<unknown>; now?: () => Date },
): Promise<void> {
  await migrateWebhooks(options.db)
  webhookRoutes(app, {
    db: options.db as Kysely<WebhooksDatabase>,
    now: options.now ?? (() => new Date()),
  })
}
