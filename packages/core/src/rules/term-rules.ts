// R4.3 (two contract types, definite at most 36 months) and R4.4 (at most two definite contracts in a row).
import { text } from '../i18n.ts'
import { addDays, addMonths, compareDates } from '../time/civil-date.ts'
import { contractLimits } from './data-tables.ts'
import { vnDate } from './format.ts'
import { at, defineRule } from './rule.ts'

const MAX_MONTHS = contractLimits.maxDefiniteTermMonths.value
const MAX_CONSECUTIVE = contractLimits.maxConsecutiveDefinite.value

/** The last day a definite contract may run: the day before the same date MAX_MONTHS later. */
export function latestDefiniteEndDate(startDate: string): string {
  return addDays(addMonths(startDate, MAX_MONTHS), -1)
}

export const termRules = [
  defineRule({
    ruleId: 'R4.3',
    code: 'DEFINITE_CONTRACT_WITHOUT_END_DATE',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/term'],
    title: text('Hợp đồng xác định thời hạn phải có ngày kết thúc', 'A definite contract needs an end date'),
    check: (c) =>
      c.term.type === 'definite' && !c.term.endDate
        ? [
            at(
              '/term/endDate',
              text(
                'hợp đồng xác định thời hạn phải ghi ngày kết thúc (Điều 20 BLLĐ).',
                'a definite-term contract must state its end date (Labor Code Art 20).',
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.3',
    code: 'INDEFINITE_CONTRACT_WITH_END_DATE',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/term'],
    title: text(
      'Hợp đồng không xác định thời hạn không có ngày kết thúc',
      'An indefinite contract has no end date',
    ),
    check: (c) =>
      c.term.type === 'indefinite' && c.term.endDate
        ? [
            at(
              '/term/endDate',
              text(
                'hợp đồng không xác định thời hạn không được ghi ngày kết thúc; nếu có thời hạn, chọn loại xác định thời hạn.',
                'an indefinite-term contract has no end date; choose the definite type if the contract ends.',
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.3',
    code: 'CONTRACT_END_BEFORE_START',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/term'],
    title: text('Ngày kết thúc không trước ngày bắt đầu', 'The end date is not before the start date'),
    check: (c) =>
      c.term.endDate && compareDates(c.term.endDate, c.term.startDate) < 0
        ? [
            at(
              '/term/endDate',
              text(
                `ngày kết thúc ${vnDate(c.term.endDate)} trước ngày bắt đầu ${vnDate(c.term.startDate)}.`,
                `end date ${c.term.endDate} is before start date ${c.term.startDate}.`,
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.3',
    code: 'CONTRACT_TERM_EXCEEDS_36_MONTHS',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/term'],
    title: text(
      'Hợp đồng xác định thời hạn không quá 36 tháng',
      'A definite contract lasts at most 36 months',
    ),
    check: (c) => {
      if (c.term.type !== 'definite' || !c.term.endDate) return []
      const latest = latestDefiniteEndDate(c.term.startDate)
      if (compareDates(c.term.endDate, latest) <= 0) return []
      return [
        at(
          '/term/endDate',
          text(
            `hợp đồng xác định thời hạn không quá ${MAX_MONTHS} tháng kể từ ngày có hiệu lực (Điều 20 khoản 1 điểm b BLLĐ): ngày kết thúc muộn nhất là ${vnDate(latest)}, hợp đồng ghi ${vnDate(c.term.endDate)}.`,
            `a definite-term contract lasts at most ${MAX_MONTHS} months from its effective date (Labor Code Art 20(1)(b)): the latest end date is ${latest}, the contract says ${c.term.endDate}.`,
          ),
        ),
      ]
    },
  }),
  defineRule({
    ruleId: 'R4.4',
    code: 'CONSECUTIVE_DEFINITE_LIMIT_EXCEEDED',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/term', '/history'],
    title: text(
      'Chỉ được ký thêm một hợp đồng xác định thời hạn',
      'Only one further definite contract may follow a definite one',
    ),
    check: (c) => {
      if (c.term.type !== 'definite' || !c.history || c.history.consecutiveLimitException) return []
      let run = 0
      for (const previous of [...c.history.precedingContracts].reverse()) {
        if (previous.type !== 'definite') break
        run++
      }
      if (run < MAX_CONSECUTIVE) return []
      return [
        at(
          '/term/type',
          text(
            `người lao động đã có ${run} hợp đồng xác định thời hạn liên tiếp với người sử dụng lao động; hợp đồng tiếp theo phải là hợp đồng không xác định thời hạn (Điều 20 khoản 2 BLLĐ).`,
            `the worker already had ${run} consecutive definite-term contracts with this employer; the next one must be indefinite (Labor Code Art 20(2)).`,
          ),
        ),
      ]
    },
  }),
]
