import { readFile } from 'node:fs/promises'
import * as asn1js from 'asn1js'
import fc from 'fast-check'
import Fastify, { type FastifyInstance } from 'fastify'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OcspResponseStatus } from './ocsp-response.ts'
import { createOcspService } from './ocsp-service.ts'
import { ocspRoutes } from './routes.ts'
import { systemClock } from './signer.ts'
import { MemoryStatusSource } from './status-source.ts'
import { runTool, tempDir } from './testing/run-tool.ts'
import { buildTestPki, type TestPki, toPem } from './testing/test-pki.ts'

// GET as NSS/pdfsig send it (RFC 6960 appendix A, SHA-1 CertID, no nonce), and hostile input.
let pki: TestPki
let app: FastifyInstance
let base: string
let dir: Awaited<ReturnType<typeof tempDir>>
let goodRequest: Uint8Array
const statusSource = new MemoryStatusSource()
  .set(0x0a01n, { status: 'good' })
  .set(0x0a02n, { status: 'revoked', revokedAt: new Date('2026-02-01T00:00:00Z'), reason: 4 })

beforeAll(async () => {
  pki = await buildTestPki()
  app = Fastify()
  await app.register(ocspRoutes, {
    responders: [{ issuer: pki.ca, responder: pki.ocsp }],
    statusSource,
    clock: systemClock,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const addr = app.server.address()
  if (!addr || typeof addr === 'string') throw new Error('no port')
  base = `http://127.0.0.1:${addr.port}`
  dir = await tempDir()
  await dir.write('root.pem', toPem([pki.root]))
  await dir.write('ca.pem', toPem([pki.ca]))
  await dir.write('good.pem', toPem([pki.leaves.good]))
  await dir.write('revoked.pem', toPem([pki.leaves.revoked]))
  goodRequest = await opensslRequest('good.pem')
})

afterAll(async () => {
  await app?.close()
  await dir?.remove()
})

/** A SHA-1 CertID request without nonce, written by openssl rather than by us. */
async function opensslRequest(leaf: string): Promise<Uint8Array> {
  const out = dir.path(`${leaf}.req`)
  const r = await runTool('openssl', [
    'ocsp',
    '-no_nonce',
    '-issuer',
    dir.path('ca.pem'),
    '-cert',
    dir.path(leaf),
    '-reqout',
    out,
  ])
  expect(r.code, r.stderr).toBe(0)
  return new Uint8Array(await readFile(out))
}

function responseStatus(body: Uint8Array): number {
  return new pkijs.OCSPResponse({ schema: asn1js.fromBER(body).result }).responseStatus.valueBlock.valueDec
}

/** Has openssl check a response we received (signature, chain, status for the -cert). */
async function opensslCheck(leaf: string, response: Uint8Array) {
  const respin = await dir.write(`${leaf}.resp`, response)
  return runTool('openssl', [
    'ocsp',
    '-no_nonce',
    '-issuer',
    dir.path('ca.pem'),
    '-cert',
    dir.path(leaf),
    '-respin',
    respin,
    '-CAfile',
    dir.path('root.pem'),
    '-resp_text',
  ])
}

describe('OCSP GET (RFC 6960 appendix A)', () => {
  it('answers a URL-encoded base64 request for a good certificate, cacheable', async () => {
    const res = await fetch(`${base}/ocsp/${encodeURIComponent(Buffer.from(goodRequest).toString('base64'))}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/ocsp-response')
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/)
    const r = await opensslCheck('good.pem', new Uint8Array(await res.arrayBuffer()))
    expect(r.stderr).toContain('Response verify OK')
    expect(r.stdout).toMatch(/good\.pem: good/)
    expect(r.stdout).toContain('Hash Algorithm: sha1')
  })

  it('answers a revoked certificate, also when the base64 is sent without URL-encoding', async () => {
    const req = await opensslRequest('revoked.pem')
    const res = await fetch(`${base}/ocsp/${Buffer.from(req).toString('base64')}`)
    const r = await opensslCheck('revoked.pem', new Uint8Array(await res.arrayBuffer()))
    expect(r.stderr).toContain('Response verify OK')
    expect(r.stdout).toMatch(/revoked\.pem: revoked/)
    expect(r.stdout).toContain('Reason: superseded')
  })
})

describe('OCSP hostile input', () => {
  const post = (body: Uint8Array | string) =>
    fetch(`${base}/ocsp`, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body })

  it('answers garbage with malformedRequest and keeps serving', async () => {
    for (const body of [
      'hello',
      new Uint8Array([0x30, 0x80]),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]),
    ]) {
      const res = await post(body)
      expect(res.status).toBe(200)
      expect(responseStatus(new Uint8Array(await res.arrayBuffer()))).toBe(
        OcspResponseStatus.malformedRequest,
      )
    }
    for (const path of ['AAAA', 'not%20base64%3D%3D', 'MAA%3D']) {
      const bad = await fetch(`${base}/ocsp/${path}`)
      expect(responseStatus(new Uint8Array(await bad.arrayBuffer()))).toBe(
        OcspResponseStatus.malformedRequest,
      )
    }
    const empty = await post(new Uint8Array(0))
    expect(responseStatus(new Uint8Array(await empty.arrayBuffer()))).toBe(
      OcspResponseStatus.malformedRequest,
    )
    // Still alive and correct afterwards.
    const ok = await post(goodRequest)
    expect(responseStatus(new Uint8Array(await ok.arrayBuffer()))).toBe(OcspResponseStatus.successful)
  })

  it('fuzz: random and mutated requests never crash nor answer internalError', async () => {
    const answer = createOcspService({
      responders: [{ issuer: pki.ca, responder: pki.ocsp }],
      statusSource,
      clock: systemClock,
      onError: (err) => {
        throw err
      },
    })
    const mutated = fc
      .tuple(fc.nat(goodRequest.length - 1), fc.integer({ min: 0, max: 255 }))
      .map(([i, v]) => {
        const copy = goodRequest.slice()
        copy[i] = v
        return copy
      })
    const truncated = fc.nat(goodRequest.length).map((n) => goodRequest.slice(0, n))
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated, truncated), async (req) => {
        const { der } = await answer(req)
        expect([0, 1, 6]).toContain(responseStatus(der))
      }),
      { numRuns: 300 },
    )
  })
})
