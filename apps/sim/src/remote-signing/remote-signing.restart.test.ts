// A request made before a restart (file-backed database closed and opened again) is approved with its
// one-time code and fetched after it; openssl checks the signature over the data.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDatabase, migrateToLatest } from '@elc/db'
import Fastify from 'fastify'
import { expect, it } from 'vitest'
import { SimCertificateAuthority } from '../ca/certificate-authority.ts'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { TEST_URLS, tempDir } from '../ca/test-support.ts'
import { openssl } from '../ocsp/testing/run-tool.ts'
import { RemoteSigningService, remoteSigningRoutes } from './index.ts'

async function start(url: string) {
  const database = await createDatabase<SimCaDatabase>({ url })
  await migrateToLatest(database.db, caMigrations)
  const ca = await SimCertificateAuthority.open({ db: database.db, urls: TEST_URLS })
  const app = Fastify()
  await remoteSigningRoutes(app, new RemoteSigningService({ ca, db: database.db }))
  await app.ready()
  return {
    ca,
    app,
    async stop() {
      await app.close()
      await database.close()
    },
  }
}

it('approves and returns a request created before the simulator restarted', async () => {
  const dir = tempDir()
  const url = pathToFileURL(join(dir, 'db')).href
  const data = 'Hợp đồng lao động A260000000042 — ký trước khi khởi động lại'
  const first = await start(url)
  const serial = (
    await first.ca.issue({ profile: 'person', fullName: 'Hoàng Văn Nam', personalId: '001090098765' })
  ).serialNumber
  const created = await first.app.inject({
    method: 'POST',
    url: '/remote-signing/requests',
    payload: {
      serialNumber: serial,
      digest: createHash('sha256').update(data).digest('base64'),
      digestAlgorithm: 'SHA-256',
      description: 'Ký hợp đồng A260000000042',
    },
  })
  expect(created.statusCode).toBe(201)
  const { requestId, otp } = created.json()
  await first.stop()

  const second = await start(url)
  try {
    const pending = await second.app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
    expect(pending.json()).toMatchObject({ status: 'pending', serialNumber: serial })
    // A wrong code counts against the request after the restart too, and the right one still works.
    const wrong = await second.app.inject({
      method: 'POST',
      url: `/remote-signing/requests/${requestId}/approve`,
      payload: { otp: otp === '000000' ? '111111' : '000000' },
    })
    expect(wrong.json().code).toBe('REMOTE_SIGNING_OTP_WRONG')
    const approved = await second.app.inject({
      method: 'POST',
      url: `/remote-signing/requests/${requestId}/approve`,
      payload: { otp },
    })
    expect(approved.statusCode).toBe(200)
    const body = (
      await second.app.inject({ method: 'GET', url: `/remote-signing/requests/${requestId}` })
    ).json()
    expect(body).toMatchObject({ status: 'approved', signatureAlgorithm: 'ecdsa-with-SHA256' })

    writeFileSync(join(dir, 'data.txt'), data)
    writeFileSync(join(dir, 'sig.der'), Buffer.from(body.signature, 'base64'))
    writeFileSync(join(dir, 'cert.pem'), body.certificatePem)
    const pub = await openssl('x509', '-in', join(dir, 'cert.pem'), '-pubkey', '-noout')
    writeFileSync(join(dir, 'pub.pem'), pub.out)
    const verify = await openssl(
      'dgst',
      '-sha256',
      '-verify',
      join(dir, 'pub.pem'),
      '-signature',
      join(dir, 'sig.der'),
      join(dir, 'data.txt'),
    )
    expect(verify.out).toContain('Verified OK')
  } finally {
    await second.stop()
  }
}, 120_000)
