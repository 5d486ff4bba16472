// Assembles the Platform's HTTP service from its routes; the caller owns the database and the listener.
import type { Database, Kysely } from '@elc/db'
import { registerProblemHandlers } from '@elc/http'
import {
  accountRoutes,
  enforceAccess,
  registerWebAuth,
  type WebAuthDatabase,
  type WebAuthOptions,
} from '@elc/web-auth'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { PlatformLedger } from './ledger/open-ledger.ts'
import { adminGrantRoutes } from './routes/admin-grants.ts'
import { healthRoutes } from './routes/health.ts'
import { homeRoutes } from './routes/home.ts'
import { ledgerRoutes } from './routes/ledger.ts'
import { openApiRoutes } from './routes/openapi.ts'
import { validationRoutes } from './routes/validations.ts'

export const PLATFORM_VERSION = '0.1.0'

/** Sign-in with VNeID personal and organisation accounts (R1.33). */
export type PlatformIdentityOptions = Omit<WebAuthOptions, 'db'> & {
  /** Tax codes of outsourced operators of the Platform's servers, who may not hold admin accounts (D20.1). */
  operatorTaxCodes?: string[]
}

export interface PlatformOptions {
  /** The caller opens and closes the database; the service only queries it. */
  database: Pick<Database<unknown>, 'db' | 'kind'>
  /** Sign-in with VNeID and roles; without it only the public routes answer. */
  identity?: PlatformIdentityOptions
  /** The transparency log, served under /ledger/ (C2SP tlog-tiles). */
  ledger: PlatformLedger
  logger?: FastifyServerOptions['logger']
}

export async function buildPlatform({ database, ledger, identity, logger = false }: PlatformOptions) {
  const app = Fastify({ logger, return503OnClosing: true })
  // JSON only: text/plain would otherwise reach the validator as a string.
  app.removeContentTypeParser('text/plain')
  registerProblemHandlers(app)
  // Every route declares who may call it (config.access); one hook enforces it.
  enforceAccess(app)
  if (identity) {
    const { operatorTaxCodes: _, ...auth } = identity
    const { grants } = await registerWebAuth(app, { ...auth, db: database.db as Kysely<WebAuthDatabase> })
    accountRoutes(app, 'Nền tảng hợp đồng lao động điện tử')
    adminGrantRoutes(app, {
      grants,
      piiKey: identity.piiKey,
      operatorTaxCodes: identity.operatorTaxCodes ?? [],
    })
  }
  homeRoutes(app, Boolean(identity))
  healthRoutes(app, database)
  openApiRoutes(app, PLATFORM_VERSION)
  validationRoutes(app)
  ledgerRoutes(app, ledger)
  return app
}
