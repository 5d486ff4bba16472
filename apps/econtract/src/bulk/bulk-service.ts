// Bulk contracts: HR picks employees and the terms their contracts share; each row's contract is the
// employer block, the employee's worker block and those terms. Rows with labor-code errors fail at once
// with their findings (R4.6, the drafting rule); the BulkWorker drafts, renders and prepares the others;
// then ONE remote signing batch carries every employer digest and the employer's signatory approves the
// whole round with one one-time code (R2.34, R2.36); the worker completes each employer signature with a
// timestamp (R2.9) and the contracts wait for their workers, who sign one by one through SigningService.
import { randomUUID } from 'node:crypto'
import { ElcError, type Employer, type Finding, text, validateDocument } from '@elc/core'
import type { Kysely } from '@elc/db'
import {
  approveRemoteSignatureBatch,
  fetchRemoteSignatureBatch,
  type RemoteBatchResult,
  requestRemoteSignatureBatch,
  type TimestampAuthority,
} from '@elc/pki'
import type { Principal } from '@elc/web-auth'
import { employerTaxCodesOf } from '../contracts/document-access.ts'
import type { DocumentsService } from '../contracts/documents-service.ts'
import type { SignerCertificate, SignerCertificates } from '../contracts/signer-certificates.ts'
import type { SignerProvenance } from '../contracts/signing-service.ts'
import type { EmployeesRepo } from '../employees/employees-repo.ts'
import { toWorker } from '../employees/to-worker.ts'
import type { BulkContext } from './bulk-context.ts'
import type { BulkDatabase, BulkItemStatus, BulkJobStatus, BulkJobTable } from './migrations.ts'
import { type PhaseTimer, timed } from './phase-timer.ts'
import type { Rendered } from './render-pool.ts'
import { bulkDataPurpose } from './row-steps.ts'

/** The remote signing batch's limit. */
export const MAX_BULK_ROWS = 5_000
/** The employer's certificate is checked again (R2.1) when its last check is older than this. */
const CERTIFICATE_CHECK_MS = 5 * 60_000
const UPDATE_CHUNK = 500

export interface BulkJobInput {
  employerTaxCode: string
  /** The employer block of every contract (R4.6 a). */
  employer: Omit<Employer, 'taxCode'> & { taxCode?: string }
  /** The contract fields common to every row: job, workplaces, term, wage, working time, … */
  terms: Record<string, unknown>
  employeeIds: string[]
  /** Warnings of the labor-code check were read; without it a row with warnings fails. */
  acknowledgeWarnings?: boolean
  /** The signatory consents to the use of their identity data for the employer's signatures (R5.11). */
  consent: boolean
}

export interface BulkProgress {
  id: string
  employerTaxCode: string
  status: BulkJobStatus
  total: number
  counts: Record<BulkItemStatus, number>
  /** Rows at their end (signed by the employer, or failed) out of total. */
  done: number
  batch: { id: string; expiresAt: string; simulatedOtp?: string } | null
  createdAt: string
  rows: Array<{
    seq: number
    employeeId: string
    workerName: string
    status: BulkItemStatus
    documentId: string | null
    documentStatus: string | null
    contractId: string | null
    reason: { vi: string; en: string } | null
    findings: Finding[]
  }>
}

export interface BulkServiceDeps {
  db: Kysely<unknown>
  documents: DocumentsService
  employees: EmployeesRepo
  certificates: SignerCertificates
  remoteSigningUrl: string
  tsa: TimestampAuthority
  /** Told when rows are ready for the worker (kick it). */
  onWork?: () => void
  timer?: PhaseTimer
  /** Renders on other threads (a RenderPool); in this thread when absent. */
  render?: (data: unknown) => Promise<Rendered>
}

const ALL_STATUSES: BulkItemStatus[] = [
  'pending',
  'drafted',
  'sent',
  'employer_prepared',
  'employer_signed',
  'failed',
]

export class BulkService implements BulkContext {
  readonly db: Kysely<BulkDatabase>
  readonly documents: DocumentsService
  readonly tsa: TimestampAuthority
  readonly timer: PhaseTimer | undefined
  readonly render: ((data: unknown) => Promise<Rendered>) | undefined
  private readonly checked = new Map<string, { at: number; cert: Promise<SignerCertificate> }>()

  constructor(readonly deps: BulkServiceDeps) {
    this.db = deps.db as Kysely<BulkDatabase>
    this.documents = deps.documents
    this.tsa = deps.tsa
    this.timer = deps.timer
    this.render = deps.render
  }

  now(): Date {
    return this.documents.now()
  }

  async create(
    actor: Principal,
    input: BulkJobInput,
  ): Promise<{ id: string; total: number; failed: number }> {
    const taxCode = input.employerTaxCode
    if (!employerTaxCodesOf(actor).includes(taxCode)) throw forbidden()
    if (actor.level < 2) throw level2()
    if (!input.consent)
      throw new ElcError(
        'SIGNING_CONSENT_REQUIRED',
        text(
          'Bạn cần đồng ý cho sử dụng thông tin định danh để ký số trước khi ký.',
          'You must consent to the use of your identity data for the digital signature before signing.',
        ),
        { ruleId: 'R5.11', status: 422 },
      )
    const ids = [...new Set(input.employeeIds)]
    if (ids.length === 0 || ids.length > MAX_BULK_ROWS)
      throw new ElcError(
        'BULK_SIZE_INVALID',
        text(
          `Chọn từ 1 đến ${MAX_BULK_ROWS} nhân viên cho một lô hợp đồng.`,
          `Choose 1 to ${MAX_BULK_ROWS} employees for one bulk job.`,
        ),
        { status: 422 },
      )
    const { employer: _e, worker: _w, kind: _k, schemaVersion: _s, ...terms } = input.terms
    const employer = { ...input.employer, taxCode }
    const template = JSON.parse(JSON.stringify({ employer, terms }).normalize('NFC'))
    const directory = new Map(
      (await this.deps.employees.listByEmployer(taxCode)).map((e) => [e.id, e] as const),
    )
    const now = this.now()
    const id = randomUUID()
    const creator: SignerProvenance = {
      subject: actor.subject,
      name: actor.name,
      level: actor.level,
      ...(actor.session ? { session: actor.session } : {}),
      consentedAt: now.toISOString(),
    }
    const { pii } = this.documents.deps
    let failed = 0
    const items = ids.map((employeeId, seq) => {
      const employee = directory.get(employeeId)
      const base = {
        job_id: id,
        seq,
        employee_id: employeeId,
        worker_name: employee?.fullName ?? '',
        document_id: null,
        signature_id: null,
        digest: null,
        employer_signature: null,
        attempts: 0,
        lease_until: null,
        updated_at: now,
      }
      if (!employee) {
        failed++
        return {
          ...base,
          data_ciphertext: null,
          status: 'failed' as const,
          findings: JSON.stringify([]),
          reason: JSON.stringify(
            text('Không tìm thấy nhân viên trong danh bạ.', 'The employee is not in the directory.'),
          ),
        }
      }
      const data = {
        schemaVersion: 1,
        kind: 'contract',
        ...template.terms,
        employer: template.employer,
        worker: JSON.parse(JSON.stringify(toWorker(employee)).normalize('NFC')),
      }
      const findings = validateDocument(data).findings
      const errors = findings.filter((f) => f.severity === 'error')
      const warnings = findings.filter((f) => f.severity === 'warning')
      const blocking = errors.length > 0 ? errors : input.acknowledgeWarnings ? [] : warnings
      if (blocking.length > 0) {
        failed++
        return {
          ...base,
          data_ciphertext: null,
          status: 'failed' as const,
          findings: JSON.stringify(blocking),
          reason: JSON.stringify(
            errors.length > 0
              ? text(
                  `Hợp đồng có ${errors.length} lỗi theo Bộ luật Lao động.`,
                  `The contract has ${errors.length} labor-code error(s).`,
                )
              : text(
                  `Hợp đồng có ${warnings.length} cảnh báo chưa được xác nhận.`,
                  `The contract has ${warnings.length} unconfirmed warning(s).`,
                ),
          ),
        }
      }
      return {
        ...base,
        data_ciphertext: pii.encrypt(JSON.stringify(data), bulkDataPurpose(id)),
        status: 'pending' as const,
        findings: JSON.stringify(warnings),
        reason: null,
      }
    })
    await timed(this.timer, 'database', () =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('bulk_job')
          .values({
            id,
            employer_tax_code: taxCode,
            template: JSON.stringify(template),
            acknowledge_warnings: input.acknowledgeWarnings === true,
            created_by: actor.subject,
            creator: JSON.stringify(creator),
            status: failed === ids.length ? 'done' : 'preparing',
            total: ids.length,
            batch_id: null,
            batch_expires_at: null,
            batch_seqs: null,
            simulated_otp: null,
            certificate_serial: null,
            approver: null,
            approved_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute()
        for (let i = 0; i < items.length; i += UPDATE_CHUNK)
          await trx
            .insertInto('bulk_item')
            .values(items.slice(i, i + UPDATE_CHUNK))
            .execute()
      }),
    )
    this.deps.onWork?.()
    return { id, total: ids.length, failed }
  }

  /** The job, if the caller works for its employer. */
  async job(actor: Principal, jobId: string): Promise<BulkJobTable> {
    const job = await this.jobRow(jobId)
    if (!job || !employerTaxCodesOf(actor).includes(job.employer_tax_code))
      throw new ElcError('BULK_JOB_NOT_FOUND', text('Không tìm thấy lô hợp đồng.', 'Bulk job not found.'), {
        status: 404,
      })
    return job
  }

  async jobRow(jobId: string): Promise<BulkJobTable | undefined> {
    const row = await this.db.selectFrom('bulk_job').selectAll().where('id', '=', jobId).executeTakeFirst()
    return row
  }

  async list(actor: Principal, employerTaxCode: string): Promise<BulkProgress[]> {
    if (!employerTaxCodesOf(actor).includes(employerTaxCode)) throw forbidden()
    const jobs = await this.db
      .selectFrom('bulk_job')
      .select('id')
      .where('employer_tax_code', '=', employerTaxCode)
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute()
    return Promise.all(jobs.map((j) => this.progress(actor, j.id)))
  }

  async progress(actor: Principal, jobId: string): Promise<BulkProgress> {
    const job = await this.job(actor, jobId)
    const rows = await this.db
      .selectFrom('bulk_item')
      .leftJoin('document', 'document.id', 'bulk_item.document_id')
      .select([
        'bulk_item.seq',
        'bulk_item.employee_id',
        'bulk_item.worker_name',
        'bulk_item.status',
        'bulk_item.document_id',
        'bulk_item.reason',
        'bulk_item.findings',
        'document.status as document_status',
        'document.contract_id',
      ])
      .where('bulk_item.job_id', '=', jobId)
      .orderBy('bulk_item.seq')
      .execute()
    const counts = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as Record<BulkItemStatus, number>
    for (const r of rows) counts[r.status]++
    return {
      id: job.id,
      employerTaxCode: job.employer_tax_code,
      status: job.status,
      total: job.total,
      counts,
      done: counts.employer_signed + counts.failed,
      batch:
        job.batch_id && job.status === 'awaiting_approval'
          ? {
              id: job.batch_id,
              expiresAt: (job.batch_expires_at as Date).toISOString(),
              ...(job.simulated_otp ? { simulatedOtp: job.simulated_otp } : {}),
            }
          : null,
      createdAt: job.created_at.toISOString(),
      rows: rows.map((r) => ({
        seq: r.seq,
        employeeId: r.employee_id,
        workerName: r.worker_name,
        status: r.status,
        documentId: r.document_id,
        documentStatus: r.document_status ?? null,
        contractId: r.contract_id ?? null,
        reason: (r.reason as { vi: string; en: string } | null) ?? null,
        findings: (r.findings as Finding[] | null) ?? [],
      })),
    }
  }

  /**
   * ONE remote signing request carrying the employer digest of every prepared row (R2.36). Called by the
   * worker once no row is left to prepare; again by HR when the last batch expired or was rejected.
   */
  async prepareEmployerBatch(
    jobId: string,
  ): Promise<{ batchId: string; count: number; expiresAt: Date; otp?: string }> {
    const job = await this.jobRow(jobId)
    if (!job || job.status === 'signing' || job.status === 'done') throw notAwaiting()
    const unprepared = await this.db
      .selectFrom('bulk_item')
      .select('seq')
      .where('job_id', '=', jobId)
      .where('status', 'in', ['pending', 'drafted', 'sent'])
      .executeTakeFirst()
    if (unprepared) throw notReady()
    const cert = await this.employerCertificate(job, { fresh: true })
    const rows = await this.db
      .selectFrom('bulk_item')
      .innerJoin('signature', 'signature.id', 'bulk_item.signature_id')
      .select(['bulk_item.seq', 'bulk_item.digest', 'signature.certificate_serial'])
      .where('bulk_item.job_id', '=', jobId)
      .where('bulk_item.status', '=', 'employer_prepared')
      .orderBy('bulk_item.seq')
      .execute()
    if (rows.length === 0) {
      await this.finishIfDone(jobId)
      throw notAwaiting()
    }
    // Rows prepared with another certificate (renewed meanwhile) are prepared again with this one.
    const stale = rows.filter((r) => r.certificate_serial !== cert.serialNumber).map((r) => r.seq)
    if (stale.length > 0) {
      await this.db
        .updateTable('bulk_item')
        .set({ status: 'sent', signature_id: null, digest: null, updated_at: this.now() })
        .where('job_id', '=', jobId)
        .where('seq', 'in', stale)
        .where('status', '=', 'employer_prepared')
        .execute()
      this.deps.onWork?.()
      throw notReady()
    }
    const template = job.template as { employer: { name: string } }
    const requested = await timed(this.timer, 'network', () =>
      requestRemoteSignatureBatch({
        baseUrl: this.deps.remoteSigningUrl,
        serialNumber: cert.serialNumber,
        digestAlgorithm: 'SHA-256',
        digests: rows.map((r) => new Uint8Array(r.digest as Buffer)),
        description: `${template.employer.name}: ký ${rows.length} hợp đồng lao động (lô ${jobId.slice(0, 8)}) / signing ${rows.length} labor contracts`,
      }),
    )
    const now = this.now()
    await this.db
      .updateTable('bulk_job')
      .set({
        status: 'awaiting_approval',
        batch_id: requested.batchId,
        batch_expires_at: requested.expiresAt,
        batch_seqs: JSON.stringify(rows.map((r) => r.seq)),
        simulated_otp: requested.otp ?? null,
        certificate_serial: cert.serialNumber,
        updated_at: now,
      })
      .where('id', '=', jobId)
      .where('status', 'in', ['preparing', 'awaiting_approval'])
      .execute()
    return {
      batchId: requested.batchId,
      count: rows.length,
      expiresAt: requested.expiresAt,
      ...(requested.otp ? { otp: requested.otp } : {}),
    }
  }

  /**
   * The signatory approves the whole batch with one code. A wrong code signs nothing; an approved batch
   * hands each row its signature, which the worker then completes with a timestamp.
   */
  async approve(actor: Principal, jobId: string, otp: string): Promise<{ approved: number }> {
    const job = await this.job(actor, jobId)
    if (actor.level < 2) throw level2()
    if (job.status !== 'awaiting_approval' || !job.batch_id) throw notAwaiting()
    let result: RemoteBatchResult
    try {
      // Fetched first: a batch approved already (auto-approve, or an answer lost on the way) is not approved twice.
      result = await timed(this.timer, 'network', async () => {
        const endpoint = { baseUrl: this.deps.remoteSigningUrl, batchId: job.batch_id as string }
        const current = await fetchRemoteSignatureBatch(endpoint)
        return current.status === 'pending' ? approveRemoteSignatureBatch({ ...endpoint, otp }) : current
      })
    } catch (error) {
      // A batch that can no longer be approved is dropped, so a new one can be requested.
      if (
        error instanceof ElcError &&
        ['REMOTE_SIGNING_OTP_ATTEMPTS_EXCEEDED', 'REMOTE_SIGNING_REQUEST_EXPIRED'].includes(error.code)
      )
        await this.dropBatch(jobId)
      throw error
    }
    if (result.status !== 'approved') {
      await this.dropBatch(jobId)
      throw new ElcError(
        'SIGNATURE_REQUEST_REJECTED',
        text('Lô ký không được phê duyệt.', 'The signing batch was not approved.'),
        { status: 409 },
      )
    }
    const seqs = job.batch_seqs as number[]
    if (result.signatures.length !== seqs.length)
      throw new ElcError(
        'REMOTE_SIGNING_RESPONSE_INVALID',
        text('Số chữ ký trả về không khớp lô ký.', 'The number of signatures does not match the batch.'),
        { status: 502 },
      )
    const now = this.now()
    const approver: SignerProvenance = {
      subject: actor.subject,
      name: actor.name,
      level: actor.level,
      ...(actor.session ? { session: actor.session } : {}),
      consentedAt: (job.creator as SignerProvenance).consentedAt,
    }
    await timed(this.timer, 'database', () =>
      this.db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('bulk_job')
          .set({ status: 'signing', approver: JSON.stringify(approver), approved_at: now, updated_at: now })
          .where('id', '=', jobId)
          .where('status', '=', 'awaiting_approval')
          .where('batch_id', '=', job.batch_id)
          .executeTakeFirst()
        if (moved.numUpdatedRows !== 1n) throw notAwaiting()
        for (const [i, seq] of seqs.entries())
          await trx
            .updateTable('bulk_item')
            .set({ employer_signature: Buffer.from(result.signatures[i] as Uint8Array), updated_at: now })
            .where('job_id', '=', jobId)
            .where('seq', '=', seq)
            .where('status', '=', 'employer_prepared')
            .execute()
      }),
    )
    this.deps.onWork?.()
    return { approved: seqs.length }
  }

  /** The job is done once every row is at its end. */
  async finishIfDone(jobId: string): Promise<boolean> {
    const open = await this.db
      .selectFrom('bulk_item')
      .select('seq')
      .where('job_id', '=', jobId)
      .where('status', 'not in', ['employer_signed', 'failed'])
      .executeTakeFirst()
    if (open) return false
    await this.db
      .updateTable('bulk_job')
      .set({ status: 'done', simulated_otp: null, updated_at: this.now() })
      .where('id', '=', jobId)
      .where('status', '!=', 'done')
      .execute()
    return true
  }

  /** One check (and at most one issue) at a time per job: concurrent rows share it (R2.1). */
  employerCertificate(job: BulkJobTable, options: { fresh?: boolean } = {}): Promise<SignerCertificate> {
    const cached = this.checked.get(job.id)
    if (cached && !options.fresh && Date.now() - cached.at < CERTIFICATE_CHECK_MS) return cached.cert
    const employer = (job.template as { employer: { name: string; taxCode: string } }).employer
    const cert = timed(this.timer, 'network', () =>
      this.deps.certificates.forSigning({
        profile: 'organisation',
        organisationName: employer.name,
        taxCode: employer.taxCode,
      }),
    )
    this.checked.set(job.id, { at: Date.now(), cert })
    cert.catch(() => this.checked.delete(job.id))
    return cert
  }

  private async dropBatch(jobId: string): Promise<void> {
    await this.db
      .updateTable('bulk_job')
      .set({ status: 'preparing', batch_id: null, simulated_otp: null, updated_at: this.now() })
      .where('id', '=', jobId)
      .where('status', '=', 'awaiting_approval')
      .execute()
  }
}

function forbidden(): ElcError {
  return new ElcError(
    'DOCUMENT_EMPLOYER_FORBIDDEN',
    text(
      'Bạn chỉ soạn văn bản cho người sử dụng lao động mình được phân quyền.',
      'You draft documents only for an employer you were granted.',
    ),
    { status: 403 },
  )
}

function level2(): ElcError {
  return new ElcError(
    'SIGNING_LEVEL2_REQUIRED',
    text('Cần đăng nhập VNeID mức độ 2 để ký hợp đồng.', 'Signing a contract needs a VNeID level 2 sign-in.'),
    { ruleId: 'R1.12', status: 403 },
  )
}

function notAwaiting(): ElcError {
  return new ElcError(
    'BULK_NOT_AWAITING_APPROVAL',
    text('Lô hợp đồng không chờ phê duyệt ký.', 'The bulk job is not waiting for signing approval.'),
    { status: 409 },
  )
}

function notReady(): ElcError {
  return new ElcError(
    'BULK_NOT_READY',
    text('Lô hợp đồng vẫn đang được chuẩn bị.', 'The bulk job is still being prepared.'),
    { status: 409 },
  )
}
