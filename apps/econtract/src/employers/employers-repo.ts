// SQL for employers and their signatories. Every query names the employer, and personal ID numbers are
// decrypted only to be masked for the screen.
import type { CivilDate, EmployerType } from '@elc/core'
import type { Kysely, Selectable } from '@elc/db'
import type { PiiCipher } from '@elc/storage'
import type { EmployerDatabase, EmployerSignatoryTable, EmployerTable } from './migrations.ts'

/** The purpose the ciphertext is bound to: copied into another column it does not decrypt. */
export const EMPLOYER_SIGNATORY_PERSONAL_ID = 'employer_signatory.personal_id'

export interface EmployerProfile {
  taxCode: string
  name: string
  address: string
  employerType: EmployerType
  phone?: string
  email?: string
  legalRepresentative: { fullName: string; title: string }
  onboardedBy: string
  onboardedAt: Date
  updatedAt: Date
}

export interface Signatory {
  id: string
  employerTaxCode: string
  fullName: string
  title: string
  /** Only the last digits: enough to tell people apart, not enough to reuse (DESIGN §3). */
  personalIdMasked: string
  isLegalRepresentative: boolean
  authorisation?: { documentRef: string; issuedOn: CivilDate; documentSha256?: string }
  validFrom: CivilDate
  validUntil?: CivilDate
  revokedAt?: Date
  revokedBy?: string
  createdBy: string
  createdAt: Date
}

export function maskPersonalId(number: string): string {
  return `•••• ${number.slice(-4)}`
}

export class EmployersRepo {
  constructor(
    readonly db: Kysely<EmployerDatabase>,
    private readonly cipher: PiiCipher,
  ) {}

  lookupOf(personalId: string): string {
    return this.cipher.lookupHash(personalId)
  }

  encrypt(personalId: string): Buffer {
    return this.cipher.encrypt(personalId, EMPLOYER_SIGNATORY_PERSONAL_ID)
  }

  async profile(taxCode: string): Promise<EmployerProfile | undefined> {
    const row = await this.db
      .selectFrom('employer')
      .selectAll()
      .where('tax_code', '=', taxCode)
      .executeTakeFirst()
    return row ? toProfile(row) : undefined
  }

  /** Inserts the employer; false when it was already there. */
  async insertProfile(row: EmployerTable): Promise<boolean> {
    const result = await this.db
      .insertInto('employer')
      .values(row)
      .onConflict((oc) => oc.column('tax_code').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async updateProfile(
    taxCode: string,
    values: Omit<EmployerTable, 'tax_code' | 'onboarded_by' | 'onboarded_at'>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('employer')
      .set(values)
      .where('tax_code', '=', taxCode)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async signatories(taxCode: string): Promise<Signatory[]> {
    const rows = await this.db
      .selectFrom('employer_signatory')
      .selectAll()
      .where('employer_tax_code', '=', taxCode)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((r) => this.toSignatory(r))
  }

  async signatory(taxCode: string, id: string): Promise<Signatory | undefined> {
    const row = await this.db
      .selectFrom('employer_signatory')
      .selectAll()
      .where('employer_tax_code', '=', taxCode)
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? this.toSignatory(row) : undefined
  }

  /** The person's standing (unrevoked) entry for the employer, found by the keyed hash of their number. */
  async standingByPersonalId(taxCode: string, personalId: string): Promise<Signatory | undefined> {
    const row = await this.db
      .selectFrom('employer_signatory')
      .selectAll()
      .where('employer_tax_code', '=', taxCode)
      .where('personal_id_lookup', '=', this.lookupOf(personalId))
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return row ? this.toSignatory(row) : undefined
  }

  async insertSignatory(row: EmployerSignatoryTable): Promise<void> {
    await this.db.insertInto('employer_signatory').values(row).execute()
  }

  /** Revokes a standing entry; false when there was none to revoke. */
  async revoke(taxCode: string, id: string, by: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('employer_signatory')
      .set({ revoked_at: at, revoked_by: by })
      .where('employer_tax_code', '=', taxCode)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  private toSignatory(r: Selectable<EmployerSignatoryTable>): Signatory {
    const number = this.cipher.decrypt(r.personal_id_ciphertext, EMPLOYER_SIGNATORY_PERSONAL_ID)
    return {
      id: r.id,
      employerTaxCode: r.employer_tax_code,
      fullName: r.full_name,
      title: r.title,
      personalIdMasked: maskPersonalId(number),
      isLegalRepresentative: r.is_legal_representative,
      ...(r.authorisation_document_ref && r.authorisation_issued_on
        ? {
            authorisation: {
              documentRef: r.authorisation_document_ref,
              issuedOn: r.authorisation_issued_on,
              ...(r.authorisation_document_sha256 ? { documentSha256: r.authorisation_document_sha256 } : {}),
            },
          }
        : {}),
      validFrom: r.valid_from,
      ...(r.valid_until ? { validUntil: r.valid_until } : {}),
      ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
      ...(r.revoked_by ? { revokedBy: r.revoked_by } : {}),
      createdBy: r.created_by,
      createdAt: r.created_at,
    }
  }
}

function toProfile(r: Selectable<EmployerTable>): EmployerProfile {
  return {
    taxCode: r.tax_code,
    name: r.name,
    address: r.address,
    employerType: r.employer_type as EmployerType,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.email ? { email: r.email } : {}),
    legalRepresentative: { fullName: r.legal_representative_name, title: r.legal_representative_title },
    onboardedBy: r.onboarded_by,
    onboardedAt: r.onboarded_at,
    updatedAt: r.updated_at,
  }
}
