// Test helpers: a fetch-driven "browser" that keeps cookies and follows the provider's interaction pages.
import { createHash, randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { expect } from 'vitest'

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export class Browser {
  private readonly cookies = new Map<string, string>()

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {}
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (cookie) headers.cookie = cookie
    let body: string | undefined
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(init.form).toString()
    }
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = (pair ?? '').indexOf('=')
      const name = (pair ?? '').slice(0, eq).trim()
      const value = (pair ?? '').slice(eq + 1).trim()
      const expired = attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()))
      if (expired || !value) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }

  /** Follows 3xx answers (relative or absolute) until a page, or a redirect that leaves `origin`. */
  async follow(response: Response, origin: string): Promise<Response> {
    let current = response
    while (current.status >= 300 && current.status < 400) {
      const location = current.headers.get('location')
      if (!location) return current
      const next = new URL(location, current.url || origin)
      if (next.origin !== origin) return current
      await current.body?.cancel()
      current = await this.request(next.href)
    }
    return current
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** The form action of a page, resolved against the base URL. */
export function formAction(html: string, base: string, endsWith: string): string {
  const actions = [...html.matchAll(/action="([^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
  const action = actions.find((a) => a.endsWith(endsWith))
  expect(action, `form ending in ${endsWith}`).toBeDefined()
  return new URL(action as string, base).href
}

export function otpOf(html: string): string {
  const match = /<output class="otp" id="otp">(\d{6})<\/output>/.exec(html)
  expect(match, 'one-time code on the page').not.toBeNull()
  return (match as RegExpExecArray)[1] as string
}

export function basic(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s)
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`
}

export interface TestClient {
  client_id: string
  client_secret: string
}

export const TEST_REDIRECT_URI = 'https://rp.example/callback'

/** Authorization request URL at the simulator `base` (PKCE parameters are the caller's). */
export function authorizeUrl(base: string, client: TestClient, params: Record<string, string>): string {
  const url = new URL(`${base}/vneid/auth`)
  url.search = new URLSearchParams({
    client_id: client.client_id,
    response_type: 'code',
    redirect_uri: TEST_REDIRECT_URI,
    scope: 'openid profile address personal_id',
    state: 'st-123',
    nonce: 'n-456',
    ...params,
  }).toString()
  return url.href
}

/** Runs the browser through sign-in (level 2 unless told), consent, and answers the relying party's redirect. */
export async function signIn(
  base: string,
  browser: Browser,
  client: TestClient,
  loginId: string,
  opts: { level2?: boolean; scope?: string; password: string },
): Promise<{ redirect: URL; verifier: string }> {
  const { verifier, challenge } = pkcePair()
  const start = await browser.request(
    authorizeUrl(base, client, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(opts.level2 === false ? {} : { acr_values: 'vneid:level2' }),
      ...(opts.scope ? { scope: opts.scope } : {}),
    }),
  )
  const loginPage = await browser.follow(start, base)
  expect(loginPage.status).toBe(200)
  const loginHtml = await loginPage.text()
  expect(loginHtml).toContain('Đăng nhập bằng tài khoản định danh điện tử')
  let page = await browser.request(formAction(loginHtml, base, '/login'), {
    form: { loginId, password: opts.password },
  })
  if (opts.level2 !== false) {
    expect(page.status).toBe(200)
    const otpHtml = await page.text()
    page = await browser.request(formAction(otpHtml, base, '/otp'), { form: { code: otpOf(otpHtml) } })
  }
  page = await browser.follow(page, base)
  if (page.status === 200) {
    const consentHtml = await page.text()
    expect(consentHtml).toContain('Đồng ý chia sẻ thông tin')
    page = await browser.follow(
      await browser.request(formAction(consentHtml, base, '/confirm'), { form: {} }),
      base,
    )
  }
  expect(page.status).toBe(303)
  return { redirect: new URL(page.headers.get('location') as string), verifier }
}

export function exchangeCode(
  base: string,
  client: TestClient,
  code: string,
  verifier: string,
): Promise<Response> {
  return fetch(`${base}/vneid/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(client.client_id, client.client_secret),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: TEST_REDIRECT_URI,
      code_verifier: verifier,
    }).toString(),
  })
}

/** A JSON answer as the assertions read it; the assertions are its type check. */
// biome-ignore lint/suspicious/noExplicitAny: the shape is what the test asserts
export type Json = any
export const asJson = (value: unknown): Json => value
