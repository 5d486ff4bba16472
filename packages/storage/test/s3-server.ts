// A small S3-compatible server for tests: path-style PUT/GET/HEAD of objects in memory, every request's
// SigV4 signature checked with its own canonicalisation (not the client's code), S3-style XML errors.
import { createHash, createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TestS3Options {
  region: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
}

export interface TestS3 {
  url: string
  /** Stored objects by `bucket/key`; tests may alter them to simulate a faulty store. */
  objects: Map<string, Buffer>
  /** `METHOD path` of every request, in order. */
  log: string[]
  close(): Promise<void>
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest()

function awsEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function sendError(res: ServerResponse, status: number, code: string, message: string, head = false): void {
  res.writeHead(status, { 'content-type': 'application/xml' })
  if (head) return void res.end()
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
      `<RequestId>test</RequestId></Error>`,
  )
}

/** Returns an error [status, code, message] or undefined when the request is authentic. */
function authenticate(
  req: IncomingMessage,
  body: Buffer,
  o: TestS3Options,
): [number, string, string] | undefined {
  const auth = req.headers.authorization ?? ''
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    )
  if (!m) return [403, 'AccessDenied', 'Missing or malformed Authorization']
  const [, accessKeyId, day, region, signedHeaders, signature] = m as unknown as string[]
  if (accessKeyId !== o.accessKeyId) return [403, 'InvalidAccessKeyId', 'Unknown access key']
  if (region !== o.region) return [400, 'AuthorizationHeaderMalformed', `Region should be ${o.region}`]
  const stamp = String(req.headers['x-amz-date'] ?? '')
  const when = Date.parse(
    stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  )
  if (!Number.isFinite(when) || Math.abs(Date.now() - when) > 15 * 60_000 || stamp.slice(0, 8) !== day) {
    return [403, 'RequestTimeTooSkewed', 'Request time differs too much from server time']
  }
  const names = (signedHeaders as string).split(';')
  if (!names.includes('host') || !names.includes('x-amz-content-sha256')) {
    return [403, 'AccessDenied', 'host and x-amz-content-sha256 must be signed']
  }
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '')
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) {
    return [400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 does not match the body']
  }
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2)
  const uri = rawPath
    .split('/')
    .map((seg) => awsEscape(decodeURIComponent(seg)))
    .join('/')
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((p) => p.split('=', 2).map((x) => awsEscape(decodeURIComponent(x ?? ''))) as [string, string?])
    .map(([k, v]) => `${k}=${v ?? ''}`)
    .sort()
    .join('&')
  const headerBlock = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('')
  const canonical = `${req.method}\n${uri}\n${query}\n${headerBlock}\n${signedHeaders}\n${payloadHash}`
  const toSign = `AWS4-HMAC-SHA256\n${stamp}\n${day}/${region}/s3/aws4_request\n${sha256(canonical)}`
  const key = hmac(
    hmac(hmac(hmac(`AWS4${o.secretAccessKey}`, day as string), region as string), 's3'),
    'aws4_request',
  )
  if (hmac(key, toSign).toString('hex') !== signature) {
    return [
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided',
    ]
  }
  return undefined
}

export async function startTestS3(options: TestS3Options): Promise<TestS3> {
  const objects = new Map<string, Buffer>()
  const log: string[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const path = (req.url ?? '/').split('?')[0] as string
      log.push(`${req.method} ${path}`)
      const head = req.method === 'HEAD'
      const failure = authenticate(req, body, options)
      if (failure) return sendError(res, ...failure, head)
      const [, bucket = '', ...keyParts] = path.split('/').map((s) => decodeURIComponent(s))
      if (bucket !== options.bucket)
        return sendError(res, 404, 'NoSuchBucket', 'The bucket does not exist', head)
      const key = `${bucket}/${keyParts.join('/')}`
      if (req.method === 'PUT') {
        const checksum = req.headers['x-amz-checksum-sha256']
        if (checksum && checksum !== createHash('sha256').update(body).digest('base64')) {
          return sendError(res, 400, 'BadDigest', 'The sha256 checksum did not match')
        }
        objects.set(key, body)
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` })
        return void res.end()
      }
      if (req.method === 'GET' || head) {
        const stored = objects.get(key)
        if (!stored) return sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.', head)
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': stored.length })
        return void res.end(head ? undefined : stored)
      }
      sendError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
