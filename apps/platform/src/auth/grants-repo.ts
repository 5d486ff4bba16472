// Roles granted on the Platform (officials, agency users, administrators), keyed by the holder's personal
// ID hash so they can be granted before the first sign-in.
import { type Generated, type Kysely, type Migration, sql } from '@elc/db'
import type { Grant, Role } from '@elc/web-auth'

export interface PlatformGrantTable {
  id: string
  personal_id_hash: string
  role: string
  province: string | null
  employer_tax_code: string | null
  agreement_id: string | null
  provider_tax_code: string | null
  holder_organisation_tax_code: string | null
  granted_by: string
  granted_at: Generated<Date>
  revoked_at: Date | null
}

export interface PlatformAuthDatabase {
  platform_grant: PlatformGrantTable
}

export const platformAuthMigrations: Record<string, Migration> = {
  'platform-auth-0001-grants': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table platform_grant (
          id text primary key,
          personal_id_hash text not null,
          role text not null,
          province text,
          employer_tax_code text,
          agreement_id text,
          provider_tax_code text,
          holder_organisation_tax_code text,
          granted_by text not null,
          granted_at timestamptz not null default now(),
          revoked_at timestamptz
        );
        create index platform_grant_holder on platform_grant (personal_id_hash) where revoked_at is null;
      `.execute(db)
    },
  },
}

export class GrantsRepo {
  constructor(private readonly db: Kysely<PlatformAuthDatabase>) {}

  async forHolder(personalIdHash: string): Promise<Grant[]> {
    const rows = await this.db
      .selectFrom('platform_grant')
      .selectAll()
      .where('personal_id_hash', '=', personalIdHash)
      .where('revoked_at', 'is', null)
      .execute()
    return rows.map((r) => ({
      role: r.role as Role,
      ...(r.province ? { province: r.province } : {}),
      ...(r.employer_tax_code ? { employerTaxCode: r.employer_tax_code } : {}),
      ...(r.agreement_id ? { agreementId: r.agreement_id } : {}),
      ...(r.provider_tax_code ? { providerTaxCode: r.provider_tax_code } : {}),
    }))
  }

  async add(row: Omit<PlatformGrantTable, 'granted_at' | 'revoked_at'>): Promise<void> {
    await this.db
      .insertInto('platform_grant')
      .values({ ...row, revoked_at: null })
      .execute()
  }
}
