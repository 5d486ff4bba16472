// The eContract's side of OAuth 2.0 client credentials with private_key_jwt (RFC 6749 §4.4, RFC 7523 §2.2):
// each exchange signs a fresh assertion (its own jti, a short life; the Platform keeps used jtis), and the
// access token is reused until shortly before it expires. Concurrent callers share one exchange.
import { randomUUID } from 'node:crypto'
import { importJWK, SignJWT } from 'jose'
import type { PlatformConnectionConfig } from './connection-config.ts'
import { platformAuthFailed, platformUnavailable, platformUnreachable } from './errors.ts'

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

export interface TokenSourceOptions {
  fetch?: typeof globalThis.fetch
  now?: () => Date
  /** The assertion's lifetime; the Platform refuses more than 300 s. */
  assertionTtlS?: number
  /** A cached token is renewed this long before it expires. */
  refreshBeforeS?: number
  timeoutMs?: number
}

export interface PlatformTokenSource {
  /** A current access token: the cached one, or a new one from /oauth/token. */
  getToken(): Promise<string>
  /** Forgets the cached token (after the Platform answered 401 to it). */
  invalidate(): void
}

export function platformTokenSource(
  config: PlatformConnectionConfig,
  options: TokenSourceOptions = {},
): PlatformTokenSource {
  const doFetch = options.fetch ?? globalThis.fetch
  const now = options.now ?? (() => new Date())
  const assertionTtlS = options.assertionTtlS ?? 60
  const refreshBeforeS = options.refreshBeforeS ?? 30
  const timeoutMs = options.timeoutMs ?? 10_000
  const audience = config.audience ?? `${config.baseUrl}/oauth/token`
  const key = importJWK(config.privateKey, 'ES256')
  let cached: { token: string; renewAt: number } | undefined
  let pending: Promise<string> | undefined

  async function exchange(): Promise<string> {
    const issuedAt = Math.floor(now().getTime() / 1000)
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', ...(config.privateKey.kid ? { kid: config.privateKey.kid } : {}) })
      .setIssuer(config.clientId)
      .setSubject(config.clientId)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + assertionTtlS)
      .setJti(randomUUID())
      .sign(await key)
    let response: Response
    try {
      response = await doFetch(`${config.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: config.clientId,
          client_assertion_type: JWT_BEARER_ASSERTION,
          client_assertion: assertion,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (err) {
      throw platformUnreachable(err)
    }
    const body = (await response.json().catch(() => undefined)) as
      | { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown }
      | undefined
    if (response.status === 200 && typeof body?.access_token === 'string') {
      const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60
      // A token shorter-lived than the margin is used once rather than never.
      const renewAt = now().getTime() + Math.max(expiresIn - refreshBeforeS, 0) * 1000
      cached = { token: body.access_token, renewAt }
      return body.access_token
    }
    // RFC 6749 §5.2: 400/401 with an error code is a refusal; anything else is the Platform unwell.
    if ((response.status === 400 || response.status === 401) && typeof body?.error === 'string')
      throw platformAuthFailed(response.status, body.error, String(body.error_description ?? ''))
    throw platformUnavailable(response.status)
  }

  return {
    async getToken() {
      if (cached && now().getTime() < cached.renewAt) return cached.token
      pending ??= exchange().finally(() => {
        pending = undefined
      })
      return pending
    },
    invalidate() {
      cached = undefined
    },
  }
}
