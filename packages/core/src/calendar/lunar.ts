// The Vietnamese lunisolar calendar (âm lịch), computed astronomically as in Hồ Ngọc Đức's published
// algorithm after Jean Meeus, "Astronomical Algorithms": a month begins on the local day of a new moon;
// month 11 is the month that contains the winter solstice; in a year with 13 months between two
// months 11, the first month without a major solar term (trung khí) is the leap month.
//
// Vietnam has reckoned this calendar at UTC+7 since 1968, China at UTC+8, so the two disagree when a new
// moon or a solar term falls between 16:00 and 17:00 UTC (Tết 1985: 21 January in Vietnam, 20 February
// in China). Every function takes the time zone in hours so tests can show that difference.
//
// Holidays depend on it: Tết Âm lịch and the Hùng Kings' Commemoration (Labor Code 2019 Art 112(1)).

import { addDays, type CivilDate, fromDayNumber, parseDate, toDayNumber } from '../time/civil-date.ts'

export interface LunarDate {
  /** The lunar year, named by the Gregorian year in which its month 1 begins. */
  year: number
  /** 1 … 12; month 12 is tháng Chạp. */
  month: number
  /** 1 … 30. */
  day: number
  /** True in the leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean
}

/** Vietnam's time zone for the calendar (UTC+7, no daylight saving). */
export const VIETNAM_TIME_ZONE = 7

// Years where the abridged Meeus series used here is known to match the published calendars.
const MIN_YEAR = 1800
const MAX_YEAR = 2199

const JULIAN_DAY_OF_UNIX_EPOCH = 2_440_588 // Julian day number of 1970-01-01
const SYNODIC_MONTH = 29.530588853
const NEW_MOON_1900 = 2_415_021.076998695 // Julian date of the new moon of 1900-01-01 (k = 0)
const RAD = Math.PI / 180

/** Julian date of the k-th new moon after the one of 1900-01-01 (Meeus, abridged; about 2 minutes). */
function newMoon(k: number): number {
  const t = k / 1236.85
  const t2 = t * t
  const t3 = t2 * t
  let jd = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD)
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3 // Sun's mean anomaly
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3 // Moon's mean anomaly
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3 // Moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(m * RAD) + 0.0021 * Math.sin(2 * RAD * m)
  c1 = c1 - 0.4068 * Math.sin(mpr * RAD) + 0.0161 * Math.sin(RAD * 2 * mpr)
  c1 = c1 - 0.0004 * Math.sin(RAD * 3 * mpr)
  c1 = c1 + 0.0104 * Math.sin(RAD * 2 * f) - 0.0051 * Math.sin(RAD * (m + mpr))
  c1 = c1 - 0.0074 * Math.sin(RAD * (m - mpr)) + 0.0004 * Math.sin(RAD * (2 * f + m))
  c1 = c1 - 0.0004 * Math.sin(RAD * (2 * f - m)) - 0.0006 * Math.sin(RAD * (2 * f + mpr))
  c1 = c1 + 0.001 * Math.sin(RAD * (2 * f - mpr)) + 0.0005 * Math.sin(RAD * (2 * mpr + m))
  // ΔT (dynamical minus universal time), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2
  return jd + c1 - deltaT
}

/** The Sun's apparent longitude in radians, 0 ≤ L < 2π, at Julian date `jd`. */
function sunLongitude(jd: number): number {
  const t = (jd - 2_451_545.0) / 36_525
  const t2 = t * t
  const m = 357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2 // mean anomaly
  const l0 = 280.46645 + 36_000.76983 * t + 0.0003032 * t2 // mean longitude
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(RAD * m)
  dl += (0.019993 - 0.000101 * t) * Math.sin(RAD * 2 * m) + 0.00029 * Math.sin(RAD * 3 * m)
  const l = (l0 + dl) * RAD
  return l - Math.PI * 2 * Math.floor(l / (Math.PI * 2))
}

/** Julian day number of the local calendar day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24)
}

/**
 * Which 30° sector (0 … 11) the Sun is in at local midnight starting day `jdn`. A month contains a major
 * solar term exactly when the sector at its first day differs from the sector at the next month's first day.
 */
function sunSector(jdn: number, timeZone: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - timeZone / 24) / Math.PI) * 6)
}

/** First day (Julian day number) of the month 11 that contains the winter solstice of `year`. */
function month11Start(year: number, timeZone: number): number {
  const dec31 = toDayNumber(`${String(year).padStart(4, '0')}-12-31`) + JULIAN_DAY_OF_UNIX_EPOCH
  const k = Math.floor((dec31 - 2_415_021) / SYNODIC_MONTH)
  const start = newMoonDay(k, timeZone)
  // Sector ≥ 9 means the Sun is past 270° (the solstice) already, so the solstice month began one moon earlier.
  return sunSector(start, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : start
}

interface LunarMonth {
  /** Julian day number of day 1. */
  start: number
  length: number
  year: number
  month: number
  leap: boolean
}

// Pure memo: the months between two winter solstices never change for a given zone.
const spanCache = new Map<string, readonly LunarMonth[]>()

/**
 * The 12 or 13 months from month 11 of lunar year `year - 1` up to (not including) month 11 of `year`:
 * months 11 and 12 of the old year, then months 1 … 10 of `year`, with at most one leap month among them.
 */
function monthsBetweenSolstices(year: number, timeZone: number): readonly LunarMonth[] {
  const key = `${timeZone}:${year}`
  const cached = spanCache.get(key)
  if (cached) return cached

  const first = month11Start(year - 1, timeZone)
  const next = month11Start(year, timeZone)
  let k = Math.round((first - NEW_MOON_1900) / SYNODIC_MONTH)
  while (newMoonDay(k, timeZone) > first) k--
  while (newMoonDay(k, timeZone) < first) k++

  const starts: number[] = []
  for (let i = 0; ; i++) {
    const start = newMoonDay(k + i, timeZone)
    if (start >= next) break
    starts.push(start)
  }
  starts.push(next)
  const count = starts.length - 1 // 12 or 13

  // With 13 months, the first one (after month 11 itself) with no major solar term is the leap month.
  let leapOffset = -1
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (sunSector(starts[i] as number, timeZone) === sunSector(starts[i + 1] as number, timeZone)) {
        leapOffset = i
        break
      }
    }
    if (leapOffset < 0) throw new Error(`no month without a major solar term before ${year}`)
  }

  const months: LunarMonth[] = []
  let reachedMonth1 = false
  for (let offset = 0; offset < count; offset++) {
    const counted = leapOffset >= 0 && offset >= leapOffset ? offset - 1 : offset
    const month = ((counted + 10) % 12) + 1 // offset 0 is month 11
    const leap = offset === leapOffset
    if (month === 1 && !leap) reachedMonth1 = true
    const start = starts[offset] as number
    months.push({
      start,
      length: (starts[offset + 1] as number) - start,
      year: reachedMonth1 ? year : year - 1,
      month,
      leap,
    })
  }
  spanCache.set(key, months)
  return months
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`lunar calendar is computed for years ${MIN_YEAR}–${MAX_YEAR}, not ${year}`)
  }
}

function checkTimeZone(timeZone: number): void {
  if (!Number.isFinite(timeZone) || timeZone < -12 || timeZone > 14) {
    throw new RangeError(`not a time zone offset in hours: ${timeZone}`)
  }
}

/** The lunar date of a civil (Gregorian) date, reckoned in `timeZone` (hours east of UTC). */
export function solarToLunar(date: CivilDate, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  const parts = parseDate(date)
  if (!parts) throw new RangeError(`not a calendar date: ${date}`)
  checkYear(parts.year)
  checkTimeZone(timeZone)
  const jdn = toDayNumber(date) + JULIAN_DAY_OF_UNIX_EPOCH
  // Dates on or after this year's month 11 belong to the span that ends at next year's month 11.
  const span =
    jdn >= month11Start(parts.year, timeZone)
      ? monthsBetweenSolstices(parts.year + 1, timeZone)
      : monthsBetweenSolstices(parts.year, timeZone)
  for (const m of span) {
    if (jdn >= m.start && jdn < m.start + m.length) {
      return { year: m.year, month: m.month, day: jdn - m.start + 1, leap: m.leap }
    }
  }
  throw new Error(`unreachable: ${date} outside its lunar span`)
}

/**
 * The civil date of a lunar date. Throws RangeError when the month is not a leap month of that year
 * (`leap = true`) or the day is past the month's end (months have 29 or 30 days).
 */
export function lunarToSolar(
  year: number,
  month: number,
  day: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): CivilDate {
  checkYear(year)
  checkTimeZone(timeZone)
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a lunar month: ${month}`)
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`not a lunar day: ${day}`)
  // Months 11 and 12 (and a leap 11 or 12) of `year` lie in the span that ends at month 11 of `year + 1`.
  const span = monthsBetweenSolstices(month >= 11 ? year + 1 : year, timeZone)
  const m = span.find((x) => x.year === year && x.month === month && x.leap === leap)
  if (!m) throw new RangeError(`lunar year ${year} has no ${leap ? 'leap ' : ''}month ${month}`)
  if (day > m.length) throw new RangeError(`lunar month ${month}/${year} has ${m.length} days, not ${day}`)
  return fromDayNumber(m.start + day - 1 - JULIAN_DAY_OF_UNIX_EPOCH)
}

/** Mùng 1 Tết: the first day of month 1 of lunar year `year`. */
export function lunarNewYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): CivilDate {
  return lunarToSolar(year, 1, 1, false, timeZone)
}

/** The last day of lunar year `year` (29 or 30 tháng Chạp), the eve of the next Tết. */
export function lastDayOfLunarYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): CivilDate {
  return addDays(lunarNewYear(year + 1, timeZone), -1)
}

/** The leap month of lunar year `year` (the number it repeats), or undefined in a 12-month year. */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number | undefined {
  checkYear(year)
  checkTimeZone(timeZone)
  const months = [...monthsBetweenSolstices(year, timeZone), ...monthsBetweenSolstices(year + 1, timeZone)]
  return months.find((m) => m.year === year && m.leap)?.month
}
