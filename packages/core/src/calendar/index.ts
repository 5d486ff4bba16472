// The Vietnamese calendar: lunisolar dates, public holidays and working-day deadlines.

export {
  announcementFor,
  type WorkdaySwap,
  YEAR_ANNOUNCEMENTS,
  type YearAnnouncement,
} from './holiday-data.ts'
export {
  FIRST_HOLIDAY_YEAR,
  type Holiday,
  type HolidayKind,
  type HolidayOptions,
  holidayOn,
  holidaysOfYear,
  isHoliday,
  LABOR_CODE_2019_FIRST_YEAR,
  nationalDaySecondDay,
  SATURDAY_AND_SUNDAY,
  statutoryHolidays,
  swapsOfYear,
  tetDays,
} from './holidays.ts'
export {
  type LunarDate,
  lastDayOfLunarYear,
  leapMonthOf,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
  VIETNAM_TIME_ZONE,
} from './lunar.ts'
export {
  addWorkingDays,
  deadlineAfterHours,
  deadlineAfterWorkingDays,
  endOfVietnamDay,
  isWorkingDay,
  lastWorkingDayBefore,
  STATE_AGENCY_CALENDAR,
  type WorkCalendar,
  workCalendar,
  workingDaysBetween,
} from './working-days.ts'
