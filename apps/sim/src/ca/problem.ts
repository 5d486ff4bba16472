// RFC 9457 problem+json for the CA routes: a stable code and Vietnamese and English text, never a stack.
import { ElcError, type Text, text } from '@elc/core'
import type { FastifyError, FastifyInstance } from 'fastify'

export interface Problem {
  type: string
  title: string
  status: number
  code: string
  ruleId?: string
  messages: Text
}

export function problem(status: number, code: string, messages: Text, ruleId?: string): Problem {
  return {
    type: `urn:elc:problem:${code}`,
    title: messages.vi,
    status,
    code,
    messages,
    ...(ruleId ? { ruleId } : {}),
  }
}

/** Sets an error handler on a route scope (an encapsulated plugin), so it answers problem+json. */
export function answerProblems(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    let p: Problem
    if (error instanceof ElcError) p = problem(error.status, error.code, error.text, error.ruleId)
    else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
      p = problem(
        400,
        'BODY_NOT_JSON',
        text('Nội dung gửi lên không phải JSON hợp lệ.', 'The request body is not valid JSON.'),
      )
    else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      p = problem(400, 'BODY_EMPTY', text('Nội dung gửi lên trống.', 'The request body is empty.'))
    else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      p = problem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        text(
          'Kiểu nội dung không được hỗ trợ; gửi application/json.',
          'Unsupported content type; send application/json.',
        ),
      )
    else {
      request.log.error({ err: error }, 'unhandled error')
      p = problem(
        500,
        'INTERNAL_ERROR',
        text('Lỗi hệ thống; vui lòng thử lại sau.', 'Internal error; please try again later.'),
      )
    }
    return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p)
  })
}
