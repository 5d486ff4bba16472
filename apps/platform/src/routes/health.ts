// Liveness says the process runs; readiness says it can serve (the database answers).
import type { Database } from '@elc/db'
import { sql } from '@elc/db'
import type { FastifyInstance } from 'fastify'

export function healthRoutes(app: FastifyInstance, database: Pick<Database<unknown>, 'db' | 'kind'>): void {
  app.get('/health', async () => ({ status: 'ok' }))
  app.get('/ready', async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db)
      return { status: 'ready', database: database.kind }
    } catch {
      return reply.code(503).send({ status: 'not_ready', database: database.kind })
    }
  })
}
