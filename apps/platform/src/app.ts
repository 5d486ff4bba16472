// Assembles the Platform's HTTP service from its routes; the caller owns the database and the listener.
import type { Database } from '@elc/db'
import { registerProblemHandlers } from '@elc/http'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { PlatformLedger } from './ledger/open-ledger.ts'
import { healthRoutes } from './routes/health.ts'
import { homeRoutes } from './routes/home.ts'
import { ledgerRoutes } from './routes/ledger.ts'
import { openApiRoutes } from './routes/openapi.ts'
import { validationRoutes } from './routes/validations.ts'

export const PLATFORM_VERSION = '0.1.0'

export interface PlatformOptions {
  /** The caller opens and closes the database; the service only queries it. */
  database: Pick<Database<unknown>, 'db' | 'kind'>
  /** The transparency log, served under /ledger/ (C2SP tlog-tiles). */
  ledger: PlatformLedger
  logger?: FastifyServerOptions['logger']
}

export function buildPlatform({ database, ledger, logger = false }: PlatformOptions) {
  const app = Fastify({ logger, return503OnClosing: true })
  // JSON only: text/plain would otherwise reach the validator as a string.
  app.removeContentTypeParser('text/plain')
  registerProblemHandlers(app)
  homeRoutes(app)
  healthRoutes(app, database)
  openApiRoutes(app, PLATFORM_VERSION)
  validationRoutes(app)
  ledgerRoutes(app, ledger)
  return app
}
