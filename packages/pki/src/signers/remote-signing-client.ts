// Client of the CA's remote signing API (ký số từ xa, R2.34, R2.36): post a digest, the subscriber approves
// (one-time code, or automatically in demos), poll for the signature. Two calls, so a signing flow can stop
// between them (two-phase signing) and pick up the signature later.
import { ElcError, text } from '@elc/core'
import { checkDigest, checkDigestAlgorithm, type DigestAlgorithm } from '../cms/digest-algorithms.ts'
import { ecdsaSignatureToDer } from '../cms/ecdsa-signature.ts'

export interface RemoteSigningEndpoint {
  /** The CA service, e.g. http://127.0.0.1:4100 (no trailing path). */
  baseUrl: string
  fetch?: typeof fetch
  /** Per HTTP call; default 10 s. */
  requestTimeoutMs?: number
}

export interface RemoteSignatureRequest extends RemoteSigningEndpoint {
  /** The certificate's serial number, hex. */
  serialNumber: string
  /** The digest to be signed (for CMS: the hash of the signed-attributes DER). */
  digest: Uint8Array
  digestAlgorithm: DigestAlgorithm
  /** What the subscriber is shown when approving. */
  description: string
  /** Where the CA posts the outcome, for callers that would rather not poll. */
  callbackUrl?: string
}

export interface RemoteSignatureRequested {
  requestId: string
  status: 'pending' | 'approved'
  expiresAt: Date
  /** The one-time code as the CA's SMS/app would deliver it (simulator only). */
  otp?: string
}

export type RemoteSignatureResult =
  | {
      status: 'approved'
      /** In CMS form: ECDSA-Sig-Value DER, or RSASSA-PSS raw. */
      signature: Uint8Array
      signatureAlgorithm: string
      /** The certificate the CA signed for, DER. */
      certificate: Uint8Array
    }
  | { status: 'pending' }
  | { status: 'rejected'; reason: string }
  | { status: 'expired' }

function unavailable(baseUrl: string, cause: unknown): ElcError {
  return new ElcError(
    'REMOTE_SIGNING_UNAVAILABLE',
    text(
      `Không kết nối được dịch vụ ký số từ xa (${baseUrl}).`,
      `The remote signing service cannot be reached (${baseUrl}).`,
    ),
    { cause, status: 503 },
  )
}

function badAnswer(what: string): ElcError {
  return new ElcError(
    'REMOTE_SIGNING_RESPONSE_INVALID',
    text(
      `Dịch vụ ký số từ xa trả lời không hợp lệ: ${what}.`,
      `Invalid answer from the remote signing service: ${what}.`,
    ),
    { status: 502 },
  )
}

async function call(
  endpoint: RemoteSigningEndpoint,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const doFetch = endpoint.fetch ?? fetch
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}${path}`
  let response: Response
  let json: unknown
  try {
    response = await doFetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(endpoint.requestTimeoutMs ?? 10_000),
    })
    json = await response.json().catch(() => undefined)
  } catch (cause) {
    throw unavailable(endpoint.baseUrl, cause)
  }
  const obj =
    json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined
  if (!response.ok) {
    // The CA's problem+json carries a stable code and both languages: pass them on.
    const messages = obj?.messages as { vi?: unknown; en?: unknown } | undefined
    if (typeof obj?.code === 'string' && typeof messages?.vi === 'string' && typeof messages.en === 'string')
      throw new ElcError(obj.code, text(messages.vi, messages.en), { status: response.status })
    if (response.status >= 500) throw unavailable(endpoint.baseUrl, new Error(`HTTP ${response.status}`))
    throw badAnswer(`HTTP ${response.status}`)
  }
  if (!obj) throw badAnswer('not a JSON object')
  return obj
}

const requestPath = (id: string) => `/remote-signing/requests/${encodeURIComponent(id)}`

export async function requestRemoteSignature(
  input: RemoteSignatureRequest,
): Promise<RemoteSignatureRequested> {
  const digestAlgorithm = checkDigestAlgorithm(input.digestAlgorithm)
  checkDigest(digestAlgorithm, input.digest)
  const body = await call(input, 'POST', '/remote-signing/requests', {
    serialNumber: input.serialNumber,
    digest: Buffer.from(input.digest).toString('base64'),
    digestAlgorithm,
    description: input.description.normalize('NFC'),
    ...(input.callbackUrl ? { callbackUrl: input.callbackUrl } : {}),
  })
  const expiresAt = new Date(String(body.expiresAt))
  if (typeof body.requestId !== 'string' || (body.status !== 'pending' && body.status !== 'approved'))
    throw badAnswer('no request id')
  return {
    requestId: body.requestId,
    status: body.status,
    expiresAt,
    ...(typeof body.otp === 'string' ? { otp: body.otp } : {}),
  }
}

export async function fetchRemoteSignature(
  input: RemoteSigningEndpoint & { requestId: string },
): Promise<RemoteSignatureResult> {
  return resultOf(await call(input, 'GET', requestPath(input.requestId)))
}

/** The subscriber's approval with the one-time code (in production this happens in the CA's app). */
export async function approveRemoteSignature(
  input: RemoteSigningEndpoint & { requestId: string; otp: string },
): Promise<RemoteSignatureResult> {
  return resultOf(await call(input, 'POST', `${requestPath(input.requestId)}/approve`, { otp: input.otp }))
}

function resultOf(body: Record<string, unknown>): RemoteSignatureResult {
  switch (body.status) {
    case 'pending':
      return { status: 'pending' }
    case 'expired':
      return { status: 'expired' }
    case 'rejected':
      return { status: 'rejected', reason: String(body.reason ?? 'unspecified') }
    case 'approved': {
      const { signature, signatureAlgorithm, certificatePem } = body
      if (
        typeof signature !== 'string' ||
        typeof signatureAlgorithm !== 'string' ||
        typeof certificatePem !== 'string'
      )
        throw badAnswer('approved without a signature')
      const raw = new Uint8Array(Buffer.from(signature, 'base64'))
      return {
        status: 'approved',
        signature: signatureAlgorithm.toLowerCase().startsWith('ecdsa') ? ecdsaSignatureToDer(raw) : raw,
        signatureAlgorithm,
        certificate: pemToDer(certificatePem),
      }
    }
    default:
      throw badAnswer(`status ${String(body.status)}`)
  }
}

function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
  return new Uint8Array(Buffer.from(b64, 'base64'))
}

export interface RemoteBatchRequest extends RemoteSigningEndpoint {
  serialNumber: string
  digestAlgorithm: DigestAlgorithm
  /** At most 5,000, all of one algorithm. */
  digests: Uint8Array[]
  /** What the subscriber is shown when approving the whole batch. */
  description: string
}

export interface RemoteBatchRequested {
  batchId: string
  status: 'pending' | 'approved'
  expiresAt: Date
  /** The one-time code as the CA's SMS/app would deliver it (simulator only). */
  otp?: string
}

export type RemoteBatchResult =
  | {
      status: 'approved'
      /** One per digest, in the order they were sent; in CMS form as for a single request. */
      signatures: Uint8Array[]
      signatureAlgorithm: string
      certificate: Uint8Array
    }
  | { status: 'pending' }
  | { status: 'rejected'; reason: string }
  | { status: 'expired' }

const batchPath = (id: string) => `/remote-signing/batches/${encodeURIComponent(id)}`

/** One remote signing request for many digests: the subscriber approves them all with one code (R2.36). */
export async function requestRemoteSignatureBatch(input: RemoteBatchRequest): Promise<RemoteBatchRequested> {
  const digestAlgorithm = checkDigestAlgorithm(input.digestAlgorithm)
  for (const digest of input.digests) checkDigest(digestAlgorithm, digest)
  const body = await call({ requestTimeoutMs: 60_000, ...input }, 'POST', '/remote-signing/batches', {
    serialNumber: input.serialNumber,
    digestAlgorithm,
    digests: input.digests.map((d) => Buffer.from(d).toString('base64')),
    description: input.description.normalize('NFC'),
  })
  if (typeof body.batchId !== 'string' || (body.status !== 'pending' && body.status !== 'approved'))
    throw badAnswer('no batch id')
  return {
    batchId: body.batchId,
    status: body.status,
    expiresAt: new Date(String(body.expiresAt)),
    ...(typeof body.otp === 'string' ? { otp: body.otp } : {}),
  }
}

export async function fetchRemoteSignatureBatch(
  input: RemoteSigningEndpoint & { batchId: string },
): Promise<RemoteBatchResult> {
  return batchResultOf(await call({ requestTimeoutMs: 60_000, ...input }, 'GET', batchPath(input.batchId)))
}

/** The subscriber's approval of the whole batch (the CA signs every digest before it answers). */
export async function approveRemoteSignatureBatch(
  input: RemoteSigningEndpoint & { batchId: string; otp: string },
): Promise<RemoteBatchResult> {
  return batchResultOf(
    await call({ requestTimeoutMs: 300_000, ...input }, 'POST', `${batchPath(input.batchId)}/approve`, {
      otp: input.otp,
    }),
  )
}

function batchResultOf(body: Record<string, unknown>): RemoteBatchResult {
  if (body.status !== 'approved') {
    const single = resultOf(body)
    if (single.status === 'approved') throw badAnswer('approved without signatures')
    return single
  }
  const { signatures, signatureAlgorithm, certificatePem } = body
  if (
    !Array.isArray(signatures) ||
    !signatures.every((s) => typeof s === 'string') ||
    typeof signatureAlgorithm !== 'string' ||
    typeof certificatePem !== 'string'
  )
    throw badAnswer('approved without signatures')
  const ecdsa = signatureAlgorithm.toLowerCase().startsWith('ecdsa')
  return {
    status: 'approved',
    signatures: signatures.map((s: string) => {
      const raw = new Uint8Array(Buffer.from(s, 'base64'))
      return ecdsa ? ecdsaSignatureToDer(raw) : raw
    }),
    signatureAlgorithm,
    certificate: pemToDer(certificatePem),
  }
}
