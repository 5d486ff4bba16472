// The outbox as the rest of the eContract sees it: queue a signed document in the caller's transaction,
// read a row's state, and the operations view.
import type { Kysely } from '@elc/db'
import type { BlobStore, PiiCipher } from '@elc/storage'
import { type Enqueued, type EnqueueInput, enqueueDocument } from './enqueue-document.ts'
import type { OutboxDatabase, PlatformOutboxTable } from './migrations.ts'
import { type OperationsThresholds, type OperationsView, operationsView } from './operations-view.ts'

export interface PlatformOutboxOptions {
  db: Kysely<unknown>
  blobs: BlobStore
  pii: PiiCipher
  now?: () => Date
  thresholds?: OperationsThresholds
}

export class PlatformOutbox {
  constructor(private readonly options: PlatformOutboxOptions) {}

  /**
   * Queues a signed document inside `trx` (the transaction that records the last signature); idempotent
   * on documentRef. Kick the worker once the transaction has committed.
   */
  enqueue(trx: Kysely<unknown>, input: EnqueueInput): Promise<Enqueued> {
    return enqueueDocument(trx, input, this.options)
  }

  /** A document's row, by the eContract's own reference. */
  async byDocument(documentRef: string): Promise<Omit<PlatformOutboxTable, 'data_ciphertext'> | undefined> {
    return (this.options.db as Kysely<OutboxDatabase>)
      .selectFrom('platform_outbox')
      .select([
        'id',
        'document_ref',
        'kind',
        'parent_contract_id',
        'pdf_sha256',
        'last_signed_at',
        'deadline_at',
        'status',
        'attempts',
        'failures',
        'next_attempt_at',
        'claimed_until',
        'claim_token',
        'last_error',
        'submission_id',
        'submitted_at',
        'contract_id',
        'reasons',
        'decided_at',
        'created_at',
      ])
      .where('document_ref', '=', documentRef)
      .executeTakeFirst()
  }

  operationsView(now: Date = this.options.now?.() ?? new Date()): Promise<OperationsView> {
    return operationsView(this.options.db, now, this.options.thresholds)
  }
}
