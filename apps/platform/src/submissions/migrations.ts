// Submissions from providers and the contracts they become (D13, R1.24–R1.32).
import { type Kysely, type Migration, sql } from '@elc/db'

export const submissionMigrations: Record<string, Migration> = {
  'submissions-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table submission (
          id text primary key,
          provider_id text not null,
          idempotency_key text not null,
          request_sha256 text not null,
          kind text not null,
          parent_contract_id text,
          pdf_sha256 text not null,
          data_ciphertext bytea not null,
          worker_id_lookup text,
          received_at timestamptz not null,
          deadline_at timestamptz not null,
          status text not null default 'accepted',
          decided_at timestamptz,
          contract_id text,
          reasons jsonb,
          findings jsonb,
          accepted_index bigint,
          decision_index bigint,
          unique (provider_id, idempotency_key)
        );
        create index submission_pending on submission (received_at) where status = 'accepted';
        create index submission_worker on submission (worker_id_lookup);
        create table contract (
          contract_id text primary key,
          submission_id text not null unique references submission (id),
          employer_tax_code text not null,
          pdf_sha256 text not null,
          issued_at timestamptz not null
        );
        create table contract_document (
          submission_id text primary key references submission (id),
          contract_id text not null references contract (contract_id),
          kind text not null,
          pdf_sha256 text not null,
          attached_at timestamptz not null
        );
      `.execute(db)
    },
  },
  // Several Platform processes decide in parallel: each claims a few waiting submissions for a while.
  'submissions-0002': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`alter table submission add column claimed_until timestamptz`.execute(db)
    },
  },
  // Recorded at decision, from the data before it is sealed: the workplaces' provinces (which Department
  // oversees the contract, R1.23) and the kind of term, for statistics without decryption (R1.26).
  'submissions-0003': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        alter table submission add column term_type text;
        create table submission_province (
          submission_id text not null references submission (id),
          province_code text not null,
          position integer not null,
          primary key (submission_id, province_code)
        );
        create index submission_province_code on submission_province (province_code, submission_id);
      `.execute(db)
    },
  },
}

export interface SubmissionTable {
  id: string
  provider_id: string
  idempotency_key: string
  request_sha256: string
  kind: string
  parent_contract_id: string | null
  pdf_sha256: string
  /** The structured data, encrypted (it holds personal ID numbers); the PDF is in the blob store. */
  data_ciphertext: Buffer
  /** Keyed hash of the worker's personal ID, for their own lookups. */
  worker_id_lookup: string | null
  received_at: Date
  deadline_at: Date
  status: 'accepted' | 'decided'
  decided_at: Date | null
  contract_id: string | null
  reasons: unknown
  findings: unknown
  accepted_index: bigint | null
  decision_index: bigint | null
  /** Until when a decision worker holds this submission; another may take it over afterwards. */
  claimed_until?: Date | null
  /** indefinite or definite, for new contracts and conversions; recorded at decision. */
  term_type?: string | null
}

export interface SubmissionDatabase {
  submission: SubmissionTable
  /** The provinces (2025 codes) of a contract's workplaces, the principal one at position 0. */
  submission_province: { submission_id: string; province_code: string; position: number }
  contract: {
    contract_id: string
    submission_id: string
    employer_tax_code: string
    pdf_sha256: string
    issued_at: Date
  }
  contract_document: {
    submission_id: string
    contract_id: string
    kind: string
    pdf_sha256: string
    attached_at: Date
  }
}
