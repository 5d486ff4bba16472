import { describe, expect, it } from 'vitest'
import { addDays, type CivilDate, daysBetween } from '../time/civil-date.ts'
import {
  addWorkingDays,
  deadlineAfterHours,
  deadlineAfterWorkingDays,
  endOfVietnamDay,
  isWorkingDay,
  lastWorkingDayBefore,
  STATE_AGENCY_CALENDAR,
  workCalendar,
  workingDaysBetween,
} from './working-days.ts'

/** The unbroken run of days off around `date` (including weekends), as the announcements count a break. */
function breakAround(date: CivilDate): [CivilDate, CivilDate, number] {
  let from = date
  while (!isWorkingDay(addDays(from, -1))) from = addDays(from, -1)
  let to = date
  while (!isWorkingDay(addDays(to, 1))) to = addDays(to, 1)
  return [from, to, daysBetween(from, to) + 1]
}

describe('breaks of state agencies as announced (Saturday and Sunday off, announced swaps followed)', () => {
  it.each([
    // [a day inside the break, first day off, last day off, length] — from the announcements in holiday-data.ts
    ['2024-02-10', '2024-02-08', '2024-02-14', 7], // Tết 2024: Thông báo 5015/TB-LĐTBXH
    ['2024-04-30', '2024-04-27', '2024-05-01', 5], // 30/4–1/5 2024: Công văn 2450/VPCP-KGVX (swap 29/4 ↔ 4/5)
    ['2024-09-02', '2024-08-31', '2024-09-03', 4], // Quốc khánh 2024
    ['2025-01-29', '2025-01-25', '2025-02-02', 9], // Tết 2025: Thông báo 6150/TB-BLĐTBXH
    ['2025-04-07', '2025-04-05', '2025-04-07', 3], // Hùng Kings 2025 (Monday)
    ['2025-04-30', '2025-04-30', '2025-05-04', 5], // 30/4–1/5 2025 (swap 2/5 ↔ 26/4)
    ['2025-09-02', '2025-08-30', '2025-09-02', 4], // Quốc khánh 2025
    ['2026-01-01', '2026-01-01', '2026-01-04', 4], // Tết Dương lịch 2026: Công văn 12729/VPCP-KGVX (swap 2/1 ↔ 10/1)
    ['2026-02-17', '2026-02-14', '2026-02-22', 9], // Tết 2026: Thông báo 9441/TB-BNV
    ['2026-04-26', '2026-04-25', '2026-04-27', 3], // Hùng Kings 2026 (Sunday, made up on Monday)
    ['2026-04-30', '2026-04-30', '2026-05-03', 4], // 30/4–1/5 2026
    ['2026-09-02', '2026-08-29', '2026-09-02', 5], // Quốc khánh 2026 (swap 31/8 ↔ 22/8)
  ])('the break around %s runs %s – %s', (date, from, to, length) => {
    const [f, t, n] = breakAround(date)
    expect([f, t]).toEqual([from, to])
    expect(n).toBe(length)
  })

  it('2025 gave 22 days off in all (en.baochinhphu.vn: "22 days off in 2025")', () => {
    const breaks = ['2025-01-01', '2025-01-29', '2025-04-07', '2025-04-30', '2025-09-02'].map(
      (d) => breakAround(d)[2],
    )
    expect(breaks).toEqual([1, 9, 3, 5, 4])
    expect(breaks.reduce((a, b) => a + b, 0)).toBe(22)
  })

  it.each(['2024-05-04', '2025-04-26', '2026-01-10', '2026-08-22'])(
    'the swapped Saturday %s is a working day',
    (date) => {
      expect(isWorkingDay(date)).toBe(true)
      expect(isWorkingDay(date, workCalendar({ followAnnouncedSwaps: false }))).toBe(false)
    },
  )

  it.each(['2024-04-29', '2025-05-02', '2026-01-02', '2026-08-31'])(
    'the swapped weekday %s is a day off',
    (date) => {
      expect(isWorkingDay(date)).toBe(false)
      expect(isWorkingDay(date, workCalendar({ followAnnouncedSwaps: false }))).toBe(true)
    },
  )

  it('ordinary weekdays work and weekends rest', () => {
    expect(isWorkingDay('2026-03-02')).toBe(true) // Monday
    expect(isWorkingDay('2026-03-07')).toBe(false) // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false) // Sunday
  })
})

describe('other weekly rest days', () => {
  const sundayOnly = workCalendar({ weeklyRestDays: [7], followAnnouncedSwaps: false })

  it('a six-day week works on Saturdays, and its substitute days follow its own rest day', () => {
    expect(isWorkingDay('2026-03-07', sundayOnly)).toBe(true)
    // Tết 2024 for a Sunday-only employer using the same Tết days: Sunday 11/2 made up on Tuesday 13/2.
    expect(isWorkingDay('2024-02-13', sundayOnly)).toBe(false)
    expect(isWorkingDay('2024-02-14', sundayOnly)).toBe(true)
  })

  it('rejects a calendar without rest days or without working days', () => {
    expect(() => workCalendar({ weeklyRestDays: [] })).toThrow(RangeError)
    expect(() => workCalendar({ weeklyRestDays: [1, 2, 3, 4, 5, 6, 7] })).toThrow(RangeError)
    expect(() => workCalendar({ weeklyRestDays: [0] })).toThrow(RangeError)
  })
})

describe('addWorkingDays: the n-th working day after a date', () => {
  it.each([
    // [from, n, expected]
    ['2026-03-02', 1, '2026-03-03'], // Monday → Tuesday
    ['2026-03-06', 1, '2026-03-09'], // Friday → Monday
    ['2026-03-07', 1, '2026-03-09'], // Saturday → Monday
    ['2026-02-13', 1, '2026-02-23'], // Friday before Tết 2026 → Monday after the 9-day break
    ['2026-02-12', 3, '2026-02-24'], // R1.34: 13/2, then 23/2 and 24/2 after Tết
    ['2025-01-24', 3, '2025-02-05'], // across Tết 2025 (25/1–2/2): 3/2, 4/2, 5/2
    ['2024-02-07', 1, '2024-02-15'], // across Tết 2024 with its substitute days 13–14/2
    ['2025-04-25', 1, '2025-04-26'], // Friday → the swapped working Saturday
    ['2025-04-29', 1, '2025-05-05'], // across 30/4–4/5/2025
    ['2026-08-21', 1, '2026-08-22'], // Friday → swapped Saturday 22/8/2026
    ['2026-08-28', 1, '2026-09-03'], // across Quốc khánh 2026
    ['2025-12-31', 1, '2026-01-05'], // across New Year 2026 and its swap
    ['2026-03-02', 10, '2026-03-16'], // two plain weeks
  ] as const)('%s + %i working days = %s', (from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected)
    expect(workingDaysBetween(from, expected)).toBe(n)
  })

  it('n = 0 keeps a working day and moves a day off to the next working day', () => {
    expect(addWorkingDays('2026-03-02', 0)).toBe('2026-03-02')
    expect(addWorkingDays('2026-02-17', 0)).toBe('2026-02-23')
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-09')
  })

  it('refuses negative or fractional counts and malformed dates', () => {
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError)
  })
})

describe('workingDaysBetween: working days after `from` up to and including `to`', () => {
  it.each([
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-02', '2026-03-06', 4],
    ['2026-03-06', '2026-03-02', -4],
    ['2026-02-13', '2026-02-22', 0], // all of Tết 2026 is off
    // 2026: 261 weekdays − 13 weekdays off (1/1, 2/1, Tết 16–20/2, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9) + 10/1 and 22/8
    ['2026-01-01', '2026-12-31', 250],
  ] as const)('%s → %s: %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected)
  })
})

describe('lastWorkingDayBefore (R3.4: reports are due before 5 June and 5 December)', () => {
  it.each([
    ['2026-06-05', '2026-06-04'], // Thursday
    ['2027-06-05', '2027-06-04'], // Friday
    ['2028-06-05', '2028-06-02'], // Monday 5 June 2028 → Friday 2 June
    ['2026-02-23', '2026-02-13'], // before Tết 2026
  ])('before %s: %s', (date, expected) => {
    expect(lastWorkingDayBefore(date)).toBe(expected)
  })
})

describe('deadlines in Asia/Ho_Chi_Minh', () => {
  it('endOfVietnamDay is 23:59:59.999 UTC+7', () => {
    expect(endOfVietnamDay('2026-07-01').toISOString()).toBe('2026-07-01T16:59:59.999Z')
  })

  it.each([
    // R1.34: ≥ 3 working days' notice. [notice instant (UTC), n, deadline (UTC)]
    ['2026-03-02T03:00:00.000Z', 3, '2026-03-05T16:59:59.999Z'], // Mon 10:00 → end of Thu 5/3
    // 18:30 UTC Thursday 12/2 is 01:30 Friday 13/2 in Vietnam: count from Friday, across Tết 2026.
    ['2026-02-12T18:30:00.000Z', 3, '2026-02-25T16:59:59.999Z'],
    // 16:59:59.999 UTC is still Thursday 12/2 in Vietnam: 13/2, 23/2, 24/2.
    ['2026-02-12T16:59:59.999Z', 3, '2026-02-24T16:59:59.999Z'],
    // 17:00 UTC is midnight: Friday 13/2 has begun.
    ['2026-02-12T17:00:00.000Z', 3, '2026-02-25T16:59:59.999Z'],
    // Friday 15:00 → n = 0 is the end of that Friday.
    ['2026-03-06T08:00:00.000Z', 0, '2026-03-06T16:59:59.999Z'],
    // Sunday → n = 0 is the end of Monday.
    ['2026-03-08T08:00:00.000Z', 0, '2026-03-09T16:59:59.999Z'],
  ])('notice at %s + %i working days → %s', (at, n, expected) => {
    expect(deadlineAfterWorkingDays(new Date(at), n).toISOString()).toBe(expected)
    expect(deadlineAfterWorkingDays(new Date(at), n, STATE_AGENCY_CALENDAR).toISOString()).toBe(expected)
  })

  it.each([
    // R1.13 / R1.31: 24 elapsed hours, through nights, weekends and holidays.
    ['2026-02-16T20:00:00.000Z', 24, '2026-02-17T20:00:00.000Z'], // 03:00 on 17/2 VN (Tết) → 03:00 on 18/2
    ['2026-03-07T16:30:00.000Z', 24, '2026-03-08T16:30:00.000Z'], // 23:30 Saturday VN → 23:30 Sunday
    ['2026-06-30T23:00:00.000Z', 0.5, '2026-06-30T23:30:00.000Z'],
  ])('%s + %i h → %s', (at, hours, expected) => {
    expect(deadlineAfterHours(new Date(at), hours).toISOString()).toBe(expected)
  })

  it('refuses invalid instants and negative hours', () => {
    expect(() => deadlineAfterHours(new Date(Number.NaN), 24)).toThrow(RangeError)
    expect(() => deadlineAfterHours(new Date(), -1)).toThrow(RangeError)
    expect(() => deadlineAfterWorkingDays(new Date(Number.NaN), 3)).toThrow(RangeError)
  })
})
