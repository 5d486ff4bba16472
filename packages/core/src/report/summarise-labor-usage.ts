// Labor-usage report arithmetic: Mẫu 02/PLI columns 3–13 (R3.6) by employer type, plus the number of
// employers per type (D13.1.d item 1), following the derivation rules of R3.7.
//
// Counting rules (see also in-period.ts, representative-contract.ts, over-35.ts, row-labels.ts):
// - Only contracts in force on at least one day of the period count.
// - A worker counts once in the whole report: under the employer type of their representative contract, with
//   that contract's attributes. So each row counts distinct workers, every worker is in exactly one row, and
//   rows sum to the total row, whose `total` is the number of distinct workers (R3.7).
// - Employers (D13.1.d item 1) count every employer with a contract in the period, whether or not that
//   contract is some worker's representative: the item asks who employs workers, not where workers are
//   counted. An employer is keyed by (employerType, employerKey), so one that changed legal form within the
//   period is counted once under each form and the rows still sum to the total.
// - Locality (D13.1.d is "per locality") is the caller's filter: pass the records of one locality.

import type { Text } from '../i18n.ts'
import { compareDates } from '../time/civil-date.ts'
import { overlapsPeriod } from './in-period.ts'
import { isOver35 } from './over-35.ts'
import {
  EMPLOYER_TYPES,
  type EmployerType,
  JOB_POSITION_CLASSES,
  type JobPositionClass,
  type ReportPeriod,
  type ReportRecord,
  TERM_KINDS,
  type TermKind,
} from './report-record.ts'
import { pickRepresentative } from './representative-contract.ts'
import { EMPLOYER_TYPE_ROWS, TOTAL_ROW_LABEL } from './row-labels.ts'

/** The figures of one row: Mẫu 02/PLI cols 3–13 and D13.1.d items 1–4. */
export interface LaborUsageCounts {
  /** D13.1.d item 1: employers with at least one contract in the period. */
  employers: number
  /** Col 3: distinct workers. */
  total: number
  /** Col 4. */
  women: number
  /** Col 5: see over-35.ts for the cut-off. */
  over35: number
  /** Col 6. */
  compulsorySocialInsurance: number
  /** Cols 7–10; sums to `total`. */
  byPosition: Record<JobPositionClass, number>
  /** Cols 11–13; sums to `total`. */
  byTerm: Record<TermKind, number>
}

export interface LaborUsageRow extends LaborUsageCounts {
  employerType: EmployerType
  label: Text
  /** STT on Mẫu 02/PLI; undefined for individual employers, which the form has no row for. */
  formRow: number | undefined
}

export interface LaborUsageTotalRow extends LaborUsageCounts {
  label: Text
}

export interface LaborUsageSummary {
  period: ReportPeriod
  /** One row per employer type, always all five, in EMPLOYER_TYPES order. */
  rows: LaborUsageRow[]
  total: LaborUsageTotalRow
}

/**
 * Summarises contracts into the labor-usage report for a period (both ends inclusive).
 * Throws RangeError on an invalid date, a period that ends before it starts, or a contract that ends before
 * it starts: those are bugs upstream, not figures to report.
 */
export function summariseLaborUsage(
  records: readonly ReportRecord[],
  period: ReportPeriod,
): LaborUsageSummary {
  if (compareDates(period.periodStart, period.periodEnd) > 0) {
    throw new RangeError(`report period ends before it starts: ${period.periodStart} … ${period.periodEnd}`)
  }
  const rows = new Map<EmployerType, LaborUsageRow>(
    EMPLOYER_TYPES.map((type) => [
      type,
      { employerType: type, ...EMPLOYER_TYPE_ROWS[type], ...emptyCounts() },
    ]),
  )
  const byWorker = new Map<string, ReportRecord[]>()
  const employers = new Set<string>()

  for (const record of records) {
    if (record.endDate !== undefined && compareDates(record.endDate, record.startDate) < 0) {
      throw new RangeError(`contract ends before it starts: ${record.startDate} … ${record.endDate}`)
    }
    if (!overlapsPeriod(record, period)) continue
    const employerId = `${record.employerType}\u0000${record.employerKey}`
    if (!employers.has(employerId)) {
      employers.add(employerId)
      rowOf(rows, record.employerType).employers++
    }
    const contracts = byWorker.get(record.workerKey)
    if (contracts) contracts.push(record)
    else byWorker.set(record.workerKey, [record])
  }

  for (const contracts of byWorker.values()) {
    const r = pickRepresentative(contracts)
    const row = rowOf(rows, r.employerType)
    row.total++
    if (r.sex === 'female') row.women++
    if (isOver35(r.dateOfBirth, period.periodEnd)) row.over35++
    if (r.compulsorySocialInsurance) row.compulsorySocialInsurance++
    row.byPosition[r.jobPositionClass]++
    row.byTerm[r.termKind]++
  }

  const ordered = EMPLOYER_TYPES.map((type) => rowOf(rows, type))
  return { period: { ...period }, rows: ordered, total: { label: TOTAL_ROW_LABEL, ...sumCounts(ordered) } }
}

function rowOf(rows: Map<EmployerType, LaborUsageRow>, type: EmployerType): LaborUsageRow {
  const row = rows.get(type)
  if (!row) throw new RangeError(`unknown employer type: ${String(type)}`)
  return row
}

function emptyCounts(): LaborUsageCounts {
  return {
    employers: 0,
    total: 0,
    women: 0,
    over35: 0,
    compulsorySocialInsurance: 0,
    byPosition: zeros(JOB_POSITION_CLASSES),
    byTerm: zeros(TERM_KINDS),
  }
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
}

// The total row is the sum of the rows; the representative rule is what makes it equal distinct workers.
function sumCounts(rows: readonly LaborUsageCounts[]): LaborUsageCounts {
  const sum = emptyCounts()
  for (const row of rows) {
    sum.employers += row.employers
    sum.total += row.total
    sum.women += row.women
    sum.over35 += row.over35
    sum.compulsorySocialInsurance += row.compulsorySocialInsurance
    for (const k of JOB_POSITION_CLASSES) sum.byPosition[k] += row.byPosition[k]
    for (const k of TERM_KINDS) sum.byTerm[k] += row.byTerm[k]
  }
  return sum
}
