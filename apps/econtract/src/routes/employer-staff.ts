// An employer's administrator names the HR staff who may draft and sign for that employer, and only
// for it: the grant is bound to the administrator's own tax code.
import { ElcError, text } from '@elc/core'
import { type GrantsRepo, grantRole } from '@elc/web-auth'
import type { FastifyInstance } from 'fastify'
import { EMPLOYER_ADMIN } from './access-rules.ts'

export function employerStaffRoutes(
  app: FastifyInstance,
  deps: { grants: GrantsRepo; piiKey: string },
): void {
  app.post('/employer/staff', EMPLOYER_ADMIN, async (request, reply) => {
    const principal = request.principal as NonNullable<typeof request.principal>
    const employer = principal.grants.find((g) => g.role === 'employer-admin')?.employerTaxCode
    const personalId = (request.body as Record<string, unknown> | undefined)?.personalId
    if (typeof personalId !== 'string' || !employer)
      throw new ElcError(
        'STAFF_REQUEST_INVALID',
        text('Cần số định danh cá nhân của nhân viên.', "The staff member's personal ID number is required."),
      )
    await grantRole(deps.grants, {
      request: { personalId, role: 'hr-staff', employerTaxCode: employer },
      by: principal,
      piiKey: deps.piiKey,
      operatorTaxCodes: [],
    })
    return reply.code(201).send({ granted: 'hr-staff', employerTaxCode: employer })
  })
}
