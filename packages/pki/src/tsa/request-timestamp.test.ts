import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTsaService, systemClock } from '@elc/sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCredential, openssl, toPem } from '../cms/testing/test-certificates.ts'
import * as x509 from '../cms/x509.ts'
import { requestTimestamp } from './request-timestamp.ts'
import { timestampTokenInfo } from './timestamp-token-info.ts'

// The simulator's TSA engine behind a plain HTTP server whose paths misbehave on purpose.
const POLICY = '2.999.84.1.1'
let server: Server
let base: string
let dir: string
let firstReply: Buffer | undefined
const data = new TextEncoder().encode('chữ ký cần dấu thời gian')
const sha256 = createHash('sha256').update(data).digest()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elc-pki-tsa-'))
  const root = await makeCredential('P-256', 'CN=Root thử nghiệm')
  const tsa = await makeCredential('P-256', 'CN=TSA thử nghiệm', root, [
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
  ])
  await writeFile(join(dir, 'root.pem'), toPem([root.der]))
  await writeFile(join(dir, 'tsa.pem'), toPem([tsa.der]))
  await writeFile(join(dir, 'data.bin'), data)
  const answer = createTsaService({
    signer: { certificate: tsa.der, privateKey: tsa.privateKey, chain: [root.der] },
    policyOid: POLICY,
    accuracy: { seconds: 1 },
    clock: systemClock,
  })
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const reply = Buffer.from(await answer(new Uint8Array(Buffer.concat(chunks))))
    const send = (status: number, type: string, body: Uint8Array | string) =>
      res.writeHead(status, { 'content-type': type }).end(body)
    switch (req.url) {
      case '/tsa':
        return send(200, 'application/timestamp-reply', reply)
      case '/garbage':
        return send(200, 'application/timestamp-reply', 'this is not DER')
      case '/html':
        return send(200, 'text/html; charset=utf-8', '<h1>proxy login</h1>')
      case '/error':
        return send(503, 'text/plain', 'maintenance')
      case '/replay':
        firstReply ??= reply
        return send(200, 'application/timestamp-reply', firstReply)
      case '/hang':
        return undefined
      default:
        return send(404, 'text/plain', 'not found')
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server?.closeAllConnections()
  server?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('requestTimestamp', () => {
  it('gets a token whose TSTInfo echoes the imprint and nonce, and openssl ts verifies it', async () => {
    const before = Date.now()
    const token = await requestTimestamp({
      url: `${base}/tsa`,
      digest: sha256,
      digestAlgorithm: 'SHA-256',
      reqPolicy: POLICY,
    })
    const info = timestampTokenInfo(token)
    expect(info.policy).toBe(POLICY)
    expect(info.imprint.digestAlgorithm).toBe('SHA-256')
    expect(Buffer.from(info.imprint.digest)).toEqual(sha256)
    expect(info.nonce).toMatch(/^[0-9a-f]+$/)
    expect(info.serialNumber).toMatch(/^[0-9a-f]+$/)
    expect(info.accuracy).toEqual({ seconds: 1, millis: 0, micros: 0 })
    expect(info.genTime.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(info.genTime.getTime()).toBeLessThanOrEqual(Date.now() + 1000)

    await writeFile(join(dir, 'token.der'), token)
    const verified = await openssl(
      'ts',
      '-verify',
      '-in',
      join(dir, 'token.der'),
      '-token_in',
      '-data',
      join(dir, 'data.bin'),
      '-CAfile',
      join(dir, 'root.pem'),
      '-untrusted',
      join(dir, 'tsa.pem'),
    )
    expect(verified.out).toContain('Verification: OK')
  })

  it('stamps SHA-384 and SHA-512 digests too', async () => {
    for (const [algorithm, node] of [
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ] as const) {
      const digest = createHash(node).update(data).digest()
      const info = timestampTokenInfo(
        await requestTimestamp({ url: `${base}/tsa`, digest, digestAlgorithm: algorithm }),
      )
      expect(info.imprint.digestAlgorithm).toBe(algorithm)
      expect(Buffer.from(info.imprint.digest)).toEqual(digest)
    }
  })

  it('reports a TSA that is down, overloaded or silent as TSA_UNAVAILABLE', async () => {
    const closed = createServer()
    closed.listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const port = (closed.address() as AddressInfo).port
    closed.close()
    await once(closed, 'close')
    for (const [url, timeoutMs] of [
      [`http://127.0.0.1:${port}/tsa`, 5000],
      [`${base}/error`, 5000],
      [`${base}/hang`, 300],
    ] as const)
      await expect(
        requestTimestamp({ url, digest: sha256, digestAlgorithm: 'SHA-256', timeoutMs }),
      ).rejects.toMatchObject({
        code: 'TSA_UNAVAILABLE',
        status: 503,
      })
  })

  it('reports a rejection with its PKIFailureInfo as TSA_REFUSED', async () => {
    const refused = requestTimestamp({
      url: `${base}/tsa`,
      digest: sha256,
      digestAlgorithm: 'SHA-256',
      reqPolicy: '1.2.3.4',
    })
    await expect(refused).rejects.toMatchObject({ code: 'TSA_REFUSED' })
    await expect(refused).rejects.toThrow(/unacceptedPolicy/)
    await expect(
      requestTimestamp({ url: `${base}/nowhere`, digest: sha256, digestAlgorithm: 'SHA-256' }),
    ).rejects.toMatchObject({
      code: 'TSA_REFUSED',
    })
  })

  it('reports garbage, a wrong content type and a replayed reply as TSA_RESPONSE_INVALID', async () => {
    const call = (path: string, digest: Uint8Array = sha256) =>
      requestTimestamp({ url: `${base}${path}`, digest, digestAlgorithm: 'SHA-256' })
    await expect(call('/garbage')).rejects.toMatchObject({ code: 'TSA_RESPONSE_INVALID' })
    await expect(call('/html')).rejects.toMatchObject({ code: 'TSA_RESPONSE_INVALID' })
    await call('/replay')
    // Same digest: only the nonce gives the replay away.
    await expect(call('/replay')).rejects.toThrow(/nonce/)
    await expect(call('/replay', createHash('sha256').update('khác').digest())).rejects.toThrow(
      /different digest/,
    )
  })

  it('refuses a digest of the wrong length before asking', async () => {
    await expect(
      requestTimestamp({ url: `${base}/tsa`, digest: new Uint8Array(20), digestAlgorithm: 'SHA-256' }),
    ).rejects.toMatchObject({ code: 'DIGEST_LENGTH_INVALID' })
  })
})

describe('timestampTokenInfo', () => {
  it('refuses what is not a timestamp token', () => {
    expect(() => timestampTokenInfo(new TextEncoder().encode('rác'))).toThrow(
      expect.objectContaining({ code: 'TSA_TOKEN_INVALID' }),
    )
  })
})
