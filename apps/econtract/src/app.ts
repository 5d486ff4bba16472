// Assembles the eContract service: the provider application employers and workers sign in to with VNeID.
// The caller owns the database and the listener.
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
import { ECONTRACT_NAME } from './name.ts'
import { employerStaffRoutes } from './routes/employer-staff.ts'
import { homeRoutes } from './routes/home.ts'

export interface EContractOptions {
  database: Pick<Database<unknown>, 'db' | 'kind'>
  /** Sign-in with VNeID (level 2 to sign, D7.1.d); without it only the public pages answer. */
  identity?: Omit<WebAuthOptions, 'db'>
  logger?: FastifyServerOptions['logger']
}

export async function buildEContract({ database, identity, logger = false }: EContractOptions) {
  const app = Fastify({ logger, return503OnClosing: true })
  registerProblemHandlers(app)
  enforceAccess(app)
  if (identity) {
    const { grants } = await registerWebAuth(app, { ...identity, db: database.db as Kysely<WebAuthDatabase> })
    accountRoutes(app, ECONTRACT_NAME)
    employerStaffRoutes(app, { grants, piiKey: identity.piiKey })
  }
  homeRoutes(app, database, Boolean(identity))
  return app
}
