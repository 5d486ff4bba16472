// Bounded HTTP for status information (R2.32: RFC 2585 and RFC 6960 over HTTP): a timeout, a size cap,
// http(s) only. The fetch function is injected so tests can count and fail requests.

export interface HttpOptions {
  fetch?: typeof fetch
  timeoutMs?: number
  maxBytes?: number
}

export async function httpRequest(
  url: string,
  init: { method: 'GET' | 'POST'; body?: Uint8Array; contentType?: string; accept: string },
  options: HttpOptions = {},
): Promise<Uint8Array> {
  if (!/^https?:\/\//i.test(url)) throw new Error(`unsupported URL scheme: ${url}`)
  const doFetch = options.fetch ?? fetch
  const response = await doFetch(url, {
    method: init.method,
    headers: { accept: init.accept, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
    ...(init.body ? { body: init.body } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
  })
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`)
  const max = options.maxBytes ?? 1024 * 1024
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > max) throw new Error(`response from ${url} is larger than ${max} bytes`)
  const body = new Uint8Array(await response.arrayBuffer())
  if (body.byteLength > max) throw new Error(`response from ${url} is larger than ${max} bytes`)
  return body
}
