// The history of a document, shown to both parties: every step with who took it and how they were signed in.
import type { Kysely } from '@elc/db'
import type { ContractsDatabase } from './migrations.ts'

export type DocumentEventType =
  | 'created'
  | 'updated'
  | 'sent'
  | 'viewed'
  | 'consented'
  | 'signature.requested'
  | 'signed'
  | 'certified'
  | 'queued'
  | 'issued'
  | 'refused'
  | 'delivered'
  | 'cancelled'

export async function recordEvent(
  db: Kysely<ContractsDatabase>,
  documentId: string,
  event: { at: Date; actor: string; type: DocumentEventType; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('document_event')
    .values({
      document_id: documentId,
      at: event.at,
      actor: event.actor,
      type: event.type,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute()
}

export interface DocumentEvent {
  at: string
  actor: string
  type: DocumentEventType
  detail: Record<string, unknown>
}

export async function documentHistory(
  db: Kysely<ContractsDatabase>,
  documentId: string,
): Promise<DocumentEvent[]> {
  const rows = await db
    .selectFrom('document_event')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actor,
    type: r.type as DocumentEventType,
    detail: r.detail as Record<string, unknown>,
  }))
}
