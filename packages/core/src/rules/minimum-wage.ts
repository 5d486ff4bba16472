// R4.28–R4.29: the regional minimum wage in force on a date.
import type { WageRegion } from '../contract/enums.ts'
import { type CivilDate, compareDates } from '../time/civil-date.ts'
import { minimumWages } from './data-tables.ts'

export interface MinimumWage {
  decree: string
  monthly: number
  hourly: number
}

/** The minimum in force on `date` in `region`, or undefined before the first table we hold. */
export function minimumWageOn(date: CivilDate, region: WageRegion): MinimumWage | undefined {
  const table = minimumWages.tables
    .filter((t) => compareDates(t.effectiveFrom, date) <= 0)
    .sort((a, b) => compareDates(b.effectiveFrom, a.effectiveFrom))[0]
  if (!table) return undefined
  return { decree: table.decree, monthly: table.monthly[region], hourly: table.hourly[region] }
}
