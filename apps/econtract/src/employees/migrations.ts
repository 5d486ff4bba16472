// The employer's directory of employees: the worker items of a contract (R4.6 b) kept so HR need not type
// them again. The ID number is encrypted at rest and found through its keyed hash (DESIGN §3).
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

export const employeeMigrations: Record<string, Migration> = {
  'employees-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table employee (
          id text primary key,
          employer_tax_code text not null,
          full_name text not null,
          date_of_birth date not null,
          sex text not null check (sex in ('male', 'female')),
          residence text not null,
          nationality text not null check (nationality ~ '^[A-Z]{2}$'),
          id_kind text not null check (id_kind in ('personal_id', 'old_id', 'passport')),
          id_number_ciphertext bytea not null,
          id_lookup text not null,
          email text,
          phone text,
          social_insurance_number text,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          constraint employee_employer_id_lookup unique (employer_tax_code, id_lookup)
        );
        create index employee_employer_name on employee (employer_tax_code, full_name);
      `.execute(db)
    },
  },
}

export interface EmployeeTable {
  id: string
  employer_tax_code: string
  full_name: string
  /** 'YYYY-MM-DD' (see @elc/db type parsers). */
  date_of_birth: string
  sex: 'male' | 'female'
  residence: string
  nationality: string
  id_kind: 'personal_id' | 'old_id' | 'passport'
  /** PiiCipher, purpose EMPLOYEE_ID_NUMBER. */
  id_number_ciphertext: Buffer
  /** PiiCipher.lookupHash of the number. */
  id_lookup: string
  email: string | null
  phone: string | null
  social_insurance_number: string | null
  created_at: Date
  updated_at: Date
}

export interface EmployeeDatabase {
  employee: EmployeeTable
}

export function migrateEmployees(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, employeeMigrations, { module: 'employees' })
}
