// Liveness says the process runs; readiness says it can serve (the database answers).
import type { Database } from '@elc/db'
import { sql } from '@elc/db'
import type { FastifyInstance } from 'fastify'
import { PUBLIC } from './access-rules.ts'

export function healthRoutes(app: FastifyInstance, database: Pick<Database<unknown>, 'db' | 'kind'>): void {
  app.get('/health', PUBLIC, async () => ({ status: 'ok' }))
  app.get('/ready', PUBLIC, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db)
      return { status: 'ready', database: database.kind }
    } catch {
      return reply.code(503).send({ status: 'not_ready', database: database.kind })
    }
  })
}
