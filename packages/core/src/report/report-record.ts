// The minimal facts the labor-usage report needs about one contract (D13.1.c items 3–5, Mẫu 01/PLI R3.5),
// independent of the full contract model so the arithmetic can be tested on its own.

import {
  EMPLOYER_TYPES as EMPLOYER_VOCABULARY,
  type EmployerType,
  JOB_POSITION_CLASSES as JOB_VOCABULARY,
  type JobPositionClass,
} from '../contract/enums.ts'
import type { CivilDate } from '../time/civil-date.ts'

/** Mẫu 02/PLI rows (R3.6) plus individual employers (D13.1.d item 1), and D13.1.c item 4: the contract vocabularies. */
export const EMPLOYER_TYPES = EMPLOYER_VOCABULARY.values
export const JOB_POSITION_CLASSES = JOB_VOCABULARY.values
export type { EmployerType, JobPositionClass }

/** D13.1.c item 5; Mẫu 02/PLI cols 11–13. `other` = under one month or probation (R3.7). */
export const TERM_KINDS = ['indefinite', 'definite', 'other'] as const
export type TermKind = (typeof TERM_KINDS)[number]

export interface ReportRecord {
  /** Stable per worker across employers, e.g. a keyed hash of the ID number; never the number itself. */
  workerKey: string
  /** Stable per employer. */
  employerKey: string
  employerType: EmployerType
  sex: 'male' | 'female'
  dateOfBirth: CivilDate
  compulsorySocialInsurance: boolean
  jobPositionClass: JobPositionClass
  termKind: TermKind
  startDate: CivilDate
  /** Last day of the contract, inclusive; absent for an indefinite contract still in force. */
  endDate?: CivilDate
}

/** The reporting period, both ends inclusive (e.g. 2025-01-01 … 2025-06-30 for a half-year, R3.2). */
export interface ReportPeriod {
  periodStart: CivilDate
  periodEnd: CivilDate
}
