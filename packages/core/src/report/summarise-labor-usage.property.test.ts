import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromDayNumber, toDayNumber } from '../time/civil-date.ts'
import {
  EMPLOYER_TYPES,
  JOB_POSITION_CLASSES,
  type ReportPeriod,
  type ReportRecord,
  TERM_KINDS,
} from './report-record.ts'
import { type LaborUsageCounts, summariseLaborUsage } from './summarise-labor-usage.ts'

const DAY0 = toDayNumber('2024-01-01')
const day = (max: number) => fc.integer({ min: 0, max }).map((n) => fromDayNumber(DAY0 + n))

// Few workers and employers so that repeats, multi-contract workers and shared employers are common.
const record: fc.Arbitrary<ReportRecord> = fc
  .record({
    workerKey: fc.constantFrom('w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7'),
    employerKey: fc.constantFrom('e0', 'e1', 'e2', 'e3'),
    employerType: fc.constantFrom(...EMPLOYER_TYPES),
    sex: fc.constantFrom('male' as const, 'female' as const),
    dateOfBirth: fc.integer({ min: -20_000, max: 0 }).map((n) => fromDayNumber(DAY0 + n)),
    compulsorySocialInsurance: fc.boolean(),
    jobPositionClass: fc.constantFrom(...JOB_POSITION_CLASSES),
    termKind: fc.constantFrom(...TERM_KINDS),
    start: fc.integer({ min: 0, max: 1000 }),
    length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  })
  .map(({ start, length, ...rest }) => ({
    ...rest,
    startDate: fromDayNumber(DAY0 + start),
    ...(length === undefined ? {} : { endDate: fromDayNumber(DAY0 + start + length) }),
  }))

const period: fc.Arbitrary<ReportPeriod> = fc
  .tuple(day(1000), fc.integer({ min: 0, max: 400 }))
  .map(([periodStart, n]) => ({ periodStart, periodEnd: fromDayNumber(toDayNumber(periodStart) + n) }))

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0)

// An oracle written independently of the code: ISO dates compare as strings.
const inForce = (r: ReportRecord, p: ReportPeriod) =>
  r.startDate <= p.periodEnd && (r.endDate === undefined || r.endDate >= p.periodStart)

describe('R3.7 invariants of summariseLaborUsage on random record sets', () => {
  it('R3.7 position and term buckets sum to the row total; women, over35, insured never exceed it', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), period, (records, p) => {
        const s = summariseLaborUsage(records, p)
        for (const row of [...s.rows, s.total]) {
          expect(sum(row.byPosition)).toBe(row.total)
          expect(sum(row.byTerm)).toBe(row.total)
          expect(row.women).toBeLessThanOrEqual(row.total)
          expect(row.over35).toBeLessThanOrEqual(row.total)
          expect(row.compulsorySocialInsurance).toBeLessThanOrEqual(row.total)
        }
      }),
    )
  })

  it('R3.6 every column of the rows sums to the total row', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), period, (records, p) => {
        const s = summariseLaborUsage(records, p)
        const columns: ((c: LaborUsageCounts) => number)[] = [
          (c) => c.employers,
          (c) => c.total,
          (c) => c.women,
          (c) => c.over35,
          (c) => c.compulsorySocialInsurance,
          ...JOB_POSITION_CLASSES.map((k) => (c: LaborUsageCounts) => c.byPosition[k]),
          ...TERM_KINDS.map((k) => (c: LaborUsageCounts) => c.byTerm[k]),
        ]
        for (const column of columns) {
          expect(s.rows.reduce((a, row) => a + column(row), 0)).toBe(column(s.total))
        }
      }),
    )
  })

  it('R3.7 total = distinct workers, employers = distinct (type, employer) in force in the period', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), period, (records, p) => {
        const s = summariseLaborUsage(records, p)
        const live = records.filter((r) => inForce(r, p))
        expect(s.total.total).toBe(new Set(live.map((r) => r.workerKey)).size)
        expect(s.total.employers).toBe(new Set(live.map((r) => `${r.employerType}/${r.employerKey}`)).size)
        for (const row of s.rows) {
          const mine = live.filter((r) => r.employerType === row.employerType)
          expect(row.employers).toBe(new Set(mine.map((r) => r.employerKey)).size)
          // A row counts only workers who have a contract of its type in the period.
          expect(row.total).toBeLessThanOrEqual(new Set(mine.map((r) => r.workerKey)).size)
        }
      }),
    )
  })

  it('R3.7 the summary does not depend on record order', () => {
    const shuffled = fc
      .array(record, { maxLength: 30 })
      .chain((rs) =>
        fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
      )
    fc.assert(
      fc.property(shuffled, period, ([records, reordered], p) => {
        expect(summariseLaborUsage(reordered, p)).toEqual(summariseLaborUsage(records, p))
      }),
    )
  })
})
