// Officials' access to other people's contracts, the Ministry's statistics, and a party's view of who read
// their contracts. Routes stay thin: read the caller and the query, call one function.
import { personalIdHash } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { PiiCipher } from '@elc/storage'
import type { Access, Principal } from '@elc/web-auth'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SubmissionDatabase } from '../submissions/index.ts'
import { type DepartmentContracts, type Official, PAGE_SIZE } from './department-contracts.ts'
import { provinceNotGranted, provinceUnknown } from './errors.ts'
import type { OversightDatabase } from './migrations.ts'
import { accessesToContractsOf, NO_OFFICIAL_NAMES } from './my-data-access.ts'
import { provinceCode } from './provinces.ts'
import { ACCESS_PURPOSES } from './purposes.ts'
import { dayRange, pageOf, purposeOf } from './query-params.ts'
import { statistics } from './statistics.ts'

/** A Department officer at level 2: the contents of contracts in their province (R1.12, D16.2). */
export const DEPARTMENT = {
  config: { access: { roles: ['department-officer'], level: 2 } satisfies Access },
} as const
/** Aggregates hold no personal data: level 1 is enough. */
export const STATISTICS = {
  config: { access: { roles: ['ministry-officer', 'department-officer'], level: 1 } satisfies Access },
} as const
export const PARTIES = {
  config: { access: { roles: ['worker', 'employer-admin', 'hr-staff'], level: 2 } satisfies Access },
} as const

type Query = Record<string, string | undefined>

export interface OversightRouteDeps {
  db: Kysely<SubmissionDatabase & OversightDatabase>
  pii: PiiCipher
  /** Key of personal-ID hashes (the role grants' key): officials are logged by it. */
  hashKey: string
  contracts: DepartmentContracts
}

/** The provinces a principal's Department grants cover, as 2025 codes (a grant may hold a name or a code). */
function grantedProvinces(p: Principal): string[] {
  const codes = p.grants
    .filter((g) => g.role === 'department-officer')
    .map((g) => provinceCode(g.province))
    .filter((c): c is string => Boolean(c))
  return [...new Set(codes)].sort()
}

/** One of the caller's granted provinces: the one asked for, or the first. */
function departmentProvince(p: Principal, asked: string | undefined): string {
  const granted = grantedProvinces(p)
  if (asked !== undefined && asked !== '') {
    const code = provinceCode(asked)
    if (!code) throw provinceUnknown()
    if (!granted.includes(code)) throw provinceNotGranted()
    return code
  }
  if (!granted[0]) throw provinceNotGranted()
  return granted[0]
}

function officialOf(request: FastifyRequest, key: string, province: string): Official {
  const p = request.principal as Principal
  return {
    hash: personalIdHash(key, p.personalId ?? `subject:${p.subject}`),
    role: 'department-officer',
    province,
    requestId: String(request.id),
  }
}

/** Whose contracts this caller holds: an organisation account or HR staff speak for their employer. */
function partyOf(p: Principal): { personalId?: string; employerTaxCode?: string } {
  const employer = p.grants.find((g) => g.role === 'employer-admin' || g.role === 'hr-staff')?.employerTaxCode
  if (p.accountType === 'organisation' && employer) return { employerTaxCode: employer }
  return p.personalId ? { personalId: p.personalId } : {}
}

export function oversightRoutes(app: FastifyInstance, deps: OversightRouteDeps): void {
  app.get<{ Querystring: Query }>('/v1/department/contracts', DEPARTMENT, async (request) => {
    const q = request.query
    const purpose = purposeOf(q.purpose)
    const range = dayRange(q)
    const page = pageOf(q.page)
    const province = departmentProvince(request.principal as Principal, q.province)
    const result = await deps.contracts.list(
      officialOf(request, deps.hashKey, province),
      purpose,
      range,
      page,
    )
    return { province, page, pageSize: PAGE_SIZE, ...result }
  })

  app.get<{ Params: { contractId: string }; Querystring: Query }>(
    '/v1/department/contracts/:contractId',
    DEPARTMENT,
    async (request) => {
      const purpose = purposeOf(request.query.purpose)
      const province = departmentProvince(request.principal as Principal, request.query.province)
      return deps.contracts.one(
        officialOf(request, deps.hashKey, province),
        purpose,
        request.params.contractId,
      )
    },
  )

  app.get<{ Params: { contractId: string }; Querystring: Query }>(
    '/v1/department/contracts/:contractId/pdf',
    DEPARTMENT,
    async (request, reply) => {
      const purpose = purposeOf(request.query.purpose)
      const province = departmentProvince(request.principal as Principal, request.query.province)
      const { pdf, access } = await deps.contracts.pdf(
        officialOf(request, deps.hashKey, province),
        purpose,
        request.params.contractId,
      )
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${request.params.contractId}.pdf"`)
        .header('elc-access-id', access.id)
        .header('elc-access-ledger-index', String(access.ledgerIndex))
        .send(Buffer.from(pdf))
    },
  )

  app.get('/v1/department/purposes', DEPARTMENT, async () => ({ purposes: ACCESS_PURPOSES }))

  app.get<{ Querystring: Query }>('/v1/statistics', STATISTICS, async (request) => {
    const p = request.principal as Principal
    const range = dayRange(request.query)
    const asked = request.query.province
    let province: string | undefined
    if (p.grants.some((g) => g.role === 'ministry-officer')) {
      if (asked !== undefined && asked !== '') {
        province = provinceCode(asked)
        if (!province) throw provinceUnknown()
      }
    } else province = departmentProvince(p, asked)
    return statistics(deps.db, { ...range, ...(province ? { province } : {}) })
  })

  app.get('/me/data-access', PARTIES, async (request) => ({
    note: NO_OFFICIAL_NAMES,
    accesses: await accessesToContractsOf(deps.db, deps.pii, partyOf(request.principal as Principal)),
  }))
}
