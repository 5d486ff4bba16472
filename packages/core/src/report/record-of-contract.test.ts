import { describe, expect, it } from 'vitest'
import type { Contract } from '../contract/schema.ts'
import { example } from '../testing/examples.ts'
import { reportRecordOf, termKindOf } from './record-of-contract.ts'
import { summariseLaborUsage } from './summarise-labor-usage.ts'

describe('D13.1.c item 5: term kind of a contract', () => {
  it.each([
    ['indefinite', '2026-08-01', undefined, 'indefinite'],
    ['definite', '2026-08-01', '2026-08-30', 'other'], // under a month
    ['definite', '2026-08-01', '2026-08-31', 'definite'], // exactly one month
    ['definite', '2027-02-01', '2027-02-27', 'other'],
    ['definite', '2027-02-01', '2027-02-28', 'definite'],
    ['definite', '2026-08-01', '2028-07-31', 'definite'],
  ])('%s from %s to %s → %s', (type, startDate, endDate, kind) => {
    const c: Contract = example('contract-indefinite.json')
    c.term = { type: type as Contract['term']['type'], startDate, ...(endDate ? { endDate } : {}) }
    expect(termKindOf(c)).toBe(kind)
  })
})

describe('R3.6 Mẫu 02/PLI from the example contracts', () => {
  it('counts both example workers in the enterprise row', () => {
    const a = reportRecordOf(example('contract-indefinite.json'), { workerKey: 'w1', employerKey: 'e1' })
    const b = reportRecordOf(example('contract-definite-probation.json'), {
      workerKey: 'w2',
      employerKey: 'e2',
    })
    const s = summariseLaborUsage([a, b], { periodStart: '2026-07-01', periodEnd: '2026-12-31' })
    expect(s.total).toMatchObject({
      employers: 2,
      total: 2,
      women: 1,
      over35: 0,
      compulsorySocialInsurance: 2,
      byPosition: { manager: 0, high_technical: 1, mid_technical: 1, other: 0 },
      byTerm: { indefinite: 1, definite: 1, other: 0 },
    })
    expect(s.rows.find((r) => r.employerType === 'enterprise')?.total).toBe(2)
  })
})
