// The rule figures, read from the JSON tables beside this file so they can be corrected without code changes.
import { FIRST_HOLIDAY_YEAR } from '../calendar/index.ts'
import contractLimits from './data/contract-limits.json' with { type: 'json' }
import minimumWages from './data/minimum-wages.json' with { type: 'json' }
import minors from './data/minors.json' with { type: 'json' }
import noticePeriods from './data/notice-periods.json' with { type: 'json' }
import probationLimits from './data/probation-limits.json' with { type: 'json' }

/** Working days are counted on the holiday calendar, which starts in FIRST_HOLIDAY_YEAR; earlier dates are not checked. */
export function countsWorkingDays(date: string): boolean {
  return Number(date.slice(0, 4)) >= FIRST_HOLIDAY_YEAR
}

export interface Duration {
  days?: number
  workingDays?: number
}

export { contractLimits, minimumWages, minors, noticePeriods, probationLimits }
