// The steps a bulk row goes through, each ending in one transaction that moves the row's status on only
// if it still has the status the step started from: a step done twice (a worker resumed after a crash)
// fails its check and rolls back, so no document, signature or event is written twice. The rows they
// write are the ones DocumentsService and SigningService write (document, signature, document_event), so
// the worker's signature, certification and submission go on through SigningService unchanged.
import { randomUUID } from 'node:crypto'
import type { Finding } from '@elc/core'
import type { Kysely } from '@elc/db'
import {
  completeSignature,
  type PreparedSignature,
  preparedFromJson,
  preparedToJson,
  prepareSignature,
} from '@elc/pki'
import { recordEvent } from '../contracts/document-events.ts'
import { DOCUMENT_DATA, DOCUMENT_TITLES } from '../contracts/documents-service.ts'
import type { ContractsDatabase } from '../contracts/migrations.ts'
import type { SignerProvenance } from '../contracts/signing-service.ts'
import { renderContractDocument, type SignatureBoxes } from '../render/index.ts'
import type { BulkContext } from './bulk-context.ts'
import type { BulkDatabase, BulkItemStatus, BulkItemTable, BulkJobTable } from './migrations.ts'
import { timed } from './phase-timer.ts'

export class StepConflict extends Error {
  constructor(what: string) {
    super(`bulk row moved on elsewhere: ${what}`)
  }
}

/** Moves the row from `from` to `to` with `values`, inside `trx`; throws StepConflict when it had moved. */
export async function advance(
  trx: Kysely<BulkDatabase>,
  item: Pick<BulkItemTable, 'job_id' | 'seq'>,
  from: BulkItemStatus,
  to: BulkItemStatus,
  now: Date,
  values: Partial<Omit<BulkItemTable, 'job_id' | 'seq' | 'status'>> = {},
): Promise<void> {
  const moved = await trx
    .updateTable('bulk_item')
    .set({ ...values, status: to, updated_at: now })
    .where('job_id', '=', item.job_id)
    .where('seq', '=', item.seq)
    .where('status', '=', from)
    .executeTakeFirst()
  if (moved.numUpdatedRows !== 1n) throw new StepConflict(`${item.job_id}#${item.seq} ${from} → ${to}`)
}

/** pending → drafted: the document as DocumentsService.createDraft writes it. */
export async function draftRow(ctx: BulkContext, job: BulkJobTable, item: BulkItemTable): Promise<string> {
  const { pii } = ctx.documents.deps
  const data = JSON.parse(pii.decrypt(item.data_ciphertext as Buffer, bulkDataPurpose(job.id))) as Record<
    string,
    unknown
  >
  const id = randomUUID()
  const now = ctx.now()
  const idNumber = (data.worker as { idDocument?: { number?: unknown } } | undefined)?.idDocument?.number
  await timed(ctx.timer, 'database', () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('document')
        .values({
          id,
          employer_tax_code: job.employer_tax_code,
          kind: 'contract',
          parent_id: null,
          title: `${DOCUMENT_TITLES.contract?.vi} — ${(data.worker as { fullName: string }).fullName}`,
          data_ciphertext: pii.encrypt(JSON.stringify(data), DOCUMENT_DATA),
          worker_lookup: typeof idNumber === 'string' ? pii.lookupHash(idNumber) : null,
          status: 'draft',
          signing_order: 'employer_first',
          next_party: null,
          pdf_sha256: null,
          agreed_effective_date: null,
          effective_at: null,
          contract_id: null,
          platform_reasons: null,
          created_by: job.created_by,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await recordEvent(trx as unknown as Kysely<ContractsDatabase>, id, {
        at: now,
        actor: job.created_by,
        type: 'created',
        detail: { kind: 'contract', bulkJob: job.id },
      })
      // The copy in the row is no longer needed once the document holds the data.
      await advance(trx, item, 'pending', 'drafted', now, { document_id: id, data_ciphertext: null })
    }),
  )
  return id
}

/** drafted → sent: rendered as DocumentsService.send renders; the document opens for the employer. */
export async function sendRow(
  ctx: BulkContext,
  job: BulkJobTable,
  item: BulkItemTable,
): Promise<{ pdf: Uint8Array; boxes: SignatureBoxes }> {
  const doc = await timed(ctx.timer, 'database', () => ctx.documents.row(item.document_id as string))
  if (!doc) throw new Error(`bulk row ${item.job_id}#${item.seq}: its document is missing`)
  const data = ctx.documents.data(doc)
  const warnings = ctx.documents.findings(data).filter((f) => f.severity === 'warning')
  const rendered = await timed(ctx.timer, 'rendering', () => renderOf(ctx, data))
  const { sha256 } = await timed(ctx.timer, 'database', () => ctx.documents.deps.blobs.put(rendered.pdf))
  const now = ctx.now()
  await timed(ctx.timer, 'database', () =>
    ctx.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('document')
        .set({
          status: 'signing',
          next_party: 'employer',
          pdf_sha256: sha256,
          signature_boxes: JSON.stringify(rendered.signatureBoxes),
          updated_at: now,
        })
        .where('id', '=', doc.id)
        .where('status', '=', 'draft')
        .executeTakeFirst()
      if (updated.numUpdatedRows !== 1n) throw new StepConflict(`document ${doc.id} is not a draft`)
      await recordEvent(trx as unknown as Kysely<ContractsDatabase>, doc.id, {
        at: now,
        actor: job.created_by,
        type: 'sent',
        detail: { pdfSha256: sha256, acknowledgedWarnings: warnings.map((w) => w.code), bulkJob: job.id },
      })
      await advance(trx, item, 'drafted', 'sent', now)
    }),
  )
  return { pdf: rendered.pdf, boxes: rendered.signatureBoxes }
}

/**
 * sent → employer_prepared: the employer's signature field and signed attributes, as SigningService.start
 * prepares them, recorded as a requested signature with the creator's consent (R5.11); the digest waits for
 * the job's one batch request.
 */
export async function prepareRow(
  ctx: BulkContext,
  job: BulkJobTable,
  item: BulkItemTable,
  rendered?: { pdf: Uint8Array; boxes: SignatureBoxes },
): Promise<void> {
  const doc = await timed(ctx.timer, 'database', () => ctx.documents.row(item.document_id as string))
  if (!doc?.pdf_sha256) throw new Error(`bulk row ${item.job_id}#${item.seq}: its PDF is missing`)
  const data = ctx.documents.data(doc) as { employer: { name: string; taxCode: string } }
  const cert = await ctx.employerCertificate(job)
  let pdf = rendered?.pdf
  let boxes = rendered?.boxes
  if (!pdf || !boxes) {
    pdf = await timed(ctx.timer, 'database', async () =>
      ctx.documents.deps.blobs.get(doc.pdf_sha256 as string),
    )
    // Kept when the row was sent; rendered again only for a document sent before boxes were kept.
    boxes =
      (doc.signature_boxes as SignatureBoxes | null) ??
      (await timed(ctx.timer, 'rendering', () => renderOf(ctx, data))).signatureBoxes
  }
  if (!pdf) throw new Error(`bulk row ${item.job_id}#${item.seq}: its PDF is missing from the blob store`)
  const signedPdf = pdf
  const box = boxes.employer
  const now = ctx.now()
  const prepared = timed(ctx.timer, 'signing', () =>
    prepareSignature(signedPdf, {
      certificate: cert.certificate,
      chain: cert.chain,
      signerName: data.employer.name,
      fieldName: 'ChuKyNguoiSuDungLaoDong',
      reason: 'Ký hợp đồng lao động điện tử / Signing the electronic labor contract',
      signingTime: now,
      visible: { ...box, organisation: data.employer.name },
    }),
  )
  const creator = job.creator as SignerProvenance
  const signatureId = randomUUID()
  await timed(ctx.timer, 'database', () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('signature')
        .set({ status: 'expired' })
        .where('document_id', '=', doc.id)
        .where('party', '=', 'employer')
        .where('status', '=', 'requested')
        .execute()
      await trx
        .insertInto('signature')
        .values({
          id: signatureId,
          document_id: doc.id,
          party: 'employer',
          status: 'requested',
          signer_name: data.employer.name,
          certificate_serial: cert.serialNumber,
          remote_request_id: null,
          prepared_json: preparedToJson(prepared),
          requested_at: now,
          signed_at: null,
          provenance: JSON.stringify(creator),
        })
        .execute()
      const events = trx as unknown as Kysely<ContractsDatabase>
      await recordEvent(events, doc.id, {
        at: now,
        actor: creator.subject,
        type: 'consented',
        detail: { party: 'employer', consentedAt: creator.consentedAt, bulkJob: job.id },
      })
      await recordEvent(events, doc.id, {
        at: now,
        actor: creator.subject,
        type: 'signature.requested',
        detail: { party: 'employer', certificateSerial: cert.serialNumber, bulkJob: job.id },
      })
      await advance(trx, item, 'sent', 'employer_prepared', now, {
        signature_id: signatureId,
        digest: Buffer.from(prepared.digestToSign),
      })
    }),
  )
}

/**
 * employer_prepared → employer_signed: the CA's signature from the approved batch is checked against the
 * certificate, timestamped (PAdES B-T, R2.9) and embedded; the document passes to the worker, as
 * SigningService.confirm leaves it.
 */
export async function completeRow(ctx: BulkContext, job: BulkJobTable, item: BulkItemTable): Promise<void> {
  const signature = await timed(ctx.timer, 'database', () =>
    ctx.db
      .selectFrom('signature')
      .selectAll()
      .where('id', '=', item.signature_id as string)
      .executeTakeFirst(),
  )
  if (!signature?.prepared_json) throw new Error(`bulk row ${item.job_id}#${item.seq}: no prepared signature`)
  const prepared: PreparedSignature = preparedFromJson(signature.prepared_json)
  const signed = await timed(ctx.timer, 'signing', () =>
    completeSignature(prepared, new Uint8Array(item.employer_signature as Buffer), { tsa: ctx.tsa }),
  )
  const { sha256 } = await timed(ctx.timer, 'database', () => ctx.documents.deps.blobs.put(signed))
  const approver = job.approver as SignerProvenance
  const now = ctx.now()
  await timed(ctx.timer, 'database', () =>
    ctx.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('document')
        .set({ pdf_sha256: sha256, next_party: 'worker', updated_at: now })
        .where('id', '=', signature.document_id)
        .where('status', '=', 'signing')
        .where('next_party', '=', 'employer')
        .executeTakeFirst()
      if (moved.numUpdatedRows !== 1n)
        throw new StepConflict(`document ${signature.document_id} is not waiting for the employer`)
      const done = await trx
        .updateTable('signature')
        .set({ status: 'signed', signed_at: now, provenance: JSON.stringify(approver) })
        .where('id', '=', signature.id)
        .where('status', '=', 'requested')
        .executeTakeFirst()
      if (done.numUpdatedRows !== 1n) throw new StepConflict(`signature ${signature.id} is not requested`)
      await recordEvent(trx as unknown as Kysely<ContractsDatabase>, signature.document_id, {
        at: now,
        actor: approver.subject,
        type: 'signed',
        detail: {
          party: 'employer',
          certificateSerial: signature.certificate_serial,
          pdfSha256: sha256,
          bulkJob: job.id,
          ...(approver.session ? { session: approver.session } : {}),
        },
      })
      await advance(trx, item, 'employer_prepared', 'employer_signed', now, {
        employer_signature: null,
        lease_until: null,
      })
    }),
  )
}

function renderOf(ctx: BulkContext, data: unknown) {
  return ctx.render ? ctx.render(data) : renderContractDocument(data as never)
}

/** The purpose a row's data ciphertext is bound to: it decrypts for that job only. */
export function bulkDataPurpose(jobId: string): string {
  return `bulk_item.data:${jobId}`
}

export type { Finding }
