// Which contracts a report counts: those in force on at least one day of the period.

import { compareDates } from '../time/civil-date.ts'
import type { ReportPeriod, ReportRecord } from './report-record.ts'

/** True when [startDate, endDate] and [periodStart, periodEnd] share at least one day (all ends inclusive). */
export function overlapsPeriod(record: ReportRecord, period: ReportPeriod): boolean {
  if (compareDates(record.startDate, period.periodEnd) > 0) return false
  return record.endDate === undefined || compareDates(record.endDate, period.periodStart) >= 0
}
