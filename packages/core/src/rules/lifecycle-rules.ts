// Rules for documents that change a contract: annexes (R4.5), suspension (R4.17), termination (R4.19–R4.25).
import Value from 'typebox/value'
import { addWorkingDays } from '../calendar/index.ts'
import {
  EMPLOYER_TERMINATION_GROUNDS,
  PROTECTED_SITUATIONS,
  type TerminationInitiator,
} from '../contract/enums.ts'
import type { Change, Termination } from '../contract/lifecycle-schema.ts'
import { Contract } from '../contract/schema.ts'
import { schemaAt } from '../contract/schema-at.ts'
import { text } from '../i18n.ts'
import { addDays, addMonths, compareDates } from '../time/civil-date.ts'
import { countsWorkingDays, type Duration, noticePeriods } from './data-tables.ts'
import { vnDate } from './format.ts'
import { at, defineRule } from './rule.ts'

/** D9.1: a change is made as the contract was: it names a field of the contract and fits that field. */
function changeProblems(changes: Change[]) {
  return changes.flatMap((change, i) => {
    const schema = schemaAt(Contract, change.path)
    if (!schema || change.path === '/kind' || change.path === '/schemaVersion')
      return [
        at(
          `/changes/${i}/path`,
          text(
            `${change.path} không phải điều khoản của hợp đồng lao động.`,
            `${change.path} is not a field of the labor contract.`,
          ),
        ),
      ]
    if (!Value.Check(schema, change.value))
      return [
        at(
          `/changes/${i}/value`,
          text(
            `giá trị mới của ${change.path} không hợp lệ cho điều khoản này.`,
            `the new value of ${change.path} is not valid for that field.`,
          ),
        ),
      ]
    return []
  })
}

const changeRule = <K extends 'annex' | 'amendment'>(kind: K) =>
  defineRule({
    ruleId: 'D9.1',
    code: 'CHANGE_INVALID',
    severity: 'error',
    tag: 'P',
    kind,
    uses: ['/changes'],
    title: text('Nội dung sửa đổi hợp lệ', 'Changes are valid'),
    check: (doc) => changeProblems(doc.changes),
  })

export const amendmentRules = [changeRule('amendment')]

export const annexRules = [
  changeRule('annex'),
  defineRule({
    ruleId: 'R4.5',
    code: 'ANNEX_CHANGES_TERM',
    severity: 'error',
    tag: 'S',
    kind: 'annex',
    uses: ['/changes'],
    title: text('Phụ lục không được sửa đổi thời hạn hợp đồng', 'An annex may not change the contract term'),
    check: (a) =>
      a.changes.flatMap((change, i) =>
        change.path === '/term' || change.path.startsWith('/term/')
          ? [
              at(
                `/changes/${i}/path`,
                text(
                  `phụ lục hợp đồng lao động không được sửa đổi thời hạn của hợp đồng (Điều 22 khoản 2 BLLĐ): ${change.path}.`,
                  `a contract annex may not change the term of the contract (Labor Code Art 22(2)): ${change.path}.`,
                ),
              ),
            ]
          : [],
      ),
  }),
]

export const suspensionRules = [
  defineRule({
    ruleId: 'R4.17',
    code: 'SUSPENSION_END_BEFORE_START',
    severity: 'error',
    tag: 'K',
    kind: 'suspension',
    uses: ['/startDate', '/endDate'],
    title: text('Thời gian tạm hoãn hợp lệ', 'Suspension period is valid'),
    check: (s) =>
      s.endDate && compareDates(s.endDate, s.startDate) < 0
        ? [
            at(
              '/endDate',
              text(
                `ngày kết thúc tạm hoãn ${vnDate(s.endDate)} trước ngày bắt đầu ${vnDate(s.startDate)}.`,
                `suspension ends ${s.endDate}, before it starts ${s.startDate}.`,
              ),
            ),
          ]
        : [],
  }),
]

type TermClass = 'indefinite' | 'definite12to36Months' | 'definiteUnder12Months'

function termClass(t: Termination['parentTerm']): TermClass {
  if (t.type === 'indefinite' || !t.endDate) return 'indefinite'
  const twelveMonthsLastDay = addDays(addMonths(t.startDate, 12), -1)
  return compareDates(t.endDate, twelveMonthsLastDay) >= 0 ? 'definite12to36Months' : 'definiteUnder12Months'
}

/** The earliest termination date that respects `notice` given on `noticeDate`. */
export function earliestTerminationDate(noticeDate: string, notice: Duration): string {
  return notice.workingDays !== undefined
    ? addWorkingDays(noticeDate, notice.workingDays)
    : addDays(noticeDate, notice.days ?? 0)
}

function describe(notice: Duration) {
  return notice.workingDays !== undefined
    ? text(`${notice.workingDays} ngày làm việc`, `${notice.workingDays} working days`)
    : text(`${notice.days} ngày`, `${notice.days} days`)
}

/** The notice the terminating party owes, or undefined when none is owed. */
export function requiredNotice(t: Termination): { notice: Duration; article: string } | undefined {
  if (t.reason === 'worker_unilateral') {
    if (t.workerNoNoticeGround) return undefined
    return { notice: noticePeriods.worker[termClass(t.parentTerm)], article: 'Điều 35 khoản 1' }
  }
  if (t.reason === 'employer_unilateral' && t.employerGround) {
    if (noticePeriods.employerGroundsWithoutNotice.grounds.includes(t.employerGround)) return undefined
    if (t.employerGround === 'b')
      return { notice: noticePeriods.employer.groundB, article: 'Điều 36 khoản 2' }
    return { notice: noticePeriods.employer[termClass(t.parentTerm)], article: 'Điều 36 khoản 2' }
  }
  return undefined
}

const EXPECTED_INITIATOR: Partial<Record<Termination['reason'], TerminationInitiator>> = {
  worker_unilateral: 'worker',
  employer_unilateral: 'employer',
  dismissal: 'employer',
  redundancy: 'employer',
  mutual_agreement: 'both',
}

export const terminationRules = [
  defineRule({
    ruleId: 'R4.19',
    code: 'TERMINATION_INITIATOR_MISMATCH',
    severity: 'error',
    tag: 'P',
    kind: 'termination',
    uses: ['/reason', '/initiatedBy'],
    title: text('Bên chấm dứt phù hợp với lý do', 'Terminating party matches the reason'),
    check: (t) => {
      const expected = EXPECTED_INITIATOR[t.reason]
      return expected && expected !== t.initiatedBy
        ? [
            at(
              '/initiatedBy',
              text(
                `với lý do này, bên chấm dứt phải là "${expected}", không phải "${t.initiatedBy}" (Điều 34 BLLĐ).`,
                `for this reason the terminating party must be "${expected}", not "${t.initiatedBy}" (Labor Code Art 34).`,
              ),
            ),
          ]
        : []
    },
  }),
  defineRule({
    ruleId: 'R4.19',
    code: 'TERMINATION_BEFORE_CONTRACT_START',
    severity: 'error',
    tag: 'P',
    kind: 'termination',
    uses: ['/terminationDate', '/parentTerm'],
    title: text('Ngày chấm dứt sau ngày bắt đầu hợp đồng', 'Termination after the contract starts'),
    check: (t) =>
      compareDates(t.terminationDate, t.parentTerm.startDate) < 0
        ? [
            at(
              '/terminationDate',
              text(
                `ngày chấm dứt ${vnDate(t.terminationDate)} trước ngày hợp đồng bắt đầu ${vnDate(t.parentTerm.startDate)}.`,
                `termination date ${t.terminationDate} is before the contract started on ${t.parentTerm.startDate}.`,
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.19',
    code: 'EXPIRY_OF_INDEFINITE_CONTRACT',
    severity: 'error',
    tag: 'P',
    kind: 'termination',
    uses: ['/reason', '/parentTerm', '/terminationDate'],
    title: text('Chỉ hợp đồng xác định thời hạn mới hết hạn', 'Only a definite contract expires'),
    check: (t) => {
      if (t.reason !== 'expiry') return []
      if (t.parentTerm.type === 'indefinite' || !t.parentTerm.endDate)
        return [
          at(
            '/reason',
            text(
              'hợp đồng không xác định thời hạn không chấm dứt do hết hạn (Điều 34 khoản 1 BLLĐ).',
              'an indefinite-term contract does not end by expiry (Labor Code Art 34(1)).',
            ),
          ),
        ]
      return t.terminationDate !== t.parentTerm.endDate
        ? [
            at(
              '/terminationDate',
              text(
                `hợp đồng hết hạn ngày ${vnDate(t.parentTerm.endDate)}, không phải ${vnDate(t.terminationDate)}.`,
                `the contract expires on ${t.parentTerm.endDate}, not ${t.terminationDate}.`,
              ),
            ),
          ]
        : []
    },
  }),
  defineRule({
    ruleId: 'R4.22',
    code: 'EMPLOYER_TERMINATION_GROUND_MISSING',
    severity: 'error',
    tag: 'P',
    kind: 'termination',
    uses: ['/reason', '/employerGround'],
    title: text('Người sử dụng lao động nêu căn cứ đơn phương chấm dứt', 'The employer states its ground'),
    check: (t) =>
      t.reason === 'employer_unilateral' && !t.employerGround
        ? [
            at(
              '/employerGround',
              text(
                `người sử dụng lao động chỉ được đơn phương chấm dứt theo một trong các căn cứ tại Điều 36 khoản 1 BLLĐ (điểm ${Object.keys(EMPLOYER_TERMINATION_GROUNDS.labels).join(', ')}).`,
                'the employer may terminate unilaterally only on one of the grounds of Labor Code Art 36(1).',
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.20',
    code: 'TERMINATION_NOTICE_TOO_SHORT',
    severity: 'error',
    tag: 'P',
    kind: 'termination',
    uses: [
      '/reason',
      '/parentTerm',
      '/noticeDate',
      '/terminationDate',
      '/employerGround',
      '/workerNoNoticeGround',
    ],
    title: text('Báo trước đủ thời hạn', 'Enough notice given'),
    check: (t) => {
      const required = requiredNotice(t)
      if (!required) return []
      const length = describe(required.notice)
      if (!t.noticeDate)
        return [
          at(
            '/noticeDate',
            text(
              `phải báo trước ít nhất ${length.vi} (${required.article} BLLĐ): ghi ngày báo trước.`,
              `at least ${length.en} of notice are required (Labor Code ${required.article}): state the notice date.`,
            ),
          ),
        ]
      if (required.notice.workingDays !== undefined && !countsWorkingDays(t.noticeDate)) return []
      const earliest = earliestTerminationDate(t.noticeDate, required.notice)
      if (compareDates(t.terminationDate, earliest) >= 0) return []
      return [
        at(
          '/terminationDate',
          text(
            `phải báo trước ít nhất ${length.vi} (${required.article} BLLĐ): báo trước ngày ${vnDate(t.noticeDate)} thì sớm nhất chấm dứt ngày ${vnDate(earliest)}.`,
            `at least ${length.en} of notice are required (Labor Code ${required.article}): notice given on ${t.noticeDate} allows termination on ${earliest} at the earliest.`,
          ),
        ),
      ]
    },
  }),
  defineRule({
    ruleId: 'R4.25',
    code: 'TERMINATION_DURING_PROTECTED_SITUATION',
    severity: 'error',
    tag: 'P',
    kind: 'termination',
    uses: ['/reason', '/employerGround', '/workerSituations'],
    title: text(
      'Không đơn phương chấm dứt khi người lao động đang được bảo vệ',
      'No unilateral termination of a protected worker',
    ),
    check: (t) => {
      if (t.reason !== 'employer_unilateral' || !t.workerSituations) return []
      return t.workerSituations.flatMap((situation, i) =>
        // Art 37(a) excepts illness treatment when the ground itself is long illness (Art 36(1)(b)).
        situation === 'illness_treatment' && t.employerGround === 'b'
          ? []
          : [
              at(
                `/workerSituations/${i}`,
                text(
                  `người sử dụng lao động không được đơn phương chấm dứt hợp đồng khi người lao động ${PROTECTED_SITUATIONS.labels[situation].vi.toLowerCase()} (Điều 37 BLLĐ).`,
                  `the employer may not terminate unilaterally while the worker is ${PROTECTED_SITUATIONS.labels[situation].en.toLowerCase()} (Labor Code Art 37).`,
                ),
              ),
            ],
      )
    },
  }),
]
