// From the contract model to the facts the labor-usage report counts (D13.1.c items 3–5 → D13.1.d).
import type { Contract } from '../contract/schema.ts'
import { addDays, addMonths, compareDates } from '../time/civil-date.ts'
import type { ReportRecord, TermKind } from './report-record.ts'

/**
 * D13.1.c item 5: indefinite, definite, or "other" for a contract under one month. Probation agreed inside a
 * definite or indefinite contract does not change the contract's term kind.
 */
export function termKindOf(contract: Contract): TermKind {
  const { type, startDate, endDate } = contract.term
  if (type === 'indefinite' || !endDate) return 'indefinite'
  return compareDates(endDate, addDays(addMonths(startDate, 1), -1)) < 0 ? 'other' : 'definite'
}

/** `workerKey` and `employerKey` come from the store (keyed hashes), never from the ID number itself. */
export function reportRecordOf(
  contract: Contract,
  keys: { workerKey: string; employerKey: string },
): ReportRecord {
  return {
    ...keys,
    employerType: contract.employer.employerType,
    sex: contract.worker.sex,
    dateOfBirth: contract.worker.dateOfBirth,
    compulsorySocialInsurance: contract.insurance.socialInsurance,
    jobPositionClass: contract.job.positionClass,
    termKind: termKindOf(contract),
    startDate: contract.term.startDate,
    ...(contract.term.endDate ? { endDate: contract.term.endDate } : {}),
  }
}
