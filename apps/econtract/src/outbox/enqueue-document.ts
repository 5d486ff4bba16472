// Queues a signed document for the Platform inside the caller's transaction, so "the last signature is
// complete" and "queued for the Platform" commit together (R1.13: sent within 24 hours of it).
import { randomUUID } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { BlobStore, PiiCipher } from '@elc/storage'
import { LIFECYCLE_KINDS, OUTBOX_KINDS, type OutboxDatabase, type OutboxKind } from './migrations.ts'

/** The purpose the data's ciphertext is bound to: it decrypts in no other column. */
export const OUTBOX_DATA_PURPOSE = 'outbox.data'
/** R1.13: the provider sends the contract within 24 hours of the last signature. */
export const SUBMIT_DEADLINE_MS = 24 * 3_600_000
const CONTRACT_ID = /^[ABC]\d{12}$/

export interface EnqueueInput {
  /** The eContract's own id of the document; queuing it again returns the first row. */
  documentRef: string
  kind: OutboxKind
  /** The contract ID a lifecycle document belongs to (R1.30). */
  parentContractId?: string
  /** The structured data embedded in the signed PDF. */
  data: unknown
  /** The signed, certified PDF: its bytes (stored in the BlobStore here) or the hash of bytes already there. */
  pdf: Uint8Array | { sha256: string }
  lastSignedAt: Date
}

export interface Enqueued {
  id: string
  deadlineAt: Date
  /** False when the document was already queued. */
  created: boolean
}

export async function enqueueDocument(
  trx: Kysely<unknown>,
  input: EnqueueInput,
  deps: { blobs: BlobStore; pii: PiiCipher; now?: () => Date },
): Promise<Enqueued> {
  checkInput(input)
  const db = trx as Kysely<OutboxDatabase>
  const pdfSha256 = await storedPdf(input.pdf, deps.blobs)
  const now = deps.now?.() ?? new Date()
  const deadlineAt = new Date(input.lastSignedAt.getTime() + SUBMIT_DEADLINE_MS)
  const id = randomUUID()
  const inserted = await db
    .insertInto('platform_outbox')
    .values({
      id,
      document_ref: input.documentRef,
      kind: input.kind,
      parent_contract_id: input.parentContractId ?? null,
      pdf_sha256: pdfSha256,
      data_ciphertext: deps.pii.encrypt(JSON.stringify(input.data), OUTBOX_DATA_PURPOSE),
      last_signed_at: input.lastSignedAt,
      deadline_at: deadlineAt,
      status: 'queued',
      attempts: 0,
      failures: 0,
      next_attempt_at: now,
      claimed_until: null,
      claim_token: null,
      last_error: null,
      submission_id: null,
      submitted_at: null,
      contract_id: null,
      reasons: null,
      decided_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('document_ref').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return { id, deadlineAt, created: true }

  const existing = await db
    .selectFrom('platform_outbox')
    .select(['id', 'kind', 'pdf_sha256', 'parent_contract_id', 'deadline_at'])
    .where('document_ref', '=', input.documentRef)
    .executeTakeFirstOrThrow()
  if (
    existing.kind !== input.kind ||
    existing.pdf_sha256 !== pdfSha256 ||
    existing.parent_contract_id !== (input.parentContractId ?? null)
  )
    throw new ElcError(
      'OUTBOX_DOCUMENT_CONFLICT',
      text(
        'Tài liệu này đã được xếp hàng gửi Nền tảng với nội dung khác.',
        'This document was already queued for the Platform with different contents.',
      ),
      { status: 409 },
    )
  return { id: existing.id, deadlineAt: existing.deadline_at, created: false }
}

function checkInput(input: EnqueueInput): void {
  if (
    typeof input.documentRef !== 'string' ||
    input.documentRef.length === 0 ||
    input.documentRef.length > 200
  )
    throw invalid(
      'OUTBOX_DOCUMENT_REF_INVALID',
      'Mã tài liệu phải có 1–200 ký tự.',
      'documentRef must have 1–200 characters.',
    )
  if (!(OUTBOX_KINDS as readonly string[]).includes(input.kind))
    throw invalid(
      'OUTBOX_KIND_INVALID',
      `Loại tài liệu phải là một trong: ${OUTBOX_KINDS.join(', ')}.`,
      `kind must be one of: ${OUTBOX_KINDS.join(', ')}.`,
    )
  const lifecycle = LIFECYCLE_KINDS.has(input.kind)
  if (lifecycle && !(input.parentContractId && CONTRACT_ID.test(input.parentContractId)))
    throw new ElcError(
      'OUTBOX_PARENT_REQUIRED',
      text(
        'Phụ lục, sửa đổi, tạm hoãn hay chấm dứt phải nêu mã định danh của hợp đồng gốc.',
        'An annex, amendment, suspension or termination must name its contract ID.',
      ),
      { ruleId: 'R1.30' },
    )
  if (!lifecycle && input.parentContractId !== undefined)
    throw invalid(
      'OUTBOX_PARENT_NOT_ALLOWED',
      'Hợp đồng mới hay chuyển đổi không có hợp đồng gốc.',
      'A new or converted contract has no parent contract.',
    )
  if (!(input.lastSignedAt instanceof Date) || Number.isNaN(input.lastSignedAt.getTime()))
    throw invalid(
      'OUTBOX_SIGNED_AT_INVALID',
      'Thiếu thời điểm ký cuối cùng.',
      'The time of the last signature is missing.',
    )
}

async function storedPdf(pdf: EnqueueInput['pdf'], blobs: BlobStore): Promise<string> {
  if (pdf instanceof Uint8Array) return (await blobs.put(pdf)).sha256
  if (!(await blobs.has(pdf.sha256)))
    throw new ElcError(
      'OUTBOX_PDF_MISSING',
      text('Không tìm thấy tệp PDF đã ký trong kho lưu trữ.', 'The signed PDF is not in the blob store.'),
      { status: 500 },
    )
  return pdf.sha256
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en))
}
