// eContract providers and their connections to the Platform: the registry, connection agreements (R1.27,
// R1.34), the OAuth 2.0 token endpoint for providers' systems, and the bearer-token check that sets
// `request.provider` for routes declaring `{ provider: scopes }`.
import { type Kysely, migrateToLatest } from '@elc/db'
import type { PiiCipher } from '@elc/storage'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { JWK } from 'jose'
import { ADMIN_LEVEL2, PUBLIC } from '../routes/access-rules.ts'
import { issueAccessToken, OAuthError } from './issue-access-token.ts'
import { PlatformSigningKeys, signDetached } from './platform-token-key.ts'
import { ProvidersRepo } from './providers-repo.ts'
import { providerAdminRoutes, providerPublicRoutes } from './routes.ts'
import { type ProvidersDatabase, providersMigrations } from './schema.ts'
import { type ProviderPrincipal, verifyAccessToken } from './verify-access-token.ts'

export { PROVIDER_SCOPES } from './issue-access-token.ts'
export { ProvidersRepo } from './providers-repo.ts'
export { type ProvidersDatabase, providersMigrations } from './schema.ts'
export type { ProviderPrincipal } from './verify-access-token.ts'

export interface ProvidersOptions<DB> {
  db: Kysely<DB>
  /** The Platform's public URL: the access tokens' issuer; the token endpoint is `${issuerUrl}/oauth/token`. */
  issuerUrl: string
  /** Encrypts the Platform's private signing keys at rest; without it they live in memory only. */
  keyCipher?: PiiCipher
  now?: () => Date
}

export interface ProvidersModule {
  repo: ProvidersRepo
  /** The `aud` a client assertion must carry. */
  tokenEndpoint: string
  /** The `aud` of the access tokens the Platform issues. */
  accessTokenAudience: string
  /** The Platform's verification keys (access tokens, webhook signatures), as at /.well-known/jwks.json. */
  jwks(): { keys: JWK[] }
  /** A new current signing key; the previous ones stay published for a grace period. */
  rotateSigningKey(): Promise<{ kid: string }>
  /** RFC 7797 detached JWS (ES256, `b64: false`, with `kid`) over these exact bytes: `header..signature`. */
  signDetached(payload: Uint8Array): Promise<string>
  /** The provider a bearer token stands for, or undefined when it is invalid, expired or suspended. */
  verifyAccessToken(token: string): Promise<ProviderPrincipal | undefined>
}

const FORM = 'application/x-www-form-urlencoded'

export async function registerProviders<DB>(
  app: FastifyInstance,
  options: ProvidersOptions<DB>,
): Promise<ProvidersModule> {
  const db = options.db as unknown as Kysely<ProvidersDatabase>
  const now = options.now ?? (() => new Date())
  const issuerUrl = options.issuerUrl.replace(/\/+$/, '')
  const tokenEndpoint = `${issuerUrl}/oauth/token`
  await migrateToLatest(db, providersMigrations, { module: 'providers' })
  const repo = new ProvidersRepo(db)
  const keys = await PlatformSigningKeys.open(repo, options.keyCipher, now)
  const verify = (token: string) => verifyAccessToken({ repo, keys, issuerUrl, now: now() }, token)

  // Requests whose bearer token was presented and refused, so their 401 can say why (RFC 6750 §3).
  const refused = new WeakSet<FastifyRequest>()
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization
    if (!header || !/^bearer /i.test(header)) return
    const principal = await verify(header.slice(7).trim())
    if (principal) request.provider = principal
    else refused.add(request)
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const access = request.is404 ? undefined : request.routeOptions.config?.access
    if (!access || !('provider' in access)) return payload
    if (reply.statusCode === 401)
      reply.header('www-authenticate', refused.has(request) ? 'Bearer error="invalid_token"' : 'Bearer')
    else if (reply.statusCode === 403 && request.provider)
      reply.header(
        'www-authenticate',
        `Bearer error="insufficient_scope", scope="${access.provider.join(' ')}"`,
      )
    return payload
  })

  providerAdminRoutes(app, { repo, now })
  // Where providers fetch the key that checks access tokens and the ELC-Signature of webhook notices.
  app.get('/.well-known/jwks.json', PUBLIC, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send({ keys: keys.published() }),
  )
  providerPublicRoutes(app, { repo })
  // A platform administrator rotates the signing key (say, on a schedule or after a suspected leak).
  app.post('/admin/platform-keys/rotate', ADMIN_LEVEL2, async (_request, reply) =>
    reply.code(201).send({ kid: (await keys.rotate()).kid, published: keys.published().map((k) => k.kid) }),
  )

  // Its own scope: the token endpoint reads forms whether or not sign-in registered a form parser, and
  // answers every error the OAuth way.
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser(FORM))
      scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
        // A repeated parameter stays a list, so the endpoint can refuse it (RFC 6749 §3.2).
        const params: Record<string, string | string[]> = {}
        for (const [k, v] of new URLSearchParams(body as string)) {
          const seen = params[k]
          params[k] = seen === undefined ? v : [seen, v].flat()
        }
        done(null, params)
      })
    scope.setErrorHandler((error, request, reply) => {
      if (error instanceof OAuthError)
        return reply
          .code(error.status)
          .header('cache-control', 'no-store')
          .send({ error: error.error, error_description: error.description })
      // Fastify's own 4xx (unreadable or oversized body, unknown content type) are the client's request errors.
      if (((error as { statusCode?: number }).statusCode ?? 500) < 500)
        return reply
          .code(400)
          .header('cache-control', 'no-store')
          .send({
            error: 'invalid_request',
            error_description: `the body could not be read; send ${FORM}`,
          })
      request.log.error({ err: error }, 'token endpoint failed')
      return reply.code(500).header('cache-control', 'no-store').send({ error: 'server_error' })
    })
    scope.post('/oauth/token', { config: { access: { public: true } } }, async (request, reply) => {
      if (!String(request.headers['content-type'] ?? '').startsWith(FORM))
        throw new OAuthError('invalid_request', `send ${FORM}`)
      const body = (request.body ?? {}) as Record<string, unknown>
      const token = await issueAccessToken(
        { repo, key: keys.current(), issuerUrl, tokenEndpoint, now: now() },
        body,
      )
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(token)
    })
  })

  return {
    repo,
    tokenEndpoint,
    accessTokenAudience: `${issuerUrl}/v1`,
    jwks: () => ({ keys: keys.published() }),
    rotateSigningKey: async () => ({ kid: (await keys.rotate()).kid }),
    signDetached: (payload) => signDetached(keys.current(), payload),
    verifyAccessToken: verify,
  }
}
