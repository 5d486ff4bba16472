import { describe, expect, it } from 'vitest'
import { addDays, fromDayNumber, toDayNumber } from '../time/civil-date.ts'
import { lastDayOfLunarYear, leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts'

// Expected values come from published sources, never from this code:
// - Tết and Hùng Kings' days in government holiday announcements (see holiday-data.ts) and press reports;
// - lunar dates printed beside civil dates in those announcements ("8/2/2024, tức 29 tháng Chạp năm Quý Mão");
// - the well-known Vietnam (UTC+7) vs China (UTC+8) differences of 1968, 1985 and 2007.

describe('Tết (mùng 1 tháng Giêng), Labor Code 2019 Art 112(1)(b)', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // The new moon is at 16:07 UTC on 2 February 2030: 23:07 in Vietnam, 00:07 on 3 February in China.
    // Chinese tables (and some Vietnamese lists copied from them) give 2030-02-03.
    [2030, '2030-02-02'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date)
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false })
  })
})

describe("Hùng Kings' Commemoration (10/3 âm lịch), Art 112(1)(e)", () => {
  it.each([
    [2016, '2016-04-16'], // MOLISA announcement, April 2016 (Saturday)
    [2022, '2022-04-10'], // Sunday, made up on Monday 11 April 2022 (sggp.org.vn)
    [2024, '2024-04-18'], // chinhphu.vn, 20/4/2024
    [2025, '2025-04-07'], // moj.gov.vn, after Thông báo 6150/TB-BLĐTBXH
    [2026, '2026-04-26'], // Sunday, made up on Monday 27 April 2026 (thanhnien.vn, znews.vn)
    // 2027–2030: perpetual calendars; the new moons that start lunar month 3 are 6 April 2027 23:51 UTC,
    // 26 March 2028 04:31 UTC, 13 April 2029 21:40 UTC and 2 April 2030 22:02 UTC, far from local midnight.
    [2027, '2027-04-16'],
    [2028, '2028-04-04'],
    [2029, '2029-04-23'],
    [2030, '2030-04-12'],
  ])('Hùng Kings %i is %s', (year, date) => {
    expect(lunarToSolar(year, 3, 10)).toBe(date)
    expect(solarToLunar(date)).toEqual({ year, month: 3, day: 10, leap: false })
  })
})

describe('Vietnam (UTC+7) and China (UTC+8) differ', () => {
  it.each([
    // 1968: North Vietnam moved the calendar to UTC+7 in 1967; Tết Mậu Thân came a day before China's.
    [1968, '1968-01-29', '1968-01-30'],
    // 1985: a whole month apart. The 1984 winter solstice fell late on 21 December in Vietnam but just after
    // midnight on 22 December, the first day of a new month, in China: China got a leap month 10 in 1984,
    // Vietnam a leap month 2 in 1985.
    [1985, '1985-01-21', '1985-02-20'],
    // 2007: the new moon at 16:14 UTC on 17 February is before midnight in Vietnam, after it in China.
    [2007, '2007-02-17', '2007-02-18'],
  ])('Tết %i: Vietnam %s, China %s', (year, vietnam, china) => {
    expect(lunarNewYear(year)).toBe(vietnam)
    expect(lunarNewYear(year, 7)).toBe(vietnam)
    expect(lunarNewYear(year, 8)).toBe(china)
  })

  it('1985: 21 January 1985 is mùng 1 Tết in Vietnam but the 12th month of 1984 in China', () => {
    expect(solarToLunar('1985-01-21')).toEqual({ year: 1985, month: 1, day: 1, leap: false })
    expect(solarToLunar('1985-01-21', 8)).toEqual({ year: 1984, month: 12, day: 1, leap: false })
    expect(leapMonthOf(1984, 8)).toBe(10)
    expect(leapMonthOf(1984)).toBeUndefined()
    expect(leapMonthOf(1985)).toBe(2)
  })

  it('agree in years without a boundary case (Tết 2024 and 2026)', () => {
    expect(lunarNewYear(2024, 8)).toBe('2024-02-10')
    expect(lunarNewYear(2026, 8)).toBe('2026-02-17')
  })
})

describe('leap months (tháng nhuận)', () => {
  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
  ])('%i has a leap month %i', (year, month) => {
    expect(leapMonthOf(year)).toBe(month)
  })

  it.each([2021, 2022, 2024, 2026, 2027])('%i has no leap month', (year) => {
    expect(leapMonthOf(year)).toBeUndefined()
  })

  it.each([
    // [civil date, lunar year, month, day, leap]
    ['2023-03-22', 2023, 2, 1, true], // new moon 21/3/2023 17:23 UTC = 00:23 on 22/3 in Vietnam
    ['2023-04-20', 2023, 3, 1, false],
    ['2025-07-25', 2025, 6, 1, true],
    ['2025-08-23', 2025, 7, 1, false],
    ['2020-05-23', 2020, 4, 1, true],
    ['2020-06-21', 2020, 5, 1, false],
  ] as const)('%s is %i-%i-%i leap=%s', (date, year, month, day, leap) => {
    expect(solarToLunar(date)).toEqual({ year, month, day, leap })
    expect(lunarToSolar(year, month, day, leap)).toBe(date)
  })

  it('refuses a leap month the year does not have', () => {
    expect(() => lunarToSolar(2024, 2, 1, true)).toThrow(RangeError)
    expect(() => lunarToSolar(2023, 3, 1, true)).toThrow(RangeError)
  })
})

describe('lunar dates printed in holiday announcements', () => {
  it.each([
    ['2024-02-08', 2023, 12, 29], // Thông báo 5015/TB-LĐTBXH: "tức ngày 29 tháng Chạp năm Quý Mão"
    ['2024-02-14', 2024, 1, 5], // "mùng 5 tháng Giêng năm Giáp Thìn"
    ['2025-01-25', 2024, 12, 26], // Thông báo 6150/TB-BLĐTBXH: "26 tháng Chạp năm Giáp Thìn"
    ['2025-02-02', 2025, 1, 5],
    ['2026-02-14', 2025, 12, 27], // Tết 2026 notice: "27 tháng Chạp năm Ất Tỵ"
    ['2026-02-16', 2025, 12, 29], // "29 tháng Chạp năm Ất Tỵ"
    ['2026-02-22', 2026, 1, 6], // "mùng 6 tháng Giêng năm Bính Ngọ"
    ['2020-01-23', 2019, 12, 29], // Tết 2020: "29 tháng Chạp năm Kỷ Hợi"
    ['2025-01-22', 2024, 12, 23], // Ông Táo chầu trời, 23 tháng Chạp
  ] as const)('%s is %i-%i-%i', (date, year, month, day) => {
    expect(solarToLunar(date)).toEqual({ year, month, day, leap: false })
  })

  it.each([
    [2023, '2024-02-09'], // tháng Chạp Quý Mão has 30 days (8/2/2024 is the 29th)
    [2024, '2025-01-28'], // tháng Chạp Giáp Thìn has 29 days
    [2025, '2026-02-16'], // tháng Chạp Ất Tỵ has 29 days
  ])('the last day of lunar year %i is %s', (year, date) => {
    expect(lastDayOfLunarYear(year)).toBe(date)
  })

  it('refuses day 30 of a 29-day month and days outside 1–30', () => {
    expect(() => lunarToSolar(2024, 12, 30)).toThrow(RangeError)
    expect(lunarToSolar(2023, 12, 30)).toBe('2024-02-09')
    expect(() => lunarToSolar(2024, 1, 0)).toThrow(RangeError)
    expect(() => lunarToSolar(2024, 13, 1)).toThrow(RangeError)
  })

  it('refuses malformed dates and years outside 1800–2199', () => {
    expect(() => solarToLunar('2024-02-30')).toThrow(RangeError)
    expect(() => solarToLunar('1799-12-31')).toThrow(RangeError)
    expect(() => lunarNewYear(2200)).toThrow(RangeError)
  })
})

describe('every day 1900–2100', () => {
  it('round-trips solar → lunar → solar and advances one lunar day at a time', () => {
    const first = toDayNumber('1900-01-01')
    const last = toDayNumber('2100-12-31')
    let previous = solarToLunar(fromDayNumber(first - 1))
    let monthLength = 0
    let failures = 0
    for (let n = first; n <= last; n++) {
      const date = fromDayNumber(n)
      const l = solarToLunar(date)
      if (lunarToSolar(l.year, l.month, l.day, l.leap) !== date) failures++
      if (l.day === 1) {
        // A month that just ended had 29 or 30 days; the new month is the next one or the leap repeat.
        if (monthLength !== 0 && (previous.day < 29 || previous.day > 30)) failures++
        const nextMonth = previous.month === 12 ? 1 : previous.month + 1
        const isRepeat = l.leap && l.month === previous.month
        if (!isRepeat && l.month !== nextMonth) failures++
        monthLength = 1
      } else {
        if (l.day !== previous.day + 1 || l.month !== previous.month || l.leap !== previous.leap) failures++
        monthLength++
      }
      previous = l
    }
    expect(failures).toBe(0)
  })

  it('has 12 or 13 months between consecutive Tết, and 353–385 days', () => {
    for (let year = 1900; year <= 2100; year++) {
      const days = toDayNumber(lunarNewYear(year + 1)) - toDayNumber(lunarNewYear(year))
      const ok = leapMonthOf(year) === undefined ? days >= 353 && days <= 355 : days >= 383 && days <= 385
      if (!ok) expect.fail(`lunar year ${year} has ${days} days`)
      expect(solarToLunar(addDays(lunarNewYear(year + 1), -1)).year).toBe(year)
    }
  })
})
