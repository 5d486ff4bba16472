// Bilingual messages for identity problems, Vietnamese first. Each names the field it is about, so it reads
// on its own in a list of findings.

import type { Finding } from '../findings.ts'
import { type Text, text } from '../i18n.ts'
import { OLD_ID_NUMBER_FORMAT, PASSPORT_NUMBER_FORMATS } from './document-formats.ts'
import type { IdDocumentKind, IdProblem, Sex } from './problems.ts'

export const DOCUMENT_FIELD_LABELS: Readonly<Record<IdDocumentKind, Text>> = {
  personal_id: text('Số định danh cá nhân (số CCCD)', 'Personal identification number (CCCD number)'),
  old_id: text('Số chứng minh nhân dân (CMND)', 'Old identity card number (CMND)'),
  passport: text('Số hộ chiếu', 'Passport number'),
}

const SEX_LABELS: Readonly<Record<Sex, Text>> = {
  male: text('nam', 'male'),
  female: text('nữ', 'female'),
}

export function messageFor(problem: IdProblem): Text {
  const field = DOCUMENT_FIELD_LABELS[problem.document]
  switch (problem.code) {
    case 'ID_NUMBER_FORMAT':
    case 'OLD_ID_NUMBER_FORMAT': {
      const expected =
        problem.code === 'ID_NUMBER_FORMAT'
          ? text('đúng 12 chữ số', 'exactly 12 digits')
          : OLD_ID_NUMBER_FORMAT.description
      const { length, nonDigit } = problem.params
      if (length === 0) {
        return text(
          `${field.vi} đang để trống; cần ${expected.vi}.`,
          `${field.en} is empty; it needs ${expected.en}.`,
        )
      }
      return text(
        `${field.vi} phải gồm ${expected.vi} (đang có ${length} ký tự${nonDigit ? ', có ký tự không phải chữ số' : ''}).`,
        `${field.en} must have ${expected.en} (it has ${length} characters${nonDigit ? ', not all digits' : ''}).`,
      )
    }
    case 'ID_NUMBER_UNKNOWN_PROVINCE':
      return text(
        `${field.vi}: mã tỉnh nơi đăng ký khai sinh ${problem.params.provinceCode} không có trong bảng mã đã biết; vui lòng kiểm tra lại số.`,
        `${field.en}: birth-registration province code ${problem.params.provinceCode} is not in the known code table; please check the number.`,
      )
    case 'ID_NUMBER_SEX_MISMATCH': {
      const encoded = SEX_LABELS[problem.params.encoded]
      const declared = SEX_LABELS[problem.params.declared]
      return text(
        `${field.vi} mang mã giới tính ${encoded.vi} nhưng giới tính đã khai là ${declared.vi}; vui lòng kiểm tra lại số hoặc giới tính.`,
        `${field.en} encodes sex ${encoded.en} but the declared sex is ${declared.en}; please check the number or the sex.`,
      )
    }
    case 'ID_NUMBER_BIRTH_YEAR_MISMATCH':
      return text(
        `${field.vi} mang năm sinh ${problem.params.encoded} nhưng ngày sinh đã khai thuộc năm ${problem.params.declared}; vui lòng kiểm tra lại số hoặc ngày sinh.`,
        `${field.en} encodes birth year ${problem.params.encoded} but the declared date of birth is in ${problem.params.declared}; please check the number or the date of birth.`,
      )
    case 'ID_NUMBER_BIRTH_YEAR_IN_FUTURE':
      return text(
        `${field.vi} mang năm sinh ${problem.params.encoded}, sau năm hiện tại ${problem.params.currentYear}; vui lòng kiểm tra lại số.`,
        `${field.en} encodes birth year ${problem.params.encoded}, after the current year ${problem.params.currentYear}; please check the number.`,
      )
    case 'PASSPORT_NUMBER_FORMAT': {
      const format = PASSPORT_NUMBER_FORMATS[problem.params.issuer]
      const vietnamese = problem.params.issuer === 'vietnamese'
      return text(
        `${field.vi}${vietnamese ? ' Việt Nam' : ''} phải gồm ${format.description.vi} (đang có ${problem.params.length} ký tự).`,
        `${vietnamese ? 'Vietnamese p' : 'P'}assport number must have ${format.description.en} (it has ${problem.params.length} characters).`,
      )
    }
  }
}

/** The problem as a Finding on the field at `path` (a JSON pointer, e.g. `/worker/idDocument/number`). */
export function findingFor(problem: IdProblem, path: string): Finding {
  return {
    ruleId: problem.ruleId,
    code: problem.code,
    severity: problem.severity,
    path,
    message: messageFor(problem),
  }
}
