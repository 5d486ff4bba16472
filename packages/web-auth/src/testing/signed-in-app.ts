// An app built as the ELC apps build themselves — problem+json answers, an access rule on every route,
// VNeID sign-in — for route tests whose callers get their sessions directly (the issuer is never asked).
import { randomBytes } from 'node:crypto'
import type { Kysely } from '@elc/db'
import { registerProblemHandlers } from '@elc/http'
import Fastify, { type FastifyInstance } from 'fastify'
import { enforceAccess } from '../access.ts'
import type { WebAuthDatabase } from '../session-store.ts'
import { registerWebAuth } from '../web-auth.ts'

export const TEST_LEVEL2_ACR = 'vneid:level2'

export async function signedInApp(
  db: Kysely<unknown>,
  options: { piiKey: string; appUrl?: string },
): Promise<FastifyInstance> {
  const app = Fastify()
  registerProblemHandlers(app)
  enforceAccess(app)
  await registerWebAuth(app, {
    db: db as Kysely<WebAuthDatabase>,
    issuer: 'http://127.0.0.1:9/vneid',
    clientId: 'test',
    clientSecret: 'test',
    appUrl: options.appUrl ?? 'http://127.0.0.1:8082',
    cookieSecret: randomBytes(24).toString('base64url'),
    level2Acr: TEST_LEVEL2_ACR,
    allowInsecureIssuer: true,
    piiKey: options.piiKey,
  })
  return app
}
