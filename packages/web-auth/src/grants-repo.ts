// Roles granted in an app (officials, agency users, HR staff, administrators), keyed by the holder's
// personal ID hash so they can be granted before the first sign-in.
import type { Generated, Kysely } from '@elc/db'
import type { Grant, Role } from './roles.ts'
import type { WebAuthDatabase } from './session-store.ts'

export interface RoleGrantTable {
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

export class GrantsRepo {
  constructor(private readonly db: Kysely<WebAuthDatabase>) {}

  async forHolder(personalIdHash: string): Promise<Grant[]> {
    const rows = await this.db
      .selectFrom('role_grant')
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

  async add(row: Omit<RoleGrantTable, 'granted_at' | 'revoked_at'>): Promise<void> {
    await this.db
      .insertInto('role_grant')
      .values({ ...row, revoked_at: null })
      .execute()
  }
}
