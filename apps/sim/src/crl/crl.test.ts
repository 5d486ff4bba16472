import { describeEachDatabase } from '@elc/db/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { caAdminRoutes } from '../ca/admin-routes.ts'
import { SimCertificateAuthority } from '../ca/certificate-authority.ts'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { openssl, TEST_URLS, tempDir, writeBytes, writePem } from '../ca/test-support.ts'
import * as x509 from '../ca/x509.ts'

describeEachDatabase<SimCaDatabase>(
  'sim CA CRLs',
  (ctx) => {
    let ca: SimCertificateAuthority
    let app: FastifyInstance
    const dir = tempDir()

    beforeAll(async () => {
      ca = await SimCertificateAuthority.open({ db: ctx.db(), urls: TEST_URLS })
      app = Fastify()
      await caAdminRoutes(app, ca)
      await app.ready()
    })
    afterAll(async () => {
      await app?.close()
    })

    async function fetchCrl(id: string): Promise<Uint8Array> {
      const response = await app.inject({ method: 'GET', url: `/crl/${id}.crl` })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('application/pkix-crl')
      return new Uint8Array(response.rawPayload)
    }

    it('publishes a signed, empty CRL per CA from the start', async () => {
      for (const issuer of ca.authorities()) {
        const path = writeBytes(dir, `${issuer.id}-empty.crl`, await fetchCrl(issuer.id))
        const text = openssl('crl', '-inform', 'DER', '-in', path, '-noout', '-text')
        expect(text.status).toBe(0)
        expect(text.output).toContain('No Revoked Certificates.')
        expect(text.output).toMatch(/X509v3 CRL Number:\s+\d+/)
        expect(text.output).toContain('Next Update:')
        const crl = new x509.X509Crl(await fetchCrl(issuer.id))
        expect(await crl.verify({ publicKey: issuer.certificate.publicKey })).toBe(true)
      }
    })

    it('serves each CA certificate at its AIA caIssuers URL', async () => {
      const response = await app.inject({ method: 'GET', url: '/ca/elc-sim-ca-rsa.crt' })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('application/pkix-cert')
      expect(
        new x509.X509Certificate(new Uint8Array(response.rawPayload)).equal(
          ca.authority('elc-sim-ca-rsa').certificate,
        ),
      ).toBe(true)
      const missing = await app.inject({ method: 'GET', url: '/ca/nope.crt' })
      expect(missing.statusCode).toBe(404)
      expect(missing.headers['content-type']).toContain('application/problem+json')
    })

    for (const [issuerId, keyAlgorithm] of [
      ['elc-sim-ca-ecdsa', 'ecdsa-p256'],
      ['elc-sim-ca-rsa', 'rsa-pss-2048'],
    ] as const) {
      it(`lists a revoked serial with its reason and makes openssl -crl_check reject it (${issuerId})`, async () => {
        const good = await ca.issue({
          profile: 'person',
          fullName: 'Lê Thị Mỹ Duyên',
          personalId: '079190000001',
          issuerId,
          keyAlgorithm,
        })
        const bad = await ca.issue({
          profile: 'person',
          fullName: 'Phạm Quốc Việt',
          personalId: '079190000002',
          issuerId,
          keyAlgorithm,
        })
        const numberBefore = new x509.X509Crl(await fetchCrl(issuerId)).getExtension('2.5.29.20')
        await ca.revoke(bad.serialNumber, 'keyCompromise', new Date('2026-05-01T00:00:00Z'))
        const der = await fetchCrl(issuerId)
        const numberAfter = new x509.X509Crl(der).getExtension('2.5.29.20')
        expect(numberAfter && numberBefore).toBeTruthy()
        expect(Buffer.from(numberAfter?.value ?? new ArrayBuffer(0))).not.toEqual(
          Buffer.from(numberBefore?.value ?? new ArrayBuffer(0)),
        )

        const crlPath = writeBytes(dir, `${issuerId}.crl`, der)
        const text = openssl('crl', '-inform', 'DER', '-in', crlPath, '-noout', '-text').output
        expect(text).toContain(`Serial Number: ${bad.serialNumber.toUpperCase()}`)
        expect(text).toContain('Key Compromise')
        expect(text).not.toContain(good.serialNumber.toUpperCase())

        const crlPem = writeBytes(
          dir,
          `${issuerId}-crl.pem`,
          x509.PemConverter.encode(der.slice().buffer, 'X509 CRL'),
        )
        const root = writePem(dir, 'root.pem', ca.root.certificate)
        const intermediate = writePem(dir, `${issuerId}.pem`, ca.authority(issuerId).certificate)
        const rejected = openssl(
          'verify',
          '-crl_check',
          '-CRLfile',
          crlPem,
          '-CAfile',
          root,
          '-untrusted',
          intermediate,
          writePem(dir, 'bad.pem', bad.certificate),
        )
        expect(rejected.status).not.toBe(0)
        expect(rejected.output).toContain('certificate revoked')
        const accepted = openssl(
          'verify',
          '-crl_check',
          '-CRLfile',
          crlPem,
          '-CAfile',
          root,
          '-untrusted',
          intermediate,
          writePem(dir, 'good.pem', good.certificate),
        )
        expect(accepted.output).toContain(': OK')
      })
    }

    it('keeps serving the stored CRL until nextUpdate, then signs a fresh one', async () => {
      const first = await ca.crl('elc-sim-ca-ecdsa')
      expect(Buffer.from(await ca.crl('elc-sim-ca-ecdsa')).equals(Buffer.from(first))).toBe(true)
      const later = await SimCertificateAuthority.open({
        db: ctx.db(),
        urls: TEST_URLS,
        now: () => new Date(Date.now() + 2 * 86_400_000),
      })
      const fresh = new x509.X509Crl(await later.crl('elc-sim-ca-ecdsa'))
      expect(fresh.thisUpdate.getTime()).toBeGreaterThan(Date.now() + 86_400_000)
      expect(fresh.entries.length).toBe(new x509.X509Crl(first).entries.length)
    })
  },
  { migrations: caMigrations },
)
