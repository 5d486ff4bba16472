import { describe, expect, it } from 'vitest'
import type { ReportRecord } from './report-record.ts'
import { pickRepresentative } from './representative-contract.ts'

const base: ReportRecord = {
  workerKey: 'w',
  employerKey: 'E',
  employerType: 'enterprise',
  sex: 'female',
  dateOfBirth: '1990-01-01',
  compulsorySocialInsurance: true,
  jobPositionClass: 'other',
  termKind: 'definite',
  startDate: '2025-01-01',
  endDate: '2025-12-31',
}

describe('R3.7 the contract that speaks for a worker with several', () => {
  it.each<[string, Partial<ReportRecord>, Partial<ReportRecord>, 'a' | 'b']>([
    ['the later start', { startDate: '2025-02-01' }, { startDate: '2025-01-15' }, 'a'],
    [
      'the later start, even if shorter',
      { startDate: '2025-01-01' },
      { startDate: '2025-06-01', endDate: '2025-06-10' },
      'b',
    ],
    ['on the same start, the later end', { endDate: '2025-06-30' }, { endDate: '2025-07-01' }, 'b'],
    [
      'on the same start, open-ended beats any end',
      { endDate: undefined, termKind: 'indefinite' },
      { endDate: '2099-12-31' },
      'a',
    ],
    [
      'on the same dates, indefinite beats definite',
      { termKind: 'definite' },
      { termKind: 'indefinite' },
      'b',
    ],
    ['on the same dates, definite beats other', { termKind: 'other' }, { termKind: 'definite' }, 'b'],
    [
      'otherwise the first employer type in form order',
      { employerType: 'cooperative' },
      { employerType: 'agency' },
      'b',
    ],
  ])('R3.7 %s', (_name, a, b, winner) => {
    const ra = { ...base, ...a, employerKey: 'A' } as ReportRecord
    const rb = { ...base, ...b, employerKey: 'B' } as ReportRecord
    if (ra.endDate === undefined) delete ra.endDate
    expect(pickRepresentative([ra, rb]).employerKey).toBe(winner === 'a' ? 'A' : 'B')
    expect(pickRepresentative([rb, ra]).employerKey).toBe(winner === 'a' ? 'A' : 'B')
  })

  it('needs at least one contract', () => {
    expect(() => pickRepresentative([])).toThrow(RangeError)
  })
})
