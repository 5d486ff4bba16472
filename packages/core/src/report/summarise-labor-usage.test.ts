import { describe, expect, it } from 'vitest'
import type { ReportRecord } from './report-record.ts'
import { summariseLaborUsage } from './summarise-labor-usage.ts'

// A compact row: worker, employer, type, sex, date of birth, compulsory social insurance, position, term, start, end.
function c(
  workerKey: string,
  employerKey: string,
  employerType: ReportRecord['employerType'],
  sex: ReportRecord['sex'],
  dateOfBirth: string,
  compulsorySocialInsurance: boolean,
  jobPositionClass: ReportRecord['jobPositionClass'],
  termKind: ReportRecord['termKind'],
  startDate: string,
  endDate?: string,
): ReportRecord {
  return {
    workerKey,
    employerKey,
    employerType,
    sex,
    dateOfBirth,
    compulsorySocialInsurance,
    jobPositionClass,
    termKind,
    startDate,
    ...(endDate === undefined ? {} : { endDate }),
  }
}

const H1_2025 = { periodStart: '2025-01-01', periodEnd: '2025-06-30' }

// Hand-computed fixture, first half of 2025. Comments give each worker's representative contract and why.
const FIXTURE: ReportRecord[] = [
  // w01: enterprise, woman, 45, insured, manager, indefinite.
  c('w01', 'E1', 'enterprise', 'female', '1980-03-15', true, 'manager', 'indefinite', '2015-01-01'),
  // w02: turns 35 on the period end date → 35 completed years, not over 35.
  c(
    'w02',
    'E1',
    'enterprise',
    'male',
    '1990-06-30',
    true,
    'high_technical',
    'definite',
    '2024-07-01',
    '2026-06-30',
  ),
  // w03: probation then a definite contract at the same employer: the later one speaks (mid, definite, insured).
  c('w03', 'E2', 'enterprise', 'female', '1990-07-01', false, 'other', 'other', '2025-03-01', '2025-04-30'),
  c(
    'w03',
    'E2',
    'enterprise',
    'female',
    '1990-07-01',
    true,
    'mid_technical',
    'definite',
    '2025-05-01',
    '2026-04-30',
  ),
  // w04: cooperative contract, then an under-1-month job at a household business starting later: counted once,
  // in the household row; the cooperative C1 still counts as an employer.
  c(
    'w04',
    'C1',
    'cooperative',
    'male',
    '1970-01-01',
    true,
    'mid_technical',
    'definite',
    '2024-01-01',
    '2025-12-31',
  ),
  c(
    'w04',
    'H1',
    'household_business',
    'male',
    '1970-01-01',
    false,
    'other',
    'other',
    '2025-06-10',
    '2025-06-25',
  ),
  c('w05', 'C1', 'cooperative', 'female', '1995-05-05', true, 'other', 'indefinite', '2020-01-01'),
  // w06: ends on the first day of the period: in force one day, so counted.
  c(
    'w06',
    'G1',
    'agency',
    'male',
    '1985-12-31',
    true,
    'high_technical',
    'definite',
    '2023-01-01',
    '2025-01-01',
  ),
  // w07: ended the day before the period: not counted (G1 still counts through w06).
  c('w07', 'G1', 'agency', 'female', '1980-01-01', true, 'manager', 'indefinite', '2020-01-01', '2024-12-31'),
  // w08: starts the day after the period: not counted, and G2 is not an employer in this period.
  c('w08', 'G2', 'agency', 'female', '1980-01-01', true, 'manager', 'indefinite', '2025-07-01'),
  // w09: turned 35 the day before period end → still 35, not over 35.
  c(
    'w09',
    'H1',
    'household_business',
    'female',
    '1990-06-29',
    false,
    'other',
    'definite',
    '2025-02-01',
    '2025-08-31',
  ),
  // w10: turns 36 on period end → over 35; probation with an individual employer.
  c('w10', 'I1', 'individual', 'female', '1989-06-30', false, 'other', 'other', '2025-06-15', '2025-06-30'),
  // w11: starts on the last day of the period: counted.
  c('w11', 'I2', 'individual', 'male', '2000-01-01', true, 'other', 'definite', '2025-06-30', '2025-09-30'),
  // w12: two contracts starting the same day; the open-ended enterprise one wins the tie over the definite
  // individual one. I1 is an employer already through w10.
  c('w12', 'I1', 'individual', 'male', '1960-02-29', false, 'other', 'definite', '2025-04-01', '2025-09-30'),
  c('w12', 'E1', 'enterprise', 'male', '1960-02-29', true, 'high_technical', 'indefinite', '2025-04-01'),
]

const ZERO_POSITION = { manager: 0, high_technical: 0, mid_technical: 0, other: 0 }
const ZERO_TERM = { indefinite: 0, definite: 0, other: 0 }

describe('R3.6/R3.7 summariseLaborUsage on a hand-computed fixture', () => {
  const summary = summariseLaborUsage(FIXTURE, H1_2025)

  it('R3.6 rows come in form order, individuals last and off the form', () => {
    expect(summary.rows.map((r) => [r.employerType, r.formRow, r.label.vi, r.label.en])).toEqual([
      ['enterprise', 1, 'Doanh nghiệp', 'Enterprises'],
      ['cooperative', 2, 'Hợp tác xã', 'Cooperatives'],
      ['agency', 3, 'Cơ quan/tổ chức', 'Agencies and organisations'],
      ['household_business', 4, 'Hộ kinh doanh', 'Household businesses'],
      ['individual', undefined, 'Cá nhân', 'Individuals'],
    ])
    expect(summary.total.label).toEqual({ vi: 'Tổng cộng', en: 'Total' })
    expect(summary.period).toEqual(H1_2025)
  })

  it.each([
    [
      'enterprise',
      {
        employers: 2,
        total: 4,
        women: 2,
        over35: 2,
        compulsorySocialInsurance: 4,
        byPosition: { manager: 1, high_technical: 2, mid_technical: 1, other: 0 },
        byTerm: { indefinite: 2, definite: 2, other: 0 },
      },
    ],
    [
      'cooperative',
      {
        employers: 1,
        total: 1,
        women: 1,
        over35: 0,
        compulsorySocialInsurance: 1,
        byPosition: { manager: 0, high_technical: 0, mid_technical: 0, other: 1 },
        byTerm: { indefinite: 1, definite: 0, other: 0 },
      },
    ],
    [
      'agency',
      {
        employers: 1,
        total: 1,
        women: 0,
        over35: 1,
        compulsorySocialInsurance: 1,
        byPosition: { manager: 0, high_technical: 1, mid_technical: 0, other: 0 },
        byTerm: { indefinite: 0, definite: 1, other: 0 },
      },
    ],
    [
      'household_business',
      {
        employers: 1,
        total: 2,
        women: 1,
        over35: 1,
        compulsorySocialInsurance: 0,
        byPosition: { manager: 0, high_technical: 0, mid_technical: 0, other: 2 },
        byTerm: { indefinite: 0, definite: 1, other: 1 },
      },
    ],
    [
      'individual',
      {
        employers: 2,
        total: 2,
        women: 1,
        over35: 1,
        compulsorySocialInsurance: 1,
        byPosition: { manager: 0, high_technical: 0, mid_technical: 0, other: 2 },
        byTerm: { indefinite: 0, definite: 1, other: 1 },
      },
    ],
  ])('R3.6 row %s, every cell', (employerType, expected) => {
    const {
      label: _label,
      formRow: _formRow,
      employerType: type,
      ...counts
    } = summary.rows.find((r) => r.employerType === employerType) ?? expect.unreachable()
    expect(type).toBe(employerType)
    expect(counts).toEqual(expected)
  })

  it('R3.7 total row, every cell: 10 distinct workers, 7 employers', () => {
    const { label: _label, ...counts } = summary.total
    expect(counts).toEqual({
      employers: 7,
      total: 10,
      women: 5,
      over35: 5,
      compulsorySocialInsurance: 7,
      byPosition: { manager: 1, high_technical: 3, mid_technical: 1, other: 5 },
      byTerm: { indefinite: 3, definite: 5, other: 2 },
    })
  })

  it('R3.7 the result does not depend on record order', () => {
    expect(summariseLaborUsage([...FIXTURE].reverse(), H1_2025)).toEqual(summary)
  })
})

describe('R3.7 counting rules', () => {
  const base = c(
    'w',
    'E',
    'enterprise',
    'male',
    '1990-01-01',
    true,
    'other',
    'definite',
    '2025-01-01',
    '2025-12-31',
  )

  it('R3.7 no records: every cell zero, all five rows present', () => {
    const s = summariseLaborUsage([], H1_2025)
    expect(s.rows).toHaveLength(5)
    for (const row of [...s.rows, s.total]) {
      expect([row.employers, row.total, row.women, row.over35, row.compulsorySocialInsurance]).toEqual([
        0, 0, 0, 0, 0,
      ])
      expect(row.byPosition).toEqual(ZERO_POSITION)
      expect(row.byTerm).toEqual(ZERO_TERM)
    }
  })

  it.each([
    ['2024-01-01', '2024-12-31', 0],
    ['2024-01-01', '2025-01-01', 1],
    ['2025-06-30', '2025-12-31', 1],
    ['2025-07-01', '2025-12-31', 0],
    ['2025-03-01', '2025-03-01', 1],
    ['2024-01-01', undefined, 1],
    ['2025-07-01', undefined, 0],
  ])('R3.7 a contract %s … %s counts %i time(s) in 2025 H1', (startDate, endDate, expected) => {
    const { endDate: _e, ...open } = base
    const record = endDate === undefined ? { ...open, startDate } : { ...open, startDate, endDate }
    const s = summariseLaborUsage([record], H1_2025)
    expect([s.total.total, s.total.employers]).toEqual([expected, expected])
  })

  it.each([
    ['1990-06-30', 0], // 35th birthday on period end: 35, not over
    ['1990-07-01', 0], // 34
    ['1989-07-01', 0], // 35 and 364 days
    ['1989-06-30', 1], // 36th birthday on period end
    ['1950-01-01', 1],
  ])('R3.7 over35 = completed years at period end > 35: born %s → %i', (dateOfBirth, expected) => {
    expect(summariseLaborUsage([{ ...base, dateOfBirth }], H1_2025).total.over35).toBe(expected)
  })

  it('R3.7 two contracts of one worker at one employer count once', () => {
    const s = summariseLaborUsage(
      [base, { ...base, startDate: '2025-03-01', termKind: 'other', jobPositionClass: 'manager' }],
      H1_2025,
    )
    expect(s.total.total).toBe(1)
    expect(s.total.employers).toBe(1)
    expect(s.total.byTerm).toEqual({ indefinite: 0, definite: 0, other: 1 })
    expect(s.total.byPosition).toEqual({ manager: 1, high_technical: 0, mid_technical: 0, other: 0 })
  })

  it('R3.7 a contract outside the period never picks the representative', () => {
    const later = { ...base, employerType: 'cooperative' as const, employerKey: 'C', startDate: '2025-08-01' }
    const s = summariseLaborUsage([base, later], H1_2025)
    expect(s.rows.map((r) => r.total)).toEqual([1, 0, 0, 0, 0])
    expect(s.rows.map((r) => r.employers)).toEqual([1, 0, 0, 0, 0])
  })

  it('R3.7 a probation starting and ending with the real contract loses to it', () => {
    const probation = { ...base, termKind: 'other' as const, compulsorySocialInsurance: false }
    const s = summariseLaborUsage([probation, base], H1_2025)
    expect(s.total.total).toBe(1)
    expect(s.total.byTerm).toEqual({ indefinite: 0, definite: 1, other: 0 })
    expect(s.total.compulsorySocialInsurance).toBe(1)
  })

  it('D13.1.d item 1: an employer that changed legal form counts once under each form', () => {
    const s = summariseLaborUsage(
      [
        { ...base, workerKey: 'a', employerType: 'household_business', endDate: '2025-02-28' },
        { ...base, workerKey: 'b', startDate: '2025-03-01' },
      ],
      H1_2025,
    )
    expect(s.rows.map((r) => r.employers)).toEqual([1, 0, 0, 1, 0])
    expect(s.total.employers).toBe(2)
  })

  it.each([
    [{ periodStart: '2025-07-01', periodEnd: '2025-06-30' }, [base]],
    [H1_2025, [{ ...base, startDate: '2025-03-01', endDate: '2025-02-28' }]],
    [{ periodStart: '2025-02-30', periodEnd: '2025-06-30' }, [base]],
    [H1_2025, [{ ...base, dateOfBirth: '1990-13-01' }]],
  ])('throws RangeError on impossible input %#', (period, records) => {
    expect(() => summariseLaborUsage(records, period)).toThrow(RangeError)
  })
})
