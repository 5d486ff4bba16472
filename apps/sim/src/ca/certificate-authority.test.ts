import { createHash } from 'node:crypto'
import { describeEachDatabase } from '@elc/db/testing'
import { beforeAll, expect, it } from 'vitest'
import { IssuerHashes } from '../ocsp/cert-id.ts'
import { toPkijsCertificate } from '../ocsp/signer.ts'
import { SimCertificateAuthority } from './certificate-authority.ts'
import { DEFAULT_HIERARCHY } from './hierarchy.ts'
import { caMigrations } from './migrations.ts'
import type { SimCaDatabase } from './schema.ts'
import { UID_OID } from './subject-names.ts'
import { certificateText, openssl, TEST_URLS, tempDir, writePem } from './test-support.ts'
import type * as x509 from './x509.ts'

const NAME = 'Nguyễn Thị Hồng Nhung'

describeEachDatabase<SimCaDatabase>(
  'sim CA hierarchy',
  (ctx) => {
    let ca: SimCertificateAuthority
    const dir = tempDir()

    beforeAll(async () => {
      ca = await SimCertificateAuthority.open({ db: ctx.db(), urls: TEST_URLS })
    })

    it('has a NEAC-like root and licensed CAs under it', () => {
      expect(ca.root.certificate.subjectName.getField('CN')).toEqual([DEFAULT_HIERARCHY.root.commonName])
      expect(ca.authorities().map((a) => a.id)).toEqual(['neac-root', 'elc-sim-ca-ecdsa', 'elc-sim-ca-rsa'])
      const text = certificateText(writePem(dir, 'root.pem', ca.root.certificate))
      expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:1/)
      expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/)
      expect(text).toContain('rsassaPss')
      const sub = certificateText(writePem(dir, 'ca.pem', ca.authority('elc-sim-ca-ecdsa').certificate))
      expect(sub).toMatch(/CA:TRUE, pathlen:0/)
      expect(sub).toContain('CA Issuers - URI:http://sim.test:4100/ca/neac-root.crt')
      expect(sub).toContain('URI:http://sim.test:4100/crl/neac-root.crl')
    })

    it('issues an ECDSA person certificate that openssl verifies, with the Vietnamese name intact', async () => {
      const issued = await ca.issue({ profile: 'person', fullName: NAME, personalId: '001190012345' })
      const root = writePem(dir, 'root.pem', ca.root.certificate)
      const intermediate = writePem(dir, 'ca-ec.pem', issued.chain[0] as x509.X509Certificate)
      const leaf = writePem(dir, 'person-ec.pem', issued.certificate)
      const verify = openssl('verify', '-CAfile', root, '-untrusted', intermediate, leaf)
      expect(verify.output).toContain(': OK')
      expect(verify.status).toBe(0)
      const subject = openssl('x509', '-in', leaf, '-noout', '-nameopt', 'utf8', '-subject').output
      expect(subject).toContain(`CN=${NAME},`)
      expect(subject).toContain('UID=CCCD:001190012345')
      const text = certificateText(leaf)
      expect(text).toContain('ecdsa-with-SHA256')
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/)
      expect(text).toContain('OCSP - URI:http://sim.test:4100/ocsp')
      expect(text).toContain('CA Issuers - URI:http://sim.test:4100/ca/elc-sim-ca-ecdsa.crt')
      expect(text).toContain('URI:http://sim.test:4100/crl/elc-sim-ca-ecdsa.crl')
      expect(text).toContain('X509v3 Subject Key Identifier')
      expect(text).toContain('X509v3 Authority Key Identifier')
      expect(issued.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
      // The name is a UTF8String (tag 0x0c) holding the NFC bytes.
      const der = Buffer.from(issued.certificate.rawData)
      expect(
        der.includes(Buffer.concat([Buffer.from([0x0c, Buffer.byteLength(NAME)]), Buffer.from(NAME)])),
      ).toBe(true)
      expect(issued.certificate.subjectName.getField(UID_OID)).toEqual(['CCCD:001190012345'])
    })

    it('issues an RSA-PSS organisation certificate that openssl verifies', async () => {
      const issued = await ca.issue({
        profile: 'organisation',
        organisationName: 'Công ty TNHH Dệt May Hưng Yên',
        taxCode: '0101234567',
        issuerId: 'elc-sim-ca-rsa',
        keyAlgorithm: 'rsa-pss-2048',
      })
      const root = writePem(dir, 'root.pem', ca.root.certificate)
      const intermediate = writePem(dir, 'ca-rsa.pem', ca.authority('elc-sim-ca-rsa').certificate)
      const leaf = writePem(dir, 'org-rsa.pem', issued.certificate)
      const verify = openssl('verify', '-CAfile', root, '-untrusted', intermediate, leaf)
      expect(verify.output).toContain(': OK')
      const text = certificateText(leaf)
      expect(text).toContain('rsassaPss')
      expect(text).toContain('Hash Algorithm: sha256')
      expect(text).toContain('Salt Length: 0x20')
      expect(text).toMatch(/Public-Key: \(2048 bit\)/)
      const subject = openssl('x509', '-in', leaf, '-noout', '-nameopt', 'utf8', '-subject').output
      expect(subject).toContain('O=Công ty TNHH Dệt May Hưng Yên,')
      expect(subject).toContain('UID=MST:0101234567')
    })

    it('issues a TSA certificate with a critical timeStamping EKU', async () => {
      const tsa = await ca.serviceCredential('tsa', { profile: 'tsa', commonName: 'ELC-SIM TSA (MÔ PHỎNG)' })
      const text = certificateText(writePem(dir, 'tsa.pem', tsa.certificate))
      expect(text).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping\n/)
      const again = await ca.serviceCredential('tsa', {
        profile: 'tsa',
        commonName: 'ELC-SIM TSA (MÔ PHỎNG)',
      })
      expect(again.serialNumber).toBe(tsa.serialNumber)
      expect(again.privateKeyPem).toBe(tsa.privateKeyPem)
      const purpose = openssl(
        'verify',
        '-CAfile',
        writePem(dir, 'root.pem', ca.root.certificate),
        '-untrusted',
        writePem(dir, 'ca-ec.pem', tsa.chain[0] as x509.X509Certificate),
        '-purpose',
        'timestampsign',
        writePem(dir, 'tsa.pem', tsa.certificate),
      )
      expect(purpose.output).toContain(': OK')
    })

    it('issues an OCSP responder certificate with OCSPSigning and ocsp-nocheck', async () => {
      const ocsp = await ca.issue({
        profile: 'ocsp',
        commonName: 'ELC-SIM OCSP',
        keyAlgorithm: 'rsa-pss-2048',
      })
      const text = certificateText(writePem(dir, 'ocsp.pem', ocsp.certificate))
      expect(text).toMatch(/Extended Key Usage:\s+OCSP Signing/)
      expect(text).toContain('OCSP No Check')
      expect(text).toContain('CA Issuers - URI:http://sim.test:4100/ca/elc-sim-ca-ecdsa.crt')
    })

    it('gives random, positive, unique serials of at least 64 bits', async () => {
      const serials = new Set<string>()
      for (let i = 0; i < 5; i++) {
        const issued = await ca.issue({
          profile: 'person',
          fullName: 'Trần Văn An',
          personalId: `00109000000${i}`,
        })
        const bytes = Buffer.from(issued.certificate.serialNumber, 'hex')
        expect(bytes.length).toBeGreaterThanOrEqual(8)
        expect((bytes[0] ?? 0) & 0x80).toBe(0)
        serials.add(issued.serialNumber)
      }
      expect(serials.size).toBe(5)
    })

    it('answers good, revoked and unknown for the OCSP responder', async () => {
      const issued = await ca.issue({ profile: 'person', fullName: NAME, personalId: '001190099999' })
      const issuer = issued.chain[0] as x509.X509Certificate
      expect(await ca.certificateStatus(issuer, issued.serialNumber)).toEqual({ status: 'good' })
      const at = new Date('2026-03-01T02:03:04Z')
      await ca.revoke(issued.serialNumber, 'keyCompromise', at)
      expect(await ca.certificateStatus(issuer.rawData, BigInt(`0x${issued.serialNumber}`))).toEqual({
        status: 'revoked',
        revokedAt: at,
        reason: 'keyCompromise',
      })
      expect(await ca.certificateStatus(issuer, '0badc0ffee')).toEqual({ status: 'unknown' })
      // Right serial, wrong issuer.
      expect(
        await ca.certificateStatus(ca.authority('elc-sim-ca-rsa').certificate, issued.serialNumber),
      ).toEqual({
        status: 'unknown',
      })
      await expect(ca.revoke(issued.serialNumber, 'superseded')).rejects.toMatchObject({
        code: 'CA_CERTIFICATE_ALREADY_REVOKED',
      })
    })

    it("matches the OCSP responder's CertID hashes of a CA (the one CertID matcher)", async () => {
      const issuer = ca.authority('elc-sim-ca-rsa')
      const nameHash = createHash('sha1')
        .update(new Uint8Array(issuer.certificate.subjectName.toArrayBuffer()))
        .digest('hex')
      const spki = Buffer.from(issuer.certificate.publicKey.rawData)
      // RSA SPKI: the BIT STRING of a 2048-bit key is the last 271 octets (3-byte length + 0 unused-bits octet).
      const keyHash = createHash('sha1')
        .update(spki.subarray(spki.length - 270))
        .digest('hex')
      const hashes = new IssuerHashes(toPkijsCertificate(issuer.certificate))
      expect(await hashes.key('1.3.14.3.2.26')).toBe(`${nameHash}:${keyHash}`)
      const other = new IssuerHashes(toPkijsCertificate(ca.authority('elc-sim-ca-ecdsa').certificate))
      expect(await other.key('1.3.14.3.2.26')).not.toBe(`${nameHash}:${keyHash}`)
    })

    it('finds a CA by its exact DER or by its public key, and nothing else', () => {
      const issuer = ca.authority('elc-sim-ca-ecdsa')
      expect(ca.findIssuer(issuer.der)?.id).toBe('elc-sim-ca-ecdsa')
      expect(ca.findIssuer(issuer.certificate)?.id).toBe('elc-sim-ca-ecdsa')
      expect(ca.findIssuer(new Uint8Array([0x30, 0x00]))).toBeUndefined()
    })

    it('keeps the root, serials and revocations across a restart', async () => {
      const before = await ca.list({ limit: 1000 })
      const revokedBefore = before.filter((r) => r.revokedAt)
      expect(revokedBefore.length).toBeGreaterThan(0)
      const rootPrint = Buffer.from(await ca.root.certificate.getThumbprint('SHA-256')).toString('hex')

      const reopened = await SimCertificateAuthority.open({ db: ctx.db(), urls: TEST_URLS })
      expect(Buffer.from(await reopened.root.certificate.getThumbprint('SHA-256')).toString('hex')).toBe(
        rootPrint,
      )
      const after = await reopened.list({ limit: 1000 })
      expect(after.map((r) => r.serialNumber).sort()).toEqual(before.map((r) => r.serialNumber).sort())
      expect(after.filter((r) => r.revokedAt).map((r) => r.serialNumber)).toEqual(
        revokedBefore.map((r) => r.serialNumber),
      )
      const next = await reopened.issue({ profile: 'person', fullName: NAME, personalId: '001190012346' })
      expect(before.map((r) => r.serialNumber)).not.toContain(next.serialNumber)
      expect((await reopened.list({ limit: 1000 })).length).toBe(before.length + 1)
      // The reopened CA still signs chains the original root anchors.
      const verify = openssl(
        'verify',
        '-CAfile',
        writePem(dir, 'root.pem', ca.root.certificate),
        '-untrusted',
        writePem(dir, 'ca-ec.pem', next.chain[0] as x509.X509Certificate),
        writePem(dir, 'next.pem', next.certificate),
      )
      expect(verify.output).toContain(': OK')
    })

    it('builds an all-ECDSA hierarchy that openssl verifies', async () => {
      const ec = await SimCertificateAuthority.open({
        db: ctx.db(),
        urls: TEST_URLS,
        hierarchy: {
          root: { ...DEFAULT_HIERARCHY.root, id: 'ec-root', keyAlgorithm: 'ecdsa-p256' },
          authorities: [
            {
              id: 'ec-ca',
              organisation: 'ELC (MÔ PHỎNG)',
              commonName: 'EC CA (MÔ PHỎNG)',
              keyAlgorithm: 'ecdsa-p256',
            },
          ],
        },
      })
      const issued = await ec.issue({ profile: 'person', fullName: NAME, personalId: '001190012347' })
      const verify = openssl(
        'verify',
        '-CAfile',
        writePem(dir, 'ec-root.pem', ec.root.certificate),
        '-untrusted',
        writePem(dir, 'ec-ca.pem', ec.authority('ec-ca').certificate),
        writePem(dir, 'ec-leaf.pem', issued.certificate),
      )
      expect(verify.output).toContain(': OK')
      expect(certificateText(writePem(dir, 'ec-root.pem', ec.root.certificate))).not.toContain('rsassaPss')
    })

    it('rejects bad subject data with a stable code', async () => {
      await expect(
        ca.issue({ profile: 'person', fullName: NAME, personalId: '12345' }),
      ).rejects.toMatchObject({
        code: 'CA_PERSONAL_ID_INVALID',
      })
      await expect(
        ca.issue({ profile: 'person', fullName: NAME, personalId: '001190012345', issuerId: 'neac-root' }),
      ).rejects.toMatchObject({ code: 'CA_ROOT_ISSUES_ONLY_CAS' })
      await expect(
        ca.issue({ profile: 'person', fullName: NAME, personalId: '001190012345', issuerId: 'nope' }),
      ).rejects.toMatchObject({ code: 'CA_AUTHORITY_UNKNOWN', status: 404 })
    })
  },
  { migrations: caMigrations },
)
