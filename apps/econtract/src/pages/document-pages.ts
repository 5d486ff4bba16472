// The eContract's document pages for HR staff and workers: HTML to browsers, JSON to API clients on the
// same routes. Routes stay thin: every rule (whose document, whose turn, level 2, consent, read before
// signing) is the services' (R1.12, R5.11, R6.6); a document of someone else answers 404.
import { ElcError, type Employer, type Finding, type Text, text, vietnamDateOf } from '@elc/core'
import { type Access, type Principal, refuseBeforeUpload } from '@elc/web-auth'
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type DocumentsService,
  type DocumentView,
  employerTaxCodesOf,
  type SigningService,
} from '../contracts/index.ts'
import { type Employee, toWorker } from '../employees/index.ts'
import { resolveDraftClauses, type TemplatesService } from '../templates/index.ts'
import { contractForm, contractFromForm, type FormFields, optionsFromForm } from './contract-form.ts'
import { detailPage, errorPage, hrListPage, otpPage, signedPage, workerListPage } from './document-views.ts'
import { FORM_SCRIPT, layout, newNonce, sendHtml } from './layout.ts'

export interface DocumentPagesDeps {
  documents: DocumentsService
  signing: SigningService
  employees: {
    listByEmployer(taxCode: string): Promise<Employee[]>
    get(taxCode: string, id: string): Promise<Employee | undefined>
  }
  /** The employer block of a new contract (EmployersService.contractEmployer with the chosen signatory). */
  employerFor(taxCode: string, on: string): Promise<Employer>
  /** The employer's contract templates: the new-draft form offers them and applies the one chosen. */
  templates?: Pick<TemplatesService, 'pickable' | 'apply'>
  /** The ACR of a level 2 sign-in, to say "level 2" in the history. */
  level2Acr?: string
  now?: () => Date
}

const HR_ROLES = ['hr-staff', 'employer-admin'] as const
/** HR staff or the employer's administrator at level 2 (contract contents, R1.12). */
const HR = { config: { access: { roles: HR_ROLES, level: 2 } satisfies Access } } as const
/** Either side of a document at level 2; the services answer 404 to anyone not on it. */
const PARTIES = {
  config: { access: { roles: ['worker', ...HR_ROLES], level: 2 } satisfies Access },
} as const
const WORKER = { config: { access: { roles: ['worker'], level: 2 } satisfies Access } } as const

type IdParams = { Params: { id: string } }

/** A PKCS#12 file holds a key and a few certificates: a few KiB; anything far larger is not one. */
export const MAX_PKCS12_BYTES = 256 * 1024
/** The uploaded file of a request, kept only while it is handled. */
const p12Uploads = new WeakMap<FastifyRequest, Uint8Array>()

export function documentPages(app: FastifyInstance, deps: DocumentPagesDeps): void {
  app.register(async (scope) => {
    const today = () => vietnamDateOf(deps.now?.() ?? new Date())
    const level2Acr = deps.level2Acr ?? 'vneid:level2'

    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (!wantsHtml(request)) throw error // problem+json from the app's handler
      const known = error instanceof ElcError
      const message = known
        ? error.text
        : text('Lỗi hệ thống; vui lòng thử lại sau.', 'Internal error; please try again later.')
      if (!known) request.log.error({ err: error }, 'unhandled error')
      const nonce = newNonce()
      const status = known ? error.status : (error.statusCode ?? 500)
      return sendHtml(
        reply,
        layout(
          text('Không thực hiện được', 'That did not work'),
          errorPage(
            message,
            known ? error.code : 'INTERNAL_ERROR',
            known ? error.findings : undefined,
            backOf(request),
          ),
          { nonce, ...navOf(request.principal) },
        ),
        nonce,
        status >= 400 ? status : 500,
      )
    })

    const html = (
      request: FastifyRequest,
      reply: FastifyReply,
      title: Text,
      body: string,
      extra: { status?: number; refreshSeconds?: number; script?: string; csrf?: string } = {},
    ) => {
      const nonce = newNonce()
      return sendHtml(
        reply,
        layout(title, body, {
          nonce,
          ...navOf(request.principal),
          ...(extra.refreshSeconds ? { refreshSeconds: extra.refreshSeconds } : {}),
          ...(extra.script ? { script: extra.script } : {}),
          ...(extra.csrf ? { csrf: extra.csrf } : {}),
        }),
        nonce,
        extra.status,
      )
    }

    /** The worker and employer blocks of a new draft: the directory entry and the employer's profile. */
    const partiesFor = async (employer: string, employeeId: string) => {
      const employee = await deps.employees.get(employer, employeeId)
      if (!employee)
        throw new ElcError(
          'EMPLOYEE_NOT_FOUND',
          text('Không có nhân viên này trong danh bạ.', 'No such employee in the directory.'),
          { status: 404 },
        )
      return { worker: toWorker(employee), employer: await deps.employerFor(employer, today()) }
    }

    // ---- HR: the list and the form -------------------------------------------------------------------

    scope.get<{ Querystring: { status?: string; employer?: string } }>(
      '/documents',
      HR,
      async (request, reply) => {
        const principal = request.principal as Principal
        const employer = employerOf(principal, request.query.employer)
        const docs = await deps.documents.listForEmployer(principal, employer)
        if (!wantsHtml(request))
          return reply.header('cache-control', 'no-store').send({ employer, documents: docs })
        const employees = await deps.employees.listByEmployer(employer)
        return html(
          request,
          reply,
          text('Văn bản hợp đồng', 'Contract documents'),
          hrListPage(docs, request.query.status, employees, employer),
        )
      },
    )

    scope.get<{ Querystring: { employee?: string; employer?: string; template?: string; start?: string } }>(
      '/documents/new',
      HR,
      async (request, reply) => {
        const principal = request.principal as Principal
        const employer = employerOf(principal, request.query.employer)
        if (!request.query.employee)
          return reply.redirect(`/documents?employer=${encodeURIComponent(employer)}`)
        const parties = await partiesFor(employer, request.query.employee)
        let data = { ...contractFromForm({ '/concludedOn': today() }, parties) }
        // A template fills its defaults and its clauses; a merge field with no value yet is a warning (R4.6).
        const start = /^\d{4}-\d{2}-\d{2}$/.test(request.query.start ?? '') ? request.query.start : undefined
        const applied =
          request.query.template && deps.templates
            ? await deps.templates.apply(principal, employer, request.query.template, data, {
                ...(start ? { startDate: start } : {}),
              })
            : undefined
        if (applied) data = applied.data
        const findings = [...deps.documents.findings(data), ...(applied?.findings ?? [])]
        const selected = applied ? { id: applied.template.id, name: applied.template.name } : undefined
        if (!wantsHtml(request))
          return reply.send({ data, findings, ...(selected ? { template: selected } : {}) })
        const templates = deps.templates
          ? {
              employer,
              employee: request.query.employee,
              choices: await deps.templates.pickable(principal, employer),
              ...(selected ? { selected } : {}),
              ...(start ? { startDate: start } : {}),
            }
          : undefined
        const csrf = reply.csrfToken()
        return html(
          request,
          reply,
          text('Soạn hợp đồng lao động', 'Draft a labor contract'),
          contractForm({
            action: '/documents',
            csrf,
            hidden: { employer, employee: request.query.employee },
            data,
            options: {},
            optionsEditable: true,
            findings,
            ...(templates ? { templates } : {}),
          }),
          { script: FORM_SCRIPT, csrf },
        )
      },
    )

    // JSON in, findings out; nothing stored. Form fields (as the page's script posts them) or `{ data }`.
    scope.post<{ Body: FormFields }>('/documents/findings', HR, async (request, reply) => {
      const principal = request.principal as Principal
      const body = (request.body ?? {}) as FormFields
      const data = await dataOfBody(principal, body)
      return reply
        .header('cache-control', 'no-store')
        .send({ findings: [...deps.documents.findings(data), ...resolveDraftClauses(data).findings] })
    })

    const dataOfBody = async (principal: Principal, body: FormFields): Promise<Record<string, unknown>> => {
      if (body.data && typeof body.data === 'object') return body.data as Record<string, unknown>
      // A merge field left in a clause (its value was missing when the template was applied) is resolved
      // once the form has the value; a value is never read as a field again.
      if (typeof body.document === 'string' && body.document) {
        const view = await deps.documents.view(principal, body.document)
        return resolveDraftClauses(
          contractFromForm(body, { worker: view.data.worker, employer: view.data.employer }),
        ).data
      }
      const employer = employerOf(principal, typeof body.employer === 'string' ? body.employer : undefined)
      return resolveDraftClauses(
        contractFromForm(body, await partiesFor(employer, String(body.employee ?? ''))),
      ).data
    }

    scope.post<{ Body: FormFields }>('/documents', HR, async (request, reply) => {
      const principal = request.principal as Principal
      const body = (request.body ?? {}) as FormFields
      const employer = employerOf(principal, typeof body.employer === 'string' ? body.employer : undefined)
      const data = await dataOfBody(principal, body)
      const options = optionsFromForm(body)
      const created = await deps.documents.createDraft(principal, {
        employerTaxCode: employer,
        data,
        signingOrder: options.signingOrder,
        ...(options.agreedEffectiveDate ? { agreedEffectiveDate: options.agreedEffectiveDate } : {}),
      })
      if (body.intent === 'send' || (!wantsHtml(request) && body.send === true))
        return sendDraft(request, reply, created.id, options.acknowledgeWarnings, true)
      if (!wantsHtml(request))
        return reply.code(201).header('location', `/documents/${created.id}`).send(created)
      return reply.code(303).redirect(`/documents/${created.id}/edit`)
    })

    scope.get<IdParams>('/documents/:id/edit', HR, async (request, reply) => {
      const principal = request.principal as Principal
      const view = await deps.documents.view(principal, request.params.id)
      if (view.side !== 'employer' || view.status !== 'draft') return reply.redirect(`/documents/${view.id}`)
      // Lifecycle documents and conversions have forms of their own (lifecycle-pages.ts, conversion-pages.ts).
      if (view.kind === 'paper_conversion') return reply.redirect(`/documents/${view.id}/conversion/edit`)
      if (view.kind !== 'contract') return reply.redirect(`/documents/${view.id}/lifecycle/edit`)
      return editForm(request, reply, view, {})
    })

    const editForm = (
      request: FastifyRequest,
      reply: FastifyReply,
      view: DocumentView,
      o: { problem?: Text; acknowledgeWarnings?: boolean; findings?: Finding[] },
      status = 200,
    ) => {
      const csrf = reply.csrfToken()
      return html(
        request,
        reply,
        text('Sửa bản nháp hợp đồng', 'Edit the draft contract'),
        `<p><a href="/documents/${view.id}">Xem trang văn bản <span class="en">/ Document page</span></a></p>${contractForm(
          {
            action: `/documents/${view.id}`,
            csrf,
            hidden: { document: view.id },
            data: view.data,
            options: {
              signingOrder: view.signingOrder,
              ...(view.agreedEffectiveDate ? { agreedEffectiveDate: view.agreedEffectiveDate } : {}),
              acknowledgeWarnings: o.acknowledgeWarnings ?? false,
            },
            optionsEditable: false,
            findings: [...(o.findings ?? view.findings), ...resolveDraftClauses(view.data).findings],
            ...(o.problem ? { problem: o.problem } : {}),
          },
        )}`,
        { script: FORM_SCRIPT, csrf, status },
      )
    }

    scope.post<IdParams & { Body: FormFields }>('/documents/:id', HR, async (request, reply) => {
      const principal = request.principal as Principal
      const body = (request.body ?? {}) as FormFields
      const current = await deps.documents.view(principal, request.params.id)
      const data =
        body.data && typeof body.data === 'object'
          ? (body.data as Record<string, unknown>)
          : resolveDraftClauses(
              contractFromForm(body, { worker: current.data.worker, employer: current.data.employer }),
            ).data
      const findings = await deps.documents.updateDraft(principal, current.id, data)
      const options = optionsFromForm(body)
      if (body.intent === 'send')
        return sendDraft(request, reply, current.id, options.acknowledgeWarnings, true)
      if (!wantsHtml(request)) return reply.send({ id: current.id, findings })
      return reply.code(303).redirect(`/documents/${current.id}/edit`)
    })

    /** Sends; a refusal for errors or unconfirmed warnings shows the form again with them (no JS needed). */
    const sendDraft = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      acknowledgeWarnings: boolean,
      fromForm: boolean,
    ) => {
      const principal = request.principal as Principal
      try {
        await deps.documents.send(principal, id, { acknowledgeWarnings })
      } catch (e) {
        if (
          fromForm &&
          wantsHtml(request) &&
          e instanceof ElcError &&
          (e.code === 'DOCUMENT_HAS_ERRORS' || e.code === 'DOCUMENT_WARNINGS_UNCONFIRMED')
        ) {
          const view = await deps.documents.view(principal, id)
          return editForm(request, reply, view, { problem: e.text }, e.status)
        }
        throw e
      }
      if (!wantsHtml(request)) {
        const view = await deps.documents.view(principal, id)
        return reply.send({ id, status: view.status, nextParty: view.nextParty })
      }
      return reply.code(303).redirect(`/documents/${id}`)
    }

    scope.post<IdParams & { Body: FormFields }>('/documents/:id/send', HR, async (request, reply) => {
      const body = (request.body ?? {}) as FormFields
      const ack = body.acknowledgeWarnings === true || optionsFromForm(body).acknowledgeWarnings
      return sendDraft(request, reply, request.params.id, ack, true)
    })

    scope.post<IdParams>('/documents/:id/cancel', HR, async (request, reply) => {
      await deps.documents.cancel(request.principal as Principal, request.params.id)
      if (!wantsHtml(request)) return reply.send({ id: request.params.id, status: 'cancelled' })
      return reply.code(303).redirect(`/documents/${request.params.id}`)
    })

    // ---- Both sides: the document, its PDF, signing ---------------------------------------------------

    scope.get<IdParams>('/documents/:id', PARTIES, async (request, reply) => {
      const principal = request.principal as Principal
      const view = await deps.documents.view(principal, request.params.id)
      const viewed = view.history.some((e) => e.type === 'viewed' && e.actor === principal.subject)
      const canSign = view.status === 'signing' && view.nextParty === view.side
      if (!wantsHtml(request))
        return reply
          .header('cache-control', 'no-store')
          .send({ ...view, canSign, mustOpenPdfFirst: canSign && view.side === 'worker' && !viewed })
      const csrf = reply.csrfToken()
      return html(
        request,
        reply,
        text(view.title, view.title),
        detailPage(view, { csrf, viewed, level2Acr, subject: principal.subject }),
        {
          script: FORM_SCRIPT,
          ...(view.status === 'signed' ? { refreshSeconds: 10 } : {}),
        },
      )
    })

    scope.get<IdParams & { Querystring: { download?: string } }>(
      '/documents/:id/pdf',
      PARTIES,
      async (request, reply) => {
        const { bytes, fileName } = await deps.documents.pdf(
          request.principal as Principal,
          request.params.id,
        )
        const disposition = request.query.download ? 'attachment' : 'inline'
        return reply
          .type('application/pdf')
          .header('content-disposition', `${disposition}; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "frame-ancestors 'self'")
          .send(Buffer.from(bytes))
      },
    )

    scope.post<IdParams & { Body: FormFields }>('/documents/:id/sign', PARTIES, async (request, reply) => {
      const principal = request.principal as Principal
      const body = (request.body ?? {}) as FormFields
      const consent = body.consent === true || ['on', 'true', '1'].includes(String(body.consent ?? ''))
      const started = await deps.signing.start(principal, request.params.id, { consent })
      if (!wantsHtml(request)) return reply.code(201).send(started)
      const view = await deps.documents.view(principal, request.params.id)
      return html(
        request,
        reply,
        text('Nhập mã xác nhận để ký', 'Enter the code to sign'),
        otpPage({
          documentId: view.id,
          title: view.title,
          ...started,
          csrf: reply.csrfToken(),
        }),
      )
    })

    scope.post<{ Params: { id: string; signatureId: string }; Body: FormFields }>(
      '/documents/:id/sign/:signatureId',
      PARTIES,
      async (request, reply) => {
        const principal = request.principal as Principal
        const body = (request.body ?? {}) as FormFields
        const otp = String(body.otp ?? '').replace(/\s/g, '')
        let result: { completed: boolean }
        try {
          result = await deps.signing.confirm(principal, request.params.signatureId, otp)
        } catch (e) {
          // A wrong code: the same request can take another try, on the same page.
          if (wantsHtml(request) && e instanceof ElcError && /OTP/.test(e.code)) {
            const view = await deps.documents.view(principal, request.params.id)
            return html(
              request,
              reply,
              text('Nhập mã xác nhận để ký', 'Enter the code to sign'),
              otpPage({
                documentId: view.id,
                title: view.title,
                signatureId: request.params.signatureId,
                expiresAt: String(body.expiresAt ?? ''),
                ...(typeof body.simulatedOtp === 'string' && body.simulatedOtp
                  ? { simulatedOtp: body.simulatedOtp }
                  : {}),
                csrf: reply.csrfToken(),
                problem: e.text,
              }),
              { status: e.status },
            )
          }
          throw e
        }
        if (!wantsHtml(request)) return reply.send(result)
        return html(request, reply, text('Đã ký', 'Signed'), signedPage(request.params.id, result.completed))
      },
    )

    // The employer's own PKCS#12 file instead of the CA's remote signing: a multipart form of its own scope.
    scope.register(async (upload) => {
      // A multipart body is read before the access hook runs; strangers are turned away before reading it.
      refuseBeforeUpload(upload)
      // Fields become strings on the body, so the CSRF check reads `_csrf` from the form like any other.
      await upload.register(fastifyMultipart, {
        attachFieldsToBody: 'keyValues',
        limits: { fileSize: MAX_PKCS12_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 4096 },
        async onFile(this: FastifyRequest, part: MultipartFile) {
          let bytes: Buffer
          try {
            bytes = await part.toBuffer()
          } catch (cause) {
            throw new ElcError(
              'PKCS12_FILE_TOO_LARGE',
              text(
                `Tệp chứng thư số quá lớn; tối đa ${MAX_PKCS12_BYTES} byte.`,
                `The certificate file is too large; the limit is ${MAX_PKCS12_BYTES} bytes.`,
              ),
              { status: 413, cause },
            )
          }
          if (part.fieldname === 'file') p12Uploads.set(this, new Uint8Array(bytes))
        },
      })

      upload.post<IdParams & { Body: FormFields }>(
        '/documents/:id/sign-pkcs12',
        HR,
        async (request, reply) => {
          const principal = request.principal as Principal
          const body = (request.body ?? {}) as FormFields
          const p12 = p12Uploads.get(request)
          p12Uploads.delete(request)
          if (!p12 || p12.byteLength === 0)
            throw new ElcError(
              'PKCS12_FILE_MISSING',
              text(
                'Chưa chọn tệp chứng thư số (.p12/.pfx): gửi tệp trong trường "file" của biểu mẫu multipart/form-data.',
                'No certificate file (.p12/.pfx): send it in the "file" field of a multipart/form-data form.',
              ),
              { status: 422 },
            )
          const consent = ['on', 'true', '1'].includes(String(body.consent ?? ''))
          const password = typeof body.password === 'string' ? body.password : ''
          const result = await deps.signing.signWithPkcs12(principal, request.params.id, {
            p12,
            password,
            consent,
          })
          if (!wantsHtml(request)) return reply.send(result)
          return html(
            request,
            reply,
            text('Đã ký', 'Signed'),
            signedPage(request.params.id, result.completed),
          )
        },
      )
    })

    // ---- The worker's own list ------------------------------------------------------------------------

    scope.get('/me/documents', WORKER, async (request, reply) => {
      const docs = await deps.documents.listForWorker(request.principal as Principal)
      const waiting = docs.filter((d) => d.status === 'signing' && d.nextParty === 'worker')
      if (!wantsHtml(request))
        return reply.header('cache-control', 'no-store').send({
          waiting,
          others: docs.filter((d) => !waiting.includes(d)),
        })
      return html(request, reply, text('Hợp đồng của tôi', 'My contracts'), workerListPage(docs))
    })
  })
}

/** Browsers ask for text/html; API clients (and tools without an Accept header) get JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  return /text\/html/.test(String(request.headers.accept ?? ''))
}

function navOf(principal: Principal | undefined): { nav: { hr: boolean; worker: boolean } } {
  return {
    nav: {
      hr: Boolean(principal && employerTaxCodesOf(principal).length > 0 && principal.level === 2),
      worker: Boolean(principal?.grants.some((g) => g.role === 'worker')),
    },
  }
}

function backOf(request: FastifyRequest): string | undefined {
  const id = (request.params as { id?: string } | undefined)?.id
  return id && /^[\w-]+$/.test(id) ? `/documents/${id}` : undefined
}

/** The employer the caller acts for: the one asked for if a grant names it, else the first granted. */
function employerOf(principal: Principal, requested: string | undefined): string {
  const employers = employerTaxCodesOf(principal)
  const chosen = requested ? employers.find((e) => e === requested) : employers[0]
  if (!chosen)
    throw new ElcError(
      'DOCUMENT_EMPLOYER_FORBIDDEN',
      text(
        'Bạn chỉ soạn văn bản cho người sử dụng lao động mình được phân quyền.',
        'You draft documents only for an employer you were granted.',
      ),
      { status: 403 },
    )
  return chosen
}
