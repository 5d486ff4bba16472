// What the lifecycle and conversion pages share: their access rules, HTML or JSON by the Accept header,
// the friendly error page, and the issued contract a lifecycle document belongs to.
import { ElcError, type Text, text } from '@elc/core'
import type { Access, Principal } from '@elc/web-auth'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type DocumentsService, documentNotFound, employerTaxCodesOf } from '../contracts/index.ts'
import { errorPage } from './document-views.ts'
import { layout, newNonce, sendHtml } from './layout.ts'

const HR_ROLES = ['hr-staff', 'employer-admin'] as const
/** HR staff or the employer's administrator at level 2 (contract contents, R1.12). */
export const HR = { config: { access: { roles: HR_ROLES, level: 2 } satisfies Access } } as const
/** Either side of a document at level 2; the services answer 404 to anyone not on it. */
export const PARTIES = {
  config: { access: { roles: ['worker', ...HR_ROLES], level: 2 } satisfies Access },
} as const

export type FormBody = Record<string, unknown>

/** Browsers ask for text/html; API clients (and tools without an Accept header) get JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  return /text\/html/.test(String(request.headers.accept ?? ''))
}

export function navOf(principal: Principal | undefined): { nav: { hr: boolean; worker: boolean } } {
  return {
    nav: {
      hr: Boolean(principal && employerTaxCodesOf(principal).length > 0 && principal.level === 2),
      worker: Boolean(principal?.grants.some((g) => g.role === 'worker')),
    },
  }
}

/** The employer the caller acts for: the one asked for if a grant names it, else the first granted. */
export function employerOf(principal: Principal, requested: unknown): string {
  const employers = employerTaxCodesOf(principal)
  const chosen =
    typeof requested === 'string' && requested ? employers.find((e) => e === requested) : employers[0]
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

/** One value of a posted field (the last, if repeated), NFC and trimmed; '' when absent. */
export function field(body: FormBody, name: string): string {
  const v = body[name]
  const one = Array.isArray(v) ? v[v.length - 1] : v
  if (one === undefined || one === null || typeof one === 'object') return ''
  return String(one).normalize('NFC').trim()
}

export function ticked(body: FormBody, name: string): boolean {
  const v = body[name]
  return v === true || ['on', 'true', '1'].includes(field(body, name))
}

export interface HtmlExtra {
  status?: number
  script?: string
  csrf?: string
}

export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  title: Text,
  body: string,
  extra: HtmlExtra = {},
): FastifyReply {
  const nonce = newNonce()
  return sendHtml(
    reply,
    layout(title, body, {
      nonce,
      ...navOf(request.principal),
      ...(extra.script ? { script: extra.script } : {}),
      ...(extra.csrf ? { csrf: extra.csrf } : {}),
    }),
    nonce,
    extra.status,
  )
}

/** A browser gets the error page (Vietnamese, then English); an API client the app's problem+json. */
export function htmlErrors(scope: FastifyInstance, translate?: (e: FastifyError) => ElcError | undefined) {
  scope.setErrorHandler((raw: FastifyError, request, reply) => {
    const error = translate?.(raw) ?? raw
    if (!wantsHtml(request)) throw error
    const known = error instanceof ElcError
    const message = known
      ? error.text
      : text('Lỗi hệ thống; vui lòng thử lại sau.', 'Internal error; please try again later.')
    if (!known) request.log.error({ err: error }, 'unhandled error')
    const status = known ? error.status : ((error as FastifyError).statusCode ?? 500)
    const id = (request.params as { id?: string } | undefined)?.id
    const back = id && /^[\w-]+$/.test(id) ? `/documents/${id}` : undefined
    const nonce = newNonce()
    return sendHtml(
      reply,
      layout(
        text('Không thực hiện được', 'That did not work'),
        errorPage(message, known ? error.code : 'INTERNAL_ERROR', known ? error.findings : undefined, back),
        { nonce, ...navOf(request.principal) },
      ),
      nonce,
      status >= 400 ? status : 500,
    )
  })
}

/** An issued contract (or converted paper contract) as seen by its employer's HR. */
export interface IssuedContract {
  id: string
  contractId: string
  title: string
  employerTaxCode: string
  /** The contract's own data (a conversion's `contract`). */
  contract: Record<string, unknown>
}

/** R1.30: lifecycle documents attach to a contract that already has its ID; others' contracts are 404. */
export async function issuedContract(
  documents: DocumentsService,
  principal: Principal,
  id: string,
): Promise<IssuedContract> {
  const view = await documents.view(principal, id)
  if (view.side !== 'employer') throw documentNotFound()
  const isContract = view.kind === 'contract' || view.kind === 'paper_conversion'
  if (!isContract || view.status !== 'issued' || !view.contractId)
    throw new ElcError(
      'LIFECYCLE_CONTRACT_NOT_ISSUED',
      text(
        'Chỉ lập phụ lục, sửa đổi, tạm hoãn hay chấm dứt cho hợp đồng đã được cấp mã định danh.',
        'Annexes, amendments, suspensions and terminations are made only for a contract with its ID.',
      ),
      { ruleId: 'R1.30', status: 409 },
    )
  const contract = (view.kind === 'paper_conversion' ? view.data.contract : view.data) as Record<
    string,
    unknown
  >
  const employer = contract.employer as { taxCode?: string } | undefined
  return {
    id: view.id,
    contractId: view.contractId,
    title: view.title,
    employerTaxCode: employer?.taxCode ?? '',
    contract,
  }
}
