// The employer's profile over HTTP: the page (or JSON), onboarding and edits, signatories with the upload of
// their letters of authorisation, revocation, and the letters themselves. Changes are for the employer's
// administrator signed in with the organisation's VNeID account at level 2; HR staff of the employer read.
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import { problem, sendProblem } from '@elc/http'
import type { BlobStore, PiiCipher } from '@elc/storage'
import { type Access, type Principal, refuseBeforeUpload } from '@elc/web-auth'
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { EMPLOYER_ADMIN } from '../routes/access-rules.ts'
import { authorisationTooLarge, MAX_AUTHORISATION_PDF_BYTES } from './authorisation-pdf.ts'
import { parseProfileInput, parseSignatoryInput } from './employer-input.ts'
import { employerErrorPage, employerPage } from './employer-pages.ts'
import { EmployersService } from './employers-service.ts'
import { type EmployerDatabase, migrateEmployers } from './migrations.ts'

export interface EmployerRoutesDeps {
  db: Kysely<unknown>
  /** Encrypts signatories' personal ID numbers (purpose 'employer_signatory.personal_id'). */
  cipher: PiiCipher
  /** Holds the letters of authorisation. */
  blobs: BlobStore
  now?: () => Date
}

/** The employer's administrator or its HR staff, at level 2: reading the profile and signatories. */
export const EMPLOYER_READERS = {
  config: { access: { roles: ['employer-admin', 'hr-staff'], level: 2 } satisfies Access },
} as const

interface Upload {
  fieldname: string
  bytes: Buffer
}
const uploads = new WeakMap<FastifyRequest, Upload[]>()

type Query = { Querystring: { employer?: string } }
type WithId = { Params: { id: string }; Querystring: { employer?: string } }

/** Registers the routes and the module's migrations (run when the app starts). */
export function employerRoutes(app: FastifyInstance, deps: EmployerRoutesDeps): void {
  app.register(async (scope) => {
    await migrateEmployers(deps.db)
    const service = new EmployersService({
      db: deps.db as Kysely<EmployerDatabase>,
      cipher: deps.cipher,
      blobs: deps.blobs,
      ...(deps.now ? { now: deps.now } : {}),
    })

    // A multipart body is read before the access hook runs; strangers are turned away before reading it.
    refuseBeforeUpload(scope)
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: {
        fileSize: MAX_AUTHORISATION_PDF_BYTES,
        files: 1,
        fields: 12,
        parts: 13,
        fieldSize: 4096,
      },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const bytes = await part.toBuffer()
        const list = uploads.get(this) ?? []
        list.push({ fieldname: part.fieldname, bytes })
        uploads.set(this, list)
      },
    })
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const elc = error instanceof ElcError ? error : multipartError(error)
      if (!elc) throw error // the app's handler answers everything else
      const field = (elc as { field?: string }).field
      if (wantsHtml(request))
        return reply.code(elc.status).type('text/html; charset=utf-8').send(employerErrorPage(elc))
      const body = problem(elc.status, elc.code, elc.text, elc.ruleId ? { ruleId: elc.ruleId } : {})
      // RFC 9457 extension member: which field of the form to fix.
      return sendProblem(reply, field ? Object.assign(body, { field }) : body)
    })

    scope.get<Query>('/employer', EMPLOYER_READERS, async (request, reply) => {
      const principal = request.principal as Principal
      const taxCode = service.readableTaxCode(principal, request.query.employer)
      const [profile, signatories] = await Promise.all([
        service.profile(principal, taxCode),
        service.list(principal, taxCode),
      ])
      auditRead(request, taxCode, signatories.length)
      const canManage = principal.taxCode === taxCode && isManager(service, principal)
      reply.header('cache-control', 'no-store')
      if (wantsJson(request)) return reply.send({ taxCode, employer: profile ?? null, signatories })
      return reply.type('text/html; charset=utf-8').send(
        employerPage({
          taxCode,
          ...(principal.accountType === 'organisation' ? { organisationName: principal.name } : {}),
          ...(profile ? { profile } : {}),
          signatories,
          canManage,
          csrf: reply.csrfToken(),
          today: service.today(),
        }),
      )
    })

    scope.post('/employer', EMPLOYER_ADMIN, async (request, reply) => {
      const principal = request.principal as Principal
      const existed = await service.repo.profile(service.managedTaxCode(principal))
      const profile = await service.save(principal, parseProfileInput(bodyOf(request)))
      request.log.info(
        { employer: profile.taxCode, by: principal.subject },
        existed ? 'employer updated' : 'employer onboarded',
      )
      if (wantsJson(request)) return reply.code(existed ? 200 : 201).send(profile)
      return seeOther(reply)
    })

    scope.post('/employer/signatories', EMPLOYER_ADMIN, async (request, reply) => {
      const principal = request.principal as Principal
      const document = uploads.get(request)?.find((u) => u.fieldname === 'authorisation')?.bytes
      const input = parseSignatoryInput(bodyOf(request), service.today())
      // An empty file input still sends a part; it means "no file".
      const signatory = await service.addSignatory(
        principal,
        input,
        document?.byteLength ? document : undefined,
      )
      request.log.info(
        { employer: signatory.employerTaxCode, signatory: signatory.id, by: principal.subject },
        'employer signatory added',
      )
      if (wantsJson(request)) return reply.code(201).send(signatory)
      return seeOther(reply)
    })

    scope.post<{ Params: { id: string } }>(
      '/employer/signatories/:id/revoke',
      EMPLOYER_ADMIN,
      async (request, reply) => {
        const principal = request.principal as Principal
        const signatory = await service.revokeSignatory(principal, request.params.id)
        request.log.info(
          { employer: signatory.employerTaxCode, signatory: signatory.id, by: principal.subject },
          'employer signatory revoked',
        )
        if (wantsJson(request)) return reply.send(signatory)
        return seeOther(reply)
      },
    )

    scope.get<WithId>(
      '/employer/signatories/:id/authorisation.pdf',
      EMPLOYER_READERS,
      async (request, reply) => {
        const principal = request.principal as Principal
        const { signatory, bytes } = await service.authorisationDocument(
          principal,
          request.params.id,
          request.query.employer,
        )
        request.log.info(
          {
            audit: {
              who: principal.subject,
              what: `letter of authorisation of signatory ${signatory.id} of ${signatory.employerTaxCode}`,
              purpose: 'checking who may sign for the employer',
              legalBasis: 'R4.9',
            },
          },
          'personal data read',
        )
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="giay-uy-quyen-${signatory.id}.pdf"`)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(Buffer.from(bytes))
      },
    )
  })
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

function isManager(service: EmployersService, principal: Principal): boolean {
  try {
    service.managedTaxCode(principal)
    return true
  } catch {
    return false
  }
}

function seeOther(reply: FastifyReply): FastifyReply {
  return reply.code(303).header('location', '/employer').send()
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '')
  return /application\/(problem\+)?json/.test(accept) && !/text\/html/.test(accept)
}

/** Errors go to a browser as a page, to everyone else as problem+json. */
function wantsHtml(request: FastifyRequest): boolean {
  return /text\/html/.test(String(request.headers.accept ?? ''))
}

/** DESIGN §3: every read of someone else's personal data is logged with who, what, purpose and basis. */
function auditRead(request: FastifyRequest, employer: string, count: number): void {
  request.log.info(
    {
      audit: {
        who: request.principal?.subject,
        what: `signatories of ${employer} (${count} records, ID numbers masked)`,
        purpose: 'managing who may sign for the employer',
        legalBasis: 'R4.9',
      },
    },
    'personal data read',
  )
}

function multipartError(error: FastifyError): ElcError | undefined {
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return authorisationTooLarge()
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ElcError(
        'EMPLOYER_UPLOAD_INVALID',
        text(
          'Biểu mẫu tải lên không hợp lệ: gửi tối đa một tệp PDF trong trường "authorisation".',
          'The upload form is invalid: send at most one PDF in the "authorisation" field.',
        ),
        { status: 400 },
      )
    default:
      return undefined
  }
}
