// Bulk contracts: one job drafts, sends and has the employer sign contracts for a list of employees, the
// employer approving the whole round once (R2.36). Each row's state is durable after every step, so a
// worker that stopped is resumed by the next one without doing a step twice.
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'
import type { ContractsDatabase } from '../contracts/migrations.ts'

export const bulkMigrations: Record<string, Migration> = {
  'bulk-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table bulk_job (
          id text primary key,
          employer_tax_code text not null,
          template jsonb not null,
          acknowledge_warnings boolean not null,
          created_by text not null,
          creator jsonb not null,
          status text not null check (status in ('preparing', 'awaiting_approval', 'signing', 'done')),
          total integer not null,
          batch_id text,
          batch_expires_at timestamptz,
          batch_seqs jsonb,
          simulated_otp text,
          certificate_serial text,
          approver jsonb,
          approved_at timestamptz,
          created_at timestamptz not null,
          updated_at timestamptz not null
        );
        create index bulk_job_employer on bulk_job (employer_tax_code, created_at desc);
        create table bulk_item (
          job_id text not null references bulk_job (id),
          seq integer not null,
          employee_id text not null,
          worker_name text not null,
          data_ciphertext bytea,
          document_id text,
          signature_id text,
          digest bytea,
          employer_signature bytea,
          status text not null check (status in ('pending', 'drafted', 'sent', 'employer_prepared',
            'employer_signed', 'failed')),
          findings jsonb,
          reason jsonb,
          attempts integer not null default 0,
          lease_until timestamptz,
          updated_at timestamptz not null,
          primary key (job_id, seq)
        );
        create index bulk_item_work on bulk_item (status, lease_until);
      `.execute(db)
    },
  },
}

export function migrateBulk(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, bulkMigrations, { module: 'bulk' })
}

export type BulkJobStatus = 'preparing' | 'awaiting_approval' | 'signing' | 'done'
export type BulkItemStatus =
  | 'pending'
  | 'drafted'
  | 'sent'
  | 'employer_prepared'
  | 'employer_signed'
  | 'failed'

export interface BulkJobTable {
  id: string
  employer_tax_code: string
  /** { employer, terms }: what every row's contract shares. */
  template: unknown
  acknowledge_warnings: boolean
  created_by: string
  /** The creator's sign-in and consent (R5.11), as SigningService records a signer's. */
  creator: unknown
  status: BulkJobStatus
  total: number
  batch_id: string | null
  batch_expires_at: Date | null
  /** The rows whose digests the batch carries, in its order. */
  batch_seqs: unknown
  /** Only the simulator hands the code back; a real CA sends it to the signatory's phone. */
  simulated_otp: string | null
  certificate_serial: string | null
  approver: unknown
  approved_at: Date | null
  created_at: Date
  updated_at: Date
}

export interface BulkItemTable {
  job_id: string
  seq: number
  employee_id: string
  worker_name: string
  /** The row's contract data, encrypted (it holds the worker's ID number); dropped once drafted. */
  data_ciphertext: Buffer | null
  document_id: string | null
  signature_id: string | null
  digest: Buffer | null
  employer_signature: Buffer | null
  status: BulkItemStatus
  findings: unknown
  /** { vi, en } when failed. */
  reason: unknown
  attempts: number
  lease_until: Date | null
  updated_at: Date
}

export interface BulkDatabase extends ContractsDatabase {
  bulk_job: BulkJobTable
  bulk_item: BulkItemTable
}
