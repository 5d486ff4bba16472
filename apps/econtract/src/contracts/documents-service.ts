// Drafting and reading contracts and lifecycle documents (R4.6, R4.7). Labor-code findings from
// packages/core are computed on every change: errors block sending for signature, warnings must be
// acknowledged (the drafting rule). Sending renders the PDF the parties will sign.
import { randomUUID } from 'node:crypto'
import { ElcError, type Finding, text, validateDocument } from '@elc/core'
import { type Kysely, sql } from '@elc/db'
import type { BlobStore, PiiCipher } from '@elc/storage'
import type { Principal } from '@elc/web-auth'
import { renderContractDocument } from '../render/index.ts'
import { documentNotFound, employerTaxCodesOf, sideOf } from './document-access.ts'
import { type DocumentEvent, documentHistory, recordEvent } from './document-events.ts'
import type { ContractsDatabase, DocumentTable, Party } from './migrations.ts'
import { type ContractParties, partiesInData, signingOrder } from './signers.ts'

/** The purpose a document's data ciphertext is bound to. */
export const DOCUMENT_DATA = 'document.data'

export const DOCUMENT_TITLES: Record<string, { vi: string; en: string }> = {
  contract: { vi: 'Hợp đồng lao động', en: 'Labor contract' },
  annex: { vi: 'Phụ lục hợp đồng lao động', en: 'Contract annex' },
  amendment: { vi: 'Văn bản sửa đổi, bổ sung hợp đồng', en: 'Contract amendment' },
  suspension: { vi: 'Thỏa thuận tạm hoãn hợp đồng', en: 'Contract suspension' },
  termination: { vi: 'Văn bản chấm dứt hợp đồng', en: 'Contract termination' },
  paper_conversion: { vi: 'Chuyển đổi hợp đồng giấy', en: 'Paper contract conversion' },
}

export interface DraftInput {
  employerTaxCode: string
  data: unknown
  signingOrder?: 'employer_first' | 'worker_first'
  /** D8, R1.11: a date the parties agreed; otherwise the contract takes effect at the last signature. */
  agreedEffectiveDate?: string
  /** For a lifecycle document: the eContract id of its contract. */
  parentId?: string
}

export interface DocumentSummary {
  id: string
  kind: string
  title: string
  status: DocumentTable['status']
  nextParty: Party | null
  contractId: string | null
  workerName: string
  employerName: string
  updatedAt: string
}

export interface DocumentView extends DocumentSummary {
  side: Party
  data: Record<string, unknown>
  /** The contract's parties as the contract states them (for a lifecycle document: its contract's). */
  parties: { employer?: Record<string, unknown>; worker?: Record<string, unknown> }
  findings: Finding[]
  signingOrder: DocumentTable['signing_order']
  agreedEffectiveDate: string | null
  effectiveAt: string | null
  platformReasons: unknown
  parentId: string | null
  signatures: Array<{ party: Party; status: string; signerName: string; signedAt: string | null }>
  history: DocumentEvent[]
}

export class DocumentsService {
  constructor(
    readonly deps: {
      db: Kysely<ContractsDatabase>
      blobs: BlobStore
      pii: PiiCipher
      now?: () => Date
    },
  ) {}

  now(): Date {
    return this.deps.now?.() ?? new Date()
  }

  findings(data: unknown): Finding[] {
    return validateDocument(data).findings
  }

  async createDraft(actor: Principal, input: DraftInput): Promise<{ id: string; findings: Finding[] }> {
    if (!employerTaxCodesOf(actor).includes(input.employerTaxCode)) throw notYourEmployer()
    const data = this.checkedData(input.data, input.employerTaxCode)
    const kind = String((data as { kind: string }).kind)
    if (kind !== 'contract' && kind !== 'paper_conversion') {
      const parent = input.parentId ? await this.row(input.parentId) : undefined
      if (!parent || parent.employer_tax_code !== input.employerTaxCode || !parent.contract_id)
        throw new ElcError(
          'DOCUMENT_PARENT_REQUIRED',
          text(
            'Văn bản này phải gắn với một hợp đồng đã có mã định danh.',
            'This document must belong to a contract that already has its ID.',
          ),
          { ruleId: 'R1.30', status: 422 },
        )
    }
    const parent = input.parentId ? await this.row(input.parentId) : undefined
    if (parent && kind === 'termination' && !(data as { parentTerm?: unknown }).parentTerm) {
      // The notice rules need the contract's term (R4.20–R4.23); it is taken from the signed contract.
      const term = (this.data(parent) as { term?: Record<string, unknown> }).term
      if (term) data.parentTerm = term
    }
    const parentParties = parent ? await this.parties(parent) : undefined
    const id = randomUUID()
    const now = this.now()
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('document')
        .values({
          id,
          employer_tax_code: input.employerTaxCode,
          kind,
          parent_id: input.parentId ?? null,
          title: titleOf(kind, data, parentParties),
          data_ciphertext: this.deps.pii.encrypt(JSON.stringify(data), DOCUMENT_DATA),
          worker_lookup: parent ? parent.worker_lookup : workerLookup(this.deps.pii, data),
          status: 'draft',
          signing_order: input.signingOrder ?? 'employer_first',
          next_party: null,
          pdf_sha256: null,
          agreed_effective_date: input.agreedEffectiveDate ?? null,
          effective_at: null,
          contract_id: null,
          platform_reasons: null,
          created_by: actor.subject,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await recordEvent(trx, id, { at: now, actor: actor.subject, type: 'created', detail: { kind } })
    })
    return { id, findings: this.findings(data) }
  }

  async updateDraft(actor: Principal, id: string, data: unknown): Promise<Finding[]> {
    const doc = await this.own(actor, id, 'employer')
    if (doc.status !== 'draft') throw notDraft()
    const checked = this.checkedData(data, doc.employer_tax_code)
    if (checked.kind !== doc.kind)
      throw new ElcError(
        'DOCUMENT_KIND_MISMATCH',
        text(
          `Dự thảo này là ${DOCUMENT_TITLES[doc.kind]?.vi ?? doc.kind}; không đổi được sang loại văn bản khác.`,
          `This draft is a ${DOCUMENT_TITLES[doc.kind]?.en ?? doc.kind}; it cannot become another kind of document.`,
        ),
        { status: 422 },
      )
    const now = this.now()
    const parent = doc.parent_id ? await this.row(doc.parent_id) : undefined
    const parentParties = parent ? await this.parties(parent) : undefined
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('document')
        .set({
          data_ciphertext: this.deps.pii.encrypt(JSON.stringify(checked), DOCUMENT_DATA),
          ...(doc.parent_id ? {} : { worker_lookup: workerLookup(this.deps.pii, checked) }),
          title: titleOf(doc.kind, checked, parentParties),
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .execute()
      await recordEvent(trx, id, { at: now, actor: actor.subject, type: 'updated' })
    })
    return this.findings(checked)
  }

  /** Renders the PDF and opens signing, first party first. Errors block; warnings need acknowledging. */
  async send(actor: Principal, id: string, options: { acknowledgeWarnings?: boolean } = {}): Promise<void> {
    const doc = await this.own(actor, id, 'employer')
    if (doc.status !== 'draft') throw notDraft()
    const data = this.data(doc)
    const findings = this.findings(data)
    const errors = findings.filter((f) => f.severity === 'error')
    if (errors.length > 0)
      throw new ElcError(
        'DOCUMENT_HAS_ERRORS',
        text(
          `Văn bản còn ${errors.length} lỗi phải sửa trước khi gửi ký.`,
          `The document has ${errors.length} error(s) to fix before it can be sent for signing.`,
        ),
        { status: 422, findings: errors, ...(errors[0] ? { ruleId: errors[0].ruleId } : {}) },
      )
    const warnings = findings.filter((f) => f.severity === 'warning')
    if (warnings.length > 0 && !options.acknowledgeWarnings)
      throw new ElcError(
        'DOCUMENT_WARNINGS_UNCONFIRMED',
        text(
          `Văn bản có ${warnings.length} cảnh báo; hãy xác nhận đã xem trước khi gửi ký.`,
          `The document has ${warnings.length} warning(s); confirm you have read them before sending.`,
        ),
        { status: 422, findings: warnings },
      )
    const parent = doc.parent_id ? await this.row(doc.parent_id) : undefined
    const rendered = await renderContractDocument(
      data as never,
      parent?.contract_id ? { contractId: parent.contract_id } : {},
    )
    const { sha256 } = await this.deps.blobs.put(rendered.pdf)
    const now = this.now()
    const first = signingOrder(doc.kind, data, doc.signing_order)[0] as Party
    await this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('document')
        .set({
          status: 'signing',
          next_party: first,
          pdf_sha256: sha256,
          signature_boxes: JSON.stringify(rendered.signatureBoxes),
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst()
      if (updated.numUpdatedRows !== 1n) throw notDraft()
      await recordEvent(trx, id, {
        at: now,
        actor: actor.subject,
        type: 'sent',
        detail: { pdfSha256: sha256, acknowledgedWarnings: warnings.map((w) => w.code) },
      })
    })
  }

  async cancel(actor: Principal, id: string): Promise<void> {
    const doc = await this.own(actor, id, 'employer')
    if (doc.status !== 'draft' && doc.status !== 'signing') throw notDraft()
    const now = this.now()
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('document')
        .set({ status: 'cancelled', next_party: null, updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', ['draft', 'signing'])
        .execute()
      await recordEvent(trx, id, { at: now, actor: actor.subject, type: 'cancelled' })
    })
  }

  async listForEmployer(actor: Principal, employerTaxCode: string): Promise<DocumentSummary[]> {
    if (!employerTaxCodesOf(actor).includes(employerTaxCode)) throw notYourEmployer()
    const rows = await this.deps.db
      .selectFrom('document')
      .selectAll()
      .where('employer_tax_code', '=', employerTaxCode)
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute()
    return Promise.all(rows.map((r) => this.summary(r)))
  }

  async listForWorker(actor: Principal): Promise<DocumentSummary[]> {
    if (!actor.personalId) return []
    const rows = await this.deps.db
      .selectFrom('document')
      .selectAll()
      .where('worker_lookup', '=', this.deps.pii.lookupHash(actor.personalId))
      .where('status', '!=', 'draft')
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute()
    return Promise.all(rows.map((r) => this.summary(r)))
  }

  async view(actor: Principal, id: string): Promise<DocumentView> {
    const doc = await this.row(id)
    const side = doc && sideOf(actor, doc, this.deps.pii)
    // A worker sees a document once it is sent to them, never a draft.
    if (!doc || !side || (side === 'worker' && doc.status === 'draft')) throw documentNotFound()
    const data = this.data(doc)
    const signatures = await this.deps.db
      .selectFrom('signature')
      .select(['party', 'status', 'signer_name', 'signed_at'])
      .where('document_id', '=', id)
      .orderBy('requested_at')
      .execute()
    const parent = doc.parent_id ? await this.row(doc.parent_id) : undefined
    const contract = (
      data.kind === 'paper_conversion' ? data.contract : parent ? this.data(parent) : data
    ) as DocumentView['parties']
    return {
      ...(await this.summary(doc)),
      side,
      data,
      parties: { employer: contract?.employer, worker: contract?.worker },
      findings: this.findings(data),
      signingOrder: doc.signing_order,
      agreedEffectiveDate: doc.agreed_effective_date,
      effectiveAt: doc.effective_at?.toISOString() ?? null,
      platformReasons: doc.platform_reasons ?? null,
      parentId: doc.parent_id,
      signatures: signatures.map((s) => ({
        party: s.party,
        status: s.status,
        signerName: s.signer_name,
        signedAt: s.signed_at?.toISOString() ?? null,
      })),
      history: await documentHistory(this.deps.db, id),
    }
  }

  /** The current PDF (as sent, as signed so far, or with its ID). A worker's first read is recorded (R6.6). */
  async pdf(actor: Principal, id: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const doc = await this.row(id)
    const side = doc && sideOf(actor, doc, this.deps.pii)
    if (!doc || !side || !doc.pdf_sha256 || (side === 'worker' && doc.status === 'draft'))
      throw documentNotFound()
    const bytes = await this.deps.blobs.get(doc.pdf_sha256)
    if (!bytes) throw documentNotFound()
    if (side === 'worker' && !(await this.hasRead(actor.subject, id, doc.pdf_sha256)))
      await recordEvent(this.deps.db, id, {
        at: this.now(),
        actor: actor.subject,
        type: 'viewed',
        detail: { pdfSha256: doc.pdf_sha256 },
      })
    return { bytes, fileName: `${doc.contract_id ?? doc.id}.pdf` }
  }

  /** Whether this person already opened this version of the document (recorded once per version). */
  private async hasRead(subject: string, id: string, pdfSha256: string): Promise<boolean> {
    const seen = await this.deps.db
      .selectFrom('document_event')
      .select('id')
      .where('document_id', '=', id)
      .where('type', '=', 'viewed')
      .where('actor', '=', subject)
      .where(sql`detail->>'pdfSha256'`, '=', pdfSha256)
      .executeTakeFirst()
    return seen !== undefined
  }

  /** The row, for the other services of this module (no access check). */
  async row(id: string, db: Kysely<ContractsDatabase> = this.deps.db): Promise<DocumentTable | undefined> {
    return db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst()
  }

  data(doc: Pick<DocumentTable, 'data_ciphertext'>): Record<string, unknown> {
    return JSON.parse(this.deps.pii.decrypt(doc.data_ciphertext, DOCUMENT_DATA))
  }

  /** The row if the caller stands on `side` for it. */
  async own(actor: Principal, id: string, side: Party): Promise<DocumentTable> {
    const doc = await this.row(id)
    if (!doc || sideOf(actor, doc, this.deps.pii) !== side) throw documentNotFound()
    return doc
  }

  /** The employer and worker of a document: its own data, its converted contract's, or its contract's. */
  async parties(
    doc: DocumentTable,
    db: Kysely<ContractsDatabase> = this.deps.db,
  ): Promise<ContractParties | undefined> {
    const own = partiesInData(this.data(doc))
    if (own || !doc.parent_id) return own
    // Inside a transaction, `db` must be that transaction: embedded PGlite has a single connection.
    const parent = await this.row(doc.parent_id, db)
    return parent ? partiesInData(this.data(parent)) : undefined
  }

  private async summary(r: DocumentTable): Promise<DocumentSummary> {
    const parties = await this.parties(r)
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      nextParty: r.next_party,
      contractId: r.contract_id,
      workerName: parties?.worker.fullName ?? '',
      employerName: parties?.employer.name ?? '',
      updatedAt: r.updated_at.toISOString(),
    }
  }

  private checkedData(data: unknown, employerTaxCode: string): Record<string, unknown> {
    const report = validateDocument(data)
    if (!report.recognised || !data || typeof data !== 'object')
      throw new ElcError(
        'DOCUMENT_NOT_RECOGNISED',
        text('Dữ liệu không phải là một văn bản hợp đồng.', 'The data is not a contract document.'),
        { status: 422 },
      )
    const normalised = JSON.parse(JSON.stringify(data).normalize('NFC')) as Record<string, unknown>
    const taxCode = (normalised.employer as { taxCode?: string } | undefined)?.taxCode
    if (taxCode !== undefined && taxCode !== employerTaxCode) throw notYourEmployer()
    return normalised
  }
}

function titleOf(kind: string, data: Record<string, unknown>, parentParties?: ContractParties): string {
  const name = (partiesInData(data) ?? parentParties)?.worker.fullName
  const base = DOCUMENT_TITLES[kind]?.vi ?? kind
  return name ? `${base} — ${name}` : base
}

function workerLookup(pii: PiiCipher, data: Record<string, unknown>): string | null {
  const n = partiesInData(data)?.worker.idDocument.number
  return typeof n === 'string' ? pii.lookupHash(n) : null
}

function notYourEmployer(): ElcError {
  return new ElcError(
    'DOCUMENT_EMPLOYER_FORBIDDEN',
    text(
      'Bạn chỉ soạn văn bản cho người sử dụng lao động mình được phân quyền.',
      'You draft documents only for an employer you were granted.',
    ),
    { status: 403 },
  )
}

function notDraft(): ElcError {
  return new ElcError(
    'DOCUMENT_NOT_DRAFT',
    text('Văn bản không còn ở trạng thái dự thảo.', 'The document is no longer a draft.'),
    { status: 409 },
  )
}
