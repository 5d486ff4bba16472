// SQL for the employee directory. Every read is scoped to one employer, and ID numbers are decrypted only
// for rows of that employer.
import { randomUUID } from 'node:crypto'
import type { IdDocumentKind, Sex } from '@elc/core'
import type { Kysely, Selectable } from '@elc/db'
import type { PiiCipher } from '@elc/storage'
import type { EmployeeDatabase, EmployeeTable } from './migrations.ts'
import type { EmployeeInput } from './validate-row.ts'

/** The purpose the ciphertext is bound to: copied into another column it does not decrypt. */
export const EMPLOYEE_ID_NUMBER = 'employee.id_number'

export interface Employee {
  id: string
  employerTaxCode: string
  fullName: string
  dateOfBirth: string
  sex: Sex
  residence: string
  nationality: string
  idDocument: { kind: IdDocumentKind; number: string }
  email?: string
  phone?: string
  socialInsuranceNumber?: string
  createdAt: Date
  updatedAt: Date
}

// Inserts in chunks: one statement per row is slow, one for 10,000 rows exceeds the parameter limit (65,535).
const CHUNK = 500

export class EmployeesRepo {
  constructor(
    readonly db: Kysely<EmployeeDatabase>,
    private readonly cipher: PiiCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  lookupOf(idNumber: string): string {
    return this.cipher.lookupHash(idNumber)
  }

  async listByEmployer(employerTaxCode: string): Promise<Employee[]> {
    const rows = await this.db
      .selectFrom('employee')
      .selectAll()
      .where('employer_tax_code', '=', employerTaxCode)
      .orderBy('full_name')
      .orderBy('id')
      .execute()
    return rows.map((r) => this.toEmployee(r))
  }

  async get(employerTaxCode: string, id: string): Promise<Employee | undefined> {
    const row = await this.db
      .selectFrom('employee')
      .selectAll()
      .where('employer_tax_code', '=', employerTaxCode)
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? this.toEmployee(row) : undefined
  }

  async findByIdNumber(employerTaxCode: string, idNumber: string): Promise<Employee | undefined> {
    const row = await this.db
      .selectFrom('employee')
      .selectAll()
      .where('employer_tax_code', '=', employerTaxCode)
      .where('id_lookup', '=', this.lookupOf(idNumber))
      .executeTakeFirst()
    return row ? this.toEmployee(row) : undefined
  }

  /** The keyed hashes of the ID numbers already in an employer's directory. */
  async lookups(employerTaxCode: string, db: Kysely<EmployeeDatabase> = this.db): Promise<Set<string>> {
    const rows = await db
      .selectFrom('employee')
      .select('id_lookup')
      .where('employer_tax_code', '=', employerTaxCode)
      .execute()
    return new Set(rows.map((r) => r.id_lookup))
  }

  async insertAll(
    employerTaxCode: string,
    employees: readonly EmployeeInput[],
    db: Kysely<EmployeeDatabase> = this.db,
  ): Promise<void> {
    const at = this.now()
    for (let i = 0; i < employees.length; i += CHUNK) {
      const values = employees.slice(i, i + CHUNK).map((e) => ({
        id: randomUUID(),
        employer_tax_code: employerTaxCode,
        full_name: e.fullName,
        date_of_birth: e.dateOfBirth,
        sex: e.sex,
        residence: e.residence,
        nationality: e.nationality,
        id_kind: e.idDocument.kind,
        id_number_ciphertext: this.cipher.encrypt(e.idDocument.number, EMPLOYEE_ID_NUMBER),
        id_lookup: this.lookupOf(e.idDocument.number),
        email: e.email ?? null,
        phone: e.phone ?? null,
        social_insurance_number: e.socialInsuranceNumber ?? null,
        created_at: at,
        updated_at: at,
      }))
      await db.insertInto('employee').values(values).execute()
    }
  }

  private toEmployee(r: Selectable<EmployeeTable>): Employee {
    return {
      id: r.id,
      employerTaxCode: r.employer_tax_code,
      fullName: r.full_name,
      dateOfBirth: r.date_of_birth,
      sex: r.sex,
      residence: r.residence,
      nationality: r.nationality,
      idDocument: {
        kind: r.id_kind,
        number: this.cipher.decrypt(r.id_number_ciphertext, EMPLOYEE_ID_NUMBER),
      },
      ...(r.email ? { email: r.email } : {}),
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.social_insurance_number ? { socialInsuranceNumber: r.social_insurance_number } : {}),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }
  }
}
