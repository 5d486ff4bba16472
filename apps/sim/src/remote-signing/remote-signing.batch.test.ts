// Batch remote signing (R2.36): many digests, one one-time code; each signature verifies over its own
// digest with the certificate's key; wrong codes count, the third rejects the batch; expiry and size rules.
import { createHash, createPublicKey, verify } from 'node:crypto'
import { describeEachDatabase } from '@elc/db/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SimCertificateAuthority } from '../ca/certificate-authority.ts'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { RemoteSigningService, remoteSigningRoutes } from './index.ts'

describeEachDatabase<SimCaDatabase>(
  'sim remote signing batches',
  (ctx) => {
    let clock = Date.now()
    let app: FastifyInstance
    let auto: FastifyInstance
    let serial: string

    beforeAll(async () => {
      const ca = await SimCertificateAuthority.open({
        db: ctx.db(),
        urls: { baseUrl: 'http://sim.test:4100' },
      })
      app = Fastify()
      await remoteSigningRoutes(
        app,
        new RemoteSigningService({ ca, db: ctx.db(), now: () => new Date(clock) }),
      )
      await app.ready()
      auto = Fastify()
      await remoteSigningRoutes(auto, new RemoteSigningService({ ca, db: ctx.db(), autoApprove: true }))
      await auto.ready()
      serial = (
        await ca.issue({
          profile: 'organisation',
          organisationName: 'Công ty TNHH Bình Minh',
          taxCode: '0101234567',
        })
      ).serialNumber
    })
    afterAll(async () => {
      await app?.close()
      await auto?.close()
    })

    const texts = (n: number) => Array.from({ length: n }, (_, i) => `Hợp đồng lao động số ${i + 1}`)
    const digestsOf = (list: string[]) => list.map((t) => createHash('sha256').update(t).digest('base64'))

    async function create(server: FastifyInstance, digests: string[], extra: Record<string, unknown> = {}) {
      return server.inject({
        method: 'POST',
        url: '/remote-signing/batches',
        payload: {
          serialNumber: serial,
          digestAlgorithm: 'SHA-256',
          digests,
          description: 'Ký 12 hợp đồng lao động (lô tháng 11)',
          ...extra,
        },
      })
    }

    it('one code approves every digest; each signature verifies over its own data, in order', async () => {
      const data = texts(12)
      const created = await create(app, digestsOf(data))
      expect(created.statusCode).toBe(201)
      const { batchId, otp, status, count } = created.json()
      expect({ status, count }).toEqual({ status: 'pending', count: 12 })
      expect(otp).toMatch(/^\d{6}$/)
      const pending = (await app.inject({ method: 'GET', url: `/remote-signing/batches/${batchId}` })).json()
      expect(pending).toMatchObject({ status: 'pending', count: 12 })
      expect(pending.signatures).toBeUndefined()

      const approved = await app.inject({
        method: 'POST',
        url: `/remote-signing/batches/${batchId}/approve`,
        payload: { otp },
      })
      expect(approved.statusCode).toBe(200)
      const body = (await app.inject({ method: 'GET', url: `/remote-signing/batches/${batchId}` })).json()
      expect(body).toMatchObject({ status: 'approved', signatureAlgorithm: 'ecdsa-with-SHA256' })
      expect(body.signatures).toHaveLength(12)
      const key = createPublicKey(body.certificatePem)
      data.forEach((text, i) => {
        const signature = Buffer.from(body.signatures[i], 'base64')
        expect(verify('sha256', Buffer.from(text), key, signature)).toBe(true)
        // And not over its neighbour: the order is the order of the digests.
        expect(verify('sha256', Buffer.from(data[(i + 1) % 12] as string), key, signature)).toBe(false)
      })
      // Approved once: the code does not sign again.
      const again = await app.inject({
        method: 'POST',
        url: `/remote-signing/batches/${batchId}/approve`,
        payload: { otp },
      })
      expect(again.json().code).toBe('REMOTE_SIGNING_REQUEST_NOT_PENDING')
    })

    it('wrong codes sign nothing; the third rejects the batch (R2.36)', async () => {
      const { batchId, otp } = (await create(app, digestsOf(texts(3)))).json()
      const wrong = otp === '000000' ? '111111' : '000000'
      for (const [i, expected] of ['REMOTE_SIGNING_OTP_WRONG', 'REMOTE_SIGNING_OTP_WRONG'].entries()) {
        const answer = await app.inject({
          method: 'POST',
          url: `/remote-signing/batches/${batchId}/approve`,
          payload: { otp: wrong },
        })
        expect(answer.statusCode, `attempt ${i + 1}`).toBe(403)
        expect(answer.json().code).toBe(expected)
      }
      const third = await app.inject({
        method: 'POST',
        url: `/remote-signing/batches/${batchId}/approve`,
        payload: { otp: wrong },
      })
      expect(third.json().code).toBe('REMOTE_SIGNING_OTP_ATTEMPTS_EXCEEDED')
      const after = await app.inject({
        method: 'POST',
        url: `/remote-signing/batches/${batchId}/approve`,
        payload: { otp },
      })
      expect(after.statusCode).toBe(409)
      const state = (await app.inject({ method: 'GET', url: `/remote-signing/batches/${batchId}` })).json()
      expect(state).toMatchObject({ status: 'rejected', reason: 'otp-attempts' })
      expect(state.signatures).toBeUndefined()
    })

    it('expires like a single request', async () => {
      const { batchId, otp } = (await create(app, digestsOf(texts(2)))).json()
      clock += 6 * 60_000
      const late = await app.inject({
        method: 'POST',
        url: `/remote-signing/batches/${batchId}/approve`,
        payload: { otp },
      })
      expect(late.statusCode).toBe(410)
      expect(
        (await app.inject({ method: 'GET', url: `/remote-signing/batches/${batchId}` })).json().status,
      ).toBe('expired')
    })

    it.each([
      ['no digests', { digests: [] }, 'REMOTE_SIGNING_BATCH_SIZE_INVALID'],
      ['more than 5,000', { digests: Array(5_001).fill('AAAA') }, 'REMOTE_SIGNING_BATCH_SIZE_INVALID'],
      ['a digest of the wrong length', { digests: ['AAAA'] }, 'REMOTE_SIGNING_DIGEST_INVALID'],
      ['not base64', { digests: ['***'] }, 'REMOTE_SIGNING_DIGEST_INVALID'],
      ['an unknown algorithm', { digestAlgorithm: 'MD5' }, 'REMOTE_SIGNING_DIGEST_ALGORITHM_INVALID'],
      ['no description', { description: ' ' }, 'REMOTE_SIGNING_DESCRIPTION_INVALID'],
    ])('refuses a batch with %s', async (_name, extra, code) => {
      const answer = await create(app, digestsOf(texts(1)), extra)
      expect(answer.statusCode).toBe(400)
      expect(answer.json().code).toBe(code)
    })

    it('auto-approve signs the batch at once, without a code', async () => {
      const created = (await create(auto, digestsOf(texts(2)))).json()
      expect(created.status).toBe('approved')
      expect(created.otp).toBeUndefined()
      const body = (
        await auto.inject({ method: 'GET', url: `/remote-signing/batches/${created.batchId}` })
      ).json()
      expect(body.signatures).toHaveLength(2)
    })

    it('the single-digest API is unchanged beside it', async () => {
      const answer = await app.inject({
        method: 'POST',
        url: '/remote-signing/requests',
        payload: {
          serialNumber: serial,
          digest: createHash('sha256').update('x').digest('base64'),
          digestAlgorithm: 'SHA-256',
          description: 'Một hợp đồng',
        },
      })
      expect(answer.statusCode).toBe(201)
      expect(answer.json().otp).toMatch(/^\d{6}$/)
    })
  },
  { migrations: caMigrations },
)
