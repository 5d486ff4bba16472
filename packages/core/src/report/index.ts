export { overlapsPeriod } from './in-period.ts'
export { isOver35, OVER_35_AGE_EXCLUSIVE } from './over-35.ts'
export { reportRecordOf, termKindOf } from './record-of-contract.ts'
export type { ReportPeriod, ReportRecord, TermKind } from './report-record.ts'
export { TERM_KINDS } from './report-record.ts'
export { compareRepresentative, pickRepresentative } from './representative-contract.ts'
export type { EmployerTypeRow } from './row-labels.ts'
export { EMPLOYER_TYPE_ROWS, TOTAL_ROW_LABEL } from './row-labels.ts'
export type {
  LaborUsageCounts,
  LaborUsageRow,
  LaborUsageSummary,
  LaborUsageTotalRow,
} from './summarise-labor-usage.ts'
export { summariseLaborUsage } from './summarise-labor-usage.ts'
