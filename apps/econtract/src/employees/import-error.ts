// What an employee import reports: every problem with the line the user sees in the file (header = 1), the
// field, the rule where one applies, and Vietnamese and English text. One error type carries them all, so
// callers (and the fuzz test) need to expect exactly one kind of failure.
import { ElcError, type Severity, type Text, text } from '@elc/core'

/** The fields of a directory row; also the `field` of an issue. */
export type EmployeeField =
  | 'fullName'
  | 'dateOfBirth'
  | 'sex'
  | 'idKind'
  | 'idNumber'
  | 'residence'
  | 'nationality'
  | 'email'
  | 'phone'
  | 'socialInsuranceNumber'

export interface ImportIssue {
  /** Line (CSV) or row (XLSX) as the user sees it; the header is line 1. 0 for the file as a whole. */
  line: number
  field?: EmployeeField
  /** The header text of the column as written in the file. */
  column?: string
  code: string
  ruleId?: string
  severity: Severity
  message: Text
}

export const EMPLOYEE_IMPORT_INVALID = 'EMPLOYEE_IMPORT_INVALID'

export class EmployeeImportError extends ElcError {
  readonly errors: ImportIssue[]
  readonly warnings: ImportIssue[]

  constructor(errors: ImportIssue[], warnings: ImportIssue[] = [], status = 422) {
    const lines = new Set(errors.map((e) => e.line).filter((l) => l > 0))
    const first = errors[0]
    super(
      EMPLOYEE_IMPORT_INVALID,
      errors.length === 1 && first
        ? text(
            `Không nhập được danh sách nhân viên: ${first.message.vi}`,
            `The employee list was not imported: ${first.message.en}`,
          )
        : text(
            `Không nhập được danh sách nhân viên: ${errors.length} lỗi ở ${lines.size} dòng; không dòng nào được lưu.`,
            `The employee list was not imported: ${errors.length} errors on ${lines.size} lines; no row was saved.`,
          ),
      { status, ...(first?.ruleId && errors.length === 1 ? { ruleId: first.ruleId } : {}) },
    )
    this.name = 'EmployeeImportError'
    this.errors = errors
    this.warnings = warnings
  }
}

/** A problem with the file as a whole (format, size, header). */
export function fileIssue(code: string, message: Text, line = 0): ImportIssue {
  return { line, code, severity: 'error', message }
}

export function fileError(code: string, message: Text, line = 0): EmployeeImportError {
  return new EmployeeImportError([fileIssue(code, message, line)])
}
