// What the eContract does when the Platform decides (called by the outbox worker inside the transaction
// that records the decision): an issued ID is stamped into the signed PDF (R1.29) and the ID-bearing copy
// is queued for both parties (R1.14, R1.17); a refusal is kept with the Platform's reasons for the HR
// staff to see (R1.31).
import type { Kysely } from '@elc/db'
import type { BlobStore } from '@elc/storage'
import type { OutboxOutcome } from '../outbox/index.ts'
import { stampContractId } from '../render/index.ts'
import { recordEvent } from './document-events.ts'
import type { DocumentsService } from './documents-service.ts'
import type { ContractsDatabase } from './migrations.ts'
import { queueDeliveries } from './signing-service.ts'

export function onPlatformDecision(documents: DocumentsService, blobs: BlobStore) {
  return async (trx: Kysely<unknown>, outcome: OutboxOutcome): Promise<void> => {
    const db = trx as Kysely<ContractsDatabase>
    const doc = await db
      .selectFrom('document')
      .selectAll()
      .where('id', '=', outcome.documentRef)
      .forUpdate()
      .executeTakeFirst()
    if (doc?.status !== 'signed') return
    const now = outcome.decidedAt
    if (outcome.decision === 'refused') {
      await db
        .updateTable('document')
        .set({ status: 'refused', platform_reasons: JSON.stringify(outcome.reasons), updated_at: now })
        .where('id', '=', doc.id)
        .execute()
      await recordEvent(db, doc.id, {
        at: now,
        actor: 'platform',
        type: 'refused',
        detail: { reasons: outcome.reasons.map((r) => r.code) },
      })
      return
    }
    const contractId = outcome.contractId as string
    let pdfSha256 = doc.pdf_sha256
    // A new contract carries its own ID in its PDF; a lifecycle document already shows its parent's.
    if (outcome.decision === 'issued' && doc.pdf_sha256) {
      const signed = await blobs.get(doc.pdf_sha256)
      if (!signed) throw new Error(`document ${doc.id}: its signed PDF is missing`)
      pdfSha256 = (await blobs.put(stampContractId(signed, contractId))).sha256
    }
    await db
      .updateTable('document')
      .set({ status: 'issued', contract_id: contractId, pdf_sha256: pdfSha256, updated_at: now })
      .where('id', '=', doc.id)
      .execute()
    await recordEvent(db, doc.id, {
      at: now,
      actor: 'platform',
      type: 'issued',
      detail: { contractId, decision: outcome.decision, pdfSha256 },
    })
    await queueDeliveries(db, doc.id, 'issued', await documents.parties(doc, db), now)
  }
}
