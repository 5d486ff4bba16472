// The simulated population database's accounts: persons (signing in with their personal ID number) and
// organisations (with their tax code). The OpenID provider reads its users from here.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import type { Kysely, Selectable } from '@elc/db'
import type { SimCaDatabase, SimIdentityAccountTable } from '../ca/schema.ts'
import type { Sex, SyntheticCitizen, SyntheticCompany } from './synthetic-population.ts'

/** Every synthetic account signs in with this password (simulator only; documented for demos). */
export const DEMO_PASSWORD = 'VNeID@demo1'

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>

export interface PersonProfile {
  personalId: string
  fullName: string
  familyName: string
  middleName: string
  givenName: string
  sex: Sex
  birthDate: string
  birthProvinceCode: string
  residence: { province: string; address: string }
}

export interface OrganisationProfile {
  taxCode: string
  name: string
  residence: { province: string; address: string }
  legalRepresentative: { fullName: string; personalId: string }
}

export type AccountKind = 'person' | 'organisation'

export type Account = {
  id: string
  loginId: string
  assuranceLevel: 1 | 2
  status: 'active' | 'locked'
  lockedAt: Date | null
} & ({ kind: 'person'; profile: PersonProfile } | { kind: 'organisation'; profile: OrganisationProfile })

/** The stable, opaque `sub` of an account: derived from what it signs in with, so reseeding keeps it. */
export function accountIdFor(kind: AccountKind, loginId: string): string {
  return createHash('sha256').update(`vneid-sim:${kind}:${loginId}`).digest('base64url').slice(0, 22)
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scryptAsync(password.normalize('NFC'), salt, 32)
  return `${salt.toString('base64url')}:${hash.toString('base64url')}`
}

export async function passwordMatches(stored: string, given: string): Promise<boolean> {
  const [salt, hash] = stored.split(':')
  if (!salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scryptAsync(given.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length)
  return timingSafeEqual(actual, expected)
}

export class AccountRepo {
  constructor(private readonly db: Kysely<SimCaDatabase>) {}

  async find(id: string): Promise<Account | undefined> {
    const row = await this.db
      .selectFrom('sim_identity_account')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toAccount(row)
  }

  /** With the password hash, for sign-in only. */
  async findForLogin(
    kind: AccountKind,
    loginId: string,
  ): Promise<{ account: Account; passwordHash: string } | undefined> {
    const row = await this.db
      .selectFrom('sim_identity_account')
      .selectAll()
      .where('kind', '=', kind)
      .where('login_id', '=', loginId)
      .executeTakeFirst()
    return row && { account: toAccount(row), passwordHash: row.password_hash }
  }

  async findPersonByPersonalId(personalId: string): Promise<Account | undefined> {
    return (await this.findForLogin('person', personalId))?.account
  }

  async list(filter: { kind?: AccountKind; limit: number; offset: number }): Promise<Account[]> {
    let query = this.db.selectFrom('sim_identity_account').selectAll()
    if (filter.kind) query = query.where('kind', '=', filter.kind)
    const rows = await query
      .orderBy('kind')
      .orderBy('login_id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute()
    return rows.map(toAccount)
  }

  /** Inserts the population; accounts already present (same login) are left as they are. */
  async seed(population: { citizens: SyntheticCitizen[]; companies: SyntheticCompany[] }): Promise<number> {
    // One hash for the whole batch: every synthetic account shares the demo password, and scrypt per row
    // would make seeding thousands of accounts take minutes.
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    const rows = [
      ...population.citizens.map((c) => {
        const { assuranceLevel, ...profile } = c
        return {
          id: accountIdFor('person', c.personalId),
          kind: 'person' as const,
          login_id: c.personalId,
          password_hash: passwordHash,
          assurance_level: assuranceLevel,
          profile: JSON.stringify(profile satisfies PersonProfile),
          locked_at: null,
        }
      }),
      // Organisational accounts are level 2: they are created from the legal representative's level-2 account.
      ...population.companies.map((c) => ({
        id: accountIdFor('organisation', c.taxCode),
        kind: 'organisation' as const,
        login_id: c.taxCode,
        password_hash: passwordHash,
        assurance_level: 2,
        profile: JSON.stringify(c satisfies OrganisationProfile),
        locked_at: null,
      })),
    ]
    let inserted = 0
    for (let i = 0; i < rows.length; i += 500) {
      const result = await this.db
        .insertInto('sim_identity_account')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['kind', 'login_id']).doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n)
    }
    return inserted
  }

  async setStatus(id: string, status: 'active' | 'locked', at: Date): Promise<Account | undefined> {
    const row = await this.db
      .updateTable('sim_identity_account')
      .set({ status, locked_at: status === 'locked' ? at : null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toAccount(row)
  }
}

function toAccount(row: Selectable<SimIdentityAccountTable>): Account {
  const common = {
    id: row.id,
    loginId: row.login_id,
    assuranceLevel: (row.assurance_level >= 2 ? 2 : 1) as 1 | 2,
    status: row.status,
    lockedAt: row.locked_at,
  }
  return row.kind === 'person'
    ? { ...common, kind: 'person', profile: row.profile as PersonProfile }
    : { ...common, kind: 'organisation', profile: row.profile as OrganisationProfile }
}

/** The account as the admin API shows it. */
export function accountJson(account: Account) {
  return {
    id: account.id,
    kind: account.kind,
    loginId: account.loginId,
    assuranceLevel: account.assuranceLevel,
    status: account.status,
    lockedAt: account.lockedAt?.toISOString() ?? null,
    profile: account.profile,
  }
}
