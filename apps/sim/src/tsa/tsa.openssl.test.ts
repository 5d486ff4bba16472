import { readFile } from 'node:fs/promises'
import * as asn1js from 'asn1js'
import Fastify, { type FastifyInstance } from 'fastify'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Signer, systemClock } from '../ocsp/signer.ts'
import { runTool, tempDir } from '../ocsp/testing/run-tool.ts'
import { buildTestPki, type TestPki, toPem } from '../ocsp/testing/test-pki.ts'
import { tsaRoutes } from './routes.ts'

// Interop: tokens from our TSA (ECDSA and RSA keys) as seen by `openssl ts`.
const POLICY = '1.2.3.4.5.3161'
let pki: TestPki
let app: FastifyInstance
let base: string
let dir: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  pki = await buildTestPki()
  app = Fastify()
  const opts = (signer: Signer, path: string) => ({
    signer,
    path,
    policyOid: POLICY,
    accuracy: { seconds: 1 },
    clock: systemClock,
  })
  await app.register(tsaRoutes, opts(pki.tsaEc, '/tsa/ec'))
  await app.register(tsaRoutes, opts(pki.tsaRsa, '/tsa/rsa'))
  await app.register(tsaRoutes, opts(pki.tsaRsaPss, '/tsa/rsa-pss'))
  await app.listen({ host: '127.0.0.1', port: 0 })
  const addr = app.server.address()
  if (!addr || typeof addr === 'string') throw new Error('no port')
  base = `http://127.0.0.1:${addr.port}`
  dir = await tempDir()
  await dir.write('root.pem', toPem([pki.root]))
  await dir.write('root-and-ca.pem', toPem([pki.root, pki.ca]))
  await dir.write('chain-ec.pem', toPem([pki.tsaEc.certificate, pki.ca]))
  await dir.write('chain-rsa.pem', toPem([pki.tsaRsa.certificate, pki.ca]))
  await dir.write('chain-rsa-pss.pem', toPem([pki.tsaRsaPss.certificate, pki.ca]))
  await dir.write('data.txt', 'Hợp đồng lao động điện tử — bản ký số\n')
})

afterAll(async () => {
  await app?.close()
  await dir?.remove()
})

let n = 0
/** openssl writes the query, fetch POSTs it, and the reply lands in a file for openssl to read. */
async function stamp(path: string, ...queryFlags: string[]) {
  const tag = `${n++}`
  const tsq = dir.path(`${tag}.tsq`)
  const q = await runTool('openssl', [
    'ts',
    '-query',
    '-data',
    dir.path('data.txt'),
    ...queryFlags,
    '-out',
    tsq,
  ])
  expect(q.code, q.stderr).toBe(0)
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: await readFile(tsq),
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/timestamp-reply')
  const reply = new Uint8Array(await res.arrayBuffer())
  const tsr = await dir.write(`${tag}.tsr`, reply)
  const text = await runTool('openssl', ['ts', '-reply', '-in', tsr, '-text'])
  return { tsq, tsr, reply, text: text.stdout }
}

type Verifier = 'ts' | 'cms'

/**
 * `ts`: openssl ts -verify (imprint, nonce, ESS, EKU, chain). `cms`: OpenSSL 3.0's ts code verifies
 * through its PKCS7 layer, which has no RSASSA-PSS, so PSS tokens are checked with openssl cms instead.
 */
async function verify(tsq: string, tsr: string, chain: string, verifier: Verifier = 'ts'): Promise<boolean> {
  if (verifier === 'ts') {
    const r = await runTool('openssl', [
      'ts',
      '-verify',
      '-in',
      tsr,
      '-queryfile',
      tsq,
      '-CAfile',
      dir.path('root.pem'),
      '-untrusted',
      dir.path(chain),
    ])
    return r.stdout.includes('Verification: OK')
  }
  const token = `${tsr}.token`
  await runTool('openssl', ['ts', '-reply', '-in', tsr, '-token_out', '-out', token])
  const r = await runTool('openssl', [
    'cms',
    '-verify',
    '-inform',
    'DER',
    '-in',
    token,
    // openssl cms 3.0 uses -certfile only to find the signer, not to build the path: trust root + CA.
    '-CAfile',
    dir.path('root-and-ca.pem'),
    '-certfile',
    dir.path(chain),
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ])
  return r.stderr.includes('CMS Verification successful')
}

function signedData(reply: Uint8Array): pkijs.SignedData {
  const resp = new pkijs.TimeStampResp({ schema: asn1js.fromBER(reply).result })
  return new pkijs.SignedData({ schema: resp.timeStampToken?.content })
}
const certificatesIn = (reply: Uint8Array) => signedData(reply).certificates?.length ?? 0
const signatureAlgorithm = (reply: Uint8Array) =>
  signedData(reply).signerInfos[0]?.signatureAlgorithm.algorithmId

describe.each([
  ['ECDSA', '/tsa/ec', 'chain-ec.pem', '1.2.840.10045.4.3.2', 'ts'],
  ['RSA PKCS#1 v1.5', '/tsa/rsa', 'chain-rsa.pem', '1.2.840.113549.1.1.11', 'ts'],
  ['RSASSA-PSS', '/tsa/rsa-pss', 'chain-rsa-pss.pem', '1.2.840.113549.1.1.10', 'cms'],
] as [string, string, string, string, Verifier][])(
  '%s TSA against openssl',
  (_label, path, chain, sigAlgOid, verifier) => {
    it('issues a token that openssl verifies (SHA-256, certReq)', async () => {
      const { tsq, tsr, reply, text } = await stamp(path, '-sha256', '-cert')
      expect(text).toContain('Status: Granted.')
      expect(text).toContain(`Policy OID: ${POLICY}`)
      expect(text).toContain('Accuracy: 0x01 seconds')
      expect(text).toMatch(/Nonce: 0x[0-9A-F]+/)
      expect(text).toMatch(/TSA: DirName:.*CN ?= ?ELC Test TSA/)
      expect(certificatesIn(reply)).toBe(2)
      expect(signatureAlgorithm(reply)).toBe(sigAlgOid)
      expect(await verify(tsq, tsr, chain, verifier)).toBe(true)
    })

    it.each(['-sha384', '-sha512'])('accepts %s imprints', async (flag) => {
      const { tsq, tsr, text } = await stamp(path, flag, '-cert')
      expect(text).toContain('Status: Granted.')
      expect(await verify(tsq, tsr, chain, verifier)).toBe(true)
    })

    it('leaves certificates out when certReq is false, and the token still verifies with the chain given', async () => {
      const { tsq, tsr, reply } = await stamp(path, '-sha256', '-no_nonce')
      expect(certificatesIn(reply)).toBe(0)
      expect(await verify(tsq, tsr, chain, verifier)).toBe(true)
    })

    it('gives every token a new serial number', async () => {
      const serial = (t: string) => /Serial number: (0x[0-9A-F]+)/.exec(t)?.[1]
      const a = serial((await stamp(path, '-sha256')).text)
      const b = serial((await stamp(path, '-sha256')).text)
      expect(a).toBeDefined()
      expect(BigInt(b ?? 0)).toBeGreaterThan(BigInt(a ?? 0))
    })
  },
)

describe('TSA refusals', () => {
  it('rejects a SHA-1 imprint with badAlg (R2.30)', async () => {
    const { text } = await stamp('/tsa/rsa', '-sha1', '-cert')
    expect(text).toContain('Status: Rejected.')
    expect(text).toContain('unrecognized or unsupported algorithm identifier')
  })

  it('rejects a policy it does not offer with unacceptedPolicy', async () => {
    const { text } = await stamp('/tsa/ec', '-sha256', '-tspolicy', '1.2.3.4.99')
    expect(text).toContain('Status: Rejected.')
    expect(text).toContain('requested TSA policy is not supported')
  })

  it('answers garbage with badDataFormat and keeps serving', async () => {
    for (const body of ['garbage', new Uint8Array([0x30, 0x82, 0xff]), new Uint8Array(0)]) {
      const res = await fetch(`${base}/tsa/ec`, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body,
      })
      expect(res.status).toBe(200)
      const resp = new pkijs.TimeStampResp({ schema: asn1js.fromBER(await res.arrayBuffer()).result })
      expect(resp.status.status).toBe(pkijs.PKIStatus.rejection)
      expect(resp.status.failInfo?.valueBlock.valueHexView[0]).toBe(0x04) // bit 5: badDataFormat
    }
    const { text } = await stamp('/tsa/ec', '-sha256')
    expect(text).toContain('Status: Granted.')
  })
})
