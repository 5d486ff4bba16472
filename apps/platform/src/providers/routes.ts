// The registry's HTTP routes: administration (level 2 Platform administrators, CSRF-checked by web-auth),
// the public list of connected providers (R1.17), and the provider's own view through its access token.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ADMIN_LEVEL2, PUBLIC } from '../routes/access-rules.ts'
import { changeAgreementStatus } from './change-agreement-status.ts'
import { providerNotFound, providerRequestInvalid } from './errors.ts'
import { addProviderKey, retireProviderKey } from './manage-provider-keys.ts'
import type { ProviderRecord, ProvidersRepo } from './providers-repo.ts'
import { registerProvider } from './register-provider.ts'

export const PROVIDER_READ = { config: { access: { provider: ['submissions:read'] } } } as const

interface Deps {
  repo: ProvidersRepo
  now: () => Date
}

type Params = { providerId: string; kid?: string }

export function providerAdminRoutes(app: FastifyInstance, { repo, now }: Deps): void {
  app.post('/admin/providers', ADMIN_LEVEL2, async (request, reply) => {
    const body = fields(request.body, {
      required: ['name', 'taxCode', 'website', 'serviceName', 'supportContact', 'feeScheduleUrl', 'termsUrl'],
      optional: ['agreementReference'],
    })
    const created = await registerProvider(
      repo,
      {
        name: body.name as string,
        taxCode: body.taxCode as string,
        website: body.website as string,
        serviceName: body.serviceName as string,
        supportContact: body.supportContact as string,
        feeScheduleUrl: body.feeScheduleUrl as string,
        termsUrl: body.termsUrl as string,
        ...(body.agreementReference ? { agreementReference: body.agreementReference } : {}),
      },
      actor(request),
      now(),
    )
    return reply.code(201).send(created)
  })

  app.get<{ Params: Params }>('/admin/providers/:providerId', ADMIN_LEVEL2, async (request) => {
    const provider = await repo.provider(request.params.providerId)
    const agreement = provider && (await repo.agreement(provider.id))
    if (!provider || !agreement) throw providerNotFound()
    return {
      provider,
      agreement,
      history: await repo.history(agreement.id),
      keys: await repo.keys(provider.id, { includeRetired: true }),
    }
  })

  app.post<{ Params: Params }>(
    '/admin/providers/:providerId/agreement/status',
    ADMIN_LEVEL2,
    async (request) => {
      const body = fields(request.body, { required: ['status'], optional: ['reason'] })
      const status = body.status
      if (status !== 'active' && status !== 'suspended' && status !== 'refused')
        throw providerRequestInvalid(
          'status là active, suspended hoặc refused',
          'status is active, suspended or refused',
        )
      const agreement = await changeAgreementStatus(
        repo,
        {
          providerId: request.params.providerId,
          status,
          ...(body.reason ? { reason: body.reason } : {}),
          by: actor(request),
        },
        now(),
      )
      return { agreement }
    },
  )

  app.post<{ Params: Params }>('/admin/providers/:providerId/keys', ADMIN_LEVEL2, async (request, reply) => {
    const jwk = (request.body as { jwk?: unknown } | undefined)?.jwk
    const added = await addProviderKey(
      repo,
      { providerId: request.params.providerId, jwk, by: actor(request) },
      now(),
    )
    return reply.code(201).send(added)
  })

  app.post<{ Params: Params }>(
    '/admin/providers/:providerId/keys/:kid/retire',
    ADMIN_LEVEL2,
    async (request) => {
      await retireProviderKey(
        repo,
        { providerId: request.params.providerId, kid: request.params.kid ?? '', by: actor(request) },
        now(),
      )
      return { retired: request.params.kid }
    },
  )
}

export function providerPublicRoutes(app: FastifyInstance, { repo }: Pick<Deps, 'repo'>): void {
  // R1.17: what each connected provider publishes about its service, in one place for employers and workers.
  app.get('/v1/providers', PUBLIC, async () => ({
    providers: (await repo.activeProviders()).map(publicInformation),
  }))

  // The calling provider's own record only: the id comes from its token, never from the request.
  app.get('/v1/provider', PROVIDER_READ, async (request) => {
    const caller = request.provider as NonNullable<FastifyRequest['provider']>
    const provider = await repo.provider(caller.providerId)
    const agreement = await repo.agreement(caller.providerId)
    if (!provider || !agreement) throw providerNotFound()
    return {
      provider,
      agreement: { status: agreement.status, statusChangedAt: agreement.statusChangedAt },
      scopes: caller.scopes,
    }
  })
}

function publicInformation(p: ProviderRecord) {
  return {
    id: p.id,
    name: p.name,
    taxCode: p.taxCode,
    website: p.website,
    serviceName: p.serviceName,
    supportContact: p.supportContact,
    feeScheduleUrl: p.feeScheduleUrl,
    termsUrl: p.termsUrl,
  }
}

function actor(request: FastifyRequest): string {
  const principal = request.principal
  if (!principal) throw new Error('an administrator route ran without a signed-in principal')
  return principal.subject
}

const MAX_FIELD = 2000

/**
 * The body's string fields. Checked here rather than by a route schema: Fastify validates before the access
 * hook runs, and an unauthenticated caller must get 401, not a description of the body.
 */
function fields(
  body: unknown,
  spec: { required: readonly string[]; optional?: readonly string[] },
): Record<string, string | undefined> {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const out: Record<string, string | undefined> = {}
  for (const name of [...spec.required, ...(spec.optional ?? [])]) {
    const value = record[name]
    const isRequired = spec.required.includes(name)
    if (value === undefined && !isRequired) continue
    if (typeof value !== 'string' || (isRequired && value.trim() === '') || value.length > MAX_FIELD)
      throw providerRequestInvalid(
        `cần ${name} là chuỗi khác rỗng (tối đa ${MAX_FIELD} ký tự)`,
        `${name} must be a non-empty string (at most ${MAX_FIELD} characters)`,
      )
    out[name] = value
  }
  return out
}
