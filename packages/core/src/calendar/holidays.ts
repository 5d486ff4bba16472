// Public holidays (ngày nghỉ lễ, tết) of Labor Code 2019 Art 112(1), 11 paid days a year:
//   (a) Tết Dương lịch, 1 January; (b) Tết Âm lịch, 5 days; (c) Ngày Chiến thắng, 30 April;
//   (d) Ngày Quốc tế lao động, 1 May; (đ) Quốc khánh, 2 September and the day before or after;
//   (e) Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month.
// Art 112(3): the Prime Minister fixes the exact Tết and National Day days each year (holiday-data.ts).
// Art 111(3): a holiday that falls on the weekly rest day is made up on the next working day (substitute day).
// Art 112(2) (one more Tết day and their own national day for foreign workers) depends on the worker and is
// not modelled here.

import { type Text, text } from '../i18n.ts'
import { addDays, type CivilDate, formatDate, isoWeekday, parseDate } from '../time/civil-date.ts'
import {
  announcementFor,
  type WorkdaySwap,
  YEAR_ANNOUNCEMENTS,
  type YearAnnouncement,
} from './holiday-data.ts'
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts'

export type HolidayKind = 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'labour-day' | 'national-day'

export interface Holiday {
  date: CivilDate
  kind: HolidayKind
  name: Text
  /** A day off in place of a holiday that fell on a weekly rest day (Art 111(3)). */
  substitute?: boolean
  /** For a substitute day: the holiday it makes up for. */
  replaces?: CivilDate
}

export interface HolidayOptions {
  /** ISO weekdays (1 = Monday … 7 = Sunday) of the weekly rest (Art 111); default Saturday and Sunday. */
  weeklyRestDays?: readonly number[]
  /** The per-year announcements; default the table in holiday-data.ts. */
  announcements?: readonly YearAnnouncement[]
}

/**
 * Labor Code 2012 (Art 115) applied from 1 May 2013, so 2014 is its first whole year; its holidays were
 * Labor Code 2019's except that National Day was one day. Labor Code 2019 (Art 112) applies from 2021.
 * Converted paper contracts (R1.19) reach back to those years.
 */
export const FIRST_HOLIDAY_YEAR = 2014
export const LABOR_CODE_2019_FIRST_YEAR = 2021

/** Saturday and Sunday, the weekly rest of state agencies (40-hour week). */
export const SATURDAY_AND_SUNDAY: readonly number[] = Object.freeze([6, 7])

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_HOLIDAY_YEAR) {
    throw new RangeError(`holidays are modelled from ${FIRST_HOLIDAY_YEAR} (Labor Code 2012), not ${year}`)
  }
}

function dateIn(year: number, month: number, day: number): CivilDate {
  return formatDate({ year, month, day })
}

/** The five Tết days of `year` (Art 112(1)(b)): announced, or the last day of the old year plus mùng 1–4. */
export function tetDays(
  year: number,
  announcements: readonly YearAnnouncement[] = YEAR_ANNOUNCEMENTS,
): CivilDate[] {
  checkYear(year)
  const first = announcementFor(year, announcements)?.tetFirstDay ?? lastDayOfLunarYear(year - 1)
  const days = [0, 1, 2, 3, 4].map((i) => addDays(first, i))
  const newYear = lunarNewYear(year)
  if (!days.includes(newYear))
    throw new Error(`Tết ${year} data: 5 days from ${first} do not include ${newYear}`)
  return days
}

/**
 * The day next to 2 September that is also a holiday (Art 112(1)(đ)): announced, or by default 3 September
 * when 2 September is a Monday or a Thursday and 1 September otherwise — the choice that bridges to the
 * weekend, as the announcements for 2024 (Mon → 3/9), 2025 (Tue → 1/9) and 2026 (Wed → 1/9) did.
 */
export function nationalDaySecondDay(
  year: number,
  announcements: readonly YearAnnouncement[] = YEAR_ANNOUNCEMENTS,
): CivilDate {
  checkYear(year)
  const announced = announcementFor(year, announcements)?.nationalDaySecondDay
  if (announced !== undefined) {
    if (announced !== dateIn(year, 9, 1) && announced !== dateIn(year, 9, 3)) {
      throw new Error(`National Day ${year} data: ${announced} is not next to 2 September`)
    }
    return announced
  }
  const weekday = isoWeekday(dateIn(year, 9, 2))
  return weekday === 1 || weekday === 4 ? dateIn(year, 9, 3) : dateIn(year, 9, 1)
}

const LUNAR_MONTH_VI = [
  'Giêng',
  'Hai',
  'Ba',
  'Tư',
  'Năm',
  'Sáu',
  'Bảy',
  'Tám',
  'Chín',
  'Mười',
  'Mười Một',
  'Chạp',
]

function tetName(date: CivilDate): Text {
  const l = solarToLunar(date)
  const dayVi = l.day <= 10 ? `mùng ${l.day}` : String(l.day)
  const monthVi = `tháng ${LUNAR_MONTH_VI[l.month - 1]}${l.leap ? ' nhuận' : ''}`
  const monthEn = `${l.leap ? 'leap ' : ''}lunar month ${l.month}`
  return text(`Tết Âm lịch (${dayVi} ${monthVi})`, `Lunar New Year (Tết), day ${l.day} of ${monthEn}`)
}

const fixedText = (vi: string, en: string): Text => Object.freeze(text(vi, en))

// Frozen: every Holiday of that kind shares the same Text object.
const NAMES: Readonly<Record<Exclude<HolidayKind, 'tet'>, Text>> = {
  'new-year': fixedText('Tết Dương lịch', "New Year's Day"),
  'hung-kings': fixedText(
    'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    "Hùng Kings' Commemoration (10th day of lunar month 3)",
  ),
  reunification: fixedText('Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'),
  'labour-day': fixedText('Ngày Quốc tế lao động (1/5)', 'International Labour Day (1 May)'),
  'national-day': fixedText('Quốc khánh (2/9)', 'National Day (2 September)'),
}

/** The statutory holiday days of `year` (11 from 2021, 10 before), without substitute days, in date order. */
export function statutoryHolidays(
  year: number,
  announcements: readonly YearAnnouncement[] = YEAR_ANNOUNCEMENTS,
): Holiday[] {
  checkYear(year)
  const second: Holiday[] =
    year >= LABOR_CODE_2019_FIRST_YEAR
      ? [
          {
            date: nationalDaySecondDay(year, announcements),
            kind: 'national-day',
            name: text('Quốc khánh (ngày liền kề 2/9)', 'National Day (day next to 2 September)'),
          },
        ]
      : []
  const days: Holiday[] = [
    { date: dateIn(year, 1, 1), kind: 'new-year', name: NAMES['new-year'] },
    ...tetDays(year, announcements).map((date): Holiday => ({ date, kind: 'tet', name: tetName(date) })),
    { date: lunarToSolar(year, 3, 10), kind: 'hung-kings', name: NAMES['hung-kings'] },
    { date: dateIn(year, 4, 30), kind: 'reunification', name: NAMES.reunification },
    { date: dateIn(year, 5, 1), kind: 'labour-day', name: NAMES['labour-day'] },
    { date: dateIn(year, 9, 2), kind: 'national-day', name: NAMES['national-day'] },
    ...second,
  ]
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/** Every announced swap whose day off or make-up working day falls in `year` (a swap may cross a year end). */
export function swapsOfYear(
  year: number,
  announcements: readonly YearAnnouncement[] = YEAR_ANNOUNCEMENTS,
): WorkdaySwap[] {
  const prefix = `${String(year).padStart(4, '0')}-`
  return announcements
    .flatMap((a) => a.swaps)
    .filter((s) => s.dayOff.startsWith(prefix) || s.workday.startsWith(prefix))
}

const cache = new Map<string, readonly Holiday[]>()

/**
 * The holidays of `year` with their substitute days (Art 111(3)), in date order. A substitute day goes to
 * the next day that is not a weekly rest day, not a holiday, not an earlier substitute and not a swapped day
 * off, so two holidays on one weekend (Tết 2024: Sat 10 and Sun 11 February) get two substitute days.
 */
export function holidaysOfYear(year: number, options: HolidayOptions = {}): Holiday[] {
  const rest = options.weeklyRestDays ?? SATURDAY_AND_SUNDAY
  const announcements = options.announcements ?? YEAR_ANNOUNCEMENTS
  const key =
    announcements === YEAR_ANNOUNCEMENTS ? `${year}|${[...rest].sort((a, b) => a - b).join(',')}` : undefined
  const cached = key === undefined ? undefined : cache.get(key)
  if (cached) return [...cached]

  const statutory = statutoryHolidays(year, announcements)
  const taken = new Set(statutory.map((h) => h.date))
  for (const s of swapsOfYear(year, announcements)) taken.add(s.dayOff)
  const result: Holiday[] = [...statutory]
  for (const h of statutory) {
    if (!rest.includes(isoWeekday(h.date))) continue
    let d = addDays(h.date, 1)
    while (rest.includes(isoWeekday(d)) || taken.has(d)) d = addDays(d, 1)
    taken.add(d)
    result.push({
      date: d,
      kind: h.kind,
      name: text(`Nghỉ bù ${h.name.vi}`, `Substitute day off for ${h.name.en}`),
      substitute: true,
      replaces: h.date,
    })
  }
  result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  // Frozen so a caller editing what it got cannot change what the next caller sees.
  const frozen = Object.freeze(result.map((h) => Object.freeze({ ...h, name: Object.freeze({ ...h.name }) })))
  if (key !== undefined) cache.set(key, frozen)
  return [...frozen]
}

/** The holiday or substitute day on `date`, if any (substitute days only with `substitutes`, the default). */
export function holidayOn(
  date: CivilDate,
  options: HolidayOptions & { substitutes?: boolean } = {},
): Holiday | undefined {
  const parts = parseDate(date)
  if (!parts) throw new RangeError(`not a calendar date: ${date}`)
  const withSubstitutes = options.substitutes ?? true
  // No holiday falls late enough in December for its substitute day to reach the next year.
  return holidaysOfYear(parts.year, options).find(
    (h) => h.date === date && (withSubstitutes || !h.substitute),
  )
}

/**
 * Whether `date` is a paid public holiday (Art 112(1)) or, unless `substitutes: false`, a substitute day for
 * one (Art 111(3)); substitute days depend on the weekly rest days, Saturday and Sunday by default.
 */
export function isHoliday(
  date: CivilDate,
  options: HolidayOptions & { substitutes?: boolean } = {},
): boolean {
  return holidayOn(date, options) !== undefined
}
