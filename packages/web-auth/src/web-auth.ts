// Sign-in with VNeID (R1.33) for a Fastify app: OpenID Connect authorization code flow with PKCE through
// openid-client, server-side sessions in HTTP-only cookies, CSRF tokens for forms, back-channel logout
// from the identity provider. The app calls enforceAccess (access.ts) first. Production points `issuer` at the
// real VNeID; the demo and tests at the simulator.
import { createHash } from 'node:crypto'
import { ElcError, personalIdHash, text } from '@elc/core'
import { type Kysely, migrateToLatest } from '@elc/db'
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import * as oidc from 'openid-client'
import { checkCsrf, csrfToken } from './csrf.ts'
import { GrantsRepo } from './grants-repo.ts'
import type { Grant, Principal, SessionProvenance } from './roles.ts'
import { SessionStore, type StoredSession, type WebAuthDatabase, webAuthMigrations } from './session-store.ts'

export interface WebAuthOptions {
  db: Kysely<WebAuthDatabase>
  /** The identity provider, e.g. http://127.0.0.1:8081/vneid (the simulator) or the real VNeID issuer. */
  issuer: string
  clientId: string
  clientSecret: string
  /** This app's public URL; the callback is `${appUrl}/auth/callback`. */
  appUrl: string
  /** Signs the login-state and CSRF cookies. */
  cookieSecret: string
  /** The `acr` value of a level 2 account (D7.1.d, R1.12); level 1 otherwise. */
  level2Acr: string
  /** Key of the keyed hash that stands for personal ID numbers at rest (grants are looked up by it). */
  piiKey: string
  sessionTtlMs?: number
  /** Plain-HTTP issuers (the simulator on loopback) are refused unless allowed. */
  allowInsecureIssuer?: boolean
  now?: () => Date
}

const SESSION_COOKIE = 'elc_session'
const LOGIN_COOKIE = 'elc_login'
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'
const SCOPES = 'openid profile personal_id organisation'

export interface WebAuth {
  sessions: SessionStore
  grants: GrantsRepo
}

export async function registerWebAuth(app: FastifyInstance, options: WebAuthOptions): Promise<WebAuth> {
  await migrateToLatest(options.db, webAuthMigrations, { module: 'web_auth' })
  const sessions = new SessionStore(options.db, options.sessionTtlMs ?? 8 * 3_600_000, options.now)
  const grants = new GrantsRepo(options.db)
  const secure = options.appUrl.startsWith('https:')
  const redirectUri = `${options.appUrl}/auth/callback`
  let config: oidc.Configuration | undefined
  // Discovery waits for the first sign-in, so the app starts even while the identity provider is down.
  const oidcConfig = async () => {
    config ??= await oidc.discovery(
      new URL(options.issuer),
      options.clientId,
      options.clientSecret,
      undefined,
      {
        ...(options.allowInsecureIssuer ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    )
    return config
  }
  const grantsFor = (session: StoredSession) => grantsOf(session, grants, options.piiKey)

  await app.register(fastifyCookie, { secret: options.cookieSecret })
  await app.register(fastifyFormbody)
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    return csrfToken(this.request, this, secure)
  })

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return
    const session = await sessions.find(token)
    if (session)
      request.principal = {
        ...principalOf(session, await grantsFor(session), options.level2Acr),
        session: provenanceOf(token, session),
      }
  })
  // Forms that change state carry the CSRF token; bearer-token APIs do not use cookies at all.
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access
    // Provider APIs authenticate with bearer tokens, not cookies, so a forged cross-site form cannot use them.
    if (
      request.is404 ||
      !access ||
      !('roles' in access) ||
      ['GET', 'HEAD', 'OPTIONS'].includes(request.method)
    )
      return
    checkCsrf(request)
  })

  app.get<{ Querystring: { level?: string; returnTo?: string } }>(
    '/auth/login',
    { config: { access: { public: true } } },
    async (request, reply) => {
      const verifier = oidc.randomPKCECodeVerifier()
      const state = oidc.randomState()
      const nonce = oidc.randomNonce()
      const returnTo = safeReturn(request.query.returnTo)
      const url = oidc.buildAuthorizationUrl(await oidcConfig(), {
        redirect_uri: redirectUri,
        scope: SCOPES,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(request.query.level === '1' ? {} : { acr_values: options.level2Acr }),
      })
      reply.setCookie(LOGIN_COOKIE, JSON.stringify({ verifier, state, nonce, returnTo }), {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/auth/callback',
        maxAge: 600,
      })
      return reply.redirect(url.href)
    },
  )

  app.get('/auth/callback', { config: { access: { public: true } } }, async (request, reply) => {
    const pending = readLoginCookie(request)
    reply.clearCookie(LOGIN_COOKIE, { path: '/auth/callback' })
    const current = new URL(request.url, options.appUrl)
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
    try {
      tokens = await oidc.authorizationCodeGrant(await oidcConfig(), current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
    } catch (e) {
      request.log.warn({ err: e }, 'sign-in refused')
      throw new ElcError(
        'AUTH_SIGN_IN_FAILED',
        text('Đăng nhập không thành công; hãy thử lại.', 'Sign-in failed; please try again.'),
        { ruleId: 'R1.33', status: 401, cause: e },
      )
    }
    const claims = tokens.claims() as
      | (Record<string, unknown> & { sub: string; acr?: string; sid?: string })
      | undefined
    if (!claims || !tokens.id_token)
      throw new ElcError('AUTH_SIGN_IN_FAILED', text('Không nhận được mã định danh.', 'No ID token.'), {
        status: 401,
      })
    const token = await sessions.create({
      subject: claims.sub,
      ...(typeof claims.sid === 'string' ? { idpSid: claims.sid } : {}),
      claims,
      acr: typeof claims.acr === 'string' ? claims.acr : '',
      idToken: tokens.id_token,
    })
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' })
    return reply.redirect(pending.returnTo)
  })

  app.post('/auth/logout', { config: { access: { public: true } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) await sessions.revoke(token)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/')
  })

  // OpenID Connect Back-Channel Logout 1.0: the identity provider ends our sessions (a locked account, R1.33).
  app.post<{ Body: { logout_token?: string } }>(
    '/auth/backchannel-logout',
    { config: { access: { public: true } } },
    async (request, reply) => {
      const cfg = await oidcConfig()
      const meta = cfg.serverMetadata()
      const jwks = createRemoteJWKSet(new URL(meta.jwks_uri as string))
      try {
        const { payload } = await jwtVerify(String(request.body?.logout_token ?? ''), jwks, {
          issuer: meta.issuer,
          audience: options.clientId,
          maxTokenAge: '5m',
        })
        const events = payload.events as Record<string, unknown> | undefined
        if (
          !events ||
          typeof events[LOGOUT_EVENT] !== 'object' ||
          'nonce' in payload ||
          (!payload.sub && !payload.sid)
        )
          throw new Error('not a logout token')
        await sessions.revokeByIdp({
          ...(typeof payload.sid === 'string' ? { sid: payload.sid } : {}),
          ...(payload.sub ? { subject: payload.sub } : {}),
        })
      } catch (e) {
        request.log.warn({ err: e }, 'back-channel logout refused')
        return reply.code(400).header('cache-control', 'no-store').send({ error: 'invalid_request' })
      }
      return reply.code(200).header('cache-control', 'no-store').send()
    },
  )

  app.get('/auth/me', { config: { access: { public: true } } }, async (request) => {
    const p = request.principal
    if (!p) return { signedIn: false }
    // Level 1 may learn only that the account exists and is signed in.
    if (p.level < 2) return { signedIn: true, level: p.level, accountType: p.accountType }
    return { signedIn: true, ...p }
  })

  return { sessions, grants }
}

export function principalOf(session: StoredSession, grants: Grant[], level2Acr: string): Principal {
  const c = session.claims
  const str = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : undefined)
  const accountType = str('account_type') === 'organisation' ? 'organisation' : 'person'
  const personalId = str('personal_id')
  const taxCode = str('tax_code')
  return {
    subject: session.subject,
    accountType,
    level: session.acr === level2Acr ? 2 : 1,
    name: (str('name') ?? str('organisation_name') ?? '').normalize('NFC'),
    ...(personalId ? { personalId } : {}),
    ...(taxCode ? { taxCode } : {}),
    grants,
  }
}

function provenanceOf(token: string, session: StoredSession): SessionProvenance {
  const c = session.claims
  return {
    ref: createHash('sha256').update(token).digest('hex').slice(0, 16),
    acr: session.acr,
    ...(typeof c.auth_time === 'number' ? { authTime: new Date(c.auth_time * 1000).toISOString() } : {}),
    ...(Array.isArray(c.amr) ? { amr: c.amr.filter((m): m is string => typeof m === 'string') } : {}),
  }
}

/** A person is a worker, plus what was granted to them; an organisation account is its employer's administrator. */
async function grantsOf(session: StoredSession, grants: GrantsRepo, piiKey: string): Promise<Grant[]> {
  const c = session.claims
  if (c.account_type === 'organisation' && typeof c.tax_code === 'string')
    return [{ role: 'employer-admin', employerTaxCode: c.tax_code }]
  const personalId = typeof c.personal_id === 'string' ? c.personal_id : undefined
  const held = personalId ? await grants.forHolder(personalIdHash(piiKey, personalId)) : []
  return [{ role: 'worker' }, ...held]
}

function readLoginCookie(request: FastifyRequest): {
  verifier: string
  state: string
  nonce: string
  returnTo: string
} {
  const raw = request.cookies[LOGIN_COOKIE]
  const unsigned = raw ? request.unsignCookie(raw) : undefined
  try {
    if (unsigned?.valid && unsigned.value) return JSON.parse(unsigned.value)
  } catch {}
  throw new ElcError(
    'AUTH_LOGIN_EXPIRED',
    text(
      'Phiên đăng nhập đã hết hạn hoặc không hợp lệ; hãy đăng nhập lại.',
      'The sign-in has expired or is invalid; sign in again.',
    ),
    { status: 400 },
  )
}

/** Only paths on this site: an open redirect after sign-in would hand the session's page to anyone. */
function safeReturn(value: string | undefined): string {
  return value && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/'
}
