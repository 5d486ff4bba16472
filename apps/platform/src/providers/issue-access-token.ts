// OAuth 2.0 client credentials with private_key_jwt (RFC 6749 §4.4, RFC 7523 §2.2, OIDC Core §9): a provider
// proves who it is with a short JWT signed by one of its registered keys and receives a short access token
// (RFC 9068 JWT) signed by the Platform. Errors are RFC 6749 §5.2 JSON, not problem+json: OAuth clients
// expect them.
import { randomUUID } from 'node:crypto'
import { createLocalJWKSet, decodeJwt, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose'
import { ASSERTION_ALGS } from './manage-provider-keys.ts'
import type { PlatformTokenKey } from './platform-token-key.ts'
import type { ProvidersRepo } from './providers-repo.ts'

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
export const PROVIDER_SCOPES = ['submissions:write', 'submissions:read'] as const
export const ACCESS_TOKEN_TTL_S = 300
/** A client assertion may not live longer than this: the shorter it lives, the fewer jtis are kept. */
export const ASSERTION_MAX_TTL_S = 300
const CLOCK_SKEW_S = 30

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description)
    this.name = 'OAuthError'
  }

  /** RFC 6749 §5.2: 401 for failed client authentication, 400 otherwise. */
  get status(): 400 | 401 {
    return this.error === 'invalid_client' ? 401 : 400
  }
}

export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  scope: string
}

export interface TokenContext {
  repo: ProvidersRepo
  key: PlatformTokenKey
  issuerUrl: string
  tokenEndpoint: string
  now: Date
}

export async function issueAccessToken(
  ctx: TokenContext,
  params: Record<string, unknown>,
): Promise<TokenResponse> {
  const param = (name: string) => {
    const v = params[name]
    if (v === undefined) return undefined
    if (typeof v !== 'string') throw new OAuthError('invalid_request', `${name} must be given once`)
    return v
  }
  const grantType = param('grant_type')
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required')
  if (grantType !== 'client_credentials')
    throw new OAuthError('unsupported_grant_type', 'only client_credentials is supported')
  if (param('client_secret') !== undefined)
    throw new OAuthError('invalid_client', 'client secrets are not accepted; use private_key_jwt')
  if (param('client_assertion_type') !== JWT_BEARER_ASSERTION)
    throw new OAuthError('invalid_client', `client_assertion_type must be ${JWT_BEARER_ASSERTION}`)
  const assertion = param('client_assertion')
  if (!assertion) throw new OAuthError('invalid_client', 'client_assertion is required')

  const providerId = await authenticateClient(ctx, assertion, param('client_id'))
  const scopes = requestedScopes(param('scope'))
  // After authentication, so the status of a connection is told only to the provider itself.
  if ((await ctx.repo.agreementStatus(providerId)) !== 'active')
    throw new OAuthError('unauthorized_client', 'the connection agreement is not active (R1.34)')

  const nowS = Math.floor(ctx.now.getTime() / 1000)
  const scope = scopes.join(' ')
  const accessToken = await new SignJWT({ scope, client_id: providerId })
    .setProtectedHeader({ alg: ctx.key.alg, kid: ctx.key.kid, typ: 'at+jwt' })
    .setIssuer(ctx.issuerUrl)
    .setAudience(accessTokenAudience(ctx.issuerUrl))
    .setSubject(providerId)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + ACCESS_TOKEN_TTL_S)
    .setJti(randomUUID())
    .sign(ctx.key.privateKey)
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_S, scope }
}

export function accessTokenAudience(issuerUrl: string): string {
  return `${issuerUrl}/v1`
}

/** The provider id the assertion proves, or invalid_client (never saying which check failed). */
async function authenticateClient(
  ctx: TokenContext,
  assertion: string,
  clientId: string | undefined,
): Promise<string> {
  let claimed: JWTPayload
  try {
    claimed = decodeJwt(assertion)
  } catch {
    throw new OAuthError('invalid_client', 'client_assertion is not a JWT')
  }
  const providerId = claimed.iss
  if (typeof providerId !== 'string' || claimed.sub !== providerId || (clientId && clientId !== providerId))
    throw new OAuthError('invalid_client', 'iss and sub must both be the client_id')
  const provider = await ctx.repo.provider(providerId)
  const keys = provider ? await ctx.repo.keys(providerId) : []
  if (keys.length === 0) throw new OAuthError('invalid_client', 'client authentication failed')

  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(assertion, createLocalJWKSet({ keys: keys.map((k) => k.jwk as JWK) }), {
      issuer: providerId,
      subject: providerId,
      audience: ctx.tokenEndpoint,
      algorithms: [...ASSERTION_ALGS],
      requiredClaims: ['exp', 'jti'],
      currentDate: ctx.now,
      clockTolerance: CLOCK_SKEW_S,
    }))
  } catch {
    throw new OAuthError('invalid_client', 'client authentication failed')
  }
  const nowS = Math.floor(ctx.now.getTime() / 1000)
  const exp = payload.exp as number
  if (exp > nowS + ASSERTION_MAX_TTL_S + CLOCK_SKEW_S)
    throw new OAuthError('invalid_client', `client_assertion must expire within ${ASSERTION_MAX_TTL_S} s`)
  const jti = payload.jti as string
  if (!jti || jti.length > 200) throw new OAuthError('invalid_client', 'client_assertion needs a jti')
  // RFC 7523 §3 item 7: each assertion is used once; its jti is kept until it would expire anyway.
  const fresh = await ctx.repo.useJti(providerId, jti, new Date((exp + CLOCK_SKEW_S) * 1000), ctx.now)
  if (!fresh) throw new OAuthError('invalid_client', 'client_assertion was already used')
  return providerId
}

function requestedScopes(scope: string | undefined): string[] {
  if (scope === undefined || scope.trim() === '') return [...PROVIDER_SCOPES]
  const asked = [...new Set(scope.trim().split(/ +/))]
  const unknown = asked.filter((s) => !(PROVIDER_SCOPES as readonly string[]).includes(s))
  if (unknown.length > 0) throw new OAuthError('invalid_scope', `unknown scope: ${unknown.join(' ')}`)
  return asked
}
