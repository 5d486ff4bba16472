// The authorisation matrix both apps test: sessions for every role at VNeID level 1 and 2 (and anonymous),
// each sent to every protected route, compared with the app's expected table.
import type { Kysely } from '@elc/db'
import type { FastifyInstance } from 'fastify'
import { routeAccessTable } from '../access.ts'
import { grantRole } from '../grant-role.ts'
import { GrantsRepo } from '../grants-repo.ts'
import { ALL_ROLES, type Role } from '../roles.ts'
import { SessionStore, type WebAuthDatabase } from '../session-store.ts'

export const PUBLIC_ROUTE = 'public'
export type ExpectedRule =
  | typeof PUBLIC_ROUTE
  | { roles: readonly Role[]; level: 1 | 2 }
  /** A provider API: no signed-in person gets in, whatever their role. */
  | { provider: readonly string[] }

export interface Caller {
  label: string
  roles: Role[]
  level: 1 | 2
  cookie?: string
}

const DENIED = new Set(['AUTH_REQUIRED', 'AUTH_TOKEN_REQUIRED', 'AUTH_FORBIDDEN', 'AUTH_LEVEL2_REQUIRED'])
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`

/** One signed-in caller per role and level; roles other than worker and employer-admin are granted. */
export async function makeCallers(
  db: Kysely<WebAuthDatabase>,
  piiKey: string,
  level2Acr: string,
): Promise<Caller[]> {
  const sessions = new SessionStore(db, 3_600_000)
  const grants = new GrantsRepo(db)
  const callers: Caller[] = [{ label: 'anonymous', roles: [], level: 1 }]
  let n = 0
  for (const role of ALL_ROLES) {
    for (const level of [1, 2] as const) {
      n++
      const personalId = `0011900${String(n).padStart(5, '0')}`
      const organisation = role === 'employer-admin'
      if (!organisation && role !== 'worker')
        await grantRole(grants, {
          request: {
            personalId,
            role,
            province: '01',
            employerTaxCode: '0101234567',
            agreementId: 'TT-01',
            providerTaxCode: '0312345678',
            holderOrganisationTaxCode: '0100000001',
          },
          by: { subject: 'test', accountType: 'person', level: 2, name: 'test', grants: [] },
          piiKey,
          operatorTaxCodes: [],
        })
      const claims = organisation
        ? {
            sub: `org-${n}`,
            account_type: 'organisation',
            tax_code: '0101234567',
            organisation_name: 'Công ty TNHH Bình Minh',
          }
        : { sub: `person-${n}`, account_type: 'person', personal_id: personalId, name: 'Nguyễn Văn An' }
      const token = await sessions.create({
        subject: claims.sub,
        claims,
        acr: level === 2 ? level2Acr : 'level1',
        idToken: 'test',
      })
      callers.push({
        label: `${role}@${level}`,
        roles: organisation ? ['employer-admin'] : role === 'worker' ? ['worker'] : ['worker', role],
        level,
        cookie: `elc_session=${token}`,
      })
    }
  }
  return callers
}

/** Routes missing from the table, routes the table names that do not exist, and rules that differ. */
export function tableMismatches(app: FastifyInstance, expected: Record<string, ExpectedRule>): string[] {
  const table = routeAccessTable(app)
  const out: string[] = []
  for (const route of table) {
    const want = expected[key(route)]
    if (!want) out.push(`${key(route)}: no entry in the expected table`)
    else if (want === PUBLIC_ROUTE) {
      if (!('public' in route.access)) out.push(`${key(route)}: expected public`)
    } else if ('provider' in want) {
      if (
        !('provider' in route.access) ||
        [...route.access.provider].sort().join() !== [...want.provider].sort().join()
      )
        out.push(`${key(route)}: provider scopes differ from the expected table`)
    } else if (
      !('roles' in route.access) ||
      [...route.access.roles].sort().join() !== [...want.roles].sort().join() ||
      (route.access.level ?? 1) !== want.level
    )
      out.push(`${key(route)}: rule differs from the expected table`)
  }
  for (const name of Object.keys(expected))
    if (!table.some((r) => key(r) === name)) out.push(`${name}: in the table but not a route`)
  return out
}

/** Every protected route × caller: let in exactly when the expected rule says so. */
export async function matrixFailures(
  app: FastifyInstance,
  expected: Record<string, ExpectedRule>,
  callers: Caller[],
): Promise<string[]> {
  const failures: string[] = []
  for (const route of routeAccessTable(app)) {
    const rule = expected[key(route)]
    if (!rule || rule === PUBLIC_ROUTE) continue
    for (const caller of callers) {
      const allowed =
        'roles' in rule && caller.roles.some((r) => rule.roles.includes(r)) && caller.level >= rule.level
      const response = await app.inject({
        method: route.method as 'GET' | 'POST',
        url: route.url.replace('*', 'x').replace(/:(\w+)/g, 'x'),
        ...(caller.cookie ? { headers: { cookie: caller.cookie } } : {}),
        ...(route.method === 'POST' ? { payload: {} } : {}),
      })
      const json = String(response.headers['content-type'] ?? '').includes('json')
      const code = json ? (response.json() as { code?: string }).code : undefined
      const denied = response.statusCode === 401 || (response.statusCode === 403 && DENIED.has(code ?? ''))
      if (denied === allowed)
        failures.push(`${key(route)} ${caller.label}: ${response.statusCode} ${code ?? ''}`)
    }
  }
  return failures
}
