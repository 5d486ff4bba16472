// Contract templates over HTTP: HTML to browsers, JSON to API clients (Accept: application/json) on the
// same routes. HR staff and the employer's administrator at level 2, for their own employer only; forms
// carry the CSRF token web-auth checks. A template that does not save comes back with its problems.
import { ElcError, type Text, text } from '@elc/core'
import type { Access, Principal } from '@elc/web-auth'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { h, layout, newNonce, sendHtml } from '../pages/layout.ts'
import {
  type FormBody,
  PICKER_SCRIPT,
  type TemplateFormView,
  templateForm,
  templateFromForm,
  templateList,
} from './template-form.ts'
import type { TemplatesService } from './templates-service.ts'

/** HR staff or the employer's administrator, signed in at level 2 (contract contents, R1.12). */
export const TEMPLATE_STAFF = {
  config: { access: { roles: ['hr-staff', 'employer-admin'], level: 2 } satisfies Access },
} as const

export interface TemplateRoutesDeps {
  templates: TemplatesService
}

type Query = { Querystring: { employer?: string; archived?: string } }
type WithId = { Params: { id: string }; Querystring: { employer?: string } }

export function templateRoutes(app: FastifyInstance, deps: TemplateRoutesDeps): void {
  const service = deps.templates
  app.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (!wantsHtml(request)) throw error // problem+json from the app's handler
      const known = error instanceof ElcError
      if (!known) request.log.error({ err: error }, 'unhandled error')
      const message = known
        ? error.text
        : text('Lỗi hệ thống; vui lòng thử lại sau.', 'Internal error; please try again later.')
      const status = known ? error.status : (error.statusCode ?? 500)
      return page(
        reply,
        text('Không thực hiện được', 'That did not work'),
        `<p class="msg error" role="alert" data-code="${known ? error.code : 'INTERNAL_ERROR'}">${h(message.vi)}<span class="en block">${h(message.en)}</span></p>
<p><a href="/templates">Mẫu hợp đồng <span class="en">/ Templates</span></a></p>`,
        { status: status >= 400 ? status : 500 },
      )
    })

    scope.get<Query>('/templates', TEMPLATE_STAFF, async (request, reply) => {
      const principal = request.principal as Principal
      const employer = service.employerOf(principal, request.query.employer)
      const archived = request.query.archived === '1' || request.query.archived === 'true'
      const templates = await service.list(principal, employer, { archived })
      reply.header('cache-control', 'no-store')
      if (!wantsHtml(request)) return reply.send({ employer, templates })
      return page(
        reply,
        text('Mẫu hợp đồng', 'Contract templates'),
        templateList(templates, { employer, csrf: reply.csrfToken(), archived }),
      )
    })

    scope.get<Query>('/templates/new', TEMPLATE_STAFF, async (request, reply) => {
      const principal = request.principal as Principal
      const employer = service.employerOf(principal, request.query.employer)
      return formPage(reply, {
        action: '/templates',
        employer,
        template: {},
        findings: [],
        readOnly: false,
      })
    })

    scope.get<WithId>('/templates/:id', TEMPLATE_STAFF, async (request, reply) => {
      const template = await service.get(request.principal as Principal, request.params.id)
      reply.header('cache-control', 'no-store')
      if (!wantsHtml(request)) return reply.send(template)
      return formPage(reply, {
        action: `/templates/${template.id}`,
        employer: template.employerTaxCode,
        template,
        findings: [],
        readOnly: template.builtIn || Boolean(template.archivedAt),
      })
    })

    scope.post<{ Body: FormBody }>('/templates', TEMPLATE_STAFF, async (request, reply) => {
      const principal = request.principal as Principal
      const body = inputOf(request)
      const employer = service.employerOf(
        principal,
        typeof body.employer === 'string' ? body.employer : undefined,
      )
      try {
        const created = await service.create(principal, employer, body)
        request.log.info({ employer, template: created.id, by: principal.subject }, 'template created')
        if (!wantsHtml(request))
          return reply.code(201).header('location', `/templates/${created.id}`).send(created)
        return reply.code(303).redirect(`/templates/${created.id}`)
      } catch (e) {
        if (!isInvalid(e) || !wantsHtml(request)) throw e
        return formPage(
          reply,
          { action: '/templates', employer, template: body, findings: e.findings ?? [], readOnly: false },
          e.status,
        )
      }
    })

    scope.post<WithId & { Body: FormBody }>('/templates/:id', TEMPLATE_STAFF, async (request, reply) => {
      const principal = request.principal as Principal
      const body = inputOf(request)
      try {
        const updated = await service.update(principal, request.params.id, body)
        request.log.info({ template: updated.id, by: principal.subject }, 'template updated')
        if (!wantsHtml(request)) return reply.send(updated)
        return reply.code(303).redirect(`/templates/${updated.id}`)
      } catch (e) {
        if (!isInvalid(e) || !wantsHtml(request)) throw e
        const current = await service.get(principal, request.params.id)
        return formPage(
          reply,
          {
            action: `/templates/${current.id}`,
            employer: current.employerTaxCode,
            template: body,
            findings: e.findings ?? [],
            readOnly: false,
          },
          e.status,
        )
      }
    })

    scope.post<WithId>('/templates/:id/archive', TEMPLATE_STAFF, async (request, reply) => {
      const principal = request.principal as Principal
      const archived = await service.archive(principal, request.params.id)
      request.log.info({ template: archived.id, by: principal.subject }, 'template archived')
      if (!wantsHtml(request)) return reply.send(archived)
      return reply.code(303).redirect(`/templates?employer=${encodeURIComponent(archived.employerTaxCode)}`)
    })
  })
}

function formPage(reply: FastifyReply, view: Omit<TemplateFormView, 'csrf'>, status = 200) {
  const title: Text =
    view.action === '/templates'
      ? text('Tạo mẫu hợp đồng', 'New contract template')
      : text('Mẫu hợp đồng', 'Contract template')
  return page(
    reply,
    title,
    `<p><a href="/templates?employer=${encodeURIComponent(view.employer)}">Danh sách mẫu <span class="en">/ All templates</span></a></p>${templateForm({ ...view, csrf: reply.csrfToken() })}`,
    {
      status,
      script: PICKER_SCRIPT,
    },
  )
}

function page(reply: FastifyReply, title: Text, body: string, o: { status?: number; script?: string } = {}) {
  const nonce = newNonce()
  return sendHtml(
    reply,
    layout(title, body, {
      nonce,
      nav: { hr: true, worker: false },
      ...(o.script ? { script: o.script } : {}),
    }),
    nonce,
    o.status,
  )
}

/** A form post becomes the template's JSON shape; a JSON body is taken as it is. */
function inputOf(request: FastifyRequest): FormBody {
  const body = (request.body ?? {}) as FormBody
  const form = /application\/x-www-form-urlencoded|multipart\/form-data/.test(
    String(request.headers['content-type']),
  )
  if (!form) return body
  return { ...templateFromForm(body), employer: body.employer }
}

function isInvalid(e: unknown): e is ElcError {
  return e instanceof ElcError && e.code === 'TEMPLATE_INVALID'
}

function wantsHtml(request: FastifyRequest): boolean {
  return /text\/html/.test(String(request.headers.accept ?? ''))
}
