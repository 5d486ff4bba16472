// Checks one row of an employee file with the core's rules: the worker items of the contract (R4.6 b), the
// identity document checks (R5.2–R5.5) and the Worker schema's formats (email, phone, social insurance).
import {
  type CivilDate,
  checkIdDocument,
  type IdDocumentKind,
  messageFor,
  normaliseDocumentNumber,
  type Sex,
  type Text,
  text,
  Worker,
} from '@elc/core'
import { Compile } from 'typebox/compile'
import { COLUMNS } from './columns.ts'
import type { EmployeeField, ImportIssue } from './import-error.ts'
import { dateOf, idKindOf, nationalityOf, sexOf, textOf } from './read-cell.ts'
import type { Cell } from './read-table.ts'

/** A row that passed every check, ready to store. */
export interface EmployeeInput {
  /** Where it came from in the file. */
  line: number
  fullName: string
  dateOfBirth: CivilDate
  sex: Sex
  residence: string
  nationality: string
  idDocument: { kind: IdDocumentKind; number: string }
  email?: string
  phone?: string
  socialInsuranceNumber?: string
}

export type RowCells = Partial<Record<EmployeeField, { cell: Cell; column: string }>>

const workerCheck = Compile(Worker)

const LABEL = Object.fromEntries(COLUMNS.map((c) => [c.field, c.label])) as Record<EmployeeField, Text>

const SCHEMA_FIELD: Record<string, EmployeeField> = {
  '/fullName': 'fullName',
  '/dateOfBirth': 'dateOfBirth',
  '/sex': 'sex',
  '/residence': 'residence',
  '/nationality': 'nationality',
  '/idDocument/kind': 'idKind',
  '/idDocument/number': 'idNumber',
  '/email': 'email',
  '/phone': 'phone',
  '/socialInsuranceNumber': 'socialInsuranceNumber',
}

const EXPECTED: Partial<Record<EmployeeField, Text>> = {
  email: text('một địa chỉ email, ví dụ ten@congty.vn', 'an email address, e.g. name@company.vn'),
  phone: text('6–20 chữ số, có thể có +, dấu cách, ().-', '6–20 digits, optionally with +, spaces, ().-'),
  socialInsuranceNumber: text('đúng 10 chữ số', 'exactly 10 digits'),
  fullName: text('tối đa 200 ký tự', 'at most 200 characters'),
  residence: text('tối đa 1000 ký tự', 'at most 1000 characters'),
  idNumber: text('tối đa 20 ký tự', 'at most 20 characters'),
}

export function validateRow(
  line: number,
  cells: RowCells,
  today: CivilDate,
): { employee?: EmployeeInput; idNumber?: string; errors: ImportIssue[]; warnings: ImportIssue[] } {
  const errors: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const issue = (
    field: EmployeeField,
    code: string,
    message: Text,
    ruleId: string | undefined,
    severity: 'error' | 'warning' = 'error',
  ) => {
    const label = LABEL[field]
    const column = cells[field]?.column
    ;(severity === 'error' ? errors : warnings).push({
      line,
      field,
      ...(column ? { column } : {}),
      code,
      ...(ruleId ? { ruleId } : {}),
      severity,
      message: text(
        `Dòng ${line}, cột "${label.vi}": ${message.vi}`,
        `Line ${line}, column "${label.en}": ${message.en}`,
      ),
    })
  }
  const cell = (f: EmployeeField) => cells[f]?.cell
  const shownOf = (f: EmployeeField) => quoted(textOf(cell(f))).vi
  const required = (f: EmployeeField): string | undefined => {
    const value = textOf(cell(f))
    if (value !== '') return value
    // R4.6 b: the contract must name the worker's full name, birth date, sex, residence and ID number.
    issue(
      f,
      'EMPLOYEE_FIELD_REQUIRED',
      text('bắt buộc nhưng đang để trống.', 'is required but empty.'),
      'R4.6',
    )
    return undefined
  }

  const fullName = required('fullName')
  const residence = required('residence')

  let dateOfBirth: CivilDate | undefined
  if (required('dateOfBirth') !== undefined) {
    dateOfBirth = dateOf(cell('dateOfBirth'))
    if (!dateOfBirth || !/^(19|20)\d\d-/.test(dateOfBirth)) {
      issue(
        'dateOfBirth',
        'EMPLOYEE_DATE_INVALID',
        text(
          `${shownOf('dateOfBirth')} không phải ngày hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 15/03/1990.`,
          `${shownOf('dateOfBirth')} is not a valid date; write it as day/month/year, e.g. 15/03/1990.`,
        ),
        'R4.6',
      )
      dateOfBirth = undefined
    } else if (dateOfBirth > today) {
      issue(
        'dateOfBirth',
        'EMPLOYEE_DATE_IN_FUTURE',
        text(
          `ngày sinh ${vnDate(dateOfBirth)} ở tương lai.`,
          `the date of birth ${dateOfBirth} is in the future.`,
        ),
        'R4.6',
      )
      dateOfBirth = undefined
    }
  }

  let sex: Sex | undefined
  if (required('sex') !== undefined) {
    sex = sexOf(cell('sex'))
    if (!sex)
      issue(
        'sex',
        'EMPLOYEE_SEX_INVALID',
        text(
          `${shownOf('sex')} không hợp lệ; ghi Nam hoặc Nữ.`,
          `${shownOf('sex')} is not valid; write Nam (male) or Nữ (female).`,
        ),
        'R4.6',
      )
  }

  const kind = idKindOf(cell('idKind'))
  if (!kind)
    issue(
      'idKind',
      'EMPLOYEE_ID_KIND_INVALID',
      text(
        `${shownOf('idKind')} không hợp lệ; ghi CCCD, CMND hoặc Hộ chiếu.`,
        `${shownOf('idKind')} is not valid; write CCCD (personal ID), CMND (old ID) or passport.`,
      ),
      'R4.6',
    )

  const nationality = nationalityOf(cell('nationality'))
  if (!nationality)
    issue(
      'nationality',
      'EMPLOYEE_NATIONALITY_INVALID',
      text(
        `${shownOf('nationality')} không hợp lệ; ghi mã quốc gia 2 chữ cái (ISO 3166-1), ví dụ VN.`,
        `${shownOf('nationality')} is not valid; write the 2-letter country code (ISO 3166-1), e.g. VN.`,
      ),
      undefined,
    )

  const rawNumber = required('idNumber')
  const number = rawNumber === undefined ? undefined : normaliseDocumentNumber(rawNumber)
  if (number !== undefined && kind) {
    const problems = checkIdDocument(
      kind === 'passport'
        ? { kind, number, ...(nationality ? { issuingCountry: nationality } : {}) }
        : { kind, number },
      { ...(dateOfBirth ? { dateOfBirth } : {}), ...(sex ? { sex } : {}), today },
    )
    for (const p of problems) {
      const message = messageFor(p)
      // A number typed into Excel as a number has lost its leading zeros; say so rather than guess them back.
      const hint =
        p.code === 'ID_NUMBER_FORMAT' && typeof cell('idNumber') === 'number'
          ? text(
              ' Excel đã bỏ các số 0 ở đầu: hãy định dạng cột là Văn bản (Text) và nhập lại.',
              ' Excel dropped the leading zeros: format the column as Text and type the number again.',
            )
          : text('', '')
      issue('idNumber', p.code, text(message.vi + hint.vi, message.en + hint.en), p.ruleId, p.severity)
    }
  }

  const optional = (f: EmployeeField) => {
    const value = textOf(cell(f))
    return value === '' ? undefined : value
  }
  const email = optional('email')
  const phone = optional('phone')
  const socialInsuranceNumber = optional('socialInsuranceNumber')?.replace(/\s+/g, '')

  // The number, when it is sound, even if the row is not: repeats are reported on every line they occur.
  const idNumber = number !== undefined && !errors.some((e) => e.field === 'idNumber') ? number : undefined
  if (!fullName || !residence || !dateOfBirth || !sex || !kind || !nationality || number === undefined)
    return { ...(idNumber ? { idNumber } : {}), errors, warnings }
  const employee: EmployeeInput = {
    line,
    fullName,
    dateOfBirth,
    sex,
    residence,
    nationality,
    idDocument: { kind, number },
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(socialInsuranceNumber ? { socialInsuranceNumber } : {}),
  }
  // The Worker schema of the contract model decides the formats, so the directory never holds a worker a
  // contract would refuse.
  const { line: _, ...worker } = employee
  const seen = new Set(errors.map((e) => e.field))
  for (const e of workerCheck.Errors(worker)) {
    const field = SCHEMA_FIELD[e.instancePath]
    if (!field || seen.has(field)) continue
    seen.add(field)
    const expected = EXPECTED[field]
    // Never echo an ID number: issues end up in logs.
    const shown = field === 'idNumber' ? text('Giá trị', 'The value') : quoted(textOf(cell(field)))
    issue(
      field,
      'EMPLOYEE_FIELD_INVALID',
      expected
        ? text(
            `${shown.vi} không hợp lệ; cần ${expected.vi}.`,
            `${shown.en} is not valid; it needs ${expected.en}.`,
          )
        : text(`${shown.vi} không hợp lệ.`, `${shown.en} is not valid.`),
      field === 'fullName' || field === 'residence' || field === 'idNumber' ? 'R4.6' : undefined,
    )
  }
  if (errors.length > 0) return { ...(seen.has('idNumber') ? {} : { idNumber: number }), errors, warnings }
  return { employee, idNumber: number, errors, warnings }
}

function quoted(value: string): Text {
  const v = value.length > 60 ? `${value.slice(0, 57)}...` : value
  return { vi: `"${v}"`, en: `"${v}"` }
}

function vnDate(date: CivilDate): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}
