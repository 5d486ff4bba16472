// The employer's employee directory: storage, import from CSV/XLSX, and its pages.
export { bilingualHeader, COLUMNS, type ColumnSpec, columnFor, foldKey } from './columns.ts'
export { type EmployeeRoutesDeps, employeeRoutes, HR_STAFF } from './employee-routes.ts'
export { EMPLOYEE_ID_NUMBER, type Employee, EmployeesRepo } from './employees-repo.ts'
export { type ImportInput, type ImportResult, importEmployees } from './import-employees.ts'
export {
  EMPLOYEE_IMPORT_INVALID,
  type EmployeeField,
  EmployeeImportError,
  type ImportIssue,
} from './import-error.ts'
export {
  type EmployeeDatabase,
  type EmployeeTable,
  employeeMigrations,
  migrateEmployees,
} from './migrations.ts'
export {
  MAX_EMPLOYEE_FILE_BYTES,
  MAX_EMPLOYEE_ROWS,
  type ParsedEmployeeFile,
  type ParseOptions,
  parseEmployeeFile,
} from './parse-employee-file.ts'
export { employeeTemplate } from './template.ts'
export { toWorker } from './to-worker.ts'
export type { EmployeeInput } from './validate-row.ts'
