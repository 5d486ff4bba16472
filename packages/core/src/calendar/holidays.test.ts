import { describe, expect, it } from 'vitest'
import { isoWeekday } from '../time/civil-date.ts'
import type { YearAnnouncement } from './holiday-data.ts'
import {
  holidayOn,
  holidaysOfYear,
  isHoliday,
  nationalDaySecondDay,
  statutoryHolidays,
  swapsOfYear,
  tetDays,
} from './holidays.ts'

const datesOf = (year: number, kind?: string) =>
  holidaysOfYear(year)
    .filter((h) => kind === undefined || h.kind === kind)
    .map((h) => (h.substitute ? `${h.date} (bù ${h.replaces})` : h.date))

describe('Labor Code 2019 Art 112(1): 11 holiday days a year', () => {
  it.each([2024, 2025, 2026, 2027, 2030])('%i has 11 statutory holiday days', (year) => {
    const days = statutoryHolidays(year)
    expect(days).toHaveLength(11)
    expect(new Set(days.map((h) => h.date)).size).toBe(11)
    expect(days.filter((h) => h.kind === 'tet')).toHaveLength(5)
    expect(days.filter((h) => h.kind === 'national-day')).toHaveLength(2)
  })

  it('2026 as announced (Thông báo 9441/TB-BNV; substitute for Hùng Kings on Sunday 26/4)', () => {
    expect(datesOf(2026)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27 (bù 2026-04-26)',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ])
  })

  it('names are bilingual, Vietnamese first and NFC', () => {
    for (const h of holidaysOfYear(2026)) {
      expect(h.name.vi.normalize('NFC')).toBe(h.name.vi)
      expect(h.name.vi.length).toBeGreaterThan(0)
      expect(h.name.en.length).toBeGreaterThan(0)
    }
    expect(holidayOn('2026-09-02')?.name).toEqual({
      vi: 'Quốc khánh (2/9)',
      en: 'National Day (2 September)',
    })
    expect(holidayOn('2026-02-17')?.name.vi).toBe('Tết Âm lịch (mùng 1 tháng Giêng)')
    expect(holidayOn('2026-02-16')?.name.vi).toBe('Tết Âm lịch (29 tháng Chạp)')
    expect(holidayOn('2026-04-27')?.name.vi).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)')
  })

  it('refuses years before Labor Code 2012 applied for a whole year (2014)', () => {
    expect(() => holidaysOfYear(2013)).toThrow(RangeError)
  })

  it('before 2021 (Labor Code 2012 Art 115) National Day is one day', () => {
    expect(statutoryHolidays(2020)).toHaveLength(10)
    expect(statutoryHolidays(2021)).toHaveLength(11)
    const september = holidaysOfYear(2020).filter((h) => h.date.startsWith('2020-09'))
    expect(september.map((h) => h.date)).toEqual(['2020-09-02'])
  })
})

describe('Tết days: announced per year (Art 112(3)), else the last day of the old year + mùng 1–4', () => {
  it.each([
    [2023, '2023-01-20'], // 29 Chạp – mùng 3 (2 days before, 3 after)
    [2024, '2024-02-08'], // Thông báo 5015/TB-LĐTBXH: 29 Chạp Quý Mão – mùng 3
    [2025, '2025-01-27'], // Thông báo 6150/TB-BLĐTBXH: 28 Chạp Giáp Thìn – mùng 3
    [2026, '2026-02-16'], // Thông báo 9441/TB-BNV: 29 Chạp Ất Tỵ – mùng 4
  ])('Tết %i starts on %s (announced)', (year, first) => {
    expect(tetDays(year)[0]).toBe(first)
  })

  it.each([
    // Years with no announcement yet: last day of the old lunar year, then mùng 1–4.
    [2027, ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']],
    [2030, ['2030-02-01', '2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']],
  ])('Tết %i by the default rule', (year, days) => {
    expect(tetDays(year)).toEqual(days)
  })

  it('refuses announcement data whose five days miss mùng 1', () => {
    const bad: YearAnnouncement[] = [
      { year: 2027, tetFirstDay: '2027-01-20', swaps: [], source: 'test', verified: false },
    ]
    expect(() => tetDays(2027, bad)).toThrow(/do not include 2027-02-06/)
  })
})

describe('National Day: 2 September and the day before or after (Art 112(1)(đ))', () => {
  it.each([
    [2024, '2024-09-03'], // announced: Mon 2/9 + Tue 3/9
    [2025, '2025-09-01'], // announced: Mon 1/9 + Tue 2/9
    [2026, '2026-09-01'], // announced: Tue 1/9 + Wed 2/9
    [2027, '2027-09-03'], // default: 2/9/2027 is a Thursday → Friday 3/9
    [2028, '2028-09-01'], // default: 2/9/2028 is a Saturday → Friday 1/9
    [2030, '2030-09-03'], // default: 2/9/2030 is a Monday → Tuesday 3/9
  ])('%i: the second day is %s', (year, date) => {
    expect(nationalDaySecondDay(year)).toBe(date)
  })

  it('refuses announcement data that is not next to 2 September', () => {
    const bad: YearAnnouncement[] = [
      { year: 2027, nationalDaySecondDay: '2027-09-04', swaps: [], source: 'test', verified: false },
    ]
    expect(() => nationalDaySecondDay(2027, bad)).toThrow(/not next to 2 September/)
  })
})

describe('substitute days: a holiday on a weekly rest day is made up on the next working day (Art 111(3))', () => {
  it('Hùng Kings on Sunday 26/4/2026 → Monday 27/4/2026', () => {
    expect(isoWeekday('2026-04-26')).toBe(7)
    expect(datesOf(2026, 'hung-kings')).toEqual(['2026-04-26', '2026-04-27 (bù 2026-04-26)'])
  })

  it('Tết 2024: Saturday 10 and Sunday 11 February → Tuesday 13 and Wednesday 14 (after Tết ends on Monday 12)', () => {
    expect(datesOf(2024, 'tet')).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13 (bù 2024-02-10)',
      '2024-02-14 (bù 2024-02-11)',
    ])
  })

  it('New Year 2023 on a Sunday → Monday 2 January 2023', () => {
    expect(datesOf(2023, 'new-year')).toEqual(['2023-01-01', '2023-01-02 (bù 2023-01-01)'])
  })

  it('2028: 30 April and 1 May on Sunday and Monday → substitute on Tuesday 2 May', () => {
    expect(datesOf(2028, 'reunification')).toEqual(['2028-04-30', '2028-05-02 (bù 2028-04-30)'])
  })

  it('2028: National Day on Saturday 2/9 with Friday 1/9 → substitute on Monday 4/9', () => {
    expect(datesOf(2028, 'national-day')).toEqual(['2028-09-01', '2028-09-02', '2028-09-04 (bù 2028-09-02)'])
  })

  it('depends on the weekly rest days: with Sunday only, Saturday holidays need no substitute', () => {
    const sundayOnly = { weeklyRestDays: [7] }
    expect(
      holidaysOfYear(2024, sundayOnly)
        .filter((h) => h.kind === 'tet')
        .map((h) => h.date),
    ).toEqual(['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13'])
    expect(holidayOn('2024-02-13', sundayOnly)?.replaces).toBe('2024-02-11')
  })
})

describe('isHoliday', () => {
  it.each([
    ['2025-01-01', true],
    ['2025-01-29', true],
    ['2025-04-07', true],
    ['2025-04-30', true],
    ['2025-05-01', true],
    ['2025-05-02', false], // a swapped day off, not a holiday
    ['2025-09-01', true],
    ['2025-09-02', true],
    ['2025-09-03', false],
    ['2026-04-27', true], // substitute day
    ['2026-03-02', false],
  ])('%s → %s', (date, expected) => {
    expect(isHoliday(date)).toBe(expected)
  })

  it('can leave substitute days out', () => {
    expect(isHoliday('2026-04-27', { substitutes: false })).toBe(false)
    expect(isHoliday('2026-04-26', { substitutes: false })).toBe(true)
  })
})

describe('announced swaps', () => {
  it.each([
    [2024, [['2024-04-29', '2024-05-04']]],
    [2025, [['2025-05-02', '2025-04-26']]],
    [
      2026,
      [
        ['2026-01-02', '2026-01-10'],
        ['2026-08-31', '2026-08-22'],
      ],
    ],
    [2027, []],
  ])('%i', (year, pairs) => {
    expect(swapsOfYear(year).map((s) => [s.dayOff, s.workday])).toEqual(pairs)
  })
})
