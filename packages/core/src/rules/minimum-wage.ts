// R4.28–R4.29: the regional minimum wage in force on a date.
import type { WageRegion } from '../contract/enums.ts'
import type { Contract } from '../contract/schema.ts'
import { type CivilDate, compareDates } from '../time/civil-date.ts'
import { minimumWages } from './data-tables.ts'

export interface MinimumWage {
  decree: string
  monthly: number
  hourly: number
}

const NEWEST_FIRST = [...minimumWages.tables].sort((a, b) => compareDates(b.effectiveFrom, a.effectiveFrom))

/** The minimum in force on `date` in `region`, or undefined before the first table we hold. */
export function minimumWageOn(date: CivilDate, region: WageRegion): MinimumWage | undefined {
  const table = NEWEST_FIRST.find((t) => compareDates(t.effectiveFrom, date) <= 0)
  if (!table) return undefined
  return { decree: table.decree, monthly: table.monthly[region], hourly: table.hourly[region] }
}

/** The workplace whose region sets the highest minimum on `date` (R4.30: the region where the work is done). */
export function highestMinimum(c: Contract, date: string) {
  let best: { index: number; region: string; minimum: MinimumWage } | undefined
  c.workplaces.forEach((w, index) => {
    const minimum = minimumWageOn(date, w.wageRegion)
    if (minimum && (!best || minimum.monthly > best.minimum.monthly))
      best = { index, region: w.wageRegion, minimum }
  })
  return best
}
