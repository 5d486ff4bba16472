// Calendar dates without a time of day ("2026-07-01"), as the law counts them.
// Arithmetic goes through a day number (days since 1970-01-01) so no time zone can shift a date.

export type CivilDate = string

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

export interface DateParts {
  year: number
  month: number
  day: number
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Parses `YYYY-MM-DD`; returns undefined for anything else, including 30 February. */
export function parseDate(text: string): DateParts | undefined {
  if (typeof text !== 'string') return undefined
  const m = DATE_RE.exec(text)
  if (!m) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  return { year, month, day }
}

export function isValidDate(text: string): boolean {
  return parseDate(text) !== undefined
}

function partsOf(date: CivilDate): DateParts {
  const p = parseDate(date)
  if (!p) throw new RangeError(`not a calendar date: ${date}`)
  return p
}

export function formatDate({ year, month, day }: DateParts): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Days since 1970-01-01 (proleptic Gregorian). */
export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = partsOf(date)
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000)
}

export function fromDayNumber(n: number): CivilDate {
  const d = new Date(n * 86_400_000)
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Adds calendar months; a day past the end of the target month clamps to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = partsOf(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) })
}

export function addYears(date: CivilDate, years: number): CivilDate {
  return addMonths(date, years * 12)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from)
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return toDayNumber(a) - toDayNumber(b)
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  const dow = new Date(toDayNumber(date) * 86_400_000).getUTCDay()
  return dow === 0 ? 7 : dow
}

/** Completed years of age on `on` for someone born on `birth` (a 29 February birthday falls on 28 February). */
export function ageOn(birth: CivilDate, on: CivilDate): number {
  const b = partsOf(birth)
  const o = partsOf(on)
  let age = o.year - b.year
  const birthdayThisYear = addYears(birth, age)
  if (compareDates(on, birthdayThisYear) < 0) age--
  return age
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an instant. */
export function vietnamDateOf(instant: Date): CivilDate {
  const shifted = new Date(instant.getTime() + 7 * 3_600_000)
  return formatDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  })
}

/** The instant at which a Vietnam calendar date begins (00:00 UTC+7). */
export function startOfVietnamDay(date: CivilDate): Date {
  return new Date(toDayNumber(date) * 86_400_000 - 7 * 3_600_000)
}
