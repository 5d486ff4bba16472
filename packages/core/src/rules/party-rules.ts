// The parties: the worker's identity document (R5.2–R5.5) and the details TT 10/2020 Art 3 expects (R4.7).
import type { Contract } from '../contract/schema.ts'
import { text } from '../i18n.ts'
import { checkIdDocument, ID_PROBLEM_RULES, type IdProblemCode, messageFor } from '../identity/index.ts'
import { compareDates } from '../time/civil-date.ts'
import { vnDate } from './format.ts'
import { at, defineRule, type LegalTag } from './rule.ts'

function idProblems(c: Contract) {
  const doc = c.worker.idDocument
  const document =
    doc.kind === 'passport'
      ? { kind: doc.kind, number: doc.number, issuingCountry: c.worker.nationality }
      : { kind: doc.kind, number: doc.number }
  // A birth year encoded after the contract was concluded cannot be right.
  return checkIdDocument(document, {
    dateOfBirth: c.worker.dateOfBirth,
    sex: c.worker.sex,
    today: c.concludedOn,
  })
}

const ID_TAGS: Record<IdProblemCode, LegalTag> = {
  ID_NUMBER_FORMAT: 'S',
  ID_NUMBER_UNKNOWN_PROVINCE: 'P',
  ID_NUMBER_SEX_MISMATCH: 'S',
  ID_NUMBER_BIRTH_YEAR_MISMATCH: 'S',
  ID_NUMBER_BIRTH_YEAR_IN_FUTURE: 'S',
  OLD_ID_NUMBER_FORMAT: 'K',
  PASSPORT_NUMBER_FORMAT: 'K',
}

const idDocumentRules = (Object.keys(ID_PROBLEM_RULES) as IdProblemCode[]).map((code) =>
  defineRule({
    ruleId: ID_PROBLEM_RULES[code].ruleId,
    code,
    severity: ID_PROBLEM_RULES[code].severity,
    tag: ID_TAGS[code],
    kind: 'contract',
    uses: ['/worker', '/concludedOn'],
    title: text('Số giấy tờ tùy thân hợp lệ', 'Identity document number is plausible'),
    check: (c) =>
      idProblems(c)
        .filter((p) => p.code === code)
        .map((p) => at('/worker/idDocument/number', messageFor(p))),
  }),
)

export const partyRules = [
  ...idDocumentRules,
  defineRule({
    ruleId: 'R4.7',
    code: 'EMPLOYER_TAX_CODE_MISSING',
    severity: 'warning',
    tag: 'K',
    kind: 'contract',
    uses: ['/employer'],
    title: text(
      'Doanh nghiệp, hợp tác xã ghi mã số thuế',
      'Enterprises and cooperatives state their tax code',
    ),
    check: (c) =>
      (c.employer.employerType === 'enterprise' || c.employer.employerType === 'cooperative') &&
      !c.employer.taxCode
        ? [
            at(
              '/employer/taxCode',
              text(
                'doanh nghiệp, hợp tác xã cần ghi mã số doanh nghiệp / mã số thuế (Thông tư 10/2020 Điều 3).',
                'an enterprise or cooperative should state its enterprise / tax code (Circular 10/2020 Art 3).',
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'R4.7',
    code: 'FOREIGN_WORKER_PERMIT_MISSING',
    severity: 'warning',
    tag: 'K',
    kind: 'contract',
    uses: ['/worker'],
    title: text(
      'Người lao động nước ngoài ghi giấy phép lao động',
      'A foreign worker states the work permit',
    ),
    check: (c) =>
      c.worker.nationality !== 'VN' && !c.worker.workPermitNumber
        ? [
            at(
              '/worker/workPermitNumber',
              text(
                'người lao động nước ngoài cần ghi số giấy phép lao động hoặc văn bản xác nhận miễn (Thông tư 10/2020 Điều 3).',
                'a foreign worker should state the work permit number or the exemption (Circular 10/2020 Art 3).',
              ),
            ),
          ]
        : [],
  }),
  defineRule({
    ruleId: 'D8',
    code: 'CONCLUDED_AFTER_START',
    severity: 'warning',
    tag: 'S',
    kind: 'contract',
    uses: ['/concludedOn', '/term/startDate'],
    title: text('Hợp đồng được giao kết trước khi bắt đầu', 'The contract is concluded before it starts'),
    check: (c) =>
      compareDates(c.concludedOn, c.term.startDate) > 0
        ? [
            at(
              '/concludedOn',
              text(
                `hợp đồng giao kết ngày ${vnDate(c.concludedOn)}, sau ngày bắt đầu ${vnDate(c.term.startDate)}: kiểm tra lại ngày có hiệu lực.`,
                `the contract was concluded on ${c.concludedOn}, after its start date ${c.term.startDate}: check the effective date.`,
              ),
            ),
          ]
        : [],
  }),
]
