import { RULES } from '@elc/core'
import type { FastifyInstance } from 'fastify'
import { validateSubmittedDocument } from '../services/validate-document.ts'
import { PUBLIC } from './access-rules.ts'

export function validationRoutes(app: FastifyInstance): void {
  // A validation is a computation, not a stored resource: 200 with the findings, whether or not they hold errors.
  app.post('/v1/validations', { ...PUBLIC, bodyLimit: 1_048_576 }, async (request) =>
    validateSubmittedDocument(request.body),
  )
  app.get('/v1/rules', PUBLIC, async () => RULES.map(({ check: _check, ...meta }) => meta))
}
