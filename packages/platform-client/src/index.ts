// The Platform's provider API for an eContract system: typed from the Platform's OpenAPI document
// (schema.ts), with helpers for the submission flow that turn every error answer into a PlatformError.
import createClient from 'openapi-fetch'
import type { components, paths } from './schema.ts'

export type { components, paths } from './schema.ts'

type Schemas = components['schemas']
export type Submission = Schemas['Submission']
export type SubmissionRequest = Schemas['SubmissionRequest']
export type SubmissionReceipt = Schemas['SubmissionReceipt']
export type Verification = Schemas['Verification']
export type Problem = Schemas['Problem']
export type Text = Schemas['Text']

/** An error answer of the Platform (RFC 9457): its stable code, the rule it enforces and its vi/en text. */
export class PlatformError extends Error {
  readonly status: number
  readonly code: string
  readonly ruleId: string | undefined
  readonly messages: Text
  readonly problem: Problem

  constructor(problem: Problem) {
    super(`${problem.code}: ${problem.messages.en}`)
    this.name = 'PlatformError'
    this.problem = problem
    this.status = problem.status
    this.code = problem.code
    this.ruleId = problem.ruleId
    this.messages = problem.messages
  }

  get vi(): string {
    return this.messages.vi
  }

  get en(): string {
    return this.messages.en
  }
}

export interface PlatformClientOptions {
  /** The Platform's URL, e.g. https://nentang-hdld.gov.vn */
  baseUrl: string
  /** A current access token from /oauth/token (client credentials, private_key_jwt); called per request. */
  getToken: () => string | Promise<string>
  fetch?: typeof globalThis.fetch
}

export interface SubmitInput {
  kind: SubmissionRequest['kind']
  data: SubmissionRequest['data']
  /** The signed PDF: its bytes, or already base64. */
  pdf: Uint8Array | string
  /** The contract a lifecycle document belongs to (R1.30). */
  parentContractId?: string
  /** Sending again with the same key and body is safe: the Platform answers the first submission. */
  idempotencyKey: string
}

export type PlatformClient = ReturnType<typeof createPlatformClient>

export function createPlatformClient(options: PlatformClientOptions) {
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const auth = async () => ({ authorization: `Bearer ${await options.getToken()}` })

  const client = {
    /** Every operation of the document, typed, for what the helpers do not cover. */
    api,

    /** POST /v1/submissions: accepted (status 'accepted'), or the earlier answer on a replayed key. */
    async submit(input: SubmitInput): Promise<Submission> {
      const { data, error, response } = await api.POST('/v1/submissions', {
        params: { header: { 'Idempotency-Key': input.idempotencyKey } },
        headers: await auth(),
        body: {
          kind: input.kind,
          data: input.data,
          pdf: typeof input.pdf === 'string' ? input.pdf : Buffer.from(input.pdf).toString('base64'),
          ...(input.parentContractId ? { parentContractId: input.parentContractId } : {}),
        },
      })
      return data ?? fail(response, error)
    },

    /** GET /v1/submissions/{id}: the submission and, once decided, its decision. */
    async submission(id: string): Promise<Submission> {
      const { data, error, response } = await api.GET('/v1/submissions/{id}', {
        params: { path: { id } },
        headers: await auth(),
      })
      return data ?? fail(response, error)
    },

    /** GET /v1/submissions/{id}/receipt: the signed decision with its ledger proof; undefined until decided. */
    async receipt(id: string): Promise<SubmissionReceipt | undefined> {
      const { data, error, response } = await api.GET('/v1/submissions/{id}/receipt', {
        params: { path: { id } },
        headers: await auth(),
      })
      if (!data) return fail(response, error)
      return 'receipt' in data ? data : undefined
    },

    /** GET /v1/verify: a contract's ID and documents, and whether `sha256` (hex) is one of them. Public. */
    async verify(contractId: string, sha256?: string): Promise<Verification> {
      const { data, error, response } = await api.GET('/v1/verify', {
        params: { query: { contractId, ...(sha256 ? { sha256 } : {}) } },
      })
      return data ?? fail(response, error)
    },

    /** Polls a submission until it is decided (R1.31 allows 24 hours; the Platform takes seconds). */
    async waitForDecision(
      id: string,
      { intervalMs = 250, timeoutMs = 60_000 }: { intervalMs?: number; timeoutMs?: number } = {},
    ): Promise<Submission> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const view = await client.submission(id)
        if (view.status === 'decided') return view
        if (Date.now() >= deadline) throw new Error(`submission ${id} not decided within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, intervalMs))
      }
    },
  }
  return client
}

/** Throws the answer as a PlatformError; an answer that is not problem+json (a proxy's page) gets HTTP_{status}. */
function fail(response: Response, body: unknown): never {
  if (isProblem(body)) throw new PlatformError(body)
  const status = response.status
  throw new PlatformError({
    type: `urn:elc:problem:HTTP_${status}`,
    title: `HTTP ${status}`,
    status,
    code: `HTTP_${status}`,
    messages: {
      vi: `Nền tảng trả lời HTTP ${status} ngoài dự kiến.`,
      en: `The Platform answered an unexpected HTTP ${status}.`,
    },
  })
}

function isProblem(body: unknown): body is Problem {
  const b = body as Partial<Problem> | null | undefined
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.code === 'string' &&
    typeof b.status === 'number' &&
    typeof b.messages?.vi === 'string' &&
    typeof b.messages?.en === 'string'
  )
}
