// The employer as onboarded in the eContract: its particulars for the contract (R4.6 a) and the people who may
// sign for it (R4.9). Personal ID numbers are encrypted at rest and found through their keyed hash (DESIGN §3).
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

export const employerMigrations: Record<string, Migration> = {
  'employers-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table employer (
          tax_code text primary key check (tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
          name text not null,
          address text not null,
          employer_type text not null,
          phone text,
          email text,
          legal_representative_name text not null,
          legal_representative_title text not null,
          onboarded_by text not null,
          onboarded_at timestamptz not null,
          updated_at timestamptz not null
        );
        create table employer_signatory (
          id text primary key,
          employer_tax_code text not null references employer (tax_code),
          full_name text not null,
          title text not null,
          personal_id_ciphertext bytea not null,
          personal_id_lookup text not null,
          is_legal_representative boolean not null,
          authorisation_document_ref text,
          authorisation_issued_on date,
          authorisation_document_sha256 text check (authorisation_document_sha256 ~ '^[0-9a-f]{64}$'),
          valid_from date not null,
          valid_until date,
          revoked_at timestamptz,
          revoked_by text,
          created_by text not null,
          created_at timestamptz not null,
          -- R4.9: anyone but the legal representative signs under a letter of authorisation.
          constraint employer_signatory_authorised check (
            is_legal_representative or (
              authorisation_document_ref is not null and authorisation_issued_on is not null
              and authorisation_document_sha256 is not null
            )
          ),
          constraint employer_signatory_validity check (valid_until is null or valid_until >= valid_from)
        );
        create index employer_signatory_employer on employer_signatory (employer_tax_code, created_at);
        -- One standing (unrevoked) entry per person and employer: a change is a revocation and a new entry.
        create unique index employer_signatory_person on employer_signatory (employer_tax_code, personal_id_lookup)
          where revoked_at is null;
      `.execute(db)
    },
  },
}

export interface EmployerTable {
  tax_code: string
  name: string
  address: string
  employer_type: string
  phone: string | null
  email: string | null
  legal_representative_name: string
  legal_representative_title: string
  /** VNeID subject of the organisation account that onboarded the employer. */
  onboarded_by: string
  onboarded_at: Date
  updated_at: Date
}

export interface EmployerSignatoryTable {
  id: string
  employer_tax_code: string
  full_name: string
  title: string
  /** PiiCipher, purpose EMPLOYER_SIGNATORY_PERSONAL_ID. */
  personal_id_ciphertext: Buffer
  /** PiiCipher.lookupHash of the number: matched against the signer's VNeID identity and certificate. */
  personal_id_lookup: string
  is_legal_representative: boolean
  authorisation_document_ref: string | null
  /** 'YYYY-MM-DD'. */
  authorisation_issued_on: string | null
  /** Key of the authorisation PDF in the BlobStore. */
  authorisation_document_sha256: string | null
  valid_from: string
  valid_until: string | null
  revoked_at: Date | null
  revoked_by: string | null
  created_by: string
  created_at: Date
}

export interface EmployerDatabase {
  employer: EmployerTable
  employer_signatory: EmployerSignatoryTable
}

export function migrateEmployers(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, employerMigrations, { module: 'employers' })
}
