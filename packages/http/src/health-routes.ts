// Liveness says the process runs; readiness says it can serve (its database answers). The same two probes
// for every service, open to anyone.
import { type Database, sql } from '@elc/db'
import type { FastifyInstance } from 'fastify'

export function healthRoutes(
  app: FastifyInstance,
  database: Pick<Database<unknown>, 'db' | 'kind'>,
  /** Route options every probe carries (the apps' access declaration). */
  options: Record<string, unknown> = {},
): void {
  app.get('/health', options, async () => ({ status: 'ok' }))
  app.get('/ready', options, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db)
      return { status: 'ready', database: database.kind }
    } catch {
      return reply.code(503).send({ status: 'not_ready', database: database.kind })
    }
  })
}
