// What the government announces each year about public holidays, kept as data so a wrong or missing entry
// is corrected here without touching code.
//
// Labor Code 2019 Art 112(1) fixes the holidays; for Tết (5 days) and National Day (2 September plus the day
// before or after) the Prime Minister fixes the exact days each year (Art 112(3)), and the
// ministry in charge of labour (MOLISA until 2025, the Ministry of Home Affairs since) announces them
// together with "swaps" (hoán đổi ngày làm việc): a weekday becomes a day off and a nearby Saturday a
// working day, so state agencies get an unbroken break. Swaps bind state agencies and public service units;
// private employers are encouraged, not obliged, to follow them.
//
// `verified: true` means the dates were checked against at least one published copy of the announcement
// (the sources named in `source`/`note`); `verified: false` marks an entry nobody has checked yet.

import { type Text, text } from '../i18n.ts'
import type { CivilDate } from '../time/civil-date.ts'

export interface WorkdaySwap {
  /** The weekday that becomes a day off. */
  dayOff: CivilDate
  /** The weekly rest day (a Saturday) that becomes a working day to make up for it. */
  workday: CivilDate
  occasion: Text
  /** Decision, official letter (công văn) or notice (thông báo) that announced the swap. */
  source: string
  verified: boolean
  note?: string
}

export interface YearAnnouncement {
  year: number
  /**
   * First of the five Tết days (Art 112(1)(b)); they run for 5 consecutive days and must include mùng 1.
   * Absent: the default rule, the last day of the old lunar year plus mùng 1–4.
   */
  tetFirstDay?: CivilDate
  /** The day next to 2 September taken as the second National Day holiday (Art 112(1)(đ)): 09-01 or 09-03. */
  nationalDaySecondDay?: CivilDate
  swaps: readonly WorkdaySwap[]
  /** Where the Tết and National Day choices were announced. */
  source: string
  verified: boolean
  note?: string
}

const OCCASION_NEW_YEAR = text('Tết Dương lịch', "New Year's Day")
const OCCASION_APRIL_MAY = text(
  'Ngày Chiến thắng 30/4 và Ngày Quốc tế lao động 1/5',
  'Reunification Day (30 April) and International Labour Day (1 May)',
)
const OCCASION_NATIONAL_DAY = text('Quốc khánh 2/9', 'National Day (2 September)')

export const YEAR_ANNOUNCEMENTS: readonly YearAnnouncement[] = [
  {
    year: 2023,
    // 20/1–26/1/2023 (29 Chạp Nhâm Dần – mùng 5 Quý Mão): Tết days 20–24/1, Sat 21 and Sun 22 made up on 25–26/1.
    tetFirstDay: '2023-01-20',
    swaps: [],
    source: 'Ý kiến Phó Thủ tướng Vũ Đức Đam (Văn phòng Chính phủ, 2022) on MOLISA’s proposal',
    verified: false,
    note:
      'Tết dates seen in press reports (pld.net.vn); document number not found. National Day 2023 not checked: ' +
      'the default rule applies.',
  },
  {
    year: 2024,
    // 8/2–14/2/2024: Tết days 8–12/2 (29 Chạp Quý Mão – mùng 3 Giáp Thìn), Sat 10 and Sun 11 made up on 13–14/2.
    tetFirstDay: '2024-02-08',
    // 31/8–3/9/2024: 2 National Day holidays (Mon 2/9, Tue 3/9) and 2 weekly rest days.
    nationalDaySecondDay: '2024-09-03',
    swaps: [
      {
        dayOff: '2024-04-29',
        workday: '2024-05-04',
        occasion: OCCASION_APRIL_MAY,
        source: 'Công văn 2450/VPCP-KGVX ngày 12/4/2024 (Văn phòng Chính phủ, ý kiến Thủ tướng)',
        verified: true,
        note: 'Off Sat 27/4 – Wed 1/5/2024; Sat 4/5/2024 worked. Seen in baophapluat.vn, chinhphu.vn, baotintuc.vn.',
      },
    ],
    source: 'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Bộ Lao động – Thương binh và Xã hội)',
    verified: true,
    note: 'Text of the notice as republished by huyendakha.kontum.gov.vn.',
  },
  {
    year: 2025,
    // 25/1–2/2/2025: 5 Tết days Mon 27/1 – Fri 31/1 (28 Chạp Giáp Thìn – mùng 3 Ất Tỵ) and 4 weekly rest days.
    tetFirstDay: '2025-01-27',
    // 30/8–2/9/2025: 2/9 and the day before (Mon 1/9), and 2 weekly rest days.
    nationalDaySecondDay: '2025-09-01',
    swaps: [
      {
        dayOff: '2025-05-02',
        workday: '2025-04-26',
        occasion: OCCASION_APRIL_MAY,
        source: 'Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024, after Công văn 8726/VPCP-KGVX ngày 26/11/2024',
        verified: true,
        note: 'Off Wed 30/4 – Sun 4/5/2025; Sat 26/4/2025 worked. Seen in thuvienphapluat.vn, moj.gov.vn.',
      },
    ],
    source: 'Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024 (Bộ Lao động – Thương binh và Xã hội)',
    verified: true,
    note:
      'No swap was announced for Tết or National Day 2025: both breaks reach the weekends on their own ' +
      '(9 and 4 days).',
  },
  {
    year: 2026,
    // 14/2–22/2/2026: 5 Tết days Mon 16/2 – Fri 20/2 (29 Chạp Ất Tỵ – mùng 4 Bính Ngọ) and 4 weekly rest days.
    tetFirstDay: '2026-02-16',
    // 29/8–2/9/2026: 2/9 and the day before (Tue 1/9), the swapped Mon 31/8 and 2 weekly rest days.
    nationalDaySecondDay: '2026-09-01',
    swaps: [
      {
        dayOff: '2026-01-02',
        workday: '2026-01-10',
        occasion: OCCASION_NEW_YEAR,
        source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Văn phòng Chính phủ, ý kiến Phó Thủ tướng)',
        verified: true,
        note: 'Off Thu 1/1 – Sun 4/1/2026; Sat 10/1/2026 worked. Seen in 24h.com.vn and a republished VGP article.',
      },
      {
        dayOff: '2026-08-31',
        workday: '2026-08-22',
        occasion: OCCASION_NATIONAL_DAY,
        source: 'Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ)',
        verified: true,
        note:
          'Off Sat 29/8 – Wed 2/9/2026; Sat 22/8/2026 worked. Seen in dantri.com.vn (13/10/2025). The notice ' +
          'number and date are from vietbao.vn; its symbol suffix "TB-BNV" is inferred.',
      },
    ],
    source: 'Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ)',
    verified: true,
    note:
      'Seen in vietbao.vn, 24h.com.vn, vnanet.vn. The Politburo’s choice of 24/11 as a paid Vietnamese ' +
      'Culture Day (Resolution 80-NQ/TW) needs an amendment of Art 112(1) and is not a holiday yet.',
  },
]

/** The announcement for `year`, if the table has one. */
export function announcementFor(
  year: number,
  announcements: readonly YearAnnouncement[] = YEAR_ANNOUNCEMENTS,
): YearAnnouncement | undefined {
  return announcements.find((a) => a.year === year)
}
