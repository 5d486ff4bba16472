// Sends the deliveries owed to the parties (R1.14): the signed contract, then its ID-bearing copy. Claimed
// with SKIP LOCKED so several processes share the work; an unreachable mail server is retried with
// growing delays, a rejected address is recorded as failed (the document stays readable in the app).
import { ElcError } from '@elc/core'
import { type Kysely, sql } from '@elc/db'
import { BackgroundLoop } from '@elc/http'
import type { BlobStore } from '@elc/storage'
import { classifySendError, type Mailer, signedContractMessage } from '../delivery/index.ts'
import { recordEvent } from './document-events.ts'
import type { DocumentsService } from './documents-service.ts'
import type { ContractsDatabase, DeliveryTable } from './migrations.ts'

const MAX_DELAY_MS = 30 * 60_000

export class DeliveryWorker {
  private readonly loop: BackgroundLoop

  constructor(
    private readonly deps: {
      documents: DocumentsService
      blobs: BlobStore
      /** Without one, documents are delivered in the app only and this worker just finishes signed ones. */
      mailer?: Mailer
      /** Where a party signs in to see the document, e.g. http://127.0.0.1:8082 */
      appUrl: string
      /** Called on every round: finishes signed documents left uncertified by a crash or a TSA outage. */
      beforeRound?: () => Promise<unknown>
      intervalMs?: number
      log?: { error: (obj: unknown, msg: string) => void }
    },
  ) {
    this.loop = new BackgroundLoop(
      () => this.round(),
      deps.intervalMs ?? 5_000,
      (err) => deps.log?.error({ err }, 'delivery round failed; will retry'),
    )
  }

  private get db(): Kysely<ContractsDatabase> {
    return this.deps.documents.deps.db
  }

  kick(): void {
    this.loop.kick()
  }

  stop(): Promise<void> {
    return this.loop.stop()
  }

  /** Sends what is due now; returns how many were attempted. */
  async round(): Promise<number> {
    try {
      await this.deps.beforeRound?.()
    } catch (err) {
      this.deps.log?.error({ err }, 'finishing signed documents failed; will retry')
    }
    if (!this.deps.mailer) return 0
    let attempted = 0
    for (;;) {
      const due = await this.claim()
      if (due.length === 0) return attempted
      attempted += due.length
      for (const d of due) await this.send(d)
    }
  }

  private async claim(): Promise<DeliveryTable[]> {
    const now = this.deps.documents.now()
    // The claim pushes next_attempt_at ahead, so a crashed sender's rows come back after a while.
    return this.db
      .updateTable('delivery')
      .set({ next_attempt_at: new Date(now.getTime() + 5 * 60_000), attempts: sql`attempts + 1` })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('delivery')
          .select('id')
          .where('status', '=', 'queued')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(16)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute()
  }

  private async send(d: DeliveryTable): Promise<void> {
    const doc = await this.deps.documents.row(d.document_id)
    const now = () => this.deps.documents.now()
    try {
      if (!doc?.pdf_sha256) throw new Error(`document ${d.document_id} has no PDF`)
      const pdf = await this.deps.blobs.get(doc.pdf_sha256)
      if (!pdf) throw new Error(`document ${d.document_id}: PDF missing`)
      const data = await this.deps.documents.parties(doc)
      if (!data) throw new Error(`document ${d.document_id} names no parties`)
      const party = d.recipient === 'worker' ? data.worker : data.employer
      const message = signedContractMessage({
        to: party.email as string,
        recipientName: d.recipient === 'worker' ? data.worker.fullName : data.employer.name,
        employerName: data.employer.name,
        workerName: data.worker.fullName,
        contractTitle: doc.title,
        pdf,
        ...(d.stage === 'issued' && doc.contract_id ? { contractId: doc.contract_id } : {}),
        viewUrl: `${this.deps.appUrl.replace(/\/+$/, '')}/documents/${doc.id}`,
      })
      const sent = await (this.deps.mailer as Mailer).send(message)
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('delivery')
          .set({ status: 'sent', sent_at: now(), message_id: sent.messageId, last_error: null })
          .where('id', '=', d.id)
          .execute()
        await recordEvent(trx, d.document_id, {
          at: now(),
          actor: 'econtract',
          type: 'delivered',
          detail: { recipient: d.recipient, stage: d.stage, channel: 'email' },
        })
      })
    } catch (err) {
      const error = err instanceof ElcError ? err : classifySendError(err)
      const permanent = error.code !== 'MAIL_UNAVAILABLE'
      const delay = Math.min(MAX_DELAY_MS, 5_000 * 2 ** Math.min(d.attempts, 12))
      await this.db
        .updateTable('delivery')
        .set({
          status: permanent ? 'failed' : 'queued',
          next_attempt_at: new Date(now().getTime() + delay),
          last_error: JSON.stringify({ code: error.code, vi: error.text.vi, en: error.text.en }),
        })
        .where('id', '=', d.id)
        .execute()
      if (!permanent) return
      this.deps.log?.error({ err, delivery: d.id }, 'delivery failed for good')
    }
  }
}
