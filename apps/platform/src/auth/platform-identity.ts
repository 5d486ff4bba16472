// Sign-in to the Platform with VNeID personal and organisation accounts (R1.33), and who holds which role:
// a person is a worker; an organisation account is its employer's administrator; officials, agency users,
// provider operators and administrators hold grants recorded here (grant-role.ts).
import { type Kysely, migrateToLatest } from '@elc/db'
import {
  type Grant,
  registerWebAuth,
  type StoredSession,
  type WebAuthDatabase,
  webAuthMigrations,
} from '@elc/web-auth'
import type { FastifyInstance } from 'fastify'
import { GrantsRepo, type PlatformAuthDatabase, platformAuthMigrations } from './grants-repo.ts'
import { personalIdHash } from './personal-id-hash.ts'

export interface PlatformIdentityOptions {
  /** The VNeID issuer (the simulator's /vneid in the demo). */
  issuer: string
  clientId: string
  clientSecret: string
  /** The Platform's public URL. */
  appUrl: string
  cookieSecret: string
  level2Acr: string
  allowInsecureIssuer?: boolean
  /** Key of the keyed hash that stands for personal ID numbers at rest. */
  piiKey: string
  /** Tax codes of outsourced operators of the Platform's servers, who may not hold admin accounts (D20.1). */
  operatorTaxCodes?: string[]
}

export type PlatformIdentityDatabase = WebAuthDatabase & PlatformAuthDatabase

export async function registerPlatformIdentity(
  app: FastifyInstance,
  db: Kysely<PlatformIdentityDatabase>,
  options: PlatformIdentityOptions,
): Promise<GrantsRepo> {
  await migrateToLatest(db, { ...webAuthMigrations, ...platformAuthMigrations }, { module: 'platform_auth' })
  // Kysely's types are invariant in the table map; each module sees its own tables of the one database.
  const grants = new GrantsRepo(db as unknown as Kysely<PlatformAuthDatabase>)
  await registerWebAuth(app, {
    db: db as unknown as Kysely<WebAuthDatabase>,
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    appUrl: options.appUrl,
    cookieSecret: options.cookieSecret,
    level2Acr: options.level2Acr,
    ...(options.allowInsecureIssuer ? { allowInsecureIssuer: true } : {}),
    grantsFor: (session) => platformGrants(session, grants, options.piiKey),
  })
  return grants
}

async function platformGrants(session: StoredSession, grants: GrantsRepo, piiKey: string): Promise<Grant[]> {
  const c = session.claims
  if (c.account_type === 'organisation' && typeof c.tax_code === 'string')
    return [{ role: 'employer-admin', employerTaxCode: c.tax_code }]
  const personalId = typeof c.personal_id === 'string' ? c.personal_id : undefined
  const held = personalId ? await grants.forHolder(personalIdHash(piiKey, personalId)) : []
  return [{ role: 'worker' }, ...held]
}
