// A worker with several contracts in the period is counted once (R3.7 "count(distinct worker)"), so one of
// them must speak for the worker: its employer type picks the row and it supplies every attribute counted
// (sex, age, social insurance, job position, term). One contract for all attributes keeps each row a coherent
// set of workers, and each worker in exactly one row, so rows sum to the total (R3.6).
//
// Choice: the latest-starting contract, as it describes the worker as the period closes, the same moment the
// age cut-off uses. Ties go to the contract that lasts longer (open-ended first), then to the stronger term
// (indefinite > definite > other: a probation starting the same day as the real contract is not the real
// contract), then to a fixed order of the remaining fields so the result never depends on input order.

import { compareDates } from '../time/civil-date.ts'
import { type ReportRecord, TERM_KINDS } from './report-record.ts'

/** Negative when `a` should speak for the worker rather than `b`. */
export function compareRepresentative(a: ReportRecord, b: ReportRecord): number {
  return (
    compareDates(b.startDate, a.startDate) ||
    compareEnds(b.endDate, a.endDate) ||
    TERM_KINDS.indexOf(a.termKind) - TERM_KINDS.indexOf(b.termKind) ||
    compareText(tieBreakKey(a), tieBreakKey(b))
  )
}

/** The contract that speaks for a worker; `records` must be non-empty. */
export function pickRepresentative(records: readonly ReportRecord[]): ReportRecord {
  let best = records[0]
  if (best === undefined) throw new RangeError('pickRepresentative needs at least one record')
  for (const r of records) if (compareRepresentative(r, best) < 0) best = r
  return best
}

function compareEnds(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0)
  return compareDates(a, b)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function tieBreakKey(r: ReportRecord): string {
  return [
    r.employerType,
    r.employerKey,
    r.jobPositionClass,
    r.compulsorySocialInsurance,
    r.sex,
    r.dateOfBirth,
    r.workerKey,
  ].join('\u0000')
}
