// The eContract's connection to the Platform: configuration from the environment with clear errors; the
// private_key_jwt token source against a real Platform (fresh jti per exchange, token reused until shortly
// before expiry, refused credentials and a closed port as distinct errors); how the outbox classifies
// failures and spaces its retries.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ElcError, text } from '@elc/core'
import { type SimFixture, startSim } from '@elc/pki/testing'
import { PlatformError } from '@elc/platform-client'
import { decodeJwt, exportJWK, generateKeyPair, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyFailure, retryDelayMs } from '../src/outbox/index.ts'
import {
  connectPlatform,
  type PlatformConnectionConfig,
  platformConnectionFromEnv,
  platformTokenSource,
} from '../src/platform-connection/index.ts'
import { startTestPlatform, type TestPlatform } from './outbox-platform.ts'

let sim: SimFixture
let platform: TestPlatform
let connection: PlatformConnectionConfig
let privateJwk: JWK

beforeAll(async () => {
  sim = await startSim()
  platform = await startTestPlatform(sim)
  connection = await platform.provider('0319876543')
  privateJwk = { ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)) }
}, 120_000)

afterAll(async () => {
  await platform?.close()
  await sim?.close()
})

describe('platformConnectionFromEnv', () => {
  const env = () => ({
    ELC_ECONTRACT_PLATFORM_URL: 'https://nentang-hdld.gov.vn/',
    ELC_ECONTRACT_PLATFORM_CLIENT_ID: 'provider-1',
    ELC_ECONTRACT_PLATFORM_KEY: JSON.stringify(privateJwk),
  })

  it('reads the URL, the client id and the key as JSON or from a file', () => {
    expect(platformConnectionFromEnv(env())).toEqual({
      baseUrl: 'https://nentang-hdld.gov.vn',
      clientId: 'provider-1',
      privateKey: privateJwk,
    })
    const file = join(mkdtempSync(join(tmpdir(), 'elc-key-')), 'platform-key.jwk')
    writeFileSync(file, JSON.stringify(privateJwk))
    expect(platformConnectionFromEnv({ ...env(), ELC_ECONTRACT_PLATFORM_KEY: file }).privateKey).toEqual(
      privateJwk,
    )
    expect(
      platformConnectionFromEnv({
        ...env(),
        ELC_ECONTRACT_PLATFORM_TOKEN_AUDIENCE: 'https://nentang.gov.vn/oauth/token',
      }).audience,
    ).toBe('https://nentang.gov.vn/oauth/token')
  })

  // Table: what is wrong → the words the error must contain.
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ['URL missing', { ELC_ECONTRACT_PLATFORM_URL: undefined }, /ELC_ECONTRACT_PLATFORM_URL is not set/],
    ['URL not a URL', { ELC_ECONTRACT_PLATFORM_URL: 'nentang' }, /ELC_ECONTRACT_PLATFORM_URL is not a URL/],
    ['URL not http', { ELC_ECONTRACT_PLATFORM_URL: 'ftp://nentang.gov.vn' }, /must be an http\(s\) URL/],
    [
      'client id blank',
      { ELC_ECONTRACT_PLATFORM_CLIENT_ID: '  ' },
      /ELC_ECONTRACT_PLATFORM_CLIENT_ID is not set/,
    ],
    ['key missing', { ELC_ECONTRACT_PLATFORM_KEY: undefined }, /ELC_ECONTRACT_PLATFORM_KEY is not set/],
    [
      'key file absent',
      { ELC_ECONTRACT_PLATFORM_KEY: '/nonexistent/key.jwk' },
      /Cannot read the key file.*ENOENT/,
    ],
    ['key not JSON', { ELC_ECONTRACT_PLATFORM_KEY: '{not json' }, /not a valid JWK/],
    ['key RSA', { ELC_ECONTRACT_PLATFORM_KEY: '{"kty":"RSA","n":"x","e":"AQAB"}' }, /EC P-256 \(ES256\)/],
    [
      'key public only',
      { ELC_ECONTRACT_PLATFORM_KEY: '{"kty":"EC","crv":"P-256","x":"a","y":"b"}' },
      /must be a private key/,
    ],
  ]
  it.each(cases)('%s', (_name, change, message) => {
    const e = (() => {
      try {
        platformConnectionFromEnv({ ...env(), ...change })
      } catch (err) {
        return err
      }
    })()
    expect(e).toBeInstanceOf(ElcError)
    expect(e).toMatchObject({ code: 'PLATFORM_CONFIG_INVALID', message })
    expect((e as ElcError).text.vi.length).toBeGreaterThan(0)
  })
})

describe('platformTokenSource against the Platform', () => {
  it('signs a fresh assertion per exchange and reuses the token until shortly before it expires', async () => {
    const assertions: string[] = []
    const fetchSpy: typeof fetch = async (input, init) => {
      const body = new URLSearchParams(String(init?.body))
      assertions.push(body.get('client_assertion') as string)
      return fetch(input, init)
    }
    let clock = Date.now()
    // A short assertion, so one signed by the advanced clock still passes the Platform's 300 s limit.
    const tokens = platformTokenSource(connection, {
      fetch: fetchSpy,
      now: () => new Date(clock),
      assertionTtlS: 20,
    })
    const [a, b] = await Promise.all([tokens.getToken(), tokens.getToken()])
    expect(a).toBe(b)
    expect(await tokens.getToken()).toBe(a)
    expect(assertions).toHaveLength(1)
    const claims = decodeJwt(assertions[0] as string)
    expect(claims).toMatchObject({
      iss: connection.clientId,
      sub: connection.clientId,
      aud: 'http://platform.test/oauth/token',
    })
    expect((claims.exp as number) - (claims.iat as number)).toBe(20)
    // The Platform's tokens live 300 s; renewed 30 s before.
    clock += 269_000
    expect(await tokens.getToken()).toBe(a)
    clock += 2_000
    const renewed = await tokens.getToken()
    expect(assertions).toHaveLength(2)
    expect(decodeJwt(assertions[1] as string).jti).not.toBe(claims.jti)
    tokens.invalidate()
    await tokens.getToken()
    expect(assertions).toHaveLength(3)
    expect(new Set(assertions.map((x) => decodeJwt(x).jti)).size).toBe(3)
    // The token works for the provider API.
    const { client } = connectPlatform(connection)
    await expect(client.submission('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'SUBMISSION_NOT_FOUND',
    })
    expect(renewed).toBeTruthy()
  })

  it('a key the Platform does not hold is PLATFORM_AUTH_FAILED; a closed port is PLATFORM_UNREACHABLE', async () => {
    await expect(
      platformTokenSource({ ...connection, privateKey: { ...privateJwk, kid: 'unknown' } }).getToken(),
    ).rejects.toMatchObject({ code: 'PLATFORM_AUTH_FAILED', ruleId: 'R1.34', status: 401 })
    await expect(
      platformTokenSource({ ...connection, baseUrl: 'http://127.0.0.1:9' }).getToken(),
    ).rejects.toMatchObject({ code: 'PLATFORM_UNREACHABLE', status: 503 })
    const unwell: typeof fetch = async () => new Response('<html>Bad gateway</html>', { status: 502 })
    await expect(platformTokenSource(connection, { fetch: unwell }).getToken()).rejects.toMatchObject({
      code: 'PLATFORM_UNAVAILABLE',
    })
  })
})

describe('outbox failure handling', () => {
  const problem = (status: number, code: string) =>
    new PlatformError({
      type: `urn:elc:problem:${code}`,
      title: code,
      status,
      code,
      messages: text(`vi ${code}`, `en ${code}`),
    })

  // Table: the error → what the outbox does with the row.
  const cases: [string, unknown, 'transient' | 'auth' | 'permanent'][] = [
    ['network error', new TypeError('fetch failed'), 'transient'],
    ['503 while the Platform closes', problem(503, 'HTTP_503'), 'transient'],
    ['500', problem(500, 'INTERNAL'), 'transient'],
    ['429 rate limited', problem(429, 'RATE_LIMITED'), 'transient'],
    ['408 timeout', problem(408, 'HTTP_408'), 'transient'],
    ['401 token refused', problem(401, 'AUTH_TOKEN_REQUIRED'), 'auth'],
    ['403 scope missing', problem(403, 'AUTH_FORBIDDEN'), 'auth'],
    ['token endpoint refused', new ElcError('PLATFORM_AUTH_FAILED', text('a', 'b')), 'auth'],
    ['token endpoint unreachable', new ElcError('PLATFORM_UNREACHABLE', text('a', 'b')), 'transient'],
    ['422 unknown parent', problem(422, 'SUBMISSION_PARENT_UNKNOWN'), 'permanent'],
    ['409 key reused', problem(409, 'SUBMISSION_IDEMPOTENCY_CONFLICT'), 'permanent'],
    ['400 not a PDF', problem(400, 'SUBMISSION_NOT_A_PDF'), 'permanent'],
    ['PDF gone from the store', new ElcError('OUTBOX_PDF_MISSING', text('a', 'b')), 'permanent'],
  ]
  it.each(cases)('%s', (_name, err, kind) => {
    const classified = classifyFailure(err)
    expect(classified.kind).toBe(kind)
    expect(classified.error.code).toBeTruthy()
    expect(classified.error.vi).toBeTruthy()
    expect(classified.error.en).toBeTruthy()
  })

  it('backs off exponentially up to the cap, spread by the jitter', () => {
    const opts = { baseMs: 1_000, maxMs: 300_000, jitter: 0.2 }
    expect([1, 2, 3, 4, 9, 10, 20].map((n) => retryDelayMs(n, opts, () => 0.5))).toEqual([
      1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000,
    ])
    expect(retryDelayMs(3, opts, () => 0)).toBe(3_200)
    expect(retryDelayMs(3, opts, () => 1)).toBe(4_800)
  })
})
