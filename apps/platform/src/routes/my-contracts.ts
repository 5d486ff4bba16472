// A worker or an employer signed in at level 2 reads their own contracts and downloads them (R1.33;
// level 2 to see contents, R1.12). Nobody reads another party's contracts here.
import { ElcError, text } from '@elc/core'
import type { Access, Principal } from '@elc/web-auth'
import type { FastifyInstance } from 'fastify'
import type { SubmissionsService } from '../submissions/index.ts'

const PARTIES = {
  config: { access: { roles: ['worker', 'employer-admin', 'hr-staff'], level: 2 } satisfies Access },
} as const

/** Whose contracts this caller holds: an organisation account or HR staff speak for their employer. */
function partyOf(p: Principal): { personalId?: string; employerTaxCode?: string } {
  const employer = p.grants.find((g) => g.role === 'employer-admin' || g.role === 'hr-staff')?.employerTaxCode
  if (p.accountType === 'organisation' && employer) return { employerTaxCode: employer }
  return p.personalId ? { personalId: p.personalId } : {}
}

export function myContractRoutes(app: FastifyInstance, service: SubmissionsService): void {
  app.get('/me/contracts', PARTIES, async (request) => ({
    contracts: await service.contractsOf(partyOf(request.principal as Principal)),
  }))

  app.get<{ Params: { contractId: string } }>(
    '/me/contracts/:contractId/pdf',
    PARTIES,
    async (request, reply) => {
      const pdf = await service.contractPdf(
        request.params.contractId,
        partyOf(request.principal as Principal),
      )
      if (!pdf)
        throw new ElcError(
          'CONTRACT_NOT_FOUND',
          text('Bạn không có hợp đồng với mã định danh này.', 'You hold no contract with this ID.'),
          {
            status: 404,
          },
        )
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${request.params.contractId}.pdf"`)
        .send(Buffer.from(pdf))
    },
  )
}
