// Converting a paper contract (R1.19–R1.21): HR uploads the scan for a worker of the directory, which
// creates the paper_conversion draft with its conversion log filled from the upload; HR then enters the
// contract's contents in the contract form beside the scan, and sends it. The employer alone signs (on
// the document's page) and the Platform gives it a B ID.
import { ElcError, type Finding, SCHEMA_VERSION, text, vietnamDateOf } from '@elc/core'
import { type Access, type Principal, refuseBeforeUpload } from '@elc/web-auth'
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentNotFound } from '../contracts/index.ts'
import { toWorker } from '../employees/index.ts'
import { ECONTRACT_NAME } from '../name.ts'
import { contractForm, contractFromForm } from './contract-form.ts'
import {
  checkScan,
  MAX_SCAN_BYTES,
  type ScanType,
  scanHashOf,
  scanTooLarge,
  scanTypeOf,
  signatureRef,
} from './conversion-scan.ts'
import { conversionLogBox, uploadPage } from './conversion-views.ts'
import { FORM_SCRIPT } from './layout.ts'
import {
  employerOf,
  type FormBody,
  field,
  HR,
  htmlErrors,
  PARTIES,
  sendPage,
  ticked,
  wantsHtml,
} from './lifecycle-http.ts'
import type { LifecyclePagesDeps } from './lifecycle-pages.ts'

type IdParams = { Params: { id: string } }

interface Upload {
  fieldname: string
  bytes: Buffer
}
const uploads = new WeakMap<FastifyRequest, Upload[]>()

const TITLE = text('Chuyển đổi hợp đồng giấy', 'Paper contract conversion')

export function conversionPages(app: FastifyInstance, deps: LifecyclePagesDeps): void {
  app.register(async (scope) => {
    const now = () => deps.now?.() ?? new Date()
    const systemName = deps.systemName ?? ECONTRACT_NAME

    // A multipart body is read before the access hook runs; strangers are turned away before reading it.
    refuseBeforeUpload(scope)
    // Fields become strings on the body, so the CSRF check reads `_csrf` from the form like any other.
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_SCAN_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 4096 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const bytes = await part.toBuffer()
        uploads.set(this, [...(uploads.get(this) ?? []), { fieldname: part.fieldname, bytes }])
      },
    })
    htmlErrors(scope, multipartError)

    scope.get<{ Querystring: { employer?: string } }>(
      '/documents/conversion/new',
      HR,
      async (request, reply) => {
        const employer = employerOf(request.principal as Principal, request.query.employer)
        if (!wantsHtml(request))
          return reply.send({
            employer,
            maxScanBytes: MAX_SCAN_BYTES,
            acceptedTypes: ['application/pdf', 'image/jpeg', 'image/png'],
          })
        const csrf = reply.csrfToken()
        return sendPage(
          request,
          reply,
          TITLE,
          uploadPage(employer, await deps.employees.listByEmployer(employer), csrf),
          { csrf },
        )
      },
    )

    // multipart/form-data: _csrf, employer, employee and the file `scan`.
    scope.post('/documents/conversion', HR, async (request, reply) => {
      const principal = request.principal as Principal
      if (!request.isMultipart())
        throw new ElcError(
          'SCAN_UPLOAD_INVALID',
          text(
            'Gửi bản quét bằng biểu mẫu multipart/form-data, trong trường "scan".',
            'Send the scan as multipart/form-data, in the "scan" field.',
          ),
          { status: 415 },
        )
      const body = (request.body ?? {}) as FormBody
      const employer = employerOf(principal, field(body, 'employer'))
      const upload = uploads.get(request)?.find((u) => u.fieldname === 'scan')
      const type = checkScan(upload?.bytes)
      const bytes = upload?.bytes as Buffer
      const employee = await deps.employees.get(employer, field(body, 'employee'))
      if (!employee)
        throw new ElcError(
          'EMPLOYEE_NOT_FOUND',
          text('Không có nhân viên này trong danh bạ.', 'No such employee in the directory.'),
          { status: 404 },
        )
      const { sha256 } = await deps.blobs.put(bytes)
      const at = now()
      const contract = contractFromForm(
        {},
        { worker: toWorker(employee), employer: await deps.employerFor(employer, vietnamDateOf(at)) },
      )
      const created = await deps.documents.createDraft(principal, {
        employerTaxCode: employer,
        data: {
          kind: 'paper_conversion',
          schemaVersion: SCHEMA_VERSION,
          contract,
          conversion: {
            systemName,
            converterName: principal.name,
            completedAt: at.toISOString(),
            fileSizeBytes: bytes.length,
            signatureRef: signatureRef(sha256, type),
          },
        },
      })
      request.log.info(
        { document: created.id, scan: sha256, bytes: bytes.length, by: principal.subject },
        'paper contract scan uploaded',
      )
      if (!wantsHtml(request))
        return reply
          .code(201)
          .header('location', `/documents/${created.id}`)
          .send({ ...created, scan: { sha256, type, bytes: bytes.length } })
      return reply.code(303).redirect(`/documents/${created.id}/conversion/edit`)
    })

    /** The draft conversion :id; undefined when it is no longer a draft (its page shows it). */
    const draftOf = async (principal: Principal, id: string) => {
      const view = await deps.documents.view(principal, id)
      if (view.side !== 'employer') throw documentNotFound()
      if (view.kind !== 'paper_conversion' || view.status !== 'draft') return undefined
      const contract = (view.data.contract ?? {}) as Record<string, unknown>
      const conversion = (view.data.conversion ?? {}) as Record<string, unknown>
      return { view, contract, conversion }
    }

    const editPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      o: { problem?: ReturnType<typeof text>; acknowledgeWarnings?: boolean; status?: number } = {},
    ) => {
      const principal = request.principal as Principal
      const draft = await draftOf(principal, id)
      if (!draft) return reply.redirect(`/documents/${id}`)
      const { own, contractFindings } = splitFindings(draft.view.findings)
      const employer = String((draft.contract.employer as { taxCode?: string } | undefined)?.taxCode ?? '')
      // The live check (POST /documents/findings) rebuilds the contract around the directory's worker.
      const number = (draft.contract.worker as { idDocument?: { number?: string } } | undefined)?.idDocument
        ?.number
      const employee = (await deps.employees.listByEmployer(employer)).find(
        (e) => e.idDocument.number === number,
      )
      const scan = scanHashOf(draft.conversion.signatureRef)
      const bytes = scan ? await deps.blobs.get(scan) : undefined
      const csrf = reply.csrfToken()
      return sendPage(
        request,
        reply,
        TITLE,
        `<p><a href="/documents/${draft.view.id}">Xem trang văn bản <span class="en">/ Document page</span></a></p>
${conversionLogBox({
  documentId: draft.view.id,
  conversion: draft.conversion,
  scanType: bytes ? scanTypeOf(bytes) : undefined,
  findings: own,
})}
<h2>Nội dung hợp đồng giấy <span class="en">/ Contents of the paper contract</span></h2>
${contractForm({
  action: `/documents/${draft.view.id}/conversion/edit`,
  csrf,
  hidden: { employer, ...(employee ? { employee: employee.id } : {}) },
  data: draft.contract,
  options: { acknowledgeWarnings: o.acknowledgeWarnings ?? false },
  optionsEditable: false,
  findings: contractFindings,
  ...(o.problem ? { problem: o.problem } : {}),
})}`,
        { script: FORM_SCRIPT, csrf, ...(o.status ? { status: o.status } : {}) },
      )
    }

    scope.get<IdParams>('/documents/:id/conversion/edit', HR, async (request, reply) => {
      if (wantsHtml(request)) return editPage(request, reply, request.params.id)
      const draft = await draftOf(request.principal as Principal, request.params.id)
      if (!draft) return reply.redirect(`/documents/${request.params.id}`)
      return reply
        .header('cache-control', 'no-store')
        .send({ id: draft.view.id, data: draft.view.data, findings: draft.view.findings })
    })

    // The contract form's fields, or `{ contract }` from an API client; the parties stay the draft's.
    scope.post<IdParams & { Body: FormBody }>(
      '/documents/:id/conversion/edit',
      HR,
      async (request, reply) => {
        const principal = request.principal as Principal
        const body = (request.body ?? {}) as FormBody
        const draft = await draftOf(principal, request.params.id)
        if (!draft)
          throw new ElcError(
            'DOCUMENT_NOT_DRAFT',
            text('Văn bản không còn ở trạng thái dự thảo.', 'The document is no longer a draft.'),
            { status: 409 },
          )
        const parties = { worker: draft.contract.worker, employer: draft.contract.employer }
        const contract =
          body.contract && typeof body.contract === 'object' && !Array.isArray(body.contract)
            ? { ...(body.contract as Record<string, unknown>), ...parties }
            : contractFromForm(body, parties)
        // R1.21: the conversion is complete when its contents were last entered.
        const data = {
          ...draft.view.data,
          contract,
          conversion: { ...draft.conversion, completedAt: now().toISOString() },
        }
        const findings = await deps.documents.updateDraft(principal, draft.view.id, data)
        const acknowledgeWarnings = ticked(body, 'acknowledgeWarnings')
        if (field(body, 'intent') === 'send' || body.send === true) {
          try {
            await deps.documents.send(principal, draft.view.id, { acknowledgeWarnings })
          } catch (e) {
            if (
              wantsHtml(request) &&
              e instanceof ElcError &&
              (e.code === 'DOCUMENT_HAS_ERRORS' || e.code === 'DOCUMENT_WARNINGS_UNCONFIRMED')
            )
              return editPage(request, reply, draft.view.id, {
                problem: e.text,
                acknowledgeWarnings,
                status: e.status,
              })
            throw e
          }
          if (!wantsHtml(request)) {
            const view = await deps.documents.view(principal, draft.view.id)
            return reply.send({ id: view.id, status: view.status, nextParty: view.nextParty })
          }
          return reply.code(303).redirect(`/documents/${draft.view.id}`)
        }
        if (!wantsHtml(request)) return reply.send({ id: draft.view.id, findings })
        return reply.code(303).redirect(`/documents/${draft.view.id}/conversion/edit`)
      },
    )

    // Both sides of the converted contract may see its scan; a worker once it was sent (as for its PDF).
    scope.get<IdParams>('/documents/:id/scan', PARTIES, async (request, reply) => {
      const view = await deps.documents.view(request.principal as Principal, request.params.id)
      const sha =
        view.kind === 'paper_conversion'
          ? scanHashOf((view.data.conversion as { signatureRef?: unknown })?.signatureRef)
          : undefined
      const bytes = sha ? await deps.blobs.get(sha) : undefined
      const type: ScanType | undefined = bytes ? scanTypeOf(bytes) : undefined
      if (!bytes || !type) throw documentNotFound()
      const extension = type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'
      return reply
        .type(type)
        .header('content-disposition', `inline; filename="ban-quet-${view.id}.${extension}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; frame-ancestors 'self'")
        .send(Buffer.from(bytes))
    })
  })
}

/** The conversion log's findings, and the contract's with their paths as the contract form names them. */
function splitFindings(findings: Finding[]): { own: Finding[]; contractFindings: Finding[] } {
  const own: Finding[] = []
  const contractFindings: Finding[] = []
  for (const f of findings) {
    if (f.path === '/contract' || f.path.startsWith('/contract/'))
      contractFindings.push({ ...f, path: f.path.slice('/contract'.length) })
    else if (f.path.startsWith('/conversion')) own.push(f)
    else contractFindings.push(f)
  }
  return { own, contractFindings }
}

function multipartError(error: FastifyError): ElcError | undefined {
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return scanTooLarge()
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ElcError(
        'SCAN_UPLOAD_INVALID',
        text(
          'Biểu mẫu tải lên không hợp lệ: gửi đúng một tệp trong trường "scan".',
          'The upload form is invalid: send exactly one file in the "scan" field.',
        ),
        { status: 400 },
      )
    default:
      return undefined
  }
}
