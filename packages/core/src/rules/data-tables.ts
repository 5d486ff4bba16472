// The rule figures, read from the JSON tables beside this file so they can be corrected without code changes.
import contractLimits from './data/contract-limits.json' with { type: 'json' }
import minimumWages from './data/minimum-wages.json' with { type: 'json' }
import minors from './data/minors.json' with { type: 'json' }
import noticePeriods from './data/notice-periods.json' with { type: 'json' }
import probationLimits from './data/probation-limits.json' with { type: 'json' }

export interface Duration {
  days?: number
  workingDays?: number
}

export { contractLimits, minimumWages, minors, noticePeriods, probationLimits }
