import { describeEachDatabase } from '@elc/db/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { caAdminRoutes } from './admin-routes.ts'
import { SimCertificateAuthority } from './certificate-authority.ts'
import { caMigrations } from './migrations.ts'
import type { SimCaDatabase } from './schema.ts'
import { openssl, TEST_URLS, tempDir, writeBytes } from './test-support.ts'
import * as x509 from './x509.ts'

describeEachDatabase<SimCaDatabase>(
  'sim CA admin API',
  (ctx) => {
    let app: FastifyInstance
    let ca: SimCertificateAuthority

    beforeAll(async () => {
      ca = await SimCertificateAuthority.open({ db: ctx.db(), urls: TEST_URLS })
      app = Fastify()
      await caAdminRoutes(app, ca)
      await app.ready()
    })
    afterAll(async () => {
      await app?.close()
    })

    it('issues a person certificate with its PKCS#8 key, then revokes and lists it', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/admin/ca/certificates',
        // NFD input comes back NFC in the certificate.
        payload: {
          profile: 'person',
          fullName: 'Nguyễn Thị Hồng Nhung'.normalize('NFD'),
          personalId: '001190012345',
        },
      })
      expect(response.statusCode).toBe(201)
      const body = response.json()
      const cert = new x509.X509Certificate(body.certificatePem)
      expect(cert.subjectName.getField('CN')).toEqual(['Nguyễn Thị Hồng Nhung'])
      expect(body.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
      const dir = tempDir()
      const keyCheck = openssl('pkey', '-in', writeBytes(dir, 'key.pem', body.privateKeyPem), '-noout')
      expect(keyCheck.status).toBe(0)
      expect(body.chainPem).toHaveLength(2)

      const revoked = await app.inject({
        method: 'POST',
        url: `/admin/ca/certificates/${body.serialNumber}/revoke`,
        payload: { reason: 'affiliationChanged' },
      })
      expect(revoked.statusCode).toBe(200)
      expect(revoked.json()).toMatchObject({
        serialNumber: body.serialNumber,
        revocationReason: 'affiliationChanged',
      })

      const list = await app.inject({
        method: 'GET',
        url: '/admin/ca/certificates?issuerId=elc-sim-ca-ecdsa',
      })
      const listed = list
        .json()
        .certificates.find((c: { serialNumber: string }) => c.serialNumber === body.serialNumber)
      expect(listed).toMatchObject({ profile: 'person', revocationReason: 'affiliationChanged' })
      expect(
        await ca.certificateStatus(ca.authority(body.issuerId).certificate, body.serialNumber),
      ).toMatchObject({
        status: 'revoked',
      })
    })

    it('issues an organisation certificate with an RSA-PSS key', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/admin/ca/certificates',
        payload: {
          profile: 'organisation',
          organisationName: 'Công ty Cổ phần Đầu tư Sông Hồng',
          taxCode: '0101234567-001',
          issuerId: 'elc-sim-ca-rsa',
          keyAlgorithm: 'rsa-pss-2048',
        },
      })
      expect(response.statusCode).toBe(201)
      expect(new x509.X509Certificate(response.json().certificatePem).subject).toContain('MST:0101234567-001')
    })

    const bad: [string, Record<string, unknown> | string, number, string][] = [
      [
        'short personal ID',
        { profile: 'person', fullName: 'Trần An', personalId: '123' },
        400,
        'CA_PERSONAL_ID_INVALID',
      ],
      [
        'empty name',
        { profile: 'person', fullName: '  ', personalId: '001190012345' },
        400,
        'CA_NAME_INVALID',
      ],
      [
        'bad tax code',
        { profile: 'organisation', organisationName: 'X', taxCode: 'abc' },
        400,
        'CA_TAX_CODE_INVALID',
      ],
      ['unknown profile', { profile: 'robot' }, 400, 'CA_PROFILE_UNSUPPORTED'],
      [
        'RSA PKCS#1 v1.5 key',
        { profile: 'person', fullName: 'Trần An', personalId: '001190012345', keyAlgorithm: 'rsa-1024' },
        400,
        'CA_KEY_ALGORITHM_UNSUPPORTED',
      ],
      [
        'unknown CA',
        { profile: 'person', fullName: 'Trần An', personalId: '001190012345', issuerId: 'nope' },
        404,
        'CA_AUTHORITY_UNKNOWN',
      ],
      ['not JSON', '{"profile":', 400, 'BODY_NOT_JSON'],
    ]
    for (const [title, payload, status, code] of bad) {
      it(`answers problem+json for ${title}`, async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/admin/ca/certificates',
          headers: { 'content-type': 'application/json' },
          payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        })
        expect(response.statusCode).toBe(status)
        expect(response.headers['content-type']).toContain('application/problem+json')
        const body = response.json()
        expect(body).toMatchObject({ status, code, type: `urn:elc:problem:${code}` })
        expect(body.messages.vi).toBeTruthy()
        expect(body.messages.en).toBeTruthy()
        expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/)
      })
    }

    it('answers problem+json for revoking an unknown serial or with a bad reason', async () => {
      const unknown = await app.inject({
        method: 'POST',
        url: '/admin/ca/certificates/0abc/revoke',
        payload: {},
      })
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json().code).toBe('CA_CERTIFICATE_NOT_FOUND')
      const reason = await app.inject({
        method: 'POST',
        url: '/admin/ca/certificates/0abc/revoke',
        payload: { reason: 'boredom' },
      })
      expect(reason.statusCode).toBe(400)
      expect(reason.json().code).toBe('CA_REVOCATION_REASON_INVALID')
    })
  },
  { migrations: caMigrations },
)
