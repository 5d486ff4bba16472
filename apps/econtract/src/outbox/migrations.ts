// The outbox of documents for the Platform (R1.13): a row is written in the transaction that completes the
// last signature and kept until the Platform's decision is recorded; its id is the Idempotency-Key.
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

export const OUTBOX_KINDS = ['new', 'conversion', 'annex', 'amendment', 'suspension', 'termination'] as const
export type OutboxKind = (typeof OUTBOX_KINDS)[number]
export const LIFECYCLE_KINDS: ReadonlySet<string> = new Set([
  'annex',
  'amendment',
  'suspension',
  'termination',
])

export const OUTBOX_STATUSES = ['queued', 'submitted', 'issued', 'attached', 'refused', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]
/** Rows the worker still has to move: not yet sent, or sent and not yet decided. */
export const ACTIVE_STATUSES = ['queued', 'submitted'] as const

export const outboxMigrations: Record<string, Migration> = {
  'outbox-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table platform_outbox (
          id text primary key,
          document_ref text not null unique,
          kind text not null check (kind in ('new', 'conversion', 'annex', 'amendment', 'suspension', 'termination')),
          parent_contract_id text,
          pdf_sha256 text not null,
          data_ciphertext bytea not null,
          last_signed_at timestamptz not null,
          deadline_at timestamptz not null,
          status text not null default 'queued'
            check (status in ('queued', 'submitted', 'issued', 'attached', 'refused', 'failed')),
          attempts integer not null default 0,
          failures integer not null default 0,
          next_attempt_at timestamptz not null,
          claimed_until timestamptz,
          claim_token text,
          last_error jsonb,
          submission_id text,
          submitted_at timestamptz,
          contract_id text,
          reasons jsonb,
          decided_at timestamptz,
          created_at timestamptz not null
        );
        create index platform_outbox_due on platform_outbox (next_attempt_at)
          where status in ('queued', 'submitted');
        create index platform_outbox_deadline on platform_outbox (deadline_at)
          where status in ('queued', 'submitted');
      `.execute(db)
    },
  },
}

export async function migrateOutbox(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, outboxMigrations, { module: 'outbox' })
}

/** The Platform's error as the outbox keeps it: its stable code and its text in both languages. */
export interface OutboxError {
  code: string
  status?: number
  ruleId?: string
  vi: string
  en: string
}

/** Why the Platform refused (its Reason: code, rule and vi/en message). */
export interface OutboxReason {
  code: string
  ruleId?: string
  message: { vi: string; en: string }
}

export interface PlatformOutboxTable {
  id: string
  document_ref: string
  kind: OutboxKind
  parent_contract_id: string | null
  pdf_sha256: string
  /** The structured data, encrypted (it holds the worker's personal ID), purpose 'outbox.data'. */
  data_ciphertext: Buffer
  last_signed_at: Date
  /** R1.13: last signature + 24 h. */
  deadline_at: Date
  status: OutboxStatus
  /** Calls made to the Platform for this row (submits and polls). */
  attempts: number
  /** Consecutive failed calls; the retry delay grows with it and a success resets it. */
  failures: number
  next_attempt_at: Date
  /** The lease of the worker holding the row; another may take it once it has passed. */
  claimed_until: Date | null
  claim_token: string | null
  last_error: OutboxError | null
  submission_id: string | null
  submitted_at: Date | null
  contract_id: string | null
  reasons: OutboxReason[] | null
  decided_at: Date | null
  created_at: Date
}

export interface OutboxDatabase {
  platform_outbox: PlatformOutboxTable
}
