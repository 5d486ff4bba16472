import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OID_SHA256 } from '../trust/algorithms.ts'
import { type Cert, parseCertificate } from '../trust/certificate.ts'
import { countingFetch, type RunningSimulator, startSimulator } from '../verify/testing/simulator.ts'
import { collectValidationData } from './collect-validation-data.ts'
import { checkCrl } from './crl.ts'
import { checkOcspResponse } from './ocsp.ts'
import { RevocationChecker } from './revocation-checker.ts'

function flip(bytes: Uint8Array, at: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ 0x01
}

let sim: RunningSimulator
let leaf: Cert
let ca: Cert
let root: Cert
let rsaCa: Cert

beforeAll(async () => {
  sim = await startSimulator()
  const issued = await sim.ca.issue({
    profile: 'person',
    fullName: 'Phạm Thị Dung',
    personalId: '001088004444',
  })
  leaf = parseCertificate(new Uint8Array(issued.certificate.rawData))
  ca = parseCertificate(sim.ca.authority('elc-sim-ca-ecdsa').der)
  rsaCa = parseCertificate(sim.ca.authority('elc-sim-ca-rsa').der)
  root = parseCertificate(sim.ca.root.der)
})
afterAll(async () => {
  await sim?.close()
})

async function personCert(): Promise<Cert> {
  const issued = await sim.ca.issue({
    profile: 'person',
    fullName: 'Hoàng Văn Em',
    personalId: '001077005555',
  })
  return parseCertificate(new Uint8Array(issued.certificate.rawData))
}

describe('RevocationChecker (R2.27)', () => {
  it('asks the OCSP responder named in AIA; the answer is signed by a responder the CA delegated', async () => {
    const counter = countingFetch()
    const checker = new RevocationChecker({ fetch: counter.fetch })
    const r = await checker.check({ certificate: leaf, issuer: ca, at: new Date() })
    expect(r).toMatchObject({ status: 'good', source: 'online-ocsp' })
    expect(r.nextUpdate?.getTime()).toBeGreaterThan(Date.now())
    expect(r.response).toBeInstanceOf(Uint8Array)
    // Cached until nextUpdate.
    await checker.check({ certificate: leaf, issuer: ca, at: new Date() })
    expect(counter.count('POST /ocsp')).toBe(1)
  })

  it('matches CertIDs made with SHA-256 too', async () => {
    const r = await new RevocationChecker({ certIdHashOid: OID_SHA256 }).check({
      certificate: leaf,
      issuer: ca,
      at: new Date(),
    })
    expect(r).toMatchObject({ status: 'good', source: 'online-ocsp' })
  })

  it("reads a licensed CA's status from the root's CRL, fetched once", async () => {
    const counter = countingFetch()
    const checker = new RevocationChecker({ fetch: counter.fetch })
    const r = await checker.check({ certificate: ca, issuer: root, at: new Date() })
    expect(r).toMatchObject({ status: 'good', source: 'online-crl' })
    await checker.check({ certificate: rsaCa, issuer: root, at: new Date() })
    expect(counter.count('GET /crl/neac-root.crl')).toBe(1)
    expect(counter.count('POST /ocsp')).toBe(0)
  })

  it('uses embedded OCSP responses and CRLs before going online', async () => {
    const online = await new RevocationChecker().check({ certificate: leaf, issuer: ca, at: new Date() })
    const offline = new RevocationChecker({ online: false })
    const fromOcsp = await offline.check({
      certificate: leaf,
      issuer: ca,
      at: new Date(),
      embedded: { ocsps: [online.response as Uint8Array] },
    })
    expect(fromOcsp).toMatchObject({ status: 'good', source: 'embedded-ocsp' })

    const revoked = await personCert()
    await sim.ca.revoke(revoked.serialHex, 'keyCompromise', new Date(Date.now() - 3_600_000))
    const crl = await sim.ca.crl('elc-sim-ca-ecdsa')
    const fromCrl = await offline.check({
      certificate: revoked,
      issuer: ca,
      at: new Date(),
      embedded: { crls: [crl] },
    })
    expect(fromCrl).toMatchObject({ status: 'revoked', source: 'embedded-crl', reason: 'keyCompromise' })
    expect(fromCrl.revokedAt?.getTime()).toBeLessThan(Date.now() - 3_000_000)
  })

  it('returns unknown with source none when nothing can answer, never a silent good', async () => {
    const r = await new RevocationChecker({ online: false }).check({
      certificate: leaf,
      issuer: ca,
      at: new Date(),
    })
    expect(r).toMatchObject({ status: 'unknown', source: 'none' })
    const failing = new RevocationChecker({
      fetch: async () => {
        throw new TypeError('connect ECONNREFUSED')
      },
    })
    const r2 = await failing.check({ certificate: leaf, issuer: ca, at: new Date() })
    expect(r2).toMatchObject({ status: 'unknown', source: 'none' })
    expect(r2.problems?.join(' ')).toContain('ECONNREFUSED')
  })

  it('rejects answers that are stale, tampered with, for another certificate or from the wrong CA', async () => {
    const online = await new RevocationChecker().check({ certificate: leaf, issuer: ca, at: new Date() })
    const der = online.response as Uint8Array
    const now = new Date()
    expect(checkOcspResponse(der, { certificate: leaf, issuer: ca, at: now, now }).ok).toBe(true)
    const later = new Date(Date.now() + 3 * 3_600_000)
    expect(checkOcspResponse(der, { certificate: leaf, issuer: ca, at: later, now: later })).toMatchObject({
      ok: false,
    })
    const tampered = new Uint8Array(der)
    flip(tampered, tampered.length - 10)
    expect(checkOcspResponse(tampered, { certificate: leaf, issuer: ca, at: now, now }).ok).toBe(false)
    const other = await personCert()
    expect(checkOcspResponse(der, { certificate: other, issuer: ca, at: now, now })).toEqual({
      ok: false,
      problem: 'OCSP response does not cover this certificate',
    })
    const rsaCrl = await sim.ca.crl('elc-sim-ca-rsa')
    expect(checkCrl(rsaCrl, { certificate: leaf, issuer: ca, at: now, now }).ok).toBe(false)
    const crl = new Uint8Array(await sim.ca.crl('elc-sim-ca-ecdsa'))
    flip(crl, crl.length - 3)
    expect(checkCrl(crl, { certificate: leaf, issuer: ca, at: now, now })).toEqual({
      ok: false,
      problem: 'CRL signature does not verify',
    })
  })
})

describe('collectValidationData (R2.13, R2.23)', () => {
  it('gathers certificates, the leaf OCSP and the root CRL for each chain, once each', async () => {
    const second = await personCert()
    const checker = new RevocationChecker()
    const data = await collectValidationData(
      [
        [leaf, ca, root],
        [second.der, ca.der, root.der],
      ],
      checker,
    )
    expect(data.certificates).toHaveLength(4)
    expect(data.ocsps).toHaveLength(2)
    expect(data.crls).toHaveLength(1)
    const offline = new RevocationChecker({ online: false })
    for (const [certificate, issuer] of [
      [leaf, ca],
      [second, ca],
      [ca, root],
    ] as const) {
      const r = await offline.check({ certificate, issuer, at: new Date(), embedded: data })
      expect(r.status).toBe('good')
    }
  })
})
