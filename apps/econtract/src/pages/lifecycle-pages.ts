// Lifecycle documents of an issued contract (D9, R1.30): annex, amendment, suspension (Art 30, R4.17) and
// termination (Arts 34–37, R4.19–R4.25), drafted by HR with live labor-code findings. The draft is then
// sent and signed on the document's own page, by the parties signers.ts names. Routes stay thin: the
// rules are the services' and packages/core's; a contract of someone else answers 404.
import { ElcError, type Employer, type Text, text, vietnamDateOf } from '@elc/core'
import type { BlobStore } from '@elc/storage'
import type { Principal } from '@elc/web-auth'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type DocumentsService, documentNotFound } from '../contracts/index.ts'
import type { Employee } from '../employees/index.ts'
import { conversionPages } from './conversion-pages.ts'
import {
  anchoredFindings,
  isLifecycleKind,
  type LifecycleKind,
  lifecycleFromForm,
  withParentFacts,
} from './lifecycle-fields.ts'
import { lifecycleForm, lifecycleTitle } from './lifecycle-form.ts'
import {
  type FormBody,
  field,
  HR,
  htmlErrors,
  type IssuedContract,
  issuedContract,
  sendPage,
  ticked,
  wantsHtml,
} from './lifecycle-http.ts'
import { LIFECYCLE_SCRIPT } from './lifecycle-script.ts'

export interface LifecyclePagesDeps {
  documents: DocumentsService
  /** Where a paper contract's scan is kept (content-addressed). */
  blobs: BlobStore
  employees: {
    listByEmployer(taxCode: string): Promise<Employee[]>
    get(taxCode: string, id: string): Promise<Employee | undefined>
  }
  /** The employer block of a converted paper contract (as for a new contract). */
  employerFor(taxCode: string, on: string): Promise<Employer>
  /** The system named in the conversion log (R1.21); the eContract's name by default. */
  systemName?: string
  now?: () => Date
}

type IdParams = { Params: { id: string } }

/** Registers the lifecycle pages and the paper-conversion pages. */
export function lifecyclePages(app: FastifyInstance, deps: LifecyclePagesDeps): void {
  app.register(async (scope) => {
    htmlErrors(scope)
    const today = () => vietnamDateOf(deps.now?.() ?? new Date())

    const kindOf = (value: unknown): LifecycleKind => {
      if (isLifecycleKind(value)) return value
      throw new ElcError(
        'LIFECYCLE_KIND_UNKNOWN',
        text(
          'Chọn loại văn bản: phụ lục, sửa đổi bổ sung, tạm hoãn hoặc chấm dứt.',
          'Choose the kind of document: annex, amendment, suspension or termination.',
        ),
        { status: 422 },
      )
    }

    /** The document a request describes: `{ data }` from an API client, else the form's fields. */
    const dataOf = (kind: LifecycleKind, body: FormBody, parent: IssuedContract) => {
      if (body.data && typeof body.data === 'object' && !Array.isArray(body.data)) {
        const data = body.data as Record<string, unknown>
        if (data.kind !== kind) kindOf(undefined)
        return withParentFacts(data, parent)
      }
      return lifecycleFromForm(kind, body, parent)
    }

    const bodyKind = (body: FormBody) =>
      kindOf(
        body.data && typeof body.data === 'object'
          ? (body.data as { kind?: unknown }).kind
          : field(body, 'kind'),
      )

    const formPage = (
      request: FastifyRequest,
      reply: FastifyReply,
      o: {
        kind: LifecycleKind
        action: string
        parent: IssuedContract
        data: Record<string, unknown>
        problem?: Text
        acknowledgeWarnings?: boolean
        status?: number
        heading: Text
      },
    ) => {
      const csrf = reply.csrfToken()
      return sendPage(
        request,
        reply,
        o.heading,
        lifecycleForm({
          kind: o.kind,
          action: o.action,
          findingsUrl: `/documents/${o.parent.id}/lifecycle/findings`,
          csrf,
          parent: o.parent,
          data: o.data,
          findings: deps.documents.findings(o.data),
          ...(o.problem ? { problem: o.problem } : {}),
          ...(o.acknowledgeWarnings ? { acknowledgeWarnings: true } : {}),
        }),
        { script: LIFECYCLE_SCRIPT, csrf, ...(o.status ? { status: o.status } : {}) },
      )
    }

    // :id is the issued contract.
    scope.get<IdParams & { Querystring: { kind?: string } }>(
      '/documents/:id/lifecycle/new',
      HR,
      async (request, reply) => {
        const principal = request.principal as Principal
        const kind = kindOf(request.query.kind)
        const parent = await issuedContract(deps.documents, principal, request.params.id)
        const data = lifecycleFromForm(kind, { '/concludedOn': today() }, parent)
        if (!wantsHtml(request))
          return reply.header('cache-control', 'no-store').send({
            kind,
            parent: { id: parent.id, contractId: parent.contractId },
            data,
            findings: deps.documents.findings(data),
          })
        const title = lifecycleTitle(kind)
        return formPage(request, reply, {
          kind,
          action: `/documents/${parent.id}/lifecycle`,
          parent,
          data,
          heading: { vi: `Lập ${title.vi.toLowerCase()}`, en: `New ${title.en.toLowerCase()}` },
        })
      },
    )

    // Form fields (as the page's script posts them) or `{ data }` in, findings out; nothing stored.
    scope.post<IdParams & { Body: FormBody }>(
      '/documents/:id/lifecycle/findings',
      HR,
      async (request, reply) => {
        const body = (request.body ?? {}) as FormBody
        const parent = await issuedContract(deps.documents, request.principal as Principal, request.params.id)
        const data = dataOf(bodyKind(body), body, parent)
        return reply
          .header('cache-control', 'no-store')
          .send({ findings: anchoredFindings(deps.documents.findings(data), data) })
      },
    )

    scope.post<IdParams & { Body: FormBody }>('/documents/:id/lifecycle', HR, async (request, reply) => {
      const principal = request.principal as Principal
      const body = (request.body ?? {}) as FormBody
      const kind = bodyKind(body)
      const parent = await issuedContract(deps.documents, principal, request.params.id)
      const created = await deps.documents.createDraft(principal, {
        employerTaxCode: parent.employerTaxCode,
        data: dataOf(kind, body, parent),
        parentId: parent.id,
      })
      if (field(body, 'intent') === 'send' || body.send === true)
        return sendDraft(request, reply, created.id, ticked(body, 'acknowledgeWarnings'))
      if (!wantsHtml(request))
        return reply.code(201).header('location', `/documents/${created.id}`).send(created)
      return reply.code(303).redirect(`/documents/${created.id}/lifecycle/edit`)
    })

    /** The draft lifecycle document :id with its contract; anything else goes to the document's page. */
    const draftOf = async (principal: Principal, id: string) => {
      const view = await deps.documents.view(principal, id)
      if (view.side !== 'employer') throw documentNotFound()
      if (view.status !== 'draft' || !isLifecycleKind(view.kind) || !view.parentId) return undefined
      return { view, kind: view.kind, parent: await issuedContract(deps.documents, principal, view.parentId) }
    }

    const editPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      o: { problem?: Text; acknowledgeWarnings?: boolean; status?: number } = {},
    ) => {
      const draft = await draftOf(request.principal as Principal, id)
      if (!draft) return reply.redirect(`/documents/${id}`)
      const title = lifecycleTitle(draft.kind)
      return formPage(request, reply, {
        kind: draft.kind,
        action: `/documents/${id}/lifecycle/edit`,
        parent: draft.parent,
        data: draft.view.data,
        heading: { vi: `Sửa ${title.vi.toLowerCase()}`, en: `Edit the ${title.en.toLowerCase()}` },
        ...o,
      })
    }

    // :id is the draft lifecycle document.
    scope.get<IdParams>('/documents/:id/lifecycle/edit', HR, async (request, reply) => {
      if (!wantsHtml(request)) {
        const draft = await draftOf(request.principal as Principal, request.params.id)
        if (!draft) return reply.redirect(`/documents/${request.params.id}`)
        return reply.header('cache-control', 'no-store').send({
          id: draft.view.id,
          kind: draft.kind,
          data: draft.view.data,
          findings: anchoredFindings(draft.view.findings, draft.view.data),
        })
      }
      return editPage(request, reply, request.params.id)
    })

    scope.post<IdParams & { Body: FormBody }>('/documents/:id/lifecycle/edit', HR, async (request, reply) => {
      const principal = request.principal as Principal
      const body = (request.body ?? {}) as FormBody
      const draft = await draftOf(principal, request.params.id)
      if (!draft)
        throw new ElcError(
          'DOCUMENT_NOT_DRAFT',
          text('Văn bản không còn ở trạng thái dự thảo.', 'The document is no longer a draft.'),
          { status: 409 },
        )
      // The kind is the draft's: a posted form cannot turn an annex into a termination.
      const data = dataOf(draft.kind, { ...body, kind: draft.kind }, draft.parent)
      const findings = await deps.documents.updateDraft(principal, draft.view.id, data)
      if (field(body, 'intent') === 'send' || body.send === true)
        return sendDraft(request, reply, draft.view.id, ticked(body, 'acknowledgeWarnings'))
      if (!wantsHtml(request))
        return reply.send({ id: draft.view.id, findings: anchoredFindings(findings, data) })
      return reply.code(303).redirect(`/documents/${draft.view.id}/lifecycle/edit`)
    })

    /** Sends; errors or unconfirmed warnings show the form again with the refusal (no script needed). */
    const sendDraft = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      acknowledgeWarnings: boolean,
    ) => {
      const principal = request.principal as Principal
      try {
        await deps.documents.send(principal, id, { acknowledgeWarnings })
      } catch (e) {
        if (
          wantsHtml(request) &&
          e instanceof ElcError &&
          (e.code === 'DOCUMENT_HAS_ERRORS' || e.code === 'DOCUMENT_WARNINGS_UNCONFIRMED')
        )
          return editPage(request, reply, id, { problem: e.text, acknowledgeWarnings, status: e.status })
        throw e
      }
      if (!wantsHtml(request)) {
        const view = await deps.documents.view(principal, id)
        return reply.send({ id, status: view.status, nextParty: view.nextParty })
      }
      return reply.code(303).redirect(`/documents/${id}`)
    }
  })
  conversionPages(app, deps)
}
