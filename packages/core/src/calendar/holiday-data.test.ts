import { describe, expect, it } from 'vitest'
import { isoWeekday } from '../time/civil-date.ts'
import { YEAR_ANNOUNCEMENTS } from './holiday-data.ts'
import { isHoliday, statutoryHolidays } from './holidays.ts'

// The table is data anyone may correct; these checks catch a typo before it moves someone's deadline.
describe('YEAR_ANNOUNCEMENTS (Art 112(3) decisions and announced swaps)', () => {
  it('has one entry per year, in order, each with a source', () => {
    const years = YEAR_ANNOUNCEMENTS.map((a) => a.year)
    expect(years).toEqual([...new Set(years)].sort((a, b) => a - b))
    for (const a of YEAR_ANNOUNCEMENTS) expect(a.source.trim()).not.toBe('')
  })

  it.each(YEAR_ANNOUNCEMENTS.map((a) => [a.year, a] as const))('%i: dates are consistent', (year, a) => {
    // Throws if the Tết or National Day choice breaks Art 112(1)(b) or (đ).
    expect(statutoryHolidays(year)).toHaveLength(11)
    if (a.tetFirstDay) expect(a.tetFirstDay.startsWith(`${year}-`)).toBe(true)
    for (const s of a.swaps) {
      // A swap turns a weekday into a day off and a Saturday into a working day, neither of them a holiday.
      expect(isoWeekday(s.dayOff)).toBeLessThanOrEqual(5)
      expect(isoWeekday(s.workday)).toBe(6)
      expect(isHoliday(s.dayOff)).toBe(false)
      expect(isHoliday(s.workday)).toBe(false)
      expect(s.source.trim()).not.toBe('')
      expect(s.occasion.vi.normalize('NFC')).toBe(s.occasion.vi)
    }
  })

  it('marks 2024–2026 as checked against published announcements', () => {
    for (const year of [2024, 2025, 2026]) {
      const a = YEAR_ANNOUNCEMENTS.find((x) => x.year === year)
      expect(a?.verified).toBe(true)
      for (const s of a?.swaps ?? []) expect(s.verified).toBe(true)
    }
  })
})
