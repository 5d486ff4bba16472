// Bulk contracts over HTTP: the page, starting a job, its progress as JSON, and the signatory's one
// approval of the batch. HR staff or the employer's administrator at VNeID level 2 (R1.12), for the
// employer their grant names.
import { ElcError, text } from '@elc/core'
import type { Access, Principal } from '@elc/web-auth'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { EmployeesRepo } from '../employees/employees-repo.ts'
import { bulkPage } from './bulk-pages.ts'
import type { BulkService } from './bulk-service.ts'
import type { BulkWorker } from './bulk-worker.ts'
import { migrateBulk } from './migrations.ts'

const HR_ROLES = ['hr-staff', 'employer-admin'] as const
export const BULK_ACCESS = {
  config: { access: { roles: HR_ROLES, level: 2 } satisfies Access },
} as const

export interface BulkRoutesDeps {
  service: BulkService
  employees: EmployeesRepo
  /** Started with the app and stopped with it, when given. */
  worker?: BulkWorker
}

/** Registers the routes; the bulk tables are migrated when the app starts. */
export function bulkRoutes(app: FastifyInstance, deps: BulkRoutesDeps): void {
  const { service } = deps
  app.register(async (scope) => {
    await migrateBulk(service.deps.db)
    if (deps.worker) {
      const worker = deps.worker
      scope.addHook('onReady', async () => worker.start())
      scope.addHook('onClose', async () => worker.stop())
    }

    scope.get<{ Querystring: { employer?: string } }>('/bulk', BULK_ACCESS, async (request, reply) => {
      const principal = request.principal as Principal
      const employer = employerOf(principal, request.query.employer)
      const [jobs, employees] = await Promise.all([
        service.list(principal, employer),
        deps.employees.listByEmployer(employer),
      ])
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(bulkPage(employer, jobs, employees, reply.csrfToken()))
    })

    scope.post<{ Querystring: { employer?: string } }>(
      '/bulk',
      { ...BULK_ACCESS, bodyLimit: 2 * 1024 * 1024 },
      async (request, reply) => {
        const principal = request.principal as Principal
        const employer = employerOf(principal, request.query.employer)
        const body = (request.body ?? {}) as Record<string, unknown>
        const created = await service.create(principal, {
          employerTaxCode: employer,
          employer: jsonField(body.employer, 'employer') as never,
          terms: jsonField(body.terms, 'terms'),
          employeeIds: list(body.employeeIds),
          acknowledgeWarnings: flag(body.acknowledgeWarnings),
          consent: flag(body.consent),
        })
        if (wantsJson(request)) return reply.code(201).send(created)
        return reply.redirect(`/bulk?employer=${encodeURIComponent(employer)}`, 303)
      },
    )

    scope.get<{ Params: { id: string } }>('/bulk/:id/progress', BULK_ACCESS, async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await service.progress(request.principal as Principal, request.params.id)),
    )

    scope.post<{ Params: { id: string } }>('/bulk/:id/approve', BULK_ACCESS, async (request, reply) => {
      const principal = request.principal as Principal
      const { otp } = (request.body ?? {}) as { otp?: unknown }
      if (typeof otp !== 'string' || !/^\d{4,8}$/.test(otp.trim()))
        throw new ElcError(
          'REMOTE_SIGNING_OTP_MISSING',
          text('Thiếu mã xác thực (otp).', 'The one-time code (otp) is required.'),
          { status: 400 },
        )
      const job = await service.job(principal, request.params.id)
      const approved = await service.approve(principal, job.id, otp.trim())
      if (wantsJson(request)) return reply.send(approved)
      return reply.redirect(`/bulk?employer=${encodeURIComponent(job.employer_tax_code)}`, 303)
    })
  })
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '')
  const type = String(request.headers['content-type'] ?? '')
  return (
    (/application\/json/.test(accept) || type.startsWith('application/json')) && !/text\/html/.test(accept)
  )
}

function employerOf(principal: Principal, requested: string | undefined): string {
  const employers = principal.grants
    .filter((g) => (HR_ROLES as readonly string[]).includes(g.role) && g.employerTaxCode)
    .map((g) => g.employerTaxCode as string)
  const chosen = requested ? employers.find((e) => e === requested) : employers[0]
  if (!chosen)
    throw new ElcError(
      'AUTH_FORBIDDEN',
      text('Bạn không có quyền với người sử dụng lao động này.', 'You may not act for this employer.'),
      { status: 403 },
    )
  return chosen
}

/** A form posts JSON text; a client posts the object. */
function jsonField(value: unknown, name: string): Record<string, unknown> {
  let parsed = value
  if (typeof value === 'string')
    try {
      parsed = JSON.parse(value)
    } catch {
      parsed = undefined
    }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ElcError(
      'BULK_INPUT_INVALID',
      text(`Trường ${name} phải là một đối tượng JSON.`, `The ${name} field must be a JSON object.`),
      { status: 400 },
    )
  return parsed as Record<string, unknown>
}

function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return values.filter((v): v is string => typeof v === 'string')
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === 'on'
}
