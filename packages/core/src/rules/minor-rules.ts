// R4.8, R4.10, R4.32: minimum working age and the regime for workers under 18 (age at the contract's start).
import type { Contract } from '../contract/schema.ts'
import { text } from '../i18n.ts'
import { ageOn, compareDates } from '../time/civil-date.ts'
import { minors } from './data-tables.ts'
import { at, defineRule } from './rule.ts'

const MIN_AGE = minors.minimumWorkingAge.value
const ADULT = minors.adultAge.value
const LIGHT_WORK_FROM = minors.lightWorkFromAge.value

function ageAtStart(c: Contract): number | undefined {
  if (compareDates(c.worker.dateOfBirth, c.term.startDate) > 0) return undefined
  return ageOn(c.worker.dateOfBirth, c.term.startDate)
}

const USES = ['/worker/dateOfBirth', '/term/startDate'] as const

export const minorRules = [
  defineRule({
    ruleId: 'R4.10',
    code: 'WORKER_BORN_AFTER_START',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: USES,
    title: text('Ngày sinh trước ngày bắt đầu làm việc', 'Born before the contract starts'),
    check: (c) =>
      ageAtStart(c) === undefined
        ? [
            at(
              '/worker/dateOfBirth',
              text('ngày sinh sau ngày bắt đầu hợp đồng.', 'the date of birth is after the contract starts.'),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.10',
    code: 'WORKER_UNDER_MINIMUM_AGE',
    severity: 'error',
    tag: 'K',
    kind: 'contract',
    uses: [...USES, '/job'],
    title: text('Người lao động đủ tuổi lao động', 'Worker of working age'),
    check: (c) => {
      const age = ageAtStart(c)
      if (age === undefined || age >= MIN_AGE) return []
      const category = c.job.minorWorkCategory
      if (age >= LIGHT_WORK_FROM && category) return []
      if (age < LIGHT_WORK_FROM && category === 'art_culture_sport') return []
      return [
        at(
          '/worker/dateOfBirth',
          age >= LIGHT_WORK_FROM
            ? text(
                `người lao động ${age} tuổi (dưới ${MIN_AGE} tuổi) chỉ được làm công việc nhẹ theo danh mục: ghi rõ loại công việc (Điều 143, 145 BLLĐ).`,
                `a worker aged ${age} (under ${MIN_AGE}) may only do listed light work: state the work category (Labor Code Arts 143, 145).`,
              )
            : text(
                `người lao động ${age} tuổi (dưới ${LIGHT_WORK_FROM} tuổi) chỉ được làm công việc nghệ thuật, văn hóa, thể thao theo danh mục (Điều 145 khoản 3 BLLĐ).`,
                `a worker aged ${age} (under ${LIGHT_WORK_FROM}) may only do listed art, culture or sport work (Labor Code Art 145(3)).`,
              ),
        ),
      ]
    },
  }),
  defineRule({
    ruleId: 'R4.8',
    code: 'MINOR_REPRESENTATIVE_CONSENT_MISSING',
    severity: 'error',
    tag: 'K',
    kind: 'contract',
    uses: [...USES, '/worker/representative'],
    title: text(
      'Hợp đồng với người chưa thành niên có người đại diện đồng ý',
      "A minor's contract has the representative's consent",
    ),
    check: (c) => {
      const age = ageAtStart(c)
      if (age === undefined || age >= ADULT) return []
      const rep = c.worker.representative
      if (rep?.consentDocumentRef) return []
      return [
        at(
          '/worker/representative/consentDocumentRef',
          age >= MIN_AGE
            ? text(
                `người lao động ${age} tuổi: cần người đại diện theo pháp luật và văn bản đồng ý của họ (Điều 18 khoản 4 BLLĐ).`,
                `the worker is ${age}: the legal representative and their written consent are required (Labor Code Art 18(4)).`,
              )
            : text(
                `người lao động ${age} tuổi: hợp đồng phải được giao kết với người đại diện theo pháp luật, có sự đồng ý của người chưa đủ 15 tuổi (Điều 145 BLLĐ).`,
                `the worker is ${age}: the contract is concluded with the legal representative, with the child's consent (Labor Code Art 145).`,
              ),
        ),
      ]
    },
  }),
  defineRule({
    ruleId: 'R4.32',
    code: 'MINOR_WORKING_HOURS_EXCEEDED',
    severity: 'error',
    tag: 'K',
    kind: 'contract',
    uses: [...USES, '/workingTime'],
    title: text('Giờ làm việc của người chưa thành niên', "A minor's working hours"),
    check: (c) => {
      const age = ageAtStart(c)
      if (age === undefined || age >= ADULT) return []
      const cap = age < MIN_AGE ? minors.hours.under15 : minors.hours.from15
      const out = []
      if (c.workingTime.hoursPerDay > cap.perDay)
        out.push(
          at(
            '/workingTime/hoursPerDay',
            text(
              `người lao động ${age} tuổi làm việc không quá ${cap.perDay} giờ/ngày (Điều 146 BLLĐ); hợp đồng ghi ${c.workingTime.hoursPerDay}.`,
              `a worker aged ${age} works at most ${cap.perDay} hours a day (Labor Code Art 146); the contract says ${c.workingTime.hoursPerDay}.`,
            ),
          ),
        )
      if (c.workingTime.hoursPerWeek > cap.perWeek)
        out.push(
          at(
            '/workingTime/hoursPerWeek',
            text(
              `người lao động ${age} tuổi làm việc không quá ${cap.perWeek} giờ/tuần (Điều 146 BLLĐ); hợp đồng ghi ${c.workingTime.hoursPerWeek}.`,
              `a worker aged ${age} works at most ${cap.perWeek} hours a week (Labor Code Art 146); the contract says ${c.workingTime.hoursPerWeek}.`,
            ),
          ),
        )
      return out
    },
  }),
  defineRule({
    ruleId: 'R4.32',
    code: 'MINOR_HEAVY_HAZARDOUS_WORK',
    severity: 'error',
    tag: 'K',
    kind: 'contract',
    uses: [...USES, '/job'],
    title: text(
      'Không giao việc nặng nhọc, độc hại cho người dưới 18 tuổi',
      'No heavy or hazardous work under 18',
    ),
    check: (c) => {
      const age = ageAtStart(c)
      if (age === undefined || age >= minors.heavyHazardousFromAge.value || !c.job.heavyHazardous) return []
      return [
        at(
          '/job/heavyHazardous',
          text(
            `không được sử dụng người lao động ${age} tuổi làm nghề, công việc nặng nhọc, độc hại, nguy hiểm (Điều 147 BLLĐ).`,
            `a worker aged ${age} may not do heavy, hazardous or dangerous work (Labor Code Art 147).`,
          ),
        ),
      ]
    },
  }),
]
