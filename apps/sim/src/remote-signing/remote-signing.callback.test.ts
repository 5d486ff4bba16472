// Callbacks: when a request is approved or rejected the simulator POSTs a JSON notice to the URL the
// application named, retrying a failed delivery; a callback that never arrives loses nothing, since the
// signature stays available by polling.
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describeEachDatabase } from '@elc/db/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { SimCertificateAuthority } from '../ca/certificate-authority.ts'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { RemoteSigningService, remoteSigningRoutes } from './index.ts'

interface Received {
  contentType: string | undefined
  body: Record<string, unknown>
}

describeEachDatabase<SimCaDatabase>(
  'sim remote signing callbacks',
  (ctx) => {
    let ca: SimCertificateAuthority
    let service: RemoteSigningService
    let app: FastifyInstance
    let serial: string
    let receiver: Server
    let receiverUrl: string
    const received: Received[] = []
    // Status codes the receiver answers with, in turn; 204 once they run out.
    let answers: number[] = []
    const failures: string[] = []

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          received.push({
            contentType: req.headers['content-type'],
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          })
          res.statusCode = answers.shift() ?? 204
          res.end()
        })
      })
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/elc/remote-signing`
      ca = await SimCertificateAuthority.open({ db: ctx.db(), urls: { baseUrl: 'http://sim.test:4100' } })
      service = new RemoteSigningService({
        ca,
        db: ctx.db(),
        callbackRetryDelaysMs: [20, 20],
        onCallbackFailure: (requestId) => failures.push(requestId),
      })
      app = Fastify()
      await remoteSigningRoutes(app, service)
      await app.ready()
      serial = (await ca.issue({ profile: 'person', fullName: 'Phạm Thu Hà', personalId: '001190067890' }))
        .serialNumber
    })
    afterAll(async () => {
      await app?.close()
      await new Promise((r) => receiver?.close(r))
    })
    beforeEach(() => {
      received.length = 0
      answers = []
    })

    async function create(callbackUrl: unknown) {
      return app.inject({
        method: 'POST',
        url: '/remote-signing/requests',
        payload: {
          serialNumber: serial,
          digest: createHash('sha256').update('hợp đồng').digest('base64'),
          digestAlgorithm: 'SHA-256',
          description: 'Ký hợp đồng lao động',
          callbackUrl,
        },
      })
    }

    it('POSTs the approved request with its signature, retrying after a failed delivery', async () => {
      answers = [503]
      const { requestId, otp } = (await create(receiverUrl)).json()
      const approved = await app.inject({
        method: 'POST',
        url: `/remote-signing/requests/${requestId}/approve`,
        payload: { otp },
      })
      expect(approved.statusCode).toBe(200)
      await service.settled()
      expect(received).toHaveLength(2)
      const notice = received[1] as Received
      expect(notice.contentType).toBe('application/json')
      expect(notice.body).toMatchObject({ requestId, status: 'approved', serialNumber: serial })
      expect(notice.body.signature).toBe(approved.json().signature)
      expect(notice.body.callback).toBeUndefined()
      const polled = (
        await app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
      ).json()
      expect(polled.callback).toMatchObject({ url: receiverUrl, attempts: 2 })
      expect(Date.parse(polled.callback.deliveredAt)).not.toBeNaN()
    })

    it('tells the callback about a rejection', async () => {
      const { requestId } = (await create(receiverUrl)).json()
      await app.inject({ method: 'POST', url: `/remote-signing/requests/${requestId}/reject` })
      await service.settled()
      expect(received.map((r) => r.body)).toEqual([
        expect.objectContaining({ requestId, status: 'rejected', reason: 'subscriber' }),
      ])
    })

    it('gives up after three attempts and the signature can still be polled', async () => {
      answers = [500, 502, 503]
      const { requestId, otp } = (await create(receiverUrl)).json()
      await app.inject({
        method: 'POST',
        url: `/remote-signing/requests/${requestId}/approve`,
        payload: { otp },
      })
      await service.settled()
      expect(received).toHaveLength(3)
      expect(failures).toContain(requestId)
      const polled = (
        await app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
      ).json()
      expect(polled).toMatchObject({ status: 'approved', callback: { attempts: 3, deliveredAt: null } })
      expect(polled.signature).toMatch(/^[A-Za-z0-9+/]+=*$/)
    })

    it('survives a callback URL nobody listens on', async () => {
      const closed = createServer()
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
      const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`
      await new Promise((r) => closed.close(r))
      const { requestId, otp } = (await create(deadUrl)).json()
      const approved = await app.inject({
        method: 'POST',
        url: `/remote-signing/requests/${requestId}/approve`,
        payload: { otp },
      })
      expect(approved.json().status).toBe('approved')
      await service.settled()
      const polled = (
        await app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
      ).json()
      expect(polled).toMatchObject({ status: 'approved', callback: { attempts: 3, deliveredAt: null } })
    })

    it.each([['ftp://example.test/x'], ['http://user:secret@example.test/x'], ['not a url'], [42]])(
      'refuses the callback URL %s',
      async (callbackUrl) => {
        const r = await create(callbackUrl)
        expect(r.statusCode).toBe(400)
        expect(r.json().code).toBe('REMOTE_SIGNING_CALLBACK_URL_INVALID')
      },
    )
  },
  { migrations: caMigrations },
)
