// Parses an uploaded list of employees (CSV or XLSX) and checks every row. Either every row is good and the
// employees come back, or an EmployeeImportError lists every problem by line and field: a person fixes the
// file once, not once per upload.
import { type CivilDate, text, vietnamDateOf } from '@elc/core'
import { bilingualHeader, COLUMNS, type ColumnSpec, columnFor } from './columns.ts'
import { type EmployeeField, EmployeeImportError, fileIssue, type ImportIssue } from './import-error.ts'
import { textOf } from './read-cell.ts'
import { type RawRow, type ReadLimits, readTable } from './read-table.ts'
import { type EmployeeInput, type RowCells, validateRow } from './validate-row.ts'

export interface ParseOptions {
  /** Today in Vietnam; a birth date after it is refused. Defaults to the current date. */
  today?: CivilDate
  /** Whether an ID number is already in the employer's directory. */
  inDirectory?: (idNumber: string) => boolean
  maxRows?: number
  maxBytes?: number
}

export interface ParsedEmployeeFile {
  format: 'csv' | 'xlsx'
  employees: EmployeeInput[]
  /** Doubts that do not stop the import (R5.4: consistency of the ID number is a warning only). */
  warnings: ImportIssue[]
}

export const MAX_EMPLOYEE_ROWS = 10_000
export const MAX_EMPLOYEE_FILE_BYTES = 5 * 1024 * 1024

export async function parseEmployeeFile(
  bytes: Uint8Array,
  fileName: string,
  // The declared type is not trusted (a browser names a CSV "application/vnd.ms-excel"): content decides.
  _contentType?: string,
  options: ParseOptions = {},
): Promise<ParsedEmployeeFile> {
  const limits: ReadLimits = {
    maxRows: options.maxRows ?? MAX_EMPLOYEE_ROWS,
    maxBytes: options.maxBytes ?? MAX_EMPLOYEE_FILE_BYTES,
    maxUnzippedBytes: 20 * (options.maxBytes ?? MAX_EMPLOYEE_FILE_BYTES),
  }
  const table = await readTable(bytes, fileName, limits)
  const columns = mapHeader(table.header)
  if (table.rows.length === 0)
    throw new EmployeeImportError([
      fileIssue(
        'EMPLOYEE_FILE_NO_ROWS',
        text(
          'Tệp chỉ có dòng tiêu đề, không có nhân viên nào.',
          'The file has only the header row and no employees.',
        ),
        table.header.line,
      ),
    ])
  const today = options.today ?? vietnamDateOf(new Date())

  const errors: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const employees: EmployeeInput[] = []
  const numbers: { line: number; number: string }[] = []
  for (const row of table.rows) {
    const cells: RowCells = {}
    for (const [i, spec] of columns.entries()) {
      if (spec) cells[spec.field] = { cell: row.cells[i], column: textOf(table.header.cells[i]) }
    }
    const extra = row.cells.findIndex((c, i) => i >= columns.length && textOf(c) !== '')
    if (extra >= 0)
      errors.push({
        line: row.line,
        code: 'EMPLOYEE_ROW_EXTRA_CELLS',
        severity: 'error',
        message: text(
          `Dòng ${row.line}: có dữ liệu ở cột ${extra + 1}, ngoài các cột của dòng tiêu đề.`,
          `Line ${row.line}: there is data in column ${extra + 1}, beyond the header's columns.`,
        ),
      })
    const result = validateRow(row.line, cells, today)
    errors.push(...result.errors)
    warnings.push(...result.warnings)
    if (result.employee) employees.push(result.employee)
    if (result.idNumber) numbers.push({ line: row.line, number: result.idNumber })
  }
  errors.push(...duplicates(numbers, options.inDirectory))
  if (errors.length > 0) throw new EmployeeImportError(sortIssues(errors), sortIssues(warnings))
  return { format: table.format, employees, warnings }
}

/** The field of each column, in file order; refuses a header with missing, unknown or repeated columns. */
function mapHeader(header: RawRow): (ColumnSpec | undefined)[] {
  const issues: ImportIssue[] = []
  const found = new Map<EmployeeField, string>()
  const unknown: string[] = []
  const mapped = header.cells.map((cell, i) => {
    const name = textOf(cell)
    if (name === '') return undefined
    const spec = columnFor(name)
    if (!spec) {
      unknown.push(`"${name.length > 40 ? `${name.slice(0, 37)}...` : name}" (${i + 1})`)
      return undefined
    }
    const before = found.get(spec.field)
    if (before !== undefined)
      issues.push(
        issueAt(
          header.line,
          'EMPLOYEE_COLUMN_REPEATED',
          text(
            `Cột "${spec.label.vi}" xuất hiện hai lần ("${before}" và "${name}").`,
            `The column "${spec.label.en}" appears twice ("${before}" and "${name}").`,
          ),
        ),
      )
    found.set(spec.field, name)
    return spec
  })
  const missing = COLUMNS.filter((c) => c.required && !found.has(c.field))
  if (missing.length > 0)
    issues.push(
      issueAt(
        header.line,
        'EMPLOYEE_COLUMNS_MISSING',
        text(
          `Thiếu cột bắt buộc: ${missing.map((c) => `"${c.label.vi}"`).join(', ')}. Dòng tiêu đề phải là dòng đầu tiên (xem tệp mẫu).`,
          `Required columns are missing: ${missing.map((c) => `"${c.label.en}"`).join(', ')}. The header must be the first row (see the template).`,
        ),
        'R4.6',
      ),
    )
  if (unknown.length > 0)
    issues.push(
      issueAt(
        header.line,
        'EMPLOYEE_COLUMNS_UNKNOWN',
        text(
          `Cột không nhận ra: ${unknown.join(', ')}; có thể đây không phải tệp danh sách nhân viên. Các cột được nhận: ${COLUMNS.map(bilingualHeader).join('; ')}.`,
          `Columns not recognised: ${unknown.join(', ')}; this may not be an employee list. Accepted columns: ${COLUMNS.map(bilingualHeader).join('; ')}.`,
        ),
      ),
    )
  if (issues.length > 0) throw new EmployeeImportError(issues)
  return mapped
}

function issueAt(line: number, code: string, message: ImportIssue['message'], ruleId?: string): ImportIssue {
  return { ...fileIssue(code, message, line), ...(ruleId ? { ruleId } : {}) }
}

/**
 * R5.1: a personal ID number belongs to one person for life, so it appears once in a directory. Both (all)
 * lines of a repeat are reported, each naming the others.
 */
function duplicates(
  numbers: { line: number; number: string }[],
  inDirectory: ((idNumber: string) => boolean) | undefined,
): ImportIssue[] {
  const lines = new Map<string, number[]>()
  for (const { line, number } of numbers) lines.set(number, [...(lines.get(number) ?? []), line])
  const out: ImportIssue[] = []
  for (const { line, number } of numbers) {
    const others = (lines.get(number) ?? []).filter((l) => l !== line)
    if (others.length > 0)
      out.push({
        line,
        field: 'idNumber',
        code: 'EMPLOYEE_ID_DUPLICATE_IN_FILE',
        ruleId: 'R5.1',
        severity: 'error',
        message: text(
          `Dòng ${line}: số giấy tờ trùng với dòng ${others.join(', ')} trong cùng tệp.`,
          `Line ${line}: the ID number is the same as on line ${others.join(', ')} of this file.`,
        ),
      })
    if (inDirectory?.(number))
      out.push({
        line,
        field: 'idNumber',
        code: 'EMPLOYEE_ALREADY_IN_DIRECTORY',
        ruleId: 'R5.1',
        severity: 'error',
        message: text(
          `Dòng ${line}: người có số giấy tờ này đã có trong danh bạ nhân viên.`,
          `Line ${line}: a person with this ID number is already in the employee directory.`,
        ),
      })
  }
  return out
}

function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => a.issue.line - b.issue.line || fieldOrder(a.issue) - fieldOrder(b.issue) || a.i - b.i)
    .map(({ issue }) => issue)
}

const fieldOrder = (issue: ImportIssue) => COLUMNS.findIndex((c) => c.field === issue.field)
