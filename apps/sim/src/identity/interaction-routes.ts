// The provider's interactions (login, level-2 confirmation, consent) as Fastify routes under the provider's
// mount path. Each step reads the interaction oidc-provider keeps behind its cookie, so a page cannot be
// driven for somebody else's sign-in.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import { type Text, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type Provider from 'oidc-provider'
import type { SimCaDatabase } from '../ca/schema.ts'
import { type AccountKind, AccountRepo, passwordMatches } from './accounts.ts'
import { VNEID_ACR } from './assurance-levels.ts'
import { consentPage, loginPage, messagePage, otpPage } from './interaction-pages.ts'
import { OidcRecordAdapter } from './oidc-adapter.ts'
import { requestsLevel2, VNEID_MOUNT_PATH } from './vneid-provider.ts'

export const MAX_OTP_ATTEMPTS = 3
const OTP_TTL_SECONDS = 300

interface LoginChallenge {
  accountId: string
  otp: string
  attempts: number
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>
type Params = { Params: { uid: string } }

export const LOCKED_MESSAGE = text(
  'Tài khoản định danh điện tử này đang bị khóa nên không thể đăng nhập. Vui lòng liên hệ cơ quan Công an nơi cư trú để được hỗ trợ.',
  'This e-identity account is locked and cannot sign in. Please contact your local police office for help.',
)

export async function interactionRoutes(
  app: FastifyInstance,
  deps: { provider: Provider; db: Kysely<SimCaDatabase> },
): Promise<void> {
  const { provider } = deps
  const accounts = new AccountRepo(deps.db)
  // The pending level-2 confirmation of an interaction, stored like the provider's own records.
  const challenges = new OidcRecordAdapter(deps.db, 'VneidLoginChallenge')
  const base = `${VNEID_MOUNT_PATH}/interaction/:uid`

  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 8192 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    )
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      reply.header('x-frame-options', 'DENY')
      reply.header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      )
      reply.header('referrer-policy', 'no-referrer')
    })

    scope.get<Params>(base, async (request, reply) => {
      const interaction = await current(request, reply)
      if (!interaction) return reply
      const clientName = await clientNameOf(interaction)
      if (interaction.prompt.name === 'login')
        return html(
          reply,
          200,
          loginPage({
            uid: interaction.uid,
            clientName,
            level2: requestsLevel2(interaction.params.acr_values),
          }),
        )
      const scopes = String(interaction.params.scope ?? 'openid').split(' ')
      return html(reply, 200, consentPage({ uid: interaction.uid, clientName, scopes }))
    })

    scope.post<Params>(`${base}/login`, async (request, reply) => {
      const interaction = await current(request, reply)
      if (!interaction) return reply
      const form = formOf(request.body)
      const loginId = (form.loginId ?? '').replace(/\s+/g, '')
      const level2 = requestsLevel2(interaction.params.acr_values)
      const clientName = await clientNameOf(interaction)
      const again = (status: number, error: Text) =>
        html(reply, status, loginPage({ uid: interaction.uid, clientName, level2, loginId, error }))
      if (interaction.prompt.name !== 'login')
        return again(409, text('Bước đăng nhập đã hoàn tất.', 'Sign-in is already done.'))
      const kind = kindOf(loginId)
      const found = kind ? await accounts.findForLogin(kind, loginId) : undefined
      if (!found || !(await passwordMatches(found.passwordHash, form.password ?? '')))
        return again(
          401,
          text(
            'Số định danh (mã số thuế) hoặc mật khẩu không đúng.',
            'Wrong personal ID number (tax code) or password.',
          ),
        )
      const { account } = found
      if (account.status !== 'active') return again(403, LOCKED_MESSAGE)
      if (!level2)
        return finish(request, reply, {
          login: { accountId: account.id, acr: VNEID_ACR.level1, amr: ['pwd'] },
        })
      if (account.assuranceLevel < 2)
        return finish(request, reply, {
          error: 'access_denied',
          error_description: 'the account is not a VNeID level 2 account',
        })
      const challenge: LoginChallenge = {
        accountId: account.id,
        otp: randomInt(0, 1_000_000).toString().padStart(6, '0'),
        attempts: 0,
      }
      await challenges.upsert(interaction.uid, { ...challenge }, OTP_TTL_SECONDS)
      return html(
        reply,
        200,
        otpPage({ uid: interaction.uid, otp: challenge.otp, attemptsLeft: MAX_OTP_ATTEMPTS }),
      )
    })

    scope.post<Params>(`${base}/otp`, async (request, reply) => {
      const interaction = await current(request, reply)
      if (!interaction) return reply
      const challenge = (await challenges.find(interaction.uid)) as LoginChallenge | undefined
      if (!challenge)
        return html(
          reply,
          410,
          messagePage(
            text('Mã xác nhận đã hết hạn', 'The confirmation code has expired'),
            text('Vui lòng đăng nhập lại từ ứng dụng.', 'Please sign in again from the application.'),
          ),
        )
      if (!codeMatches(challenge.otp, formOf(request.body).code)) {
        const attempts = challenge.attempts + 1
        if (attempts >= MAX_OTP_ATTEMPTS) {
          await challenges.destroy(interaction.uid)
          return finish(request, reply, {
            error: 'access_denied',
            error_description: 'wrong VNeID confirmation code entered too many times',
          })
        }
        await challenges.upsert(interaction.uid, { ...challenge, attempts }, OTP_TTL_SECONDS)
        return html(
          reply,
          403,
          otpPage({
            uid: interaction.uid,
            otp: challenge.otp,
            attemptsLeft: MAX_OTP_ATTEMPTS - attempts,
            error: text('Mã xác nhận không đúng.', 'Wrong confirmation code.'),
          }),
        )
      }
      await challenges.destroy(interaction.uid)
      // Locked between the password and the code: still refused.
      const account = await accounts.find(challenge.accountId)
      if (account?.status !== 'active')
        return html(reply, 403, messagePage(text('Không thể đăng nhập', 'Cannot sign in'), LOCKED_MESSAGE))
      return finish(request, reply, {
        login: { accountId: account.id, acr: VNEID_ACR.level2, amr: ['pwd', 'otp'] },
      })
    })

    scope.post<Params>(`${base}/confirm`, async (request, reply) => {
      const interaction = await current(request, reply)
      if (!interaction) return reply
      const accountId = interaction.session?.accountId
      if (interaction.prompt.name !== 'consent' || !accountId)
        return html(
          reply,
          409,
          messagePage(
            text('Chưa đăng nhập', 'Not signed in'),
            text('Vui lòng đăng nhập trước.', 'Please sign in first.'),
          ),
        )
      const grant = interaction.grantId
        ? await provider.Grant.find(interaction.grantId)
        : new provider.Grant({ accountId, clientId: String(interaction.params.client_id) })
      if (!grant) throw new Error('grant of the interaction not found')
      const details = interaction.prompt.details as {
        missingOIDCScope?: string[]
        missingOIDCClaims?: string[]
        missingResourceScopes?: Record<string, string[]>
      }
      if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '))
      if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims)
      for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, scopes.join(' '))
      const grantId = await grant.save()
      return finish(request, reply, { consent: { grantId } })
    })

    scope.post<Params>(`${base}/abort`, async (request, reply) => {
      const interaction = await current(request, reply)
      if (!interaction) return reply
      await challenges.destroy(interaction.uid)
      return finish(
        request,
        reply,
        { error: 'access_denied', error_description: 'the end-user cancelled the sign-in' },
        false,
      )
    })
  })

  /** The interaction behind the cookie, when it is the one the URL names; otherwise an error page is sent. */
  async function current(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
  ): Promise<Interaction | undefined> {
    let interaction: Interaction | undefined
    try {
      interaction = await provider.interactionDetails(request.raw, reply.raw)
    } catch {
      interaction = undefined
    }
    if (interaction && interaction.uid === request.params.uid) return interaction
    html(
      reply,
      400,
      messagePage(
        text('Phiên đăng nhập không hợp lệ hoặc đã hết hạn', 'The sign-in session is invalid or has expired'),
        text(
          'Vui lòng quay lại ứng dụng và đăng nhập lại.',
          'Please go back to the application and sign in again.',
        ),
      ),
    )
    return undefined
  }

  async function clientNameOf(interaction: Interaction): Promise<string> {
    const client = await provider.Client.find(String(interaction.params.client_id))
    return client?.clientName ?? String(interaction.params.client_id)
  }

  async function finish(
    request: FastifyRequest,
    reply: FastifyReply,
    result: Parameters<Provider['interactionFinished']>[2],
    merge = true,
  ): Promise<FastifyReply> {
    reply.hijack()
    await provider.interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: merge })
    return reply
  }
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body)
}

function formOf(body: unknown): Record<string, string | undefined> {
  return body && typeof body === 'object' ? (body as Record<string, string>) : {}
}

/** 12 digits sign in a person, 10 (or 10-3 for a branch) an organisation. */
function kindOf(loginId: string): AccountKind | undefined {
  if (/^\d{12}$/.test(loginId)) return 'person'
  if (/^\d{10}(-\d{3})?$/.test(loginId)) return 'organisation'
  return undefined
}

function codeMatches(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given.trim()).digest()
  return timingSafeEqual(a, b)
}
