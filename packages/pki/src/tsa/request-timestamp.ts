// RFC 3161 client over HTTP (§3.4): one query with a fresh nonce and certReq, and the reply checked
// before its token is used: status granted, the imprint and nonce echoed, a TSTInfo inside.
import { randomBytes } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import {
  children,
  compareBytes,
  octetString,
  oid,
  readSingle,
  sequence,
  TAG,
  type Tlv,
  tlv,
  unsignedInteger,
} from '../cms/der.ts'
import {
  checkDigest,
  checkDigestAlgorithm,
  type DigestAlgorithm,
  digestAlgorithmIdentifier,
} from '../cms/digest-algorithms.ts'
import { timestampTokenInfo } from './timestamp-token-info.ts'

export interface TimestampRequest {
  url: string
  /** The digest to stamp (for PAdES B-T: of the SignerInfo's signature value). */
  digest: Uint8Array
  digestAlgorithm: DigestAlgorithm
  fetch?: typeof fetch
  /** A TSA policy OID to ask for; the token must then carry it. */
  reqPolicy?: string
  /** Default 10 s. */
  timeoutMs?: number
}

/** PKIFailureInfo bit names (RFC 3161 §2.4.2). */
const FAILURES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
}

function unavailable(url: string, why: string, cause?: unknown): ElcError {
  return new ElcError(
    'TSA_UNAVAILABLE',
    text(
      `Không lấy được dấu thời gian từ ${url}: ${why}.`,
      `The timestamp authority at ${url} cannot be reached: ${why}.`,
    ),
    { cause, status: 503 },
  )
}

function refused(url: string, why: string): ElcError {
  return new ElcError(
    'TSA_REFUSED',
    text(
      `Máy chủ dấu thời gian ${url} từ chối yêu cầu: ${why}.`,
      `The timestamp authority at ${url} refused the request: ${why}.`,
    ),
    { status: 502 },
  )
}

function invalidResponse(url: string, why: string, cause?: unknown): ElcError {
  return new ElcError(
    'TSA_RESPONSE_INVALID',
    text(
      `Trả lời của máy chủ dấu thời gian ${url} không hợp lệ: ${why}.`,
      `Invalid response from the timestamp authority at ${url}: ${why}.`,
    ),
    { cause, status: 502 },
  )
}

export function timestampQuery(input: {
  digest: Uint8Array
  digestAlgorithm: DigestAlgorithm
  nonce: Uint8Array
  reqPolicy?: string
}): Uint8Array {
  return sequence(
    unsignedInteger(Uint8Array.of(1)),
    sequence(digestAlgorithmIdentifier(input.digestAlgorithm), octetString(input.digest)),
    ...(input.reqPolicy ? [oid(input.reqPolicy)] : []),
    unsignedInteger(input.nonce),
    tlv(0x01, Uint8Array.of(0xff)),
  )
}

function failureNames(bits: Tlv | undefined): string[] {
  if (bits?.tag !== 0x03) return []
  const names: string[] = []
  for (let i = 0; i < (bits.content.length - 1) * 8; i++)
    if (((bits.content[1 + (i >> 3)] as number) >> (7 - (i & 7))) & 1) names.push(FAILURES[i] ?? `bit ${i}`)
  return names
}

function statusText(strings: Tlv | undefined): string[] {
  if (strings?.tag !== TAG.sequence) return []
  return children(strings).map((s) => new TextDecoder().decode(s.content))
}

function integerValue(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
}

export async function requestTimestamp(input: TimestampRequest): Promise<Uint8Array> {
  const digestAlgorithm = checkDigestAlgorithm(input.digestAlgorithm)
  checkDigest(digestAlgorithm, input.digest)
  const nonce = randomBytes(8)
  const query = timestampQuery({
    digest: input.digest,
    digestAlgorithm,
    nonce,
    ...(input.reqPolicy ? { reqPolicy: input.reqPolicy } : {}),
  })
  const doFetch = input.fetch ?? fetch
  let response: Response
  let body: Uint8Array
  try {
    response = await doFetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: query,
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    })
    body = new Uint8Array(await response.arrayBuffer())
  } catch (cause) {
    throw unavailable(
      input.url,
      cause instanceof Error && cause.name === 'TimeoutError' ? 'timed out' : 'connection failed',
      cause,
    )
  }
  if (response.status >= 500 || response.status === 429)
    throw unavailable(input.url, `HTTP ${response.status}`)
  if (!response.ok) throw refused(input.url, `HTTP ${response.status}`)
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (contentType !== 'application/timestamp-reply')
    throw invalidResponse(input.url, `content type ${contentType ?? 'missing'}`)

  let statusInfo: Tlv[]
  let token: Tlv | undefined
  try {
    const resp = readSingle(body)
    if (resp.tag !== TAG.sequence) throw new Error('not a SEQUENCE')
    const parts = children(resp)
    if (parts[0]?.tag !== TAG.sequence) throw new Error('no PKIStatusInfo')
    statusInfo = children(parts[0])
    token = parts[1]
    if (statusInfo[0]?.tag !== TAG.integer) throw new Error('no PKIStatus')
  } catch (cause) {
    throw invalidResponse(input.url, 'not a TimeStampResp', cause)
  }
  const status = Number(integerValue((statusInfo[0] as Tlv).content))
  // 0 granted, 1 grantedWithMods; 2 rejection, 3 waiting, 4/5 revocation warning/notification.
  if (status !== 0 && status !== 1) {
    const rest = statusInfo.slice(1)
    const why = [
      `PKIStatus ${status}`,
      ...failureNames(rest.find((t) => t.tag === 0x03)),
      ...statusText(rest.find((t) => t.tag === TAG.sequence)),
    ].join(', ')
    throw refused(input.url, why)
  }
  if (!token) throw invalidResponse(input.url, 'granted without a token')
  let info: ReturnType<typeof timestampTokenInfo>
  try {
    info = timestampTokenInfo(token.raw)
  } catch (cause) {
    throw invalidResponse(input.url, 'the token cannot be read', cause)
  }
  if (
    info.imprint.digestAlgorithm !== digestAlgorithm ||
    compareBytes(info.imprint.digest, input.digest) !== 0
  )
    throw invalidResponse(input.url, 'the token stamps a different digest')
  if (info.nonce === undefined || BigInt(`0x${info.nonce}`) !== integerValue(nonce))
    throw invalidResponse(input.url, 'the nonce is not echoed')
  if (input.reqPolicy && info.policy !== input.reqPolicy)
    throw invalidResponse(input.url, `policy ${info.policy} instead of ${input.reqPolicy}`)
  // The token's own bytes: re-encoding would break the TSA's signature.
  return new Uint8Array(token.raw)
}
