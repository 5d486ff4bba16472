// Sends the outbox's documents to the Platform and brings back each decision (R1.13, R1.31).
//
// A round claims due rows with `for update skip locked`, stamping each with a lease (`claimed_until`) and
// its own `claim_token`, so several workers over one database never work the same row at once; results
// are written only while the token still matches. A row is submitted with its id as the Idempotency-Key,
// so a worker that dies after the Platform accepted but before the row was updated is harmless: the next
// claim sends the same key and body and the Platform answers the first submission. Then the submission is
// polled, ever less often, until decided; the decision and the caller's follow-up work (onDecided) commit
// in one transaction.
import { randomUUID } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import { type Kysely, sql } from '@elc/db'
import { BackgroundLoop } from '@elc/http'
import type { PlatformClient, Submission } from '@elc/platform-client'
import type { BlobStore, PiiCipher } from '@elc/storage'
import { type ClassifiedFailure, classifyFailure, retryDelayMs } from './classify-failure.ts'
import { OUTBOX_DATA_PURPOSE } from './enqueue-document.ts'
import type { OutboxDatabase, OutboxError, OutboxReason, PlatformOutboxTable } from './migrations.ts'

export interface OutboxOutcome {
  id: string
  documentRef: string
  kind: PlatformOutboxTable['kind']
  decision: 'issued' | 'attached' | 'refused'
  /** The new contract's ID (issued) or the contract the document was attached to. */
  contractId?: string
  parentContractId?: string
  reasons: OutboxReason[]
  submissionId: string
  decidedAt: Date
}

export type OutboxAlert =
  | { kind: 'auth'; id: string; documentRef: string; error: OutboxError }
  | { kind: 'failed'; id: string; documentRef: string; error: OutboxError }

interface Log {
  error(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export interface OutboxWorkerOptions {
  db: Kysely<unknown>
  client: Pick<PlatformClient, 'submit' | 'submission'>
  blobs: BlobStore
  pii: PiiCipher
  /** Runs inside the transaction that records the decision: follow-up work commits with it. */
  onDecided?: (trx: Kysely<unknown>, outcome: OutboxOutcome) => Promise<void>
  /** A person should look: credentials refused (retried meanwhile) or a row failed for good. */
  onAlert?: (alert: OutboxAlert) => void
  /** Forgets the cached access token when the Platform answers 401. */
  tokens?: { invalidate(): void }
  log?: Log
  now?: () => Date
  random?: () => number
  /** Rows worked at once by this worker. */
  concurrency?: number
  /** How long a claim holds; longer than any request (the connection's time limit). */
  leaseMs?: number
  /** How often due rows are looked for when nothing kicks the worker (work left by a crash, retries). */
  intervalMs?: number
  retry?: { baseMs?: number; maxMs?: number; jitter?: number }
  /** Polling an undecided submission: a quarter of its age, within these bounds. */
  poll?: { minMs?: number; maxMs?: number }
}

type Claimed = PlatformOutboxTable

export class OutboxWorker {
  private readonly db: Kysely<OutboxDatabase>
  private readonly now: () => Date
  private readonly random: () => number
  private readonly concurrency: number
  private readonly leaseMs: number
  private readonly retry: { baseMs: number; maxMs: number; jitter: number }
  private readonly poll: { minMs: number; maxMs: number }
  private readonly loop: BackgroundLoop
  private readonly inFlight = new Set<Promise<void>>()
  private wake: NodeJS.Timeout | undefined

  constructor(private readonly options: OutboxWorkerOptions) {
    this.db = options.db as Kysely<OutboxDatabase>
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
    this.concurrency = options.concurrency ?? 4
    this.leaseMs = options.leaseMs ?? 120_000
    this.retry = {
      baseMs: options.retry?.baseMs ?? 1_000,
      maxMs: options.retry?.maxMs ?? 300_000,
      jitter: options.retry?.jitter ?? 0.2,
    }
    this.poll = { minMs: options.poll?.minMs ?? 250, maxMs: options.poll?.maxMs ?? 60_000 }
    this.loop = new BackgroundLoop(() => this.fill(), options.intervalMs ?? 5_000)
    this.loop.kick()
  }

  /** Looks for due rows now (call it after committing an enqueue), or right after the look in progress. */
  kick(): void {
    this.loop.kick()
  }

  /** Stops claiming and waits for the rows in hand; anything not finished stays queued for the next start. */
  async stop(): Promise<void> {
    const stopping = this.loop.stop()
    if (this.wake) clearTimeout(this.wake)
    await stopping
    await Promise.allSettled([...this.inFlight])
  }

  private async fill(): Promise<void> {
    const free = this.concurrency - this.inFlight.size
    if (free <= 0) return
    try {
      const token = randomUUID()
      for (const row of await this.claim(free, token)) {
        const working: Promise<void> = this.work(row, token)
          .catch((err) => this.options.log?.error({ err, outbox: row.id }, 'outbox row could not be updated'))
          .finally(() => {
            this.inFlight.delete(working)
            this.kick()
          })
        this.inFlight.add(working)
      }
      await this.scheduleWake()
    } catch (err) {
      // Nothing claimed, or a claim left to run out: a later round takes the row again.
      this.options.log?.error({ err }, 'claiming outbox rows failed; will retry')
    }
  }

  private async claim(limit: number, token: string): Promise<Claimed[]> {
    const now = this.now()
    const lease = new Date(now.getTime() + this.leaseMs)
    // Earliest legal deadline first (R1.13).
    const { rows } = await sql<Claimed>`
      update platform_outbox
      set claimed_until = ${lease}, claim_token = ${token}, attempts = attempts + 1
      where id in (
        select id from platform_outbox
        where status in ('queued', 'submitted') and next_attempt_at <= ${now}
          and (claimed_until is null or claimed_until <= ${now})
        order by deadline_at, next_attempt_at
        limit ${limit}
        for update skip locked
      )
      returning *
    `.execute(this.db)
    return rows
  }

  /** Sleeps until the next row falls due when that is sooner than the timer's next tick. */
  private async scheduleWake(): Promise<void> {
    if (this.loop.isStopped) return
    const next = await this.db
      .selectFrom('platform_outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', 'in', ['queued', 'submitted'])
      .executeTakeFirst()
    const at = next?.at ? new Date(next.at as unknown as string | Date).getTime() : undefined
    if (at === undefined || this.loop.isStopped) return
    const delay = Math.max(at - this.now().getTime(), 0) + 5
    if (this.wake) clearTimeout(this.wake)
    this.wake = setTimeout(
      () => {
        this.wake = undefined
        this.kick()
      },
      Math.min(delay, 60_000),
    )
    this.wake.unref()
  }

  private async work(row: Claimed, token: string): Promise<void> {
    let view: Submission
    try {
      view = row.submission_id
        ? await this.options.client.submission(row.submission_id)
        : await this.submit(row)
    } catch (err) {
      return this.failed(row, token, classifyFailure(err))
    }
    if (view.status === 'decided' && view.decision) return this.decided(row, token, view)
    return this.submitted(row, token, view)
  }

  private async submit(row: Claimed): Promise<Submission> {
    const pdf = await this.options.blobs.get(row.pdf_sha256)
    // The row itself cannot be sent: an ElcError of ours is permanent (classifyFailure).
    if (!pdf)
      throw new ElcError(
        'OUTBOX_PDF_MISSING',
        text('Không tìm thấy tệp PDF đã ký trong kho lưu trữ.', 'The signed PDF is not in the blob store.'),
        { status: 500 },
      )
    let data: unknown
    try {
      data = JSON.parse(this.options.pii.decrypt(row.data_ciphertext, OUTBOX_DATA_PURPOSE))
    } catch (cause) {
      throw new ElcError(
        'OUTBOX_DATA_UNREADABLE',
        text('Không giải mã được dữ liệu hợp đồng.', 'The contract data cannot be decrypted.'),
        { status: 500, cause },
      )
    }
    return this.options.client.submit({
      kind: row.kind,
      data: data as Parameters<PlatformClient['submit']>[0]['data'],
      pdf,
      ...(row.parent_contract_id ? { parentContractId: row.parent_contract_id } : {}),
      idempotencyKey: row.id,
    })
  }

  /** Accepted, not yet decided: ask again later, less often the longer it takes. */
  private async submitted(row: Claimed, token: string, view: Submission): Promise<void> {
    const now = this.now()
    const submittedAt = row.submitted_at ?? now
    const age = now.getTime() - submittedAt.getTime()
    const delay = Math.min(Math.max(age / 4, this.poll.minMs), this.poll.maxMs)
    await this.db
      .updateTable('platform_outbox')
      .set({
        status: 'submitted',
        submission_id: view.id,
        submitted_at: submittedAt,
        failures: 0,
        last_error: null,
        next_attempt_at: new Date(now.getTime() + delay),
        claimed_until: null,
        claim_token: null,
      })
      .where('id', '=', row.id)
      .where('claim_token', '=', token)
      .execute()
  }

  private async decided(row: Claimed, token: string, view: Submission): Promise<void> {
    const decidedAt = this.now()
    const decision = view.decision as OutboxOutcome['decision']
    const reasons: OutboxReason[] = (view.reasons ?? []).map((r) => ({
      code: r.code,
      ...(r.ruleId ? { ruleId: r.ruleId } : {}),
      message: { vi: r.message.vi, en: r.message.en },
    }))
    const contractId = decision === 'refused' ? undefined : view.contractId
    const outcome: OutboxOutcome = {
      id: row.id,
      documentRef: row.document_ref,
      kind: row.kind,
      decision,
      ...(contractId ? { contractId } : {}),
      ...(row.parent_contract_id ? { parentContractId: row.parent_contract_id } : {}),
      reasons,
      submissionId: view.id,
      decidedAt,
    }
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('platform_outbox')
        .set({
          status: decision,
          submission_id: view.id,
          submitted_at: row.submitted_at ?? decidedAt,
          contract_id: contractId ?? null,
          reasons: JSON.stringify(reasons) as unknown as OutboxReason[],
          decided_at: decidedAt,
          failures: 0,
          last_error: null,
          claimed_until: null,
          claim_token: null,
        })
        .where('id', '=', row.id)
        .where('claim_token', '=', token)
        .executeTakeFirst()
      // The lease ran out and another worker has the row: it records the decision, once.
      if (Number(updated.numUpdatedRows) === 0) return
      await this.options.onDecided?.(trx as unknown as Kysely<unknown>, outcome)
    })
  }

  private async failed(row: Claimed, token: string, failure: ClassifiedFailure): Promise<void> {
    const now = this.now()
    const failures = row.failures + 1
    const permanent = failure.kind === 'permanent'
    if (failure.kind === 'auth') this.options.tokens?.invalidate()
    const updated = await this.db
      .updateTable('platform_outbox')
      .set({
        ...(permanent ? { status: 'failed' as const } : {}),
        failures,
        last_error: JSON.stringify(failure.error) as unknown as OutboxError,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(failures, this.retry, this.random)),
        claimed_until: null,
        claim_token: null,
      })
      .where('id', '=', row.id)
      .where('claim_token', '=', token)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return
    const where = { outbox: row.id, documentRef: row.document_ref, code: failure.error.code, failures }
    if (failure.kind === 'transient') {
      this.options.log?.warn(where, 'the Platform did not take the document; will retry')
      return
    }
    this.options.log?.error(
      where,
      permanent ? 'the Platform refused the request; the row failed' : 'the Platform refused our credentials',
    )
    // Refused credentials are alerted when they start, not on every retry of every row.
    if (!permanent && row.last_error?.code === failure.error.code) return
    this.options.onAlert?.({
      kind: permanent ? 'failed' : 'auth',
      id: row.id,
      documentRef: row.document_ref,
      error: failure.error,
    })
  }
}
