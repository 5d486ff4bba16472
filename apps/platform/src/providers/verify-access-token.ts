// Checks a provider's bearer access token on every request: the Platform's signature, issuer, audience and
// expiry, and that the connection agreement is still active right now.
import type { FastifyRequest } from 'fastify'
import { jwtVerify } from 'jose'
import { accessTokenAudience } from './issue-access-token.ts'
import { ACCESS_TOKEN_ALG, type PlatformSigningKeys } from './platform-token-key.ts'
import type { ProvidersRepo } from './providers-repo.ts'

/** What @elc/web-auth's access hook reads from `request.provider`. */
export type ProviderPrincipal = NonNullable<FastifyRequest['provider']>

export async function verifyAccessToken(
  ctx: { repo: ProvidersRepo; keys: PlatformSigningKeys; issuerUrl: string; now: Date },
  token: string,
): Promise<ProviderPrincipal | undefined> {
  let providerId: string | undefined
  let scope: unknown
  try {
    // Any published key: a token signed just before a rotation stays good until it expires.
    const key = async (header: { kid?: string }) => {
      const found = await ctx.keys.verificationKey(header.kid)
      if (!found) throw new Error('unknown key')
      return found.publicKey
    }
    const { payload } = await jwtVerify(token, key, {
      issuer: ctx.issuerUrl,
      audience: accessTokenAudience(ctx.issuerUrl),
      algorithms: [ACCESS_TOKEN_ALG],
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
