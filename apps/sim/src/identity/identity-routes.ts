// HTTP face of the identity services: the OpenID provider mounted under /vneid, its interaction pages, the
// account-status and eKYC endpoints for relying parties, and the admin API. Its own scopes, so problem+json
// stays local.
import type { IncomingMessage } from 'node:http'
import { ElcError, text } from '@elc/core'
import { answerProblems } from '@elc/http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { accountJson } from './accounts.ts'
import type { IdentityServices } from './identity-service.ts'
import { interactionRoutes } from './interaction-routes.ts'
import { generatePopulation, MAX_GENERATED } from './synthetic-population.ts'
import { VNEID_MOUNT_PATH } from './vneid-provider.ts'

export async function identityRoutes(app: FastifyInstance, services: IdentityServices): Promise<void> {
  await mountProvider(app, services)
  await interactionRoutes(app, { provider: services.provider, db: services.db })

  await app.register(async (scope) => {
    answerProblems(scope)
    scope.addHook('onSend', async (_request, reply) => {
      if (reply.statusCode === 401) reply.header('www-authenticate', 'Basic realm="vneid"')
    })

    scope.get<{ Params: { sub: string } }>(`${VNEID_MOUNT_PATH}/account-status/:sub`, async (request) => {
      await services.relyingParties.authenticate(request.headers.authorization)
      const account = await services.accounts.find(request.params.sub)
      if (!account) throw accountNotFound()
      return { sub: account.id, status: account.status }
    })

    scope.post('/identity/consents', async (request, reply) => {
      const clientId = await services.relyingParties.authenticate(request.headers.authorization)
      const body = objectBody(request.body)
      const granted = await services.ekyc.grantConsent(clientId, {
        idToken: body.idToken,
        purpose: body.purpose,
      })
      return reply.code(201).send({
        consentToken: granted.consentToken,
        purpose: granted.purpose,
        expiresAt: granted.expiresAt.toISOString(),
      })
    })

    scope.post('/identity/ekyc/verify', async (request) => {
      let clientId: string
      try {
        clientId = await services.relyingParties.authenticate(request.headers.authorization)
      } catch (error) {
        if (error instanceof ElcError) await services.ekyc.logUnauthenticated(error.code)
        throw error
      }
      return services.ekyc.verify(clientId, request.body)
    })
  })

  await app.register(async (scope) => {
    answerProblems(scope)

    scope.post('/admin/identity/seed', async (request, reply) => {
      const body = objectBody(request.body)
      const seed = typeof body.seed === 'string' && body.seed ? body.seed : 'elc'
      const persons = countOf(body.persons, 'persons')
      const organisations = countOf(body.organisations, 'organisations')
      const population = generatePopulation({ seed, persons, organisations })
      const inserted = await services.accounts.seed(population)
      return reply.code(201).send({ seed, persons, organisations, inserted })
    })

    scope.get<{ Querystring: { kind?: string; limit?: string; offset?: string } }>(
      '/admin/identity/accounts',
      async (request) => {
        const { kind } = request.query
        const limit = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), 1000)
        const offset = Math.max(Number(request.query.offset ?? 0) || 0, 0)
        const accounts = await services.accounts.list({
          ...(kind === 'person' || kind === 'organisation' ? { kind } : {}),
          limit,
          offset,
        })
        return { accounts: accounts.map(accountJson) }
      },
    )

    scope.get<{ Params: { id: string } }>('/admin/identity/accounts/:id', async (request) => {
      const account = await services.accounts.find(request.params.id)
      if (!account) throw accountNotFound()
      return accountJson(account)
    })

    scope.post<{ Params: { id: string } }>('/admin/identity/accounts/:id/lock', async (request) => {
      const { account, backchannelLogout } = await services.locking.lock(request.params.id)
      return { ...accountJson(account), backchannelLogout }
    })

    scope.post<{ Params: { id: string } }>('/admin/identity/accounts/:id/unlock', async (request) =>
      accountJson(await services.locking.unlock(request.params.id)),
    )

    scope.post('/admin/identity/clients', async (request, reply) => {
      const body = objectBody(request.body)
      const registered = await services.relyingParties.register({
        ...(typeof body.client_id === 'string' ? { clientId: body.client_id } : {}),
        clientName: stringField(body.client_name, 'client_name'),
        redirectUris: urlList(body.redirect_uris, 'redirect_uris'),
        ...(body.post_logout_redirect_uris !== undefined
          ? { postLogoutRedirectUris: urlList(body.post_logout_redirect_uris, 'post_logout_redirect_uris') }
          : {}),
        ...(body.backchannel_logout_uri !== undefined
          ? { backchannelLogoutUri: stringField(body.backchannel_logout_uri, 'backchannel_logout_uri') }
          : {}),
      })
      return reply.code(201).send(clientJson(registered))
    })

    scope.get('/admin/identity/clients', async () => ({
      clients: (await services.relyingParties.list()).map(clientJson),
    }))

    scope.get<{ Querystring: { limit?: string } }>('/admin/identity/ekyc-log', async (request) => {
      const limit = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), 1000)
      const entries = await services.ekyc.logEntries(limit)
      return {
        entries: entries.map((e) => ({
          transactionRef: e.transaction_ref,
          clientId: e.client_id,
          purpose: e.purpose,
          consentId: e.consent_id,
          result: e.result,
          refusalCode: e.refusal_code,
          at: e.at.toISOString(),
        })),
      }
    })
  })
}

/**
 * oidc-provider is a Koa app: its Node handler gets the raw request with the mount path taken off (as
 * Express would do), and reads the body itself, so Fastify must leave the stream alone here.
 */
async function mountProvider(app: FastifyInstance, services: IdentityServices): Promise<void> {
  const callback = services.provider.callback()
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null))
    const handler = (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack()
      const raw = request.raw as IncomingMessage & { originalUrl?: string }
      const url = raw.url ?? '/'
      const rest = url.slice(VNEID_MOUNT_PATH.length)
      raw.originalUrl = url
      raw.url = rest.startsWith('/') ? rest : `/${rest}`
      void callback(raw, reply.raw)
    }
    scope.all(VNEID_MOUNT_PATH, handler)
    scope.all(`${VNEID_MOUNT_PATH}/*`, handler)
  })
}

function clientJson(c: {
  clientId: string
  clientName: string
  redirectUris: string[]
  postLogoutRedirectUris: string[]
  backchannelLogoutUri: string | null
  createdAt: Date
  clientSecret?: string
}) {
  return {
    client_id: c.clientId,
    ...(c.clientSecret ? { client_secret: c.clientSecret } : {}),
    client_name: c.clientName,
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    backchannel_logout_uri: c.backchannelLogoutUri,
    created_at: c.createdAt.toISOString(),
  }
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalid(
      'REQUEST_INVALID',
      'Nội dung phải là một đối tượng JSON.',
      'The body must be a JSON object.',
    )
  return body as Record<string, unknown>
}

function countOf(value: unknown, name: string): number {
  const n = value === undefined ? 0 : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_GENERATED)
    throw invalid(
      'IDENTITY_SEED_COUNT_INVALID',
      `${name} phải là số nguyên từ 0 đến ${MAX_GENERATED}.`,
      `${name} must be an integer from 0 to ${MAX_GENERATED}.`,
    )
  return n
}

function stringField(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value.trim())
    throw invalid('IDENTITY_CLIENT_METADATA_INVALID', `Thiếu ${name}.`, `${name} is required.`)
  return value
}

function urlList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalid(
      'IDENTITY_CLIENT_METADATA_INVALID',
      `${name} phải là một mảng URL.`,
      `${name} must be an array of URLs.`,
    )
  return value as string[]
}

function accountNotFound(): ElcError {
  return new ElcError(
    'IDENTITY_ACCOUNT_NOT_FOUND',
    text('Không tìm thấy tài khoản định danh điện tử.', 'E-identity account not found.'),
    { status: 404 },
  )
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en), { status: 400 })
}
