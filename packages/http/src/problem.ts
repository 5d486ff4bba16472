// RFC 9457 problem details: every error a client sees has a stable code, the rule it enforces where there
// is one, and Vietnamese and English text. Never a stack trace or SQL.
import { ElcError, type Finding, type Text, text } from '@elc/core'
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'

export interface Problem {
  type: string
  title: string
  status: number
  code: string
  ruleId?: string
  messages: Text
  findings?: Finding[]
}

export function problem(status: number, code: string, messages: Text, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:elc:problem:${code}`, title: messages.vi, status, code, messages, ...extra }
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p)
}

const FASTIFY_CODES: Record<string, { code: string; messages: Text }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    messages: text(
      'Kiểu nội dung không được hỗ trợ; gửi application/json.',
      'Unsupported content type; send application/json.',
    ),
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'BODY_TOO_LARGE',
    messages: text('Nội dung gửi lên quá lớn.', 'The request body is too large.'),
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'BODY_EMPTY',
    messages: text('Nội dung gửi lên trống.', 'The request body is empty.'),
  },
}

/** A service's handlers: unknown paths and every error answer problem+json. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem(404, 'NOT_FOUND', text(`Không tìm thấy ${request.url}.`, `${request.url} was not found.`)),
    ),
  )
  answerProblems(app)
}

/** Errors in `scope` (a service or an encapsulated plugin) answer problem+json; internals are only logged. */
export function answerProblems(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ElcError)
      return sendProblem(
        reply,
        problem(error.status, error.code, error.text, {
          ...(error.ruleId ? { ruleId: error.ruleId } : {}),
          ...(error.findings ? { findings: error.findings } : {}),
        }),
      )
    const known = error.code ? FASTIFY_CODES[error.code] : undefined
    if (known) return sendProblem(reply, problem(error.statusCode ?? 400, known.code, known.messages))
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return sendProblem(
        reply,
        problem(
          400,
          'BODY_NOT_JSON',
          text('Nội dung gửi lên không phải JSON hợp lệ.', 'The request body is not valid JSON.'),
        ),
      )
    if (error.validation)
      return sendProblem(
        reply,
        problem(
          400,
          'REQUEST_INVALID',
          text(`Yêu cầu không hợp lệ: ${error.message}`, `The request is invalid: ${error.message}`),
        ),
      )
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(
      reply,
      problem(
        500,
        'INTERNAL_ERROR',
        text('Lỗi hệ thống; vui lòng thử lại sau.', 'Internal error; please try again later.'),
      ),
    )
  })
}
