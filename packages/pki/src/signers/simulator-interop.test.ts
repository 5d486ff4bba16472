// Signing against the national services simulator on loopback: certificates from its CA, signatures from a
// local key and from its remote signing API, B-T timestamps from its TSA; every CMS checked by openssl.
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEachDatabase } from '@elc/db/testing'
import { buildSimulator, caMigrations, type SimCaDatabase } from '@elc/sim'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { assembleSignedData } from '../cms/assemble-signed-data.ts'
import { children } from '../cms/der.ts'
import type { DigestAlgorithm } from '../cms/digest-algorithms.ts'
import { addSignatureTimestamp, signatureTimestampDigest } from '../cms/signature-timestamp.ts'
import { buildSignedAttributes } from '../cms/signed-attributes.ts'
import { signerInfoOf } from '../cms/signer-info.ts'
import { nth } from '../cms/testing/nth.ts'
import { openssl, opensslCmsVerify, toPem } from '../cms/testing/test-certificates.ts'
import { requestTimestamp } from '../tsa/request-timestamp.ts'
import { timestampTokenInfo } from '../tsa/timestamp-token-info.ts'
import type { CmsSigner } from './cms-signer.ts'
import { localKeySigner } from './local-key-signer.ts'
import { remoteSigner } from './remote-signer.ts'
import {
  approveRemoteSignature,
  fetchRemoteSignature,
  requestRemoteSignature,
} from './remote-signing-client.ts'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

type Simulator = Awaited<ReturnType<typeof buildSimulator>>
type Issued = Awaited<ReturnType<Simulator['ca']['issue']>>

interface Subject {
  serialNumber: string
  certificate: Uint8Array
  chain: Uint8Array[]
  privateKeyPem: string
}

const content = new TextEncoder().encode(
  '%PDF-1.7\n… Hợp đồng lao động điện tử giữa Công ty TNHH Bình Minh và bà Nguyễn Thị Hồng Nhung …',
)

describeEachDatabase<SimCaDatabase>(
  'CMS signing against the simulator',
  (ctx) => {
    let dir: string
    const f = (name: string) => join(dir, name)
    let auto: Simulator
    let manual: Simulator
    let autoUrl: string
    let manualUrl: string
    let person: Subject
    let organisationRsa: Subject
    let personRsa: Subject

    const subject = (issued: Issued): Subject => ({
      serialNumber: issued.serialNumber,
      certificate: new Uint8Array(issued.certificate.rawData),
      chain: issued.chain.map((c) => new Uint8Array(c.rawData)),
      privateKeyPem: issued.privateKeyPem as string,
    })

    async function start(autoApproveRemoteSigning: boolean) {
      const port = await freePort()
      const baseUrl = `http://127.0.0.1:${port}`
      const sim = await buildSimulator({ db: ctx.db(), baseUrl, autoApproveRemoteSigning })
      await sim.app.listen({ host: '127.0.0.1', port })
      return { sim, baseUrl }
    }

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'elc-pki-sim-'))
      ;({ sim: auto, baseUrl: autoUrl } = await start(true))
      ;({ sim: manual, baseUrl: manualUrl } = await start(false))
      const issuedPerson = await auto.ca.issue({
        profile: 'person',
        fullName: 'Nguyễn Thị Hồng Nhung',
        personalId: '001190012345',
      })
      person = subject(issuedPerson)
      organisationRsa = subject(
        await auto.ca.issue({
          profile: 'organisation',
          organisationName: 'Công ty TNHH Bình Minh',
          taxCode: '0101234567',
          keyAlgorithm: 'rsa-pss-2048',
        }),
      )
      personRsa = subject(
        await auto.ca.issue({
          profile: 'person',
          fullName: 'Trần Văn Bình',
          personalId: '001090012345',
          keyAlgorithm: 'rsa-pss-2048',
        }),
      )
      await writeFile(f('root.pem'), toPem([person.chain.at(-1) as Uint8Array]))
      await writeFile(f('intermediates.pem'), toPem(person.chain.slice(0, -1)))
      await writeFile(f('content.bin'), content)
    })

    afterAll(async () => {
      await auto?.app.close()
      await manual?.app.close()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    async function signCms(signer: CmsSigner, digestAlgorithm: DigestAlgorithm = 'SHA-256') {
      const signedAttributes = buildSignedAttributes({
        contentDigest: createHash(digestAlgorithm.replace('-', '').toLowerCase()).update(content).digest(),
        digestAlgorithm,
        signerCertificate: signer.certificate,
      })
      const signature = await signer.sign(signedAttributes, digestAlgorithm)
      return assembleSignedData({
        signedAttributes,
        signature,
        certificate: signer.certificate,
        chain: signer.chain,
        digestAlgorithm,
      })
    }

    /** B-T: the simulator's TSA stamps the signature value. */
    async function addTimestamp(cms: Uint8Array) {
      const token = await requestTimestamp({
        url: `${autoUrl}/tsa`,
        digest: signatureTimestampDigest(cms, 'SHA-256'),
        digestAlgorithm: 'SHA-256',
      })
      return { token, stamped: addSignatureTimestamp(cms, token) }
    }

    /** openssl cms -verify over the detached content, plus what openssl prints of the signed attributes. */
    async function checkWithOpenssl(name: string, cms: Uint8Array) {
      await writeFile(f(`${name}.p7s`), cms)
      const verified = await opensslCmsVerify(f(`${name}.p7s`), f('content.bin'), f('root.pem'))
      expect(verified.out).toContain('Verification successful')
      const printed = await openssl('cms', '-cmsout', '-print', '-inform', 'DER', '-in', f(`${name}.p7s`))
      expect(printed.ok).toBe(true)
      expect(printed.out).toContain('id-smime-aa-signingCertificateV2')
      expect(printed.out).not.toMatch(/signingTime/i)
      return printed.out
    }

    /** openssl ts -verify of the token taken back out of the CMS, against the signature value it stamps. */
    async function checkTimestamp(name: string, stamped: Uint8Array, token: Uint8Array) {
      const info = signerInfoOf(stamped)
      if (!info.unsignedAttributes) throw new Error('no unsigned attributes')
      const values = nth(children(nth(children(info.unsignedAttributes), 0)), 1)
      const extracted = nth(children(values), 0).raw
      expect(Buffer.from(extracted)).toEqual(Buffer.from(token))
      await writeFile(f(`${name}.tst`), extracted)
      await writeFile(f(`${name}.sig`), info.signature.content)
      const verified = await openssl(
        'ts',
        '-verify',
        '-in',
        f(`${name}.tst`),
        '-token_in',
        '-data',
        f(`${name}.sig`),
        '-CAfile',
        f('root.pem'),
        '-untrusted',
        f('intermediates.pem'),
      )
      expect(verified.out).toContain('Verification: OK')
      const tst = timestampTokenInfo(extracted)
      expect(Math.abs(tst.genTime.getTime() - Date.now())).toBeLessThan(60_000)
    }

    it('local key, EC person certificate with a Vietnamese name: B-T CMS verified by openssl cms and openssl ts', async () => {
      const cms = await signCms(localKeySigner(person.privateKeyPem, person.certificate, person.chain))
      const { token, stamped } = await addTimestamp(cms)
      expect(Buffer.from(signerInfoOf(stamped).signedAttributes.raw)).toEqual(
        Buffer.from(signerInfoOf(cms).signedAttributes.raw),
      )
      const printed = await checkWithOpenssl('local-ec', stamped)
      expect(printed).toContain('id-smime-aa-timeStampToken')
      await checkTimestamp('local-ec', stamped, token)
    })

    it('local key, RSA organisation certificate: RSASSA-PSS CMS verified by openssl', async () => {
      const cms = await signCms(
        localKeySigner(organisationRsa.privateKeyPem, organisationRsa.certificate, organisationRsa.chain),
      )
      const printed = await checkWithOpenssl('local-rsa', cms)
      expect(printed).toContain('rsassaPss')
      const { token, stamped } = await addTimestamp(cms)
      await checkWithOpenssl('local-rsa-t', stamped)
      await checkTimestamp('local-rsa', stamped, token)
    })

    it.each([
      ['EC person', () => person, 'SHA-256'],
      ['EC person, SHA-384', () => person, 'SHA-384'],
      ['RSA organisation', () => organisationRsa, 'SHA-256'],
      ['RSA person, SHA-512', () => personRsa, 'SHA-512'],
    ] as const)('remote signing (auto-approve), %s: B-T CMS verified by openssl', async (name, who, hash) => {
      const s = who()
      const signer = remoteSigner({
        baseUrl: autoUrl,
        serialNumber: s.serialNumber,
        certificate: s.certificate,
        chain: s.chain,
        pollIntervalMs: 20,
        timeoutMs: 5000,
      })
      const cms = await signCms(signer, hash)
      // ECDSA as DER ECDSA-Sig-Value, RSASSA-PSS as the raw 2048-bit value.
      const value = signerInfoOf(cms).signature.content
      if (s === person) expect(value[0]).toBe(0x30)
      else expect(value).toHaveLength(256)
      const { token, stamped } = await addTimestamp(cms)
      const tag = name.replace(/\W+/g, '-')
      await checkWithOpenssl(`remote-${tag}`, stamped)
      await checkTimestamp(`remote-${tag}`, stamped, token)
    })

    it('two-phase remote signing: request, approve with the one-time code, fetch later, assemble', async () => {
      const signedAttributes = buildSignedAttributes({
        contentDigest: createHash('sha256').update(content).digest(),
        digestAlgorithm: 'SHA-256',
        signerCertificate: person.certificate,
      })
      const requested = await requestRemoteSignature({
        baseUrl: manualUrl,
        serialNumber: person.serialNumber,
        digest: createHash('sha256').update(signedAttributes).digest(),
        digestAlgorithm: 'SHA-256',
        description: 'Ký hợp đồng lao động số HĐ-2026-001',
      })
      expect(requested.status).toBe('pending')
      expect(requested.otp).toMatch(/^\d{6}$/)
      expect(await fetchRemoteSignature({ baseUrl: manualUrl, requestId: requested.requestId })).toEqual({
        status: 'pending',
      })
      await expect(
        approveRemoteSignature({
          baseUrl: manualUrl,
          requestId: requested.requestId,
          otp: requested.otp === '000000' ? '111111' : '000000',
        }),
      ).rejects.toMatchObject({ code: 'REMOTE_SIGNING_OTP_WRONG', status: 403 })
      await approveRemoteSignature({
        baseUrl: manualUrl,
        requestId: requested.requestId,
        otp: requested.otp as string,
      })
      const result = await fetchRemoteSignature({ baseUrl: manualUrl, requestId: requested.requestId })
      if (result.status !== 'approved') throw new Error(`not approved: ${result.status}`)
      expect(result.signatureAlgorithm).toBe('ecdsa-with-SHA256')
      expect(Buffer.from(result.certificate)).toEqual(Buffer.from(person.certificate))
      const cms = assembleSignedData({
        signedAttributes,
        signature: result.signature,
        certificate: person.certificate,
        chain: person.chain,
        digestAlgorithm: 'SHA-256',
      })
      await checkWithOpenssl('two-phase', cms)
    })

    it('remote signing reports rejection, timeout, an unknown certificate, a mismatch and a CA that is down', async () => {
      const requested = await requestRemoteSignature({
        baseUrl: manualUrl,
        serialNumber: person.serialNumber,
        digest: new Uint8Array(32),
        digestAlgorithm: 'SHA-256',
        description: 'Từ chối',
      })
      await fetch(`${manualUrl}/remote-signing/requests/${requested.requestId}/reject`, { method: 'POST' })
      expect(await fetchRemoteSignature({ baseUrl: manualUrl, requestId: requested.requestId })).toEqual({
        status: 'rejected',
        reason: 'subscriber',
      })

      const options = {
        serialNumber: person.serialNumber,
        certificate: person.certificate,
        chain: person.chain,
        pollIntervalMs: 50,
      }
      await expect(
        signCms(remoteSigner({ ...options, baseUrl: manualUrl, timeoutMs: 200 })),
      ).rejects.toMatchObject({
        code: 'REMOTE_SIGNING_TIMEOUT',
      })
      await expect(
        signCms(remoteSigner({ ...options, baseUrl: autoUrl, serialNumber: '7fffffffffff' })),
      ).rejects.toMatchObject({ code: 'REMOTE_SIGNING_CERTIFICATE_NOT_FOUND', status: 404 })
      // The CA signs with the serial's key, but the caller put another certificate in the CMS.
      await expect(
        signCms(remoteSigner({ ...options, baseUrl: autoUrl, certificate: organisationRsa.certificate })),
      ).rejects.toMatchObject({ code: 'REMOTE_SIGNING_CERTIFICATE_MISMATCH' })
      const downUrl = `http://127.0.0.1:${await freePort()}`
      await expect(signCms(remoteSigner({ ...options, baseUrl: downUrl }))).rejects.toMatchObject({
        code: 'REMOTE_SIGNING_UNAVAILABLE',
      })
    })
  },
  { migrations: caMigrations },
)
