// A provider's own webhook endpoint: set with the write scope, read with the read scope. The provider id
// comes from the access token, never from the request.
import type { Kysely } from '@elc/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { webhookNotSet, webhookUrlInvalid } from './errors.ts'
import type { WebhooksDatabase } from './schema.ts'
import { checkWebhookUrl } from './webhook-url.ts'

export const WEBHOOK_WRITE = { config: { access: { provider: ['submissions:write'] } } } as const
export const WEBHOOK_READ = { config: { access: { provider: ['submissions:read'] } } } as const

export function webhookRoutes(
  app: FastifyInstance,
  { db, now }: { db: Kysely<WebhooksDatabase>; now: () => Date },
): void {
  // Checked in the handler rather than by a route schema: validation would run before the access hook, and
  // a caller without a token must get 401, not a description of the body.
  app.put('/v1/provider/webhook', WEBHOOK_WRITE, async (request) => {
    const body = request.body
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw webhookUrlInvalid('cần thân JSON { "url": … }', 'send a JSON body { "url": … }')
    const url = checkWebhookUrl((body as { url?: unknown }).url)
    const at = now()
    await db
      .insertInto('provider_webhook')
      .values({ provider_id: providerOf(request), url, updated_at: at })
      .onConflict((oc) => oc.column('provider_id').doUpdateSet({ url, updated_at: at }))
      .execute()
    return { url, updatedAt: at.toISOString() }
  })

  app.get('/v1/provider/webhook', WEBHOOK_READ, async (request) => {
    const row = await db
      .selectFrom('provider_webhook')
      .select(['url', 'updated_at'])
      .where('provider_id', '=', providerOf(request))
      .executeTakeFirst()
    if (!row) throw webhookNotSet()
    return { url: row.url, updatedAt: row.updated_at.toISOString() }
  })
}

function providerOf(request: FastifyRequest): string {
  const provider = request.provider
  if (!provider) throw new Error('a provider route ran without a provider token')
  return provider.providerId
}
