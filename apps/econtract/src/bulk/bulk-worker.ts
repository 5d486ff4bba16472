// Runs bulk rows in the background, a bounded number at a time. A row is claimed with FOR UPDATE SKIP
// LOCKED and leased (lease_until), so two workers never take it at once and a worker that died leaves it
// to the next one once the lease runs out. Each step ends in a transaction that checks the row's status
// (row-steps.ts), so a resumed row goes on from its last durable step, never repeating one.

import { ElcError, text } from '@elc/core'
import { type Kysely, sql } from '@elc/db'
import type { BulkService } from './bulk-service.ts'
import type { BulkDatabase, BulkItemTable, BulkJobTable } from './migrations.ts'
import { completeRow, draftRow, prepareRow, StepConflict, sendRow } from './row-steps.ts'

const MAX_ATTEMPTS = 3

export interface BulkWorkerOptions {
  service: BulkService
  /** Rows in flight at once; default 6. */
  concurrency?: number
  /** Idle poll; default 1 s (kick() wakes it at once). */
  intervalMs?: number
  /** How long a claimed row is reserved; default 2 minutes. */
  leaseMs?: number
  /** Wait before a failed step is tried again; default 2 s. */
  retryDelayMs?: number
  /** Test hook, called before each step; throwing `BulkWorkerCrash` abandons the row as a dead process would. */
  beforeStep?: (item: BulkItemTable) => void | Promise<void>
  onError?: (error: unknown) => void
}

/** Thrown by a test hook: the row is left as a killed worker would leave it (leased, mid-way). */
export class BulkWorkerCrash extends Error {}

export class BulkWorker {
  private readonly service: BulkService
  private readonly concurrency: number
  private readonly intervalMs: number
  private readonly leaseMs: number
  private readonly retryDelayMs: number
  private readonly inFlight = new Set<Promise<void>>()
  private timer: NodeJS.Timeout | undefined
  private running = false
  private ticking: Promise<void> | undefined
  private again = false

  constructor(private readonly options: BulkWorkerOptions) {
    this.service = options.service
    this.concurrency = options.concurrency ?? 6
    this.intervalMs = options.intervalMs ?? 1_000
    this.leaseMs = options.leaseMs ?? 120_000
    this.retryDelayMs = options.retryDelayMs ?? 2_000
  }

  private get db(): Kysely<BulkDatabase> {
    return this.service.db
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.kick()
  }

  /** Stops claiming; waits for the rows in flight to finish their current step. */
  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.timer)
    await this.ticking
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  kick(): void {
    if (!this.running) return
    if (this.ticking) {
      this.again = true
      return
    }
    clearTimeout(this.timer)
    this.ticking = this.tick()
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.ticking = undefined
        if (!this.running) return
        if (this.again) {
          this.again = false
          this.kick()
        } else this.timer = setTimeout(() => this.kick(), this.intervalMs)
      })
  }

  /** One pass: fills the free slots with claimed rows, then moves jobs whose rows are all through. */
  private async tick(): Promise<void> {
    const free = this.concurrency - this.inFlight.size
    if (free > 0) {
      const rows = await this.claim(free)
      const jobs = new Map<string, BulkJobTable | undefined>()
      for (const row of rows) {
        if (!jobs.has(row.job_id)) jobs.set(row.job_id, await this.service.jobRow(row.job_id))
        const job = jobs.get(row.job_id)
        if (!job) continue
        const work: Promise<void> = this.process(job, row)
          .catch((error) => this.options.onError?.(error))
          .finally(() => {
            this.inFlight.delete(work)
            this.kick()
          })
        this.inFlight.add(work)
      }
    }
    await this.advanceJobs()
  }

  private async claim(limit: number): Promise<BulkItemTable[]> {
    const now = this.service.now()
    const until = new Date(now.getTime() + this.leaseMs)
    const { rows } = await sql<BulkItemTable>`
      update bulk_item set lease_until = ${until}
      where (job_id, seq) in (
        select job_id, seq from bulk_item
        where (status in ('pending', 'drafted', 'sent')
               or (status = 'employer_prepared' and employer_signature is not null))
          and (lease_until is null or lease_until < ${now})
        order by job_id, seq
        limit ${limit}
        for update skip locked)
      returning *`.execute(this.db)
    return rows
  }

  /** Takes one row as far as it can go now: to employer_prepared before approval, employer_signed after. */
  private async process(job: BulkJobTable, claimed: BulkItemTable): Promise<void> {
    let item = claimed
    let rendered: Awaited<ReturnType<typeof sendRow>> | undefined
    try {
      for (;;) {
        await this.options.beforeStep?.(item)
        if (item.status === 'pending') {
          const documentId = await draftRow(this.service, job, item)
          item = { ...item, status: 'drafted', document_id: documentId, data_ciphertext: null }
        } else if (item.status === 'drafted') {
          rendered = await sendRow(this.service, job, item)
          item = { ...item, status: 'sent' }
        } else if (item.status === 'sent') {
          await prepareRow(this.service, job, item, rendered)
          item = { ...item, status: 'employer_prepared' }
          break
        } else if (item.status === 'employer_prepared' && item.employer_signature) {
          await completeRow(this.service, job, item)
          return
        } else break
      }
      await this.release(item, null)
    } catch (error) {
      if (error instanceof BulkWorkerCrash) return
      if (error instanceof StepConflict) return
      await this.failedStep(item, error)
    }
  }

  private async release(item: BulkItemTable, until: Date | null): Promise<void> {
    await this.db
      .updateTable('bulk_item')
      .set({ lease_until: until })
      .where('job_id', '=', item.job_id)
      .where('seq', '=', item.seq)
      .where('status', '=', item.status)
      .execute()
  }

  /** A step that failed is tried again later; after MAX_ATTEMPTS the row fails with the reason. */
  private async failedStep(item: BulkItemTable, error: unknown): Promise<void> {
    this.options.onError?.(error)
    const attempts = item.attempts + 1
    const now = this.service.now()
    const reason =
      error instanceof ElcError
        ? error.text
        : text(
            `Lỗi khi xử lý dòng: ${String((error as Error)?.message ?? error)}`,
            `Error processing the row: ${String((error as Error)?.message ?? error)}`,
          )
    await this.db
      .updateTable('bulk_item')
      .set(
        attempts >= MAX_ATTEMPTS
          ? { status: 'failed', reason: JSON.stringify(reason), attempts, lease_until: null, updated_at: now }
          : { attempts, lease_until: new Date(now.getTime() + this.retryDelayMs), updated_at: now },
      )
      .where('job_id', '=', item.job_id)
      .where('seq', '=', item.seq)
      .where('status', '=', item.status)
      .execute()
  }

  /** Requests the batch once a job's rows are all prepared; closes jobs whose rows are all through. */
  private async advanceJobs(): Promise<void> {
    const jobs = await this.db
      .selectFrom('bulk_job')
      .select(['id', 'status', 'batch_id'])
      .where('status', 'in', ['preparing', 'signing'])
      .execute()
    for (const job of jobs) {
      if (job.status === 'signing') {
        await this.service.finishIfDone(job.id)
        continue
      }
      if (job.batch_id) continue
      const open = await this.db
        .selectFrom('bulk_item')
        .select('seq')
        .where('job_id', '=', job.id)
        .where('status', 'in', ['pending', 'drafted', 'sent'])
        .executeTakeFirst()
      if (open) continue
      try {
        await this.service.prepareEmployerBatch(job.id)
      } catch (error) {
        if (
          !(
            error instanceof ElcError && ['BULK_NOT_AWAITING_APPROVAL', 'BULK_NOT_READY'].includes(error.code)
          )
        )
          this.options.onError?.(error)
      }
    }
  }
}
