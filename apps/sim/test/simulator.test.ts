import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openssl } from '../src/ocsp/testing/run-tool.ts'
import { buildSimulator } from '../src/simulator.ts'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

describeEachDatabase('national services simulator', (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), 'elc-sim-e2e-'))
  const f = (name: string) => join(dir, name)
  let base: string
  let app: Awaited<ReturnType<typeof buildSimulator>>['app']
  let issued: { serialNumber: string; certificatePem: string; chainPem: string[] }

  beforeAll(async () => {
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    app = (await buildSimulator({ db: ctx.db() as never, baseUrl: base })).app
    await app.listen({ port, host: '127.0.0.1' })
    const res = await fetch(`${base}/admin/ca/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        profile: 'person',
        fullName: 'Nguyễn Thị Hồng Nhung',
        personalId: '001301012345',
      }),
    })
    expect(res.status).toBe(201)
    issued = (await res.json()) as typeof issued
    writeFileSync(f('leaf.pem'), issued.certificatePem)
    writeFileSync(f('ca.pem'), issued.chainPem[0] as string)
    writeFileSync(f('root.pem'), issued.chainPem.at(-1) as string)
  })

  afterAll(async () => {
    await app.close()
  })

  it('issues a person certificate with the Vietnamese name that chains to the root', async () => {
    const verify = await openssl('verify', '-CAfile', f('root.pem'), '-untrusted', f('ca.pem'), f('leaf.pem'))
    expect(verify).toMatchObject({ ok: true })
    const subject = await openssl('x509', '-in', f('leaf.pem'), '-noout', '-subject', '-nameopt', 'utf8')
    expect(subject.out).toContain('Nguyễn Thị Hồng Nhung')
  })

  it('answers OCSP good, then revoked after revocation through the admin API, and the CRL agrees', async () => {
    const ocsp = () =>
      openssl(
        'ocsp',
        '-issuer',
        f('ca.pem'),
        '-cert',
        f('leaf.pem'),
        '-url',
        `${base}/ocsp`,
        '-CAfile',
        f('root.pem'),
      )
    expect((await ocsp()).out).toMatch(/leaf\.pem: good/)
    const revoke = await fetch(`${base}/admin/ca/certificates/${issued.serialNumber}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'keyCompromise' }),
    })
    expect(revoke.status).toBe(200)
    expect((await ocsp()).out).toMatch(/leaf\.pem: revoked[\s\S]*Reason: keyCompromise/)
    const cdp = await openssl('x509', '-in', f('leaf.pem'), '-noout', '-ext', 'crlDistributionPoints')
    const crlUrl = /URI:(\S+)/.exec(cdp.out)?.[1] as string
    expect(crlUrl.startsWith(base)).toBe(true)
    writeFileSync(f('ca.crl'), Buffer.from(await (await fetch(crlUrl)).arrayBuffer()))
    await openssl('crl', '-inform', 'DER', '-in', f('ca.crl'), '-out', f('ca.crl.pem'))
    const checked = await openssl(
      'verify',
      '-crl_check',
      '-CAfile',
      f('root.pem'),
      '-untrusted',
      f('ca.pem'),
      '-CRLfile',
      f('ca.crl.pem'),
      f('leaf.pem'),
    )
    expect(checked.ok).toBe(false)
    expect(checked.out).toContain('certificate revoked')
  })

  it('grants RFC 3161 timestamps that openssl ts verifies against the CA chain', async () => {
    writeFileSync(f('contract.txt'), 'Hợp đồng lao động A260123456789\n')
    await openssl('ts', '-query', '-data', f('contract.txt'), '-sha256', '-cert', '-out', f('req.tsq'))
    const res = await fetch(`${base}/tsa`, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(readFileSync(f('req.tsq'))),
    })
    expect(res.headers.get('content-type')).toContain('application/timestamp-reply')
    writeFileSync(f('resp.tsr'), Buffer.from(await res.arrayBuffer()))
    const verify = await openssl(
      'ts',
      '-verify',
      '-in',
      f('resp.tsr'),
      '-queryfile',
      f('req.tsq'),
      '-CAfile',
      f('root.pem'),
      '-untrusted',
      f('ca.pem'),
    )
    expect(verify.out).toContain('Verification: OK')
  })

  it('signs a digest remotely after the subscriber approves with a one-time code (R2.36)', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const org = (await (
      await post('/admin/ca/certificates', {
        profile: 'organisation',
        organisationName: 'Công ty TNHH Sông Hồng',
        taxCode: '0101234567',
      })
    ).json()) as { serialNumber: string; certificatePem: string }
    const data = Buffer.from('Hợp đồng lao động A260123456789\n')
    writeFileSync(f('signed.txt'), data)
    writeFileSync(f('org.pem'), org.certificatePem)
    const digest = createHash('sha256').update(data).digest('base64')
    const request = (await (
      await post('/remote-signing/requests', {
        serialNumber: org.serialNumber,
        digest,
        digestAlgorithm: 'SHA-256',
        description: 'Ký hợp đồng lao động A260123456789',
      })
    ).json()) as { requestId: string; otp: string }
    expect(
      (await post(`/remote-signing/requests/${request.requestId}/approve`, { otp: request.otp })).status,
    ).toBe(200)
    const done = (await (await fetch(`${base}/remote-signing/requests/${request.requestId}`)).json()) as {
      status: string
      signature: string
    }
    expect(done.status).toBe('approved')
    writeFileSync(f('sig.der'), Buffer.from(done.signature, 'base64'))
    writeFileSync(f('org-pub.pem'), (await openssl('x509', '-in', f('org.pem'), '-pubkey', '-noout')).out)
    const verified = await openssl(
      'dgst',
      '-sha256',
      '-verify',
      f('org-pub.pem'),
      '-signature',
      f('sig.der'),
      f('signed.txt'),
    )
    expect(verified.out).toContain('Verified OK')
  })
})
