// The employee directory over HTTP: the page, the import (a browser form or a JSON client) and the template.
// HR staff and the employer's administrator, at VNeID level 2, see only the employer their grant names.
import { ElcError, text, vietnamDateOf } from '@elc/core'
import type { Kysely } from '@elc/db'
import { problem, sendProblem } from '@elc/http'
import type { PiiCipher } from '@elc/storage'
import { type Access, type Principal, refuseBeforeUpload } from '@elc/web-auth'
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { directoryPage, importDonePage, importFailedPage } from './employee-pages.ts'
import { EmployeesRepo } from './employees-repo.ts'
import { importEmployees } from './import-employees.ts'
import { EmployeeImportError, fileError, fileIssue } from './import-error.ts'
import { migrateEmployees } from './migrations.ts'
import { MAX_EMPLOYEE_FILE_BYTES } from './parse-employee-file.ts'
import { employeeTemplate } from './template.ts'

export interface EmployeeRoutesDeps {
  db: Kysely<unknown>
  /** Encrypts ID numbers (purpose 'employee.id_number') and hashes them for lookups. */
  cipher: PiiCipher
  now?: () => Date
}

const HR_ROLES = ['hr-staff', 'employer-admin'] as const
/** HR staff or the employer's administrator, signed in at level 2 (R1.12: personal data of workers). */
export const HR_STAFF = {
  config: { access: { roles: HR_ROLES, level: 2 } satisfies Access },
} as const

interface Upload {
  fieldname: string
  filename: string
  mimetype: string
  bytes: Buffer
}
const uploads = new WeakMap<FastifyRequest, Upload[]>()

/** Registers the routes and the directory's migrations (run when the app starts). */
export function employeeRoutes(app: FastifyInstance, deps: EmployeeRoutesDeps): void {
  app.register(async (scope) => {
    await migrateEmployees(deps.db)
    const repo = new EmployeesRepo(deps.db as never, deps.cipher, deps.now)

    // A multipart body is read before the access hook runs; strangers are turned away before reading it.
    refuseBeforeUpload(scope)
    // Fields become strings on the body, so the CSRF check reads `_csrf` from the form like any other.
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_EMPLOYEE_FILE_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 4096 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const bytes = await part.toBuffer()
        const list = uploads.get(this) ?? []
        list.push({ fieldname: part.fieldname, filename: part.filename, mimetype: part.mimetype, bytes })
        uploads.set(this, list)
      },
    })
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const importError = error instanceof EmployeeImportError ? error : multipartError(error)
      if (!importError) throw error // the app's handler answers everything else
      if (wantsJson(request)) {
        const body = {
          ...problem(importError.status, importError.code, importError.text, {
            ...(importError.ruleId ? { ruleId: importError.ruleId } : {}),
          }),
          errors: importError.errors,
          warnings: importError.warnings,
        }
        return sendProblem(reply, body)
      }
      const employer = employerOfRequest(request)
      return reply
        .code(importError.status)
        .type('text/html; charset=utf-8')
        .send(importFailedPage(employer ?? '', importError.errors, importError.warnings, reply.csrfToken()))
    })

    scope.get<{ Querystring: { employer?: string } }>('/employees', HR_STAFF, async (request, reply) => {
      const principal = request.principal as Principal
      const employer = employerOf(principal, request.query.employer)
      const employees = await repo.listByEmployer(employer)
      auditRead(request, employer, employees.length)
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(directoryPage(employer, employees, reply.csrfToken()))
    })

    scope.get<{ Querystring: { employer?: string } }>(
      '/employees/template.xlsx',
      HR_STAFF,
      async (request, reply) => {
        employerOf(request.principal as Principal, request.query.employer)
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="danh-sach-nhan-vien.xlsx"')
          .send(await employeeTemplate())
      },
    )

    scope.post<{ Querystring: { employer?: string } }>(
      '/employees/import',
      HR_STAFF,
      async (request, reply) => {
        const employer = employerOf(request.principal as Principal, request.query.employer)
        const file = uploads.get(request)?.find((u) => u.fieldname === 'file')
        if (!file)
          throw fileError(
            'EMPLOYEE_FILE_MISSING',
            text(
              'Chưa chọn tệp: gửi tệp trong trường "file" của biểu mẫu multipart/form-data.',
              'No file: send it in the "file" field of a multipart/form-data form.',
            ),
          )
        const result = await importEmployees(
          repo,
          {
            employerTaxCode: employer,
            bytes: file.bytes,
            fileName: file.filename,
            contentType: file.mimetype,
          },
          deps.now ? { today: vietnamDateOf(deps.now()) } : {},
        )
        request.log.info(
          { employer, inserted: result.inserted, by: request.principal?.subject },
          'employees imported',
        )
        if (wantsJson(request)) return reply.code(201).send(result)
        return reply
          .code(201)
          .type('text/html; charset=utf-8')
          .send(importDonePage(employer, result.inserted, result.warnings))
      },
    )
  })
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '')
  return /application\/(problem\+)?json/.test(accept) && !/text\/html/.test(accept)
}

/** The employer the caller acts for: the one asked for if a grant names it, else the first granted. */
function employerOf(principal: Principal, requested: string | undefined): string {
  const employers = principal.grants
    .filter((g) => (HR_ROLES as readonly string[]).includes(g.role) && g.employerTaxCode)
    .map((g) => g.employerTaxCode as string)
  const chosen = requested ? employers.find((e) => e === requested) : employers[0]
  if (!chosen)
    throw new ElcError(
      'AUTH_FORBIDDEN',
      text(
        'Bạn không có quyền với danh bạ nhân viên của người sử dụng lao động này.',
        "You may not see this employer's employee directory.",
      ),
      { status: 403 },
    )
  return chosen
}

function employerOfRequest(request: FastifyRequest): string | undefined {
  try {
    const q = request.query as { employer?: string } | undefined
    return request.principal ? employerOf(request.principal, q?.employer) : undefined
  } catch {
    return undefined
  }
}

/** DESIGN §3: every read of someone else's personal data is logged with who, what, purpose and basis. */
function auditRead(request: FastifyRequest, employer: string, count: number): void {
  request.log.info(
    {
      audit: {
        who: request.principal?.subject,
        what: `employee directory of ${employer} (${count} records)`,
        purpose: 'labor contract drafting',
        legalBasis: 'R4.6 b: worker particulars of the contract',
      },
    },
    'personal data read',
  )
}

function multipartError(error: FastifyError): EmployeeImportError | undefined {
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new EmployeeImportError(
        [
          fileIssue(
            'EMPLOYEE_FILE_TOO_LARGE',
            text(
              `Tệp quá lớn; tối đa ${MAX_EMPLOYEE_FILE_BYTES} byte.`,
              `The file is too large; the limit is ${MAX_EMPLOYEE_FILE_BYTES} bytes.`,
            ),
          ),
        ],
        [],
        413,
      )
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return fileError(
        'EMPLOYEE_UPLOAD_INVALID',
        text(
          'Biểu mẫu tải lên không hợp lệ: gửi đúng một tệp trong trường "file".',
          'The upload form is invalid: send exactly one file in the "file" field.',
        ),
      )
    default:
      return undefined
  }
}
