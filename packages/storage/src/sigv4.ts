// AWS Signature Version 4 for S3-compatible stores, from the published algorithm: canonical request →
// string to sign → HMAC chain over date, region and service. Kept small so the vectors in the tests cover it.
import { createHash, createHmac } from 'node:crypto'

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

export interface SigV4Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface SigV4Request {
  method: string
  url: URL
  /** Extra headers to sign and send (names in any case). */
  headers?: Record<string, string>
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string
  region: string
  service?: string
  credentials: SigV4Credentials
  date?: Date
}

/** RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - . _ ~ stay literal. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte)
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) out += c
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** S3 signs the path as sent, each segment encoded once; callers build URLs from encoded segments. */
function canonicalUri(url: URL): string {
  const path = url.pathname || '/'
  return path
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/')
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams].map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request')
}

export interface SignedRequest {
  /** Every header to send, lower-case names, Authorization included. */
  headers: Record<string, string>
  canonicalRequest: string
  stringToSign: string
  signature: string
}

export function signRequest(request: SigV4Request): SignedRequest {
  const service = request.service ?? 's3'
  const stamp = amzDate(request.date ?? new Date())
  const day = stamp.slice(0, 8)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value
  headers.host = request.url.host
  headers['x-amz-date'] = stamp
  headers['x-amz-content-sha256'] = request.payloadHash
  if (request.credentials.sessionToken) headers['x-amz-security-token'] = request.credentials.sessionToken

  const names = Object.keys(headers).sort()
  const canonicalHeaders = names
    .map((n) => `${n}:${(headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('')
  const signedHeaders = names.join(';')
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.url),
    canonicalQuery(request.url),
    canonicalHeaders,
    signedHeaders,
    request.payloadHash,
  ].join('\n')
  const scope = `${day}/${request.region}/${service}/aws4_request`
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    stamp,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n')
  const signature = createHmac(
    'sha256',
    signingKey(request.credentials.secretAccessKey, day, request.region, service),
  )
    .update(stringToSign, 'utf8')
    .digest('hex')
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${request.credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`
  return { headers, canonicalRequest, stringToSign, signature }
}
