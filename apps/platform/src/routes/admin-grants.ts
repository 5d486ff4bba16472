// Platform administrators grant roles to officials, agency users and provider operators (level 2 only).
import { ElcError, text } from '@elc/core'
import { type GrantsRepo, grantRole, type Role } from '@elc/web-auth'
import type { FastifyInstance } from 'fastify'
import { ADMIN_LEVEL2 } from './access-rules.ts'

export function adminGrantRoutes(
  app: FastifyInstance,
  deps: { grants: GrantsRepo; piiKey: string; operatorTaxCodes: readonly string[] },
): void {
  app.post('/admin/grants', ADMIN_LEVEL2, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined)
    const personalId = str('personalId')
    const role = str('role')
    if (!personalId || !role)
      throw new ElcError(
        'GRANT_REQUEST_INVALID',
        text('Cần personalId và role.', 'personalId and role are required.'),
      )
    const optional = Object.fromEntries(
      ['province', 'employerTaxCode', 'agreementId', 'providerTaxCode', 'holderOrganisationTaxCode']
        .map((k) => [k, str(k)] as const)
        .filter(([, v]) => v !== undefined),
    )
    await grantRole(deps.grants, {
      request: { personalId, role: role as Role, ...optional },
      by: request.principal as NonNullable<typeof request.principal>,
      piiKey: deps.piiKey,
      operatorTaxCodes: deps.operatorTaxCodes,
    })
    return reply.code(201).send({ granted: role })
  })
}
