// Revocation status of one certificate (R2.26, R2.27): embedded OCSP responses and CRLs first (the DSS),
// then the CA's OCSP responder (AIA) and CRL (distribution point) online. OCSP answers and CRLs are cached
// until their nextUpdate; a source that failed is not asked again for a short while.
import type { Cert } from '../trust/certificate.ts'
import { buildCertId } from './cert-id.ts'
import { checkCrl, crlIssuedBy, crlTimes } from './crl.ts'
import { httpRequest } from './http-fetch.ts'
import { buildOcspRequest, checkOcspResponse, type StatusCheckInput } from './ocsp.ts'
import type { RevocationResult, RevocationSource } from './revocation-result.ts'

export interface RevocationCheckerOptions {
  /** Injected for tests and proxies; default the global fetch. */
  fetch?: typeof fetch
  /** Per request; default 5 s. */
  timeoutMs?: number
  /** Ask OCSP responders and fetch CRLs; default true. */
  online?: boolean
  now?: () => Date
  /** How long a failed source is left alone; default 60 s. */
  failureTtlMs?: number
  /** Lifetime of an OCSP answer without nextUpdate; default 5 min. */
  defaultTtlMs?: number
  /** CertID hash: SHA-1 is what every responder answers (RFC 5019); default '1.3.14.3.2.26'. */
  certIdHashOid?: string
}

export interface RevocationQuery {
  certificate: Cert
  issuer: Cert
  /** The time the status matters at: the signing time. */
  at: Date
  /** OCSP responses and CRLs from the document (DSS) or the CMS. */
  embedded?: { ocsps?: readonly Uint8Array[]; crls?: readonly Uint8Array[] }
  /** Which online source to ask first; default OCSP for end entities, CRL for CAs. */
  prefer?: 'ocsp' | 'crl'
}

interface Cached<T> {
  value: T
  expires: number
}

interface CheckState {
  input: StatusCheckInput
  problems: string[]
  /** The first answer that said 'unknown', reported if nothing better comes. */
  unknown: RevocationResult | undefined
}

/** A definite answer with the problems met so far; an 'unknown' one is kept aside. */
function take(state: CheckState, result: RevocationResult): RevocationResult | undefined {
  if (result.status !== 'unknown')
    return { ...result, ...(state.problems.length ? { problems: state.problems } : {}) }
  state.unknown ??= result
  return undefined
}

let embeddedAnswer: (checker: RevocationChecker, query: RevocationQuery) => RevocationResult | undefined

/**
 * What `checker.check(query)` would answer from the embedded data alone, without a promise; undefined
 * when it would need more (or `check` is someone else's).
 */
export function embeddedRevocationAnswer(
  checker: RevocationChecker,
  query: RevocationQuery,
): RevocationResult | undefined {
  return embeddedAnswer(checker, query)
}

const MAX_OCSP_BYTES = 1024 * 1024
const MAX_CRL_BYTES = 20 * 1024 * 1024

export class RevocationChecker {
  readonly #options: RevocationCheckerOptions
  readonly #ocsp = new Map<string, Cached<Promise<Uint8Array | string>>>()
  readonly #crl = new Map<string, Cached<Promise<Uint8Array | string>>>()

  constructor(options: RevocationCheckerOptions = {}) {
    this.#options = options
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date()
  }

  async check(query: RevocationQuery): Promise<RevocationResult> {
    const state = this.#begin(query)
    return this.#embedded(query, state) ?? this.#online(query, state)
  }

  static {
    embeddedAnswer = (checker, query) =>
      #options in checker && checker.check === RevocationChecker.prototype.check
        ? checker.#embedded(query, checker.#begin(query))
        : undefined
  }

  #begin(query: RevocationQuery): CheckState {
    const input: StatusCheckInput = {
      certificate: query.certificate,
      issuer: query.issuer,
      at: query.at,
      now: this.#now(),
    }
    return { input, problems: [], unknown: undefined }
  }

  /** The answer the embedded OCSP responses and CRLs give, if any does. */
  #embedded(query: RevocationQuery, state: CheckState): RevocationResult | undefined {
    const { input, problems } = state
    for (const der of query.embedded?.ocsps ?? []) {
      const r = this.#fromOcsp(der, input, 'embedded-ocsp', problems)
      const done = r && take(state, r)
      if (done) return done
    }
    const fromCrls: RevocationResult[] = []
    for (const der of query.embedded?.crls ?? []) {
      if (!crlIssuedBy(der, query.issuer)) continue
      const r = this.#fromCrl(der, input, 'embedded-crl', problems)
      if (r) fromCrls.push(r)
    }
    // R2.27: the latest CRL that speaks for the signing time.
    fromCrls.sort((a, b) => (b.thisUpdate?.getTime() ?? 0) - (a.thisUpdate?.getTime() ?? 0))
    const latest = fromCrls.find((r) => r.status !== 'unknown')
    if (latest) return take(state, latest) as RevocationResult
    return undefined
  }

  async #online(query: RevocationQuery, state: CheckState): Promise<RevocationResult> {
    const { input, problems } = state
    if (this.#options.online ?? true) {
      const prefer = query.prefer ?? (query.certificate.basicConstraints?.ca ? 'crl' : 'ocsp')
      const order = prefer === 'ocsp' ? (['ocsp', 'crl'] as const) : (['crl', 'ocsp'] as const)
      for (const kind of order) {
        const r =
          kind === 'ocsp' ? await this.#onlineOcsp(input, problems) : await this.#onlineCrl(input, problems)
        const done = r && take(state, r)
        if (done) return done
      }
    } else {
      problems.push('online status checks are disabled')
    }
    return state.unknown
      ? { ...state.unknown, problems }
      : { status: 'unknown', source: 'none', ...(problems.length ? { problems } : {}) }
  }

  #fromOcsp(der: Uint8Array, input: StatusCheckInput, source: RevocationSource, problems: string[]) {
    return asResult(checkOcspResponse(der, input), der, source, problems)
  }

  #fromCrl(der: Uint8Array, input: StatusCheckInput, source: RevocationSource, problems: string[]) {
    return asResult(checkCrl(der, input), der, source, problems)
  }

  async #onlineOcsp(input: StatusCheckInput, problems: string[]): Promise<RevocationResult | undefined> {
    const url = input.certificate.ocspUrls[0]
    if (!url) {
      problems.push('online-ocsp: the certificate names no OCSP responder')
      return undefined
    }
    const key = `${url} ${input.issuer.id} ${input.certificate.serialHex}`
    const body = await this.#cached(this.#ocsp, key, async () => {
      const request = buildOcspRequest(
        buildCertId(input.certificate, input.issuer, this.#options.certIdHashOid),
      )
      const der = await httpRequest(
        url,
        {
          method: 'POST',
          body: request,
          contentType: 'application/ocsp-request',
          accept: 'application/ocsp-response',
        },
        this.#http(MAX_OCSP_BYTES),
      )
      // Check before caching: a refusal or a foreign answer is a failure, kept only briefly.
      const checked = checkOcspResponse(der, { ...input, at: input.now })
      if (!checked.ok) throw new Error(checked.problem)
      return {
        value: der,
        expires: checked.nextUpdate?.getTime() ?? input.now.getTime() + this.#defaultTtl(),
      }
    })
    if (typeof body === 'string') {
      problems.push(`online-ocsp: ${body}`)
      return undefined
    }
    return this.#fromOcsp(body, input, 'online-ocsp', problems)
  }

  async #onlineCrl(input: StatusCheckInput, problems: string[]): Promise<RevocationResult | undefined> {
    const urls = input.certificate.crlUrls
    if (urls.length === 0) {
      problems.push('online-crl: the certificate names no CRL distribution point')
      return undefined
    }
    for (const url of urls) {
      const body = await this.#cached(this.#crl, url, async () => {
        const der = await httpRequest(
          url,
          { method: 'GET', accept: 'application/pkix-crl' },
          this.#http(MAX_CRL_BYTES),
        )
        const times = crlTimes(der)
        if (!times) throw new Error('malformed CRL')
        return {
          value: der,
          expires: times.nextUpdate?.getTime() ?? input.now.getTime() + this.#defaultTtl(),
        }
      })
      if (typeof body === 'string') {
        problems.push(`online-crl: ${body}`)
        continue
      }
      const r = this.#fromCrl(body, input, 'online-crl', problems)
      if (r) return r
    }
    return undefined
  }

  /** One fetch per key until it expires; concurrent callers share it. Failures come back as strings. */
  async #cached(
    map: Map<string, Cached<Promise<Uint8Array | string>>>,
    key: string,
    load: () => Promise<{ value: Uint8Array; expires: number }>,
  ): Promise<Uint8Array | string> {
    const now = this.#now().getTime()
    const hit = map.get(key)
    if (hit && hit.expires > now) return hit.value
    const entry: Cached<Promise<Uint8Array | string>> = {
      value: Promise.resolve(''),
      expires: Number.POSITIVE_INFINITY,
    }
    entry.value = load().then(
      (loaded) => {
        entry.expires = loaded.expires
        return loaded.value
      },
      (error: unknown) => {
        entry.expires = this.#now().getTime() + (this.#options.failureTtlMs ?? 60_000)
        return error instanceof Error ? error.message : String(error)
      },
    )
    if (map.size > 10_000) map.clear()
    map.set(key, entry)
    return entry.value
  }

  #http(maxBytes: number) {
    return {
      maxBytes,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      ...(this.#options.timeoutMs !== undefined ? { timeoutMs: this.#options.timeoutMs } : {}),
    }
  }

  #defaultTtl(): number {
    return this.#options.defaultTtlMs ?? 5 * 60_000
  }
}

/** An OCSP or CRL check as a result, or its problem noted; a CRL's producedAt is its thisUpdate. */
function asResult(
  r:
    | { ok: false; problem: string }
    | {
        ok: true
        status: RevocationResult['status']
        revokedAt?: Date
        reason?: string
        producedAt?: Date
        thisUpdate: Date
        nextUpdate?: Date
      },
  der: Uint8Array,
  source: RevocationSource,
  problems: string[],
): RevocationResult | undefined {
  if (!r.ok) {
    problems.push(`${source}: ${r.problem}`)
    return undefined
  }
  return {
    status: r.status,
    ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    source,
    producedAt: r.producedAt ?? r.thisUpdate,
    thisUpdate: r.thisUpdate,
    ...(r.nextUpdate ? { nextUpdate: r.nextUpdate } : {}),
    response: der,
  }
}
