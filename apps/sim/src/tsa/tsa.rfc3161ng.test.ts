import { spawnSync } from 'node:child_process'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../ocsp/signer.ts'
import { runTool, tempDir } from '../ocsp/testing/run-tool.ts'
import { buildTestPki, type TestPki, toPem } from '../ocsp/testing/test-pki.ts'
import { tsaRoutes } from './routes.ts'

// Interop: Debian's python3-rfc3161ng (RSA PKCS#1 v1.5 only) fetches and checks a token from the RSA TSA.
const PYTHON = '/usr/bin/python3'
const probe = spawnSync(PYTHON, ['-c', 'import rfc3161ng'], { encoding: 'utf8' })
const missing =
  probe.status !== 0 ? `rfc3161ng unavailable: ${probe.error?.message ?? probe.stderr.trim()}` : ''
if (missing)
  console.warn(`skipping rfc3161ng interop test (${missing}); apt-get install -y python3-rfc3161ng`)

const SCRIPT = `
import sys, rfc3161ng
url, cert_path = sys.argv[1], sys.argv[2]
cert = open(cert_path, 'rb').read()
data = 'Hợp đồng lao động'.encode()
ts = rfc3161ng.RemoteTimestamper(url, certificate=cert, hashname='sha256', include_tsa_certificate=True)
tst = ts(data=data, nonce=424242)  # checks signature, imprint and nonce against cert
assert rfc3161ng.check_timestamp(tst, certificate=cert, data=data, hashname='sha256')
print('genTime', rfc3161ng.get_timestamp(tst).isoformat())
try:
    rfc3161ng.check_timestamp(tst, certificate=cert, data=b'tampered', hashname='sha256')
    print('tamper not detected')
except ValueError:
    print('tamper detected')
`

let pki: TestPki
let app: FastifyInstance
let url: string
let dir: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  pki = await buildTestPki()
  app = Fastify()
  await app.register(tsaRoutes, { signer: pki.tsaRsa, policyOid: '1.2.3.4.5.3161', clock: systemClock })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const addr = app.server.address()
  if (!addr || typeof addr === 'string') throw new Error('no port')
  url = `http://127.0.0.1:${addr.port}/tsa`
  dir = await tempDir()
  await dir.write('tsa.pem', toPem([pki.tsaRsa.certificate]))
})

afterAll(async () => {
  await app?.close()
  await dir?.remove()
})

describe('RSA TSA against python3-rfc3161ng', () => {
  it.skipIf(missing !== '')('obtains and checks a timestamp', async () => {
    const r = await runTool(PYTHON, ['-c', SCRIPT, url, dir.path('tsa.pem')])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const genTime = /genTime (\S+)/.exec(r.stdout)?.[1] ?? ''
    expect(Math.abs(Date.parse(`${genTime}Z`) - Date.now())).toBeLessThan(60_000)
    expect(r.stdout).toContain('tamper detected')
  })
})
