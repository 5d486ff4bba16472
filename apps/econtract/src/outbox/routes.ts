// The provider's operations view of the outbox: a page and its JSON, for the provider's operators signed
// in at level 2 (they see document references and the Platform's reasons, no personal data).
import type { Access } from '@elc/web-auth'
import type { FastifyInstance } from 'fastify'
import { ECONTRACT_NAME } from '../name.ts'
import { operationsPage } from './operations-page.ts'
import type { PlatformOutbox } from './platform-outbox.ts'

export const PROVIDER_OPERATOR = {
  config: { access: { roles: ['provider-operator'], level: 2 } satisfies Access },
} as const

export function outboxRoutes(app: FastifyInstance, deps: { outbox: PlatformOutbox; now?: () => Date }): void {
  const now = () => deps.now?.() ?? new Date()
  app.get('/operations', PROVIDER_OPERATOR, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(operationsPage(ECONTRACT_NAME, await deps.outbox.operationsView(now()))),
  )
  app.get('/operations/outbox.json', PROVIDER_OPERATOR, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await deps.outbox.operationsView(now())),
  )
}
