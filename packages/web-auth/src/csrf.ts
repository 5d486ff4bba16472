// CSRF tokens for forms that change state (@fastify/csrf): a secret in a signed, HTTP-only, SameSite=Strict
// cookie, a token derived from it in each form (`_csrf`) or in the `x-csrf-token` header.
import { ElcError, text } from '@elc/core'
import Tokens from '@fastify/csrf'
import type { FastifyReply, FastifyRequest } from 'fastify'

const COOKIE = '_csrf'
// The package's typings declare a function; at run time it is also a constructor.
const tokens = Tokens()

declare module 'fastify' {
  interface FastifyReply {
    /** A token for the next form this page renders. */
    csrfToken(): string
  }
}

export function csrfToken(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = readSecret(request)
  if (existing) return tokens.create(existing)
  const secret = tokens.secretSync()
  reply.setCookie(COOKIE, secret, { signed: true, httpOnly: true, sameSite: 'strict', secure, path: '/' })
  return tokens.create(secret)
}

export function checkCsrf(request: FastifyRequest): void {
  const secret = readSecret(request)
  const body = request.body as Record<string, unknown> | undefined
  const token = request.headers['x-csrf-token'] ?? body?._csrf
  if (!secret || typeof token !== 'string' || !tokens.verify(secret, token))
    throw new ElcError(
      'AUTH_CSRF_INVALID',
      text(
        'Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang.',
        'The form has expired or is invalid; reload the page.',
      ),
      { status: 403 },
    )
}

function readSecret(request: FastifyRequest): string | undefined {
  const raw = request.cookies[COOKIE]
  const unsigned = raw ? request.unsignCookie(raw) : undefined
  return unsigned?.valid && unsigned.value ? unsigned.value : undefined
}
