import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEachDatabase } from '@elc/db/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SimCertificateAuthority } from '../ca/certificate-authority.ts'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { openssl } from '../ocsp/testing/run-tool.ts'
import { RemoteSigningService, remoteSigningRoutes } from './index.ts'

describeEachDatabase<SimCaDatabase>(
  'sim remote signing',
  (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'elc-sim-remote-signing-'))
    const f = (name: string) => join(dir, name)
    let ca: SimCertificateAuthority
    let clock = Date.now()
    let service: RemoteSigningService
    let app: FastifyInstance
    let auto: FastifyInstance
    let personSerial: string
    let rsaSerial: string

    beforeAll(async () => {
      ca = await SimCertificateAuthority.open({ db: ctx.db(), urls: { baseUrl: 'http://sim.test:4100' } })
      service = new RemoteSigningService({ ca, db: ctx.db(), now: () => new Date(clock) })
      app = Fastify()
      await remoteSigningRoutes(app, service)
      await app.ready()
      auto = Fastify()
      await remoteSigningRoutes(auto, new RemoteSigningService({ ca, db: ctx.db(), autoApprove: true }))
      await auto.ready()
      personSerial = (
        await ca.issue({ profile: 'person', fullName: 'Trần Văn Bình', personalId: '001090012345' })
      ).serialNumber
      rsaSerial = (
        await ca.issue({
          profile: 'organisation',
          organisationName: 'Công ty TNHH Bình Minh',
          taxCode: '0101234567',
          keyAlgorithm: 'rsa-pss-2048',
        })
      ).serialNumber
    })
    afterAll(async () => {
      await app?.close()
      await auto?.close()
    })

    async function requestOver(
      server: FastifyInstance,
      serialNumber: string,
      data: string,
      digestAlgorithm: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256',
    ) {
      const hash = digestAlgorithm.replace('-', '').toLowerCase()
      const response = await server.inject({
        method: 'POST',
        url: '/remote-signing/requests',
        payload: {
          serialNumber,
          digest: createHash(hash).update(data).digest('base64'),
          digestAlgorithm,
          description: 'Ký hợp đồng lao động số HĐ-2026-001'.normalize('NFD'),
        },
      })
      return response
    }

    /** Writes data, signature and the certificate's public key; runs openssl dgst -verify. */
    async function opensslVerify(
      name: string,
      data: string,
      body: Record<string, string>,
      extra: string[] = [],
    ) {
      writeFileSync(f(`${name}.data`), data)
      writeFileSync(f(`${name}.sig`), Buffer.from(body.signature as string, 'base64'))
      writeFileSync(f(`${name}.crt`), body.certificatePem as string)
      const pub = await openssl('x509', '-in', f(`${name}.crt`), '-pubkey', '-noout')
      expect(pub.ok).toBe(true)
      writeFileSync(f(`${name}.pub`), pub.out)
      const hash = `-${(body.digestAlgorithm as string).replace('-', '').toLowerCase()}`
      return openssl(
        'dgst',
        hash,
        ...extra,
        '-verify',
        f(`${name}.pub`),
        '-signature',
        f(`${name}.sig`),
        f(`${name}.data`),
      )
    }

    it('signs a SHA-256 digest with ECDSA P-256 after OTP approval; openssl verifies it over the data', async () => {
      const data = 'Hợp đồng lao động — nội dung cần ký'
      const created = await requestOver(app, personSerial, data)
      expect(created.statusCode).toBe(201)
      const { requestId, status, otp } = created.json()
      expect(status).toBe('pending')
      expect(otp).toMatch(/^\d{6}$/)

      const pending = await app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
      expect(pending.json()).toMatchObject({ status: 'pending', serialNumber: personSerial })
      expect(pending.json().description).toBe('Ký hợp đồng lao động số HĐ-2026-001'.normalize('NFC'))
      expect(pending.json().signature).toBeUndefined()

      const approved = await app.inject({
        method: 'POST',
        url: `/remote-signing/requests/${requestId}/approve`,
        payload: { otp },
      })
      expect(approved.statusCode).toBe(200)
      const polled = (
        await app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
      ).json()
      expect(polled).toMatchObject({ status: 'approved', signatureAlgorithm: 'ecdsa-with-SHA256' })
      expect(polled.signature).toBe(approved.json().signature)

      const verify = await opensslVerify('ecdsa', data, polled)
      expect(verify.out).toContain('Verified OK')
      // And not over anything else: the digest is signed once, not hashed again.
      const wrong = await opensslVerify('ecdsa-wrong', `${data}.`, polled)
      expect(wrong.ok).toBe(false)
    })

    it('truncates a SHA-384 digest for P-256 as openssl does', async () => {
      const data = 'phụ lục hợp đồng'
      const { requestId, otp } = (await requestOver(app, personSerial, data, 'SHA-384')).json()
      const body = (
        await app.inject({
          method: 'POST',
          url: `/remote-signing/requests/${requestId}/approve`,
          payload: { otp },
        })
      ).json()
      expect(body.signatureAlgorithm).toBe('ecdsa-with-SHA384')
      expect((await opensslVerify('ecdsa384', data, body)).out).toContain('Verified OK')
    })

    it('signs with RSASSA-PSS (raw signature, salt = hash length) for an organisation key', async () => {
      const data = 'quyết định tuyển dụng'
      const { requestId, otp } = (await requestOver(app, rsaSerial, data)).json()
      const body = (
        await app.inject({
          method: 'POST',
          url: `/remote-signing/requests/${requestId}/approve`,
          payload: { otp },
        })
      ).json()
      expect(body.signatureAlgorithm).toBe('rsassa-pss-sha256')
      expect(Buffer.from(body.signature, 'base64')).toHaveLength(256)
      const pss = [
        '-sigopt',
        'rsa_padding_mode:pss',
        '-sigopt',
        'rsa_pss_saltlen:32',
        '-sigopt',
        'rsa_mgf1_md:sha256',
      ]
      expect((await opensslVerify('pss', data, body, pss)).out).toContain('Verified OK')
    })

    it('rejects the request after three wrong one-time codes', async () => {
      const { requestId, otp } = (await requestOver(app, personSerial, 'x')).json()
      const wrongOtp = otp === '000000' ? '111111' : '000000'
      const approve = (code: string) =>
        app.inject({
          method: 'POST',
          url: `/remote-signing/requests/${requestId}/approve`,
          payload: { otp: code },
        })
      for (const left of [2, 1]) {
        const r = await approve(wrongOtp)
        expect(r.statusCode).toBe(403)
        expect(r.headers['content-type']).toContain('application/problem+json')
        expect(r.json()).toMatchObject({ code: 'REMOTE_SIGNING_OTP_WRONG' })
        expect(r.json().messages.en).toContain(`${left} attempt`)
      }
      const third = await approve(wrongOtp)
      expect(third.statusCode).toBe(409)
      expect(third.json().code).toBe('REMOTE_SIGNING_OTP_ATTEMPTS_EXCEEDED')
      const status = (
        await app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
      ).json()
      expect(status).toMatchObject({ status: 'rejected', reason: 'otp-attempts' })
      // The right code is too late now.
      const late = await approve(otp)
      expect(late.statusCode).toBe(409)
      expect(late.json().code).toBe('REMOTE_SIGNING_REQUEST_NOT_PENDING')
    })

    it('expires a request after 5 minutes (injected clock)', async () => {
      const { requestId, otp } = (await requestOver(app, personSerial, 'y')).json()
      clock += 5 * 60_000 - 1
      expect((await service.status(requestId)).status).toBe('pending')
      clock += 1
      const status = (
        await app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
      ).json()
      expect(status.status).toBe('expired')
      const r = await app.inject({
        method: 'POST',
        url: `/remote-signing/requests/${requestId}/approve`,
        payload: { otp },
      })
      expect(r.statusCode).toBe(410)
      expect(r.json().code).toBe('REMOTE_SIGNING_REQUEST_EXPIRED')
    })

    it('lets the subscriber reject; unknown ids answer 404', async () => {
      const { requestId } = (await requestOver(app, personSerial, 'z')).json()
      const r = await app.inject({ method: 'POST', url: `/remote-signing/requests/${requestId}/reject` })
      expect(r.json()).toMatchObject({ status: 'rejected', reason: 'subscriber' })
      const unknown = await app.inject({ method: 'GET', url: '/remote-signing/requests/nope' })
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json().code).toBe('REMOTE_SIGNING_REQUEST_NOT_FOUND')
    })

    it('refuses bad input, service certificates and unknown serials with problem+json', async () => {
      const short = await app.inject({
        method: 'POST',
        url: '/remote-signing/requests',
        payload: {
          serialNumber: personSerial,
          digest: Buffer.alloc(20).toString('base64'),
          digestAlgorithm: 'SHA-256',
          description: 'd',
        },
      })
      expect(short.statusCode).toBe(400)
      expect(short.json().code).toBe('REMOTE_SIGNING_DIGEST_INVALID')
      const algo = await app.inject({
        method: 'POST',
        url: '/remote-signing/requests',
        payload: {
          serialNumber: personSerial,
          digest: Buffer.alloc(20).toString('base64'),
          digestAlgorithm: 'SHA-1',
          description: 'd',
        },
      })
      expect(algo.json().code).toBe('REMOTE_SIGNING_DIGEST_ALGORITHM_INVALID')
      const tsa = await ca.serviceCredential('tsa', { profile: 'tsa', commonName: 'TSA giả lập' })
      const refused = await requestOver(app, tsa.serialNumber, 'd')
      expect(refused.statusCode).toBe(403)
      expect(refused.json().code).toBe('REMOTE_SIGNING_PROFILE_NOT_ALLOWED')
      const unknown = await requestOver(app, '7fffffffffff', 'd')
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json().code).toBe('REMOTE_SIGNING_CERTIFICATE_NOT_FOUND')
    })

    it('refuses a revoked certificate, also when revoked between request and approval (R2.3)', async () => {
      const serial = (
        await ca.issue({ profile: 'person', fullName: 'Lê Thị Cúc', personalId: '001190054321' })
      ).serialNumber
      const { requestId, otp } = (await requestOver(app, serial, 'w')).json()
      await ca.revoke(serial, 'keyCompromise')
      const approve = await app.inject({
        method: 'POST',
        url: `/remote-signing/requests/${requestId}/approve`,
        payload: { otp },
      })
      expect(approve.statusCode).toBe(409)
      expect(approve.json()).toMatchObject({ code: 'REMOTE_SIGNING_CERTIFICATE_REVOKED', ruleId: 'R2.3' })
      const fresh = await requestOver(app, serial, 'w')
      expect(fresh.statusCode).toBe(409)
      expect(fresh.json().code).toBe('REMOTE_SIGNING_CERTIFICATE_REVOKED')
    })

    it('auto-approve mode signs at once, without a one-time code', async () => {
      const data = 'bản demo'
      const created = await requestOver(auto, personSerial, data)
      expect(created.statusCode).toBe(201)
      expect(created.json().status).toBe('approved')
      expect(created.json().otp).toBeUndefined()
      const body = (
        await auto.inject({ method: 'GET', url: `/remote-signing/requests/${created.json().requestId}` })
      ).json()
      expect(body.status).toBe('approved')
      expect((await opensslVerify('auto', data, body)).out).toContain('Verified OK')
    })
  },
  { migrations: caMigrations },
)
