// R4.11–R4.13: probation agreed in the contract.
import { addWorkingDays } from '../calendar/index.ts'
import { JOB_POSITION_CLASSES } from '../contract/enums.ts'
import type { Contract } from '../contract/schema.ts'
import { text } from '../i18n.ts'
import { addDays, addMonths, compareDates, daysBetween } from '../time/civil-date.ts'
import { countsWorkingDays, type Duration, probationLimits } from './data-tables.ts'
import { vnDate, vnd } from './format.ts'
import { highestMinimum } from './minimum-wage.ts'
import { at, defineRule } from './rule.ts'

const MIN_PERCENT = probationLimits.minimumProbationWagePercent.value
const NO_PROBATION_UNDER_MONTHS = probationLimits.noProbationUnderMonths.value

/** The last day probation may run, counting its first day as day 1. */
export function latestProbationEnd(startDate: string, limit: Duration): string {
  if (limit.workingDays !== undefined) return addWorkingDays(addDays(startDate, -1), limit.workingDays)
  return addDays(startDate, (limit.days ?? 0) - 1)
}

function describe(limit: Duration) {
  return limit.workingDays !== undefined
    ? text(`${limit.workingDays} ngày làm việc`, `${limit.workingDays} working days`)
    : text(`${limit.days} ngày`, `${limit.days} days`)
}

/** A contract shorter than a month: its last day is before the same date a month on. */
function shorterThanMonths(c: Contract, months: number): boolean {
  return (
    c.term.type === 'definite' &&
    c.term.endDate !== undefined &&
    compareDates(c.term.endDate, addDays(addMonths(c.term.startDate, months), -1)) < 0
  )
}

export const probationRules = [
  defineRule({
    ruleId: 'R4.11',
    code: 'PROBATION_IN_SHORT_CONTRACT',
    severity: 'error',
    tag: 'K',
    kind: 'contract',
    uses: ['/term', '/probation'],
    title: text('Không thử việc với hợp đồng dưới 01 tháng', 'No probation in a contract under one month'),
    check: (c) =>
      c.probation && shorterThanMonths(c, NO_PROBATION_UNDER_MONTHS)
        ? [
            at(
              '/probation',
              text(
                'không áp dụng thử việc với hợp đồng lao động có thời hạn dưới 01 tháng (Điều 24 BLLĐ).',
                'there is no probation in a contract shorter than one month (Labor Code Art 24).',
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.12',
    code: 'PROBATION_DATES_INVALID',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/probation'],
    title: text('Ngày kết thúc thử việc không trước ngày bắt đầu', 'Probation does not end before it starts'),
    check: (c) =>
      c.probation && compareDates(c.probation.endDate, c.probation.startDate) < 0
        ? [
            at(
              '/probation/endDate',
              text(
                `thử việc kết thúc ${vnDate(c.probation.endDate)} trước khi bắt đầu ${vnDate(c.probation.startDate)}.`,
                `probation ends ${c.probation.endDate}, before it starts ${c.probation.startDate}.`,
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.12',
    code: 'PROBATION_EXCEEDS_LIMIT',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/probation', '/job/positionClass'],
    title: text('Thời gian thử việc không quá mức tối đa', 'Probation within the legal maximum'),
    check: (c) => {
      if (!c.probation || compareDates(c.probation.endDate, c.probation.startDate) < 0) return []
      const limit: Duration = probationLimits.limits[c.job.positionClass]
      if (limit.workingDays !== undefined && !countsWorkingDays(c.probation.startDate)) return []
      const latest = latestProbationEnd(c.probation.startDate, limit)
      if (compareDates(c.probation.endDate, latest) <= 0) return []
      const max = describe(limit)
      const job = JOB_POSITION_CLASSES.labels[c.job.positionClass]
      const length = daysBetween(c.probation.startDate, c.probation.endDate) + 1
      return [
        at(
          '/probation/endDate',
          text(
            `thời gian thử việc ${length} ngày vượt quá mức tối đa ${max.vi} đối với vị trí "${job.vi}" (Điều 25 BLLĐ); ngày kết thúc muộn nhất là ${vnDate(latest)}.`,
            `probation of ${length} days exceeds the maximum of ${max.en} for "${job.en}" positions (Labor Code Art 25); the latest end is ${latest}.`,
          ),
        ),
      ]
    },
  }),
  defineRule({
    ruleId: 'R4.13',
    code: 'PROBATION_WAGE_BELOW_85_PERCENT',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/probation', '/wage'],
    title: text('Lương thử việc ít nhất 85% mức lương', 'Probation wage at least 85% of the wage'),
    check: (c) => {
      if (!c.probation) return []
      // Integer arithmetic: wage × 85 ≤ probation × 100, no rounding.
      if (c.probation.wage * 100 >= c.wage.amount * MIN_PERCENT) return []
      const floor = Math.ceil((c.wage.amount * MIN_PERCENT) / 100)
      return [
        at(
          '/probation/wage',
          text(
            `tiền lương thử việc ${vnd(c.probation.wage)} thấp hơn ${MIN_PERCENT}% mức lương của công việc (tối thiểu ${vnd(floor)}, Điều 26 BLLĐ).`,
            `probation wage ${c.probation.wage} VND is below ${MIN_PERCENT}% of the job's wage (at least ${floor} VND, Labor Code Art 26).`,
          ),
        ),
      ]
    },
  }),
  defineRule({
    ruleId: 'R4.13',
    code: 'PROBATION_WAGE_BELOW_REGIONAL_MINIMUM',
    severity: 'warning',
    tag: 'K',
    kind: 'contract',
    uses: ['/probation', '/wage', '/workplaces'],
    title: text(
      'Lương thử việc không thấp hơn lương tối thiểu vùng',
      'Probation wage not below the regional minimum',
    ),
    check: (c) => {
      if (!c.probation || (c.wage.unit !== 'month' && c.wage.unit !== 'hour')) return []
      const floor = highestMinimum(c, c.probation.startDate)
      if (!floor) return []
      const min = c.wage.unit === 'month' ? floor.minimum.monthly : floor.minimum.hourly
      if (c.probation.wage >= min) return []
      return [
        at(
          '/probation/wage',
          text(
            `tiền lương thử việc ${vnd(c.probation.wage)} thấp hơn lương tối thiểu vùng ${floor.region} (${vnd(min)}, ${floor.minimum.decree}).`,
            `probation wage ${c.probation.wage} VND is below the Region ${floor.region} minimum (${min} VND, ${floor.minimum.decree}).`,
          ),
        ),
      ]
    },
  }),
]
