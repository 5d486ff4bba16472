// What the provider's operators watch: documents whose 24-hour clock (R1.13) is running out, refusals with
// the Platform's reasons, rows that failed for good, rows that make no progress, and counts by status.
// No personal data: the eContract's document reference identifies the document.
import type { Kysely } from '@elc/db'
import {
  OUTBOX_STATUSES,
  type OutboxDatabase,
  type OutboxStatus,
  type PlatformOutboxTable,
} from './migrations.ts'

export interface OperationsThresholds {
  /** Undecided rows with less than this left before R1.13's deadline; default 4 h. */
  nearDeadlineMs?: number
  /** Consecutive failures after which a row counts as stuck; default 5. */
  stuckFailures?: number
  /** Calls after which a row counts as stuck; default 30. */
  stuckAttempts?: number
  /** Submitted this long ago and still undecided (R1.31 gives the Platform 24 h); default 1 h. */
  stuckSubmittedMs?: number
  /** Rows listed per section. */
  limit?: number
}

export interface OperationsRow {
  id: string
  documentRef: string
  kind: string
  status: OutboxStatus
  parentContractId: string | null
  lastSignedAt: string
  deadlineAt: string
  /** Negative once the deadline has passed. */
  minutesLeft: number
  overdue: boolean
  attempts: number
  failures: number
  nextAttemptAt: string
  lastError: PlatformOutboxTable['last_error']
  submissionId: string | null
  submittedAt: string | null
  contractId: string | null
  reasons: PlatformOutboxTable['reasons']
  decidedAt: string | null
}

export interface OperationsView {
  generatedAt: string
  counts: Record<OutboxStatus, number>
  nearDeadline: OperationsRow[]
  refused: OperationsRow[]
  failed: OperationsRow[]
  stuck: OperationsRow[]
}

export async function operationsView(
  db: Kysely<unknown>,
  now: Date,
  thresholds: OperationsThresholds = {},
): Promise<OperationsView> {
  const d = db as Kysely<OutboxDatabase>
  const limit = thresholds.limit ?? 100
  const nearBy = new Date(now.getTime() + (thresholds.nearDeadlineMs ?? 4 * 3_600_000))
  const submittedBefore = new Date(now.getTime() - (thresholds.stuckSubmittedMs ?? 3_600_000))
  const active = ['queued', 'submitted'] as const

  const counted = await d
    .selectFrom('platform_outbox')
    .select(['status', (eb) => eb.fn.countAll<string | number | bigint>().as('n')])
    .groupBy('status')
    .execute()
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>
  for (const c of counted) counts[c.status] = Number(c.n)

  const rows = (query: Promise<PlatformOutboxTable[]>) => query.then((r) => r.map((row) => toRow(row, now)))
  const [nearDeadline, refused, failed, stuck] = await Promise.all([
    rows(
      d
        .selectFrom('platform_outbox')
        .selectAll()
        .where('status', 'in', active)
        .where('deadline_at', '<', nearBy)
        .orderBy('deadline_at')
        .limit(limit)
        .execute(),
    ),
    rows(
      d
        .selectFrom('platform_outbox')
        .selectAll()
        .where('status', '=', 'refused')
        .orderBy('decided_at', 'desc')
        .limit(limit)
        .execute(),
    ),
    rows(
      d
        .selectFrom('platform_outbox')
        .selectAll()
        .where('status', '=', 'failed')
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute(),
    ),
    rows(
      d
        .selectFrom('platform_outbox')
        .selectAll()
        .where('status', 'in', active)
        .where((eb) =>
          eb.or([
            eb('failures', '>=', thresholds.stuckFailures ?? 5),
            eb('attempts', '>=', thresholds.stuckAttempts ?? 30),
            eb.and([eb('status', '=', 'submitted'), eb('submitted_at', '<=', submittedBefore)]),
          ]),
        )
        .orderBy('deadline_at')
        .limit(limit)
        .execute(),
    ),
  ])
  return { generatedAt: now.toISOString(), counts, nearDeadline, refused, failed, stuck }
}

function toRow(row: PlatformOutboxTable, now: Date): OperationsRow {
  const left = row.deadline_at.getTime() - now.getTime()
  return {
    id: row.id,
    documentRef: row.document_ref,
    kind: row.kind,
    status: row.status,
    parentContractId: row.parent_contract_id,
    lastSignedAt: row.last_signed_at.toISOString(),
    deadlineAt: row.deadline_at.toISOString(),
    minutesLeft: Math.floor(left / 60_000),
    overdue: left <= 0,
    attempts: row.attempts,
    failures: row.failures,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    lastError: row.last_error,
    submissionId: row.submission_id,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    contractId: row.contract_id,
    reasons: row.reasons,
    decidedAt: row.decided_at?.toISOString() ?? null,
  }
}
