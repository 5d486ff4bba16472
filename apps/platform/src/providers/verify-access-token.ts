// Checks a provider's bearer access token on every request: the Platform's signature, issuer, audience and
// expiry, and that the connection agreement is still active right now.
import type { FastifyRequest } from 'fastify'
import { jwtVerify } from 'jose'
import { accessTokenAudience } from './issue-access-token.ts'
import type { PlatformTokenKey } from './platform-token-key.ts'
import type { ProvidersRepo } from './providers-repo.ts'

/** What @elc/web-auth's access hook reads from `request.provider`. */
export type ProviderPrincipal = NonNullable<FastifyRequest['provider']>

export async function verifyAccessToken(
  ctx: { repo: ProvidersRepo; key: PlatformTokenKey; issuerUrl: string; now: Date },
  token: string,
): Promise<ProviderPrincipal | undefined> {
  let providerId: string | undefined
  let scope: unknown
  try {
    const { payload } = await jwtVerify(token, ctx.key.publicKey, {
      issuer: ctx.issuerUrl,
      audience: accessTokenAudience(ctx.issuerUrl),
      algorithms: [ctx.key.alg],
      typ: 'at+jwt',
      requiredClaims: ['exp', 'sub'],
      currentDate: ctx.now,
    })
    providerId = payload.sub
    scope = payload.scope
  } catch {
    return undefined
  }
  if (!providerId || typeof scope !== 'string') return undefined
  // Read on every request, never cached: a suspension ends access at once, even for tokens still unexpired.
  if ((await ctx.repo.agreementStatus(providerId)) !== 'active') return undefined
  return { providerId, scopes: scope.split(' ').filter(Boolean) }
}
