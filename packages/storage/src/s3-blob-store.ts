// BlobStore over the S3 REST API (path-style URLs, so MinIO, Ceph and similar work as well as AWS).
// Integrity: S3 checks the body against the signed x-amz-content-sha256 and x-amz-checksum-sha256 on PUT,
// and every GET is checked against the key here, so a store that returns other bytes is caught.
import {
  assertBlobKey,
  assertBlobSize,
  type BlobRef,
  type BlobStore,
  DEFAULT_MAX_BLOB_BYTES,
  sha256Hex,
  shardedPath,
} from './blob-store.ts'
import { blobCorrupted, blobStoreAuthFailed, blobStoreConfigInvalid, blobStoreUnavailable } from './errors.ts'
import { EMPTY_SHA256, type SigV4Credentials, signRequest, uriEncode } from './sigv4.ts'

export interface S3BlobStoreOptions extends SigV4Credentials {
  /** Base URL of the service, e.g. `https://s3.ap-southeast-1.amazonaws.com` or `http://127.0.0.1:9000`. */
  endpoint: string
  bucket: string
  region: string
  /** Key prefix inside the bucket, e.g. `contracts/`. */
  prefix?: string
  maxBytes?: number
  fetch?: typeof fetch
  /** Per-request limit; a hung store must not hold a submission forever. */
  timeoutMs?: number
}

const AUTH_ERRORS = new Set([
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AccessDenied',
  'RequestTimeTooSkewed',
  'AuthorizationHeaderMalformed',
  'ExpiredToken',
  'InvalidToken',
])

export class S3BlobStore implements BlobStore {
  readonly maxBytes: number
  private readonly base: URL
  private readonly fetch: typeof fetch
  private readonly credentials: SigV4Credentials

  constructor(private readonly options: S3BlobStoreOptions) {
    if (!options.bucket) throw blobStoreConfigInvalid('bucket is empty')
    if (!options.region) throw blobStoreConfigInvalid('region is empty')
    if (!options.accessKeyId || !options.secretAccessKey)
      throw blobStoreConfigInvalid('credentials are missing')
    try {
      this.base = new URL(options.endpoint)
    } catch {
      throw blobStoreConfigInvalid(`endpoint is not a URL`)
    }
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:') {
      throw blobStoreConfigInvalid('endpoint must be http or https')
    }
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES
    this.fetch = options.fetch ?? globalThis.fetch
    this.credentials = {
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    }
  }

  objectUrl(sha256: string): URL {
    assertBlobKey(sha256)
    const key = `${this.options.prefix ?? ''}${shardedPath(sha256)}`
    const basePath = this.base.pathname.replace(/\/+$/, '')
    const path = [this.options.bucket, ...key.split('/')].map((s) => uriEncode(s)).join('/')
    return new URL(`${basePath}/${path}`, this.base)
  }

  async put(bytes: Uint8Array): Promise<BlobRef> {
    assertBlobSize(bytes.byteLength, this.maxBytes)
    const sha256 = sha256Hex(bytes)
    const ref = { sha256, size: bytes.byteLength }
    if (await this.has(sha256)) return ref
    const response = await this.send('PUT', this.objectUrl(sha256), sha256, bytes, {
      'content-type': 'application/octet-stream',
      'x-amz-checksum-sha256': Buffer.from(sha256, 'hex').toString('base64'),
    })
    if (!response.ok) throw await s3Error(response, 'PUT')
    return ref
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    const response = await this.send('GET', this.objectUrl(sha256), EMPTY_SHA256)
    if (response.status === 404) {
      await response.body?.cancel()
      return undefined
    }
    if (!response.ok) throw await s3Error(response, 'GET')
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await response.arrayBuffer())
    } catch (e) {
      throw blobStoreUnavailable('GET body interrupted', e)
    }
    if (sha256Hex(bytes) !== sha256) throw blobCorrupted(sha256)
    return bytes
  }

  async has(sha256: string): Promise<boolean> {
    const response = await this.send('HEAD', this.objectUrl(sha256), EMPTY_SHA256)
    await response.body?.cancel()
    if (response.status === 404) return false
    if (response.ok) return true
    throw await s3Error(response, 'HEAD')
  }

  private async send(
    method: string,
    url: URL,
    payloadHash: string,
    body?: Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const signed = signRequest({
      method,
      url,
      headers,
      payloadHash,
      region: this.options.region,
      credentials: this.credentials,
    })
    const { host: _host, ...sendHeaders } = signed.headers
    try {
      return await this.fetch(url, {
        method,
        headers: sendHeaders,
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      })
    } catch (e) {
      throw blobStoreUnavailable(`${method} failed: ${(e as Error).name}`, e)
    }
  }
}

/** Turns an S3 error answer into an ElcError; the XML <Code> names the cause (HEAD has no body, only a status). */
async function s3Error(response: Response, method: string) {
  const body = await response.text().catch(() => '')
  const code =
    /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? (response.status === 403 ? 'Forbidden' : undefined)
  const detail = `${method} ${response.status}${code ? ` ${code}` : ''}`
  if (response.status === 403 || (code && AUTH_ERRORS.has(code))) return blobStoreAuthFailed(detail)
  return blobStoreUnavailable(detail)
}
