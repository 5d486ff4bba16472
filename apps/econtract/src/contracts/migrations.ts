// Contracts and lifecycle documents as the eContract keeps them while they are drafted, signed by each
// party, certified, submitted to the Platform and delivered; with the history of each (who did what, when,
// signed in how) and the mail deliveries owed to the parties.
import { type Generated, type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

export const contractMigrations: Record<string, Migration> = {
  'contracts-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table document (
          id text primary key,
          employer_tax_code text not null,
          kind text not null,
          parent_id text references document (id),
          title text not null,
          data_ciphertext bytea not null,
          worker_lookup text,
          status text not null check (status in ('draft', 'signing', 'signed', 'issued', 'refused', 'cancelled')),
          signing_order text not null check (signing_order in ('employer_first', 'worker_first')),
          next_party text check (next_party in ('employer', 'worker')),
          pdf_sha256 text,
          agreed_effective_date text,
          effective_at timestamptz,
          contract_id text,
          platform_reasons jsonb,
          created_by text not null,
          created_at timestamptz not null,
          updated_at timestamptz not null
        );
        create index document_employer on document (employer_tax_code, created_at desc);
        create index document_worker on document (worker_lookup);
        create table signature (
          id text primary key,
          document_id text not null references document (id),
          party text not null check (party in ('employer', 'worker')),
          status text not null check (status in ('requested', 'signed', 'rejected', 'expired')),
          signer_name text not null,
          certificate_serial text not null,
          remote_request_id text,
          prepared_json text,
          requested_at timestamptz not null,
          signed_at timestamptz,
          provenance jsonb not null
        );
        create unique index signature_signed_once on signature (document_id, party) where status = 'signed';
        create table document_event (
          id bigserial primary key,
          document_id text not null references document (id),
          at timestamptz not null,
          actor text not null,
          type text not null,
          detail jsonb not null
        );
        create index document_event_document on document_event (document_id, id);
        create table delivery (
          id text primary key,
          document_id text not null references document (id),
          recipient text not null check (recipient in ('employer', 'worker')),
          stage text not null check (stage in ('signed', 'issued')),
          status text not null check (status in ('queued', 'sent', 'failed')),
          attempts integer not null default 0,
          next_attempt_at timestamptz not null,
          last_error jsonb,
          sent_at timestamptz,
          message_id text,
          unique (document_id, recipient, stage)
        );
        create index delivery_due on delivery (next_attempt_at) where status = 'queued';
        create table signer_certificate (
          owner text primary key,
          serial_number text not null,
          certificate bytea not null,
          chain jsonb not null,
          not_after timestamptz not null
        );
      `.execute(db)
    },
  },
  // Where each party's visible signature goes, kept when the PDF is rendered so signing need not render again.
  'contracts-0002': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`alter table document add column signature_boxes jsonb`.execute(db)
    },
  },
}

export function migrateContracts(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, contractMigrations, { module: 'contracts' })
}

export type DocumentStatus = 'draft' | 'signing' | 'signed' | 'issued' | 'refused' | 'cancelled'
export type Party = 'employer' | 'worker'

export interface DocumentTable {
  id: string
  employer_tax_code: string
  kind: string
  parent_id: string | null
  title: string
  data_ciphertext: Buffer
  worker_lookup: string | null
  status: DocumentStatus
  signing_order: 'employer_first' | 'worker_first'
  next_party: Party | null
  pdf_sha256: string | null
  agreed_effective_date: string | null
  effective_at: Date | null
  contract_id: string | null
  platform_reasons: unknown
  signature_boxes?: unknown
  created_by: string
  created_at: Date
  updated_at: Date
}

export interface SignatureTable {
  id: string
  document_id: string
  party: Party
  status: 'requested' | 'signed' | 'rejected' | 'expired'
  signer_name: string
  certificate_serial: string
  remote_request_id: string | null
  prepared_json: string | null
  requested_at: Date
  signed_at: Date | null
  provenance: unknown
}

export interface DocumentEventTable {
  id: Generated<bigint>
  document_id: string
  at: Date
  actor: string
  type: string
  detail: unknown
}

export interface DeliveryTable {
  id: string
  document_id: string
  recipient: Party
  stage: 'signed' | 'issued'
  status: 'queued' | 'sent' | 'failed'
  attempts: number
  next_attempt_at: Date
  last_error: unknown
  sent_at: Date | null
  message_id: string | null
}

export interface SignerCertificateTable {
  owner: string
  serial_number: string
  certificate: Buffer
  chain: unknown
  not_after: Date
}

export interface ContractsDatabase {
  document: DocumentTable
  signature: SignatureTable
  document_event: DocumentEventTable
  delivery: DeliveryTable
  signer_certificate: SignerCertificateTable
}
