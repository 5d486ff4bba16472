// Imports a file into an employer's directory, all or nothing: one bad row and nothing is written; otherwise
// every row goes in one transaction. A row someone else added meanwhile trips the unique constraint, which
// rolls the whole import back and is reported by line like any other duplicate (R5.1).
import { text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { EmployeesRepo } from './employees-repo.ts'
import { EmployeeImportError, type ImportIssue } from './import-error.ts'
import type { EmployeeDatabase } from './migrations.ts'
import { type ParseOptions, parseEmployeeFile } from './parse-employee-file.ts'

export interface ImportInput {
  employerTaxCode: string
  bytes: Uint8Array
  fileName: string
  contentType?: string
}

export interface ImportResult {
  format: 'csv' | 'xlsx'
  inserted: number
  warnings: ImportIssue[]
}

export async function importEmployees(
  repo: EmployeesRepo,
  input: ImportInput,
  options: Omit<ParseOptions, 'inDirectory'> = {},
): Promise<ImportResult> {
  const existing = await repo.lookups(input.employerTaxCode)
  const parsed = await parseEmployeeFile(input.bytes, input.fileName, input.contentType, {
    ...options,
    inDirectory: (n) => existing.has(repo.lookupOf(n)),
  })
  try {
    await repo.db.transaction().execute(async (trx) => {
      await repo.insertAll(input.employerTaxCode, parsed.employees, trx as Kysely<EmployeeDatabase>)
    })
  } catch (e) {
    if ((e as { code?: unknown }).code !== '23505') throw e
    // The transaction is gone; see which of our numbers are now taken.
    const now = await repo.lookups(input.employerTaxCode)
    const taken = parsed.employees.filter((emp) => now.has(repo.lookupOf(emp.idDocument.number)))
    if (taken.length === 0) throw e
    throw new EmployeeImportError(
      taken.map((emp) => ({
        line: emp.line,
        field: 'idNumber',
        code: 'EMPLOYEE_ALREADY_IN_DIRECTORY',
        ruleId: 'R5.1',
        severity: 'error',
        message: text(
          `Dòng ${emp.line}: người có số giấy tờ này vừa được thêm vào danh bạ nhân viên; không dòng nào được lưu.`,
          `Line ${emp.line}: a person with this ID number was just added to the employee directory; no row was saved.`,
        ),
      })),
      parsed.warnings,
    )
  }
  return { format: parsed.format, inserted: parsed.employees.length, warnings: parsed.warnings }
}
