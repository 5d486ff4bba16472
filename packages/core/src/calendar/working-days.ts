// Working days (ngày làm việc) and legal deadlines in Asia/Ho_Chi_Minh.
// A working day is a day that is not a weekly rest day (Art 111), not a public holiday (Art 112(1)), not a
// substitute day (Art 111(3)) and not a weekday the government swapped into a day off; a Saturday the
// government swapped into a working day is one. These deadlines use it:
//   R1.34 — suspending a provider's connection needs ≥ 3 working days' notice (TT 08 Art 11(1));
//   R1.13 / R1.31 — 24-hour clocks, counted in elapsed hours, not working days;
//   R4.16, R4.20 — notices under the Labor Code counted in working days.

import {
  addDays,
  type CivilDate,
  compareDates,
  isoWeekday,
  parseDate,
  startOfVietnamDay,
  vietnamDateOf,
} from '../time/civil-date.ts'
import { YEAR_ANNOUNCEMENTS, type YearAnnouncement } from './holiday-data.ts'
import { holidaysOfYear, SATURDAY_AND_SUNDAY, swapsOfYear } from './holidays.ts'

export interface WorkCalendar {
  /** ISO weekdays (1 = Monday … 7 = Sunday) of the weekly rest. */
  readonly weeklyRestDays: readonly number[]
  /**
   * Whether the government's announced swaps apply. They bind state agencies and public service units;
   * a private employer follows them only if it chooses to.
   */
  readonly followAnnouncedSwaps: boolean
  readonly announcements: readonly YearAnnouncement[]
}

/** State agencies: Saturday and Sunday off, announced swaps followed — the calendar the Platform's deadlines use. */
export const STATE_AGENCY_CALENDAR: WorkCalendar = Object.freeze({
  weeklyRestDays: SATURDAY_AND_SUNDAY,
  followAnnouncedSwaps: true,
  announcements: YEAR_ANNOUNCEMENTS,
})

/** A calendar with other weekly rest days (e.g. Sunday only for a six-day week) or without the swaps. */
export function workCalendar(options: Partial<WorkCalendar> = {}): WorkCalendar {
  const rest = [...new Set(options.weeklyRestDays ?? SATURDAY_AND_SUNDAY)].sort((a, b) => a - b)
  if (rest.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError(`weekly rest days are ISO weekdays 1–7: ${rest.join(', ')}`)
  }
  // Art 111(1): at least one rest day a week, and a week must keep some working day.
  if (rest.length === 0 || rest.length === 7)
    throw new RangeError('a week needs a rest day and a working day')
  return Object.freeze({
    weeklyRestDays: Object.freeze(rest),
    followAnnouncedSwaps: options.followAnnouncedSwaps ?? true,
    announcements: options.announcements ?? YEAR_ANNOUNCEMENTS,
  })
}

interface YearDays {
  off: ReadonlySet<CivilDate>
  on: ReadonlySet<CivilDate>
}

// Pure memo per calendar object and year; holidays never change once the data table is loaded.
const yearCache = new WeakMap<WorkCalendar, Map<number, YearDays>>()

function yearDays(year: number, cal: WorkCalendar): YearDays {
  let byYear = yearCache.get(cal)
  if (!byYear) {
    byYear = new Map()
    yearCache.set(cal, byYear)
  }
  const cached = byYear.get(year)
  if (cached) return cached
  const options = { weeklyRestDays: cal.weeklyRestDays, announcements: cal.announcements }
  const off = new Set(holidaysOfYear(year, options).map((h) => h.date))
  const on = new Set<CivilDate>()
  if (cal.followAnnouncedSwaps) {
    for (const s of swapsOfYear(year, cal.announcements)) {
      off.add(s.dayOff)
      on.add(s.workday)
    }
  }
  const days = { off, on }
  byYear.set(year, days)
  return days
}

function yearOf(date: CivilDate): number {
  const parts = parseDate(date)
  if (!parts) throw new RangeError(`not a calendar date: ${date}`)
  return parts.year
}

export function isWorkingDay(date: CivilDate, cal: WorkCalendar = STATE_AGENCY_CALENDAR): boolean {
  const days = yearDays(yearOf(date), cal)
  if (days.on.has(date)) return true
  if (days.off.has(date)) return false
  return !cal.weeklyRestDays.includes(isoWeekday(date))
}

// Tết with its weekends is the longest run of days off (9–10 days); a longer run means a broken calendar.
const MAX_DAYS_OFF_IN_A_ROW = 60

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working-day count must be an integer ≥ 0: ${n}`)
}

function nextWorkingDayFrom(date: CivilDate, cal: WorkCalendar): CivilDate {
  let d = date
  for (let i = 0; i <= MAX_DAYS_OFF_IN_A_ROW; i++) {
    if (isWorkingDay(d, cal)) return d
    d = addDays(d, 1)
  }
  throw new Error(`no working day within ${MAX_DAYS_OFF_IN_A_ROW} days of ${date}`)
}

/**
 * The n-th working day after `date` (n ≥ 1), not counting `date` itself: addWorkingDays(Friday, 1) is the
 * next Monday if that is a working day. n = 0 returns `date` when it is a working day and otherwise the next
 * working day — "the first working day on or after", so a deadline of 0 days never lands on a day off.
 */
export function addWorkingDays(
  date: CivilDate,
  n: number,
  cal: WorkCalendar = STATE_AGENCY_CALENDAR,
): CivilDate {
  checkCount(n)
  yearOf(date)
  if (n === 0) return nextWorkingDayFrom(date, cal)
  let d = date
  for (let i = 0; i < n; i++) d = nextWorkingDayFrom(addDays(d, 1), cal)
  return d
}

/**
 * Working days after `from` up to and including `to` — so workingDaysBetween(d, addWorkingDays(d, n)) = n for
 * n ≥ 1 — and the negative of that count when `to` is before `from`.
 */
export function workingDaysBetween(
  from: CivilDate,
  to: CivilDate,
  cal: WorkCalendar = STATE_AGENCY_CALENDAR,
): number {
  const order = compareDates(from, to)
  if (order > 0) return -workingDaysBetween(to, from, cal)
  let count = 0
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) {
    if (isWorkingDay(d, cal)) count++
  }
  return count
}

/**
 * The last working day strictly before `date`: where a filing must be in "trước ngày" a date (R3.4: the
 * half-year report before 5 June) and the filer wants to send it on a working day. The legal deadline itself
 * stays the calendar date; it does not move for holidays.
 */
export function lastWorkingDayBefore(date: CivilDate, cal: WorkCalendar = STATE_AGENCY_CALENDAR): CivilDate {
  let d = addDays(date, -1)
  for (let i = 0; i <= MAX_DAYS_OFF_IN_A_ROW; i++) {
    if (isWorkingDay(d, cal)) return d
    d = addDays(d, -1)
  }
  throw new Error(`no working day within ${MAX_DAYS_OFF_IN_A_ROW} days before ${date}`)
}

/** The last millisecond of a Vietnam calendar date: 23:59:59.999 UTC+7. */
export function endOfVietnamDay(date: CivilDate): Date {
  return new Date(startOfVietnamDay(addDays(date, 1)).getTime() - 1)
}

function checkInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime()))
    throw new RangeError('not a valid instant')
}

/**
 * End (23:59:59.999 UTC+7) of the n-th working day after the Vietnam calendar day of `instant`; the day of
 * `instant` itself never counts (n = 0: end of that day if it is a working day, else of the next one).
 * R1.34: notice given at `instant` runs out at deadlineAfterWorkingDays(instant, 3).
 */
export function deadlineAfterWorkingDays(
  instant: Date,
  n: number,
  cal: WorkCalendar = STATE_AGENCY_CALENDAR,
): Date {
  checkInstant(instant)
  return endOfVietnamDay(addWorkingDays(vietnamDateOf(instant), n, cal))
}

/**
 * `instant` plus `hours` elapsed hours (R1.13, R1.31: "within 24 h"). Nights, weekends and holidays count;
 * Vietnam keeps no daylight saving time, so elapsed and wall-clock hours agree.
 */
export function deadlineAfterHours(instant: Date, hours: number): Date {
  checkInstant(instant)
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be finite and ≥ 0: ${hours}`)
  return new Date(instant.getTime() + hours * 3_600_000)
}
