// Who may call a route, declared on the route itself (`config.access`) and enforced by one hook, so the
// rule sits next to the route and a route without one is refused (fail closed) and fails the matrix test.
import { ElcError, text } from '@elc/core'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Principal, Role } from './roles.ts'

export type Access =
  | { public: true }
  /** Any signed-in user with one of `roles`; `level: 2` to see contract contents or sign. */
  | { roles: readonly Role[]; level?: 1 | 2 }
  /** An eContract provider's system with an access token holding every one of `scopes` (OAuth 2.0). */
  | { provider: readonly string[] }

/** A provider's system, authenticated by a bearer access token (set by the app's token check). */
export interface ProviderPrincipal {
  providerId: string
  scopes: readonly string[]
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    principal: Principal | undefined
    provider: ProviderPrincipal | undefined
  }
}

export function notSignedIn(): ElcError {
  return new ElcError(
    'AUTH_REQUIRED',
    text('Cần đăng nhập bằng tài khoản định danh điện tử (VNeID).', 'Sign in with your VNeID account.'),
    {
      ruleId: 'R1.33',
      status: 401,
    },
  )
}

/** Decides one request; also what the authorisation matrix test asks, route by route. */
export function decide(
  access: Access | undefined,
  principal: Principal | undefined,
  provider?: ProviderPrincipal,
): 'allow' | 401 | 403 | 500 {
  if (!access) return 500
  if ('public' in access) return 'allow'
  if ('provider' in access) {
    if (!provider) return 401
    return access.provider.every((s) => provider.scopes.includes(s)) ? 'allow' : 403
  }
  if (!principal) return 401
  if (!principal.grants.some((g) => access.roles.includes(g.role))) return 403
  if ((access.level ?? 1) > principal.level) return 403
  return 'allow'
}

export interface RouteAccess {
  method: string
  url: string
  access: Access
}

const tables = new WeakMap<FastifyInstance, RouteAccess[]>()

/** Every route of the app with its rule, for the authorisation matrix test. */
export function routeAccessTable(app: FastifyInstance): RouteAccess[] {
  return tables.get(app) ?? []
}

export function enforceAccess(app: FastifyInstance): void {
  const table: RouteAccess[] = []
  tables.set(app, table)
  // A route without a rule stops the app at start-up, before anyone can reach it.
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access
    if (!access)
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`)
    for (const method of [route.method].flat())
      if (method !== 'HEAD') table.push({ method, url: route.url, access })
  })
  app.decorateRequest('principal', undefined)
  app.decorateRequest('provider', undefined)
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (request.is404) return // no route: the not-found handler answers
    assertAccess(request)
  })
}

/** Throws the refusal the access hook gives this request; returns when its route lets the caller in. */
export function assertAccess(request: FastifyRequest): void {
  const access = request.routeOptions.config.access
  const verdict = decide(access, request.principal, request.provider)
  if (verdict === 'allow') return
  if (verdict === 500)
    throw new ElcError(
      'ACCESS_RULE_MISSING',
      text('Tuyến này chưa khai báo quyền truy cập.', 'This route declares no access rule.'),
      {
        status: 500,
      },
    )
  if (verdict === 401 && access && 'provider' in access)
    throw new ElcError(
      'AUTH_TOKEN_REQUIRED',
      text(
        'Cần mã truy cập (Bearer) hợp lệ của nhà cung cấp.',
        'A valid provider access token (Bearer) is required.',
      ),
      { ruleId: 'R1.34', status: 401 },
    )
  if (verdict === 401) throw notSignedIn()
  const needsLevel2 = access && 'roles' in access && access.level === 2 && request.principal?.level === 1
  throw needsLevel2
    ? new ElcError(
        'AUTH_LEVEL2_REQUIRED',
        text(
          'Cần tài khoản định danh điện tử mức độ 2 để xem nội dung hợp đồng hoặc ký.',
          'A level 2 VNeID account is needed to see contract contents or to sign.',
        ),
        { ruleId: 'R1.12', status: 403 },
      )
    : new ElcError(
        'AUTH_FORBIDDEN',
        text('Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.'),
        {
          status: 403,
        },
      )
}

/**
 * For a scope whose routes read multipart uploads: the body would be read before the access hook runs,
 * so strangers are turned away first, with the same answers.
 */
export function refuseBeforeUpload(scope: FastifyInstance): void {
  scope.addHook('preValidation', async (request) => {
    if (String(request.headers['content-type'] ?? '').startsWith('multipart/')) assertAccess(request)
  })
}
