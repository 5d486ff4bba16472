import { webcrypto } from 'node:crypto'
import { SimCertificateAuthority } from '@elc/sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import { TrustStore } from '../trust/trust-store.ts'
import { type Scheme, signDetached, timestampToken } from './testing/cms-builder.ts'
import { countingFetch, type RunningSimulator, startSimulator } from './testing/simulator.ts'
import { type VerifyCmsInput, verifyCmsSignature } from './verify-cms-signature.ts'

function flip(bytes: Uint8Array, at: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ 0x01
}

let sim: RunningSimulator
let tsaUrl: string

beforeAll(async () => {
  sim = await startSimulator()
  tsaUrl = `${sim.baseUrl}/tsa`
})
afterAll(async () => {
  await sim?.close()
})

const pdfPieces = () => [
  new TextEncoder().encode('%PDF-1.7 Hợp đồng lao động điện tử '.normalize('NFC')),
  new TextEncoder().encode(' phần sau chữ ký %%EOF'),
]

type Issued = Awaited<ReturnType<SimCertificateAuthority['issue']>>

async function person(keyAlgorithm: 'ecdsa-p256' | 'rsa-pss-2048' = 'ecdsa-p256'): Promise<Issued> {
  return sim.ca.issue({
    profile: 'person',
    fullName: 'Nguyễn Văn An',
    personalId: '001099012345',
    keyAlgorithm,
    issuerId: keyAlgorithm === 'ecdsa-p256' ? 'elc-sim-ca-ecdsa' : 'elc-sim-ca-rsa',
  })
}

async function signWith(
  issued: Issued,
  opts: {
    scheme?: Scheme
    timestamp?: boolean
    pieces?: Uint8Array[]
    stampOver?: Uint8Array
    corrupt?: boolean
  } = {},
) {
  const pieces = opts.pieces ?? pdfPieces()
  if (!issued.privateKey) throw new Error('no key')
  const cms = await signDetached({
    pieces,
    certificate: new Uint8Array(issued.certificate.rawData),
    chain: issued.chain.map((c) => new Uint8Array(c.rawData)),
    privateKey: issued.privateKey,
    scheme: opts.scheme ?? (issued.certificate.publicKey.algorithm.name === 'ECDSA' ? 'ecdsa' : 'rsa-pss'),
    ...(opts.timestamp === false ? {} : { tsaUrl }),
    ...(opts.stampOver ? { stampOver: opts.stampOver } : {}),
    ...(opts.corrupt ? { corruptSignature: true } : {}),
  })
  return { cms, pieces }
}

function input(cms: Uint8Array, pieces: Uint8Array[], extra: Partial<VerifyCmsInput> = {}): VerifyCmsInput {
  return {
    cms,
    signedData: pieces,
    kind: 'signature',
    trust: sim.trust,
    revocation: new RevocationChecker(),
    ...extra,
  }
}

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code)
const errors = (r: { findings: { code: string; severity: string }[] }) =>
  r.findings.filter((f) => f.severity === 'error').map((f) => f.code)

describe('verifyCmsSignature against the simulator', () => {
  it('accepts a timestamped ECDSA signature and reports the R2.25 fields (R2.29)', async () => {
    const issued = await person()
    const { cms, pieces } = await signWith(issued)
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(errors(r)).toEqual([])
    expect(r.verdict).toBe('valid')
    expect(r.integrity).toBe(true)
    expect(r.signatureVerified).toBe(true)
    expect(r.certificateValidAtSigningTime).toBe(true)
    expect(r.signingTimeSource).toBe('timestamp')
    expect(r.signer).toMatchObject({
      commonName: 'Nguyễn Văn An',
      personalId: '001099012345',
      caName: 'ELC-SIM CA ECDSA (MÔ PHỎNG / SIMULATOR)',
      keyAlgorithm: 'ECDSA P-256',
      keySize: 256,
      serialNumber: issued.serialNumber,
    })
    expect(r.chain).toHaveLength(3)
    expect(r.chainStatus).toBe('trusted')
    expect(r.timestamp).toMatchObject({
      valid: true,
      policy: '2.999.84.1.1',
      tsaName: 'ELC TSA (MÔ PHỎNG / SIMULATOR)',
    })
    expect(Math.abs((r.timestamp?.time.getTime() ?? 0) - Date.now())).toBeLessThan(60_000)
    expect(r.revocation).toMatchObject({ status: 'good', source: 'online-ocsp' })
    expect(r.digestAlgorithm).toBe('SHA-256')
    expect(r.signatureAlgorithm).toBe('ecdsa-with-SHA256')
    // The simulator's TSA certificate has the one critical timeStamping EKU (R2.28).
    expect(codes(r).filter((c) => c.startsWith('TSA_'))).toEqual([])
  })

  it('accepts an RSASSA-PSS 2048 organisation signature and reads the tax code (R2.30)', async () => {
    const issued = await sim.ca.issue({
      profile: 'organisation',
      organisationName: 'Công ty TNHH Thử Nghiệm',
      taxCode: '0101234567',
      keyAlgorithm: 'rsa-pss-2048',
      issuerId: 'elc-sim-ca-rsa',
    })
    const { cms, pieces } = await signWith(issued)
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(errors(r)).toEqual([])
    expect(r.verdict).toBe('valid')
    expect(r.signer).toMatchObject({
      taxCode: '0101234567',
      organisation: 'Công ty TNHH Thử Nghiệm',
      keySize: 2048,
    })
    expect(r.signatureAlgorithm).toBe('RSASSA-PSS with SHA-256')
    expect(codes(r)).not.toContain('RSA_PKCS1_V15_SIGNATURE')
  })

  it('rejects a changed byte in the signed data (R2.19)', async () => {
    const { cms, pieces } = await signWith(await person(), { timestamp: false })
    const changed = pieces.map((p) => new Uint8Array(p))
    flip(changed[1] as Uint8Array, 3)
    const r = await verifyCmsSignature(input(cms, changed))
    expect(r.verdict).toBe('invalid')
    expect(r.integrity).toBe(false)
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'DIGEST_MISMATCH', ruleId: 'R2.19' }))
  })

  it('rejects a changed byte in the signature value (R2.16)', async () => {
    const { cms, pieces } = await signWith(await person(), { corrupt: true })
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(r.verdict).toBe('invalid')
    expect(r.integrity).toBe(true)
    expect(r.signatureVerified).toBe(false)
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'SIGNATURE_INVALID', ruleId: 'R2.16' }))
  })

  it('cannot trust a chain to a root that is not installed (R2.17)', async () => {
    const other = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])
    const { X509CertificateGenerator } = await import('../trust/x509.ts')
    const foreignRoot = await X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=Foreign Root, C=VN',
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      keys: other,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    })
    const { cms, pieces } = await signWith(await person())
    const r = await verifyCmsSignature(
      input(cms, pieces, { trust: TrustStore.fromBytes(foreignRoot.toString('pem')) }),
    )
    expect(r.verdict).toBe('indeterminate')
    expect(r.chainStatus).toBe('untrusted-root')
    expect(r.integrity && r.signatureVerified).toBe(true)
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'CHAIN_UNTRUSTED', ruleId: 'R2.17' }))
  })

  it('rejects a signer revoked before the timestamped signing time (R2.26)', async () => {
    const issued = await person()
    await sim.ca.revoke(issued.serialNumber, 'keyCompromise', new Date(Date.now() - 60_000))
    const { cms, pieces } = await signWith(issued)
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(r.verdict).toBe('invalid')
    expect(r.certificateValidAtSigningTime).toBe(false)
    expect(r.revocation).toMatchObject({ status: 'revoked', reason: 'keyCompromise', source: 'online-ocsp' })
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'CERTIFICATE_REVOKED', ruleId: 'R2.26' }),
    )
  })

  it('keeps a signature valid when the revocation came after the proven signing time (R2.26)', async () => {
    const issued = await person()
    const { cms, pieces } = await signWith(issued)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await sim.ca.revoke(issued.serialNumber, 'superseded')
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(r.revocation.status).toBe('revoked')
    expect(r.verdict).toBe('valid')
    expect(r.certificateValidAtSigningTime).toBe(true)
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        code: 'CERTIFICATE_REVOKED_AFTER_SIGNING',
        severity: 'info',
        ruleId: 'R2.26',
      }),
    )
  })

  it('is not sure about a revoked signer whose signing time is only claimed (R2.26)', async () => {
    const issued = await person()
    const { cms, pieces } = await signWith(issued, { timestamp: false })
    await sim.ca.revoke(issued.serialNumber, 'superseded', new Date(Date.now() + 1000))
    const r = await verifyCmsSignature(input(cms, pieces, { claimedSigningTime: new Date() }))
    expect(r.verdict).toBe('indeterminate')
    expect(codes(r)).toEqual(expect.arrayContaining(['SIGNING_TIME_UNPROVEN', 'REVOKED_NO_PROOF_OF_TIME']))
  })

  it('rejects a signer whose certificate had expired at the signing time (R2.26)', async () => {
    const past = new Date(Date.now() - 10 * 86_400_000)
    const oldCa = await SimCertificateAuthority.open({
      db: sim.db.db,
      urls: { baseUrl: sim.baseUrl },
      now: () => past,
    })
    const issued = await oldCa.issue({
      profile: 'person',
      fullName: 'Trần Thị Bình',
      personalId: '079188001122',
      validityDays: 1,
    })
    const { cms, pieces } = await signWith(issued)
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(r.verdict).toBe('invalid')
    expect(r.certificateValidAtSigningTime).toBe(false)
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'CERTIFICATE_EXPIRED_AT_SIGNING_TIME', ruleId: 'R2.26' }),
    )
  })

  it('warns and stays indeterminate when no status source answers (R2.27)', async () => {
    const { cms, pieces } = await signWith(await person(), { timestamp: false })
    // A responder that never answers: the request must end at the timeout, not hang.
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )
    const started = Date.now()
    const r = await verifyCmsSignature(
      input(cms, pieces, { revocation: new RevocationChecker({ fetch: hanging, timeoutMs: 200 }) }),
    )
    expect(Date.now() - started).toBeLessThan(5000)
    expect(r.revocation).toMatchObject({ status: 'unknown', source: 'none' })
    expect(r.verdict).toBe('indeterminate')
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'REVOCATION_UNKNOWN', ruleId: 'R2.27', severity: 'warning' }),
    )
  })

  it('rejects a timestamp whose imprint covers other bytes (R2.21)', async () => {
    const { cms, pieces } = await signWith(await person(), { stampOver: new TextEncoder().encode('khác') })
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(r.verdict).toBe('invalid')
    expect(r.timestamp?.valid).toBe(false)
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'TIMESTAMP_IMPRINT_MISMATCH', ruleId: 'R2.21' }),
    )
  })

  it('flags an RSA PKCS#1 v1.5 signature (R2.30)', async () => {
    const keys = (await webcrypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as webcrypto.CryptoKeyPair
    const issued = await sim.ca.issue({
      profile: 'person',
      fullName: 'Lê Văn Cường',
      personalId: '001200003333',
      issuerId: 'elc-sim-ca-rsa',
      publicKey: keys.publicKey as never,
    })
    const { cms, pieces } = await signWith(
      { ...issued, privateKey: keys.privateKey as never },
      { scheme: 'rsa-pkcs1' },
    )
    const r = await verifyCmsSignature(input(cms, pieces))
    expect(r.integrity && r.signatureVerified).toBe(true)
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'RSA_PKCS1_V15_SIGNATURE', ruleId: 'R2.30' }),
    )
    expect(r.signatureAlgorithm).toBe('sha256WithRSAEncryption')
  })

  it('turns truncated, padded, garbage and oversized CMS into an invalid verdict, never a throw', async () => {
    const { cms, pieces } = await signWith(await person(), { timestamp: false })
    const padded = new Uint8Array(cms.length + 4096)
    padded.set(cms)
    const ok = await verifyCmsSignature(input(padded, pieces))
    expect(ok.integrity && ok.signatureVerified).toBe(true)
    const trailing = new Uint8Array(cms.length + 3)
    trailing.set(cms)
    trailing[cms.length + 1] = 7
    const cases = [
      cms.subarray(0, cms.length >> 1),
      cms.subarray(0, 40),
      new Uint8Array(0),
      webcrypto.getRandomValues(new Uint8Array(2048)),
      new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x06]),
      trailing,
      new Uint8Array(5 * 1024 * 1024),
    ]
    for (const bad of cases) {
      const r = await verifyCmsSignature(input(bad, pieces))
      expect(r.verdict).toBe('invalid')
      expect(r.findings.length).toBeGreaterThan(0)
      expect(r.findings[0]?.severity).toBe('error')
    }
    const huge = await verifyCmsSignature(input(new Uint8Array(5 * 1024 * 1024), pieces))
    expect(codes(huge)).toEqual(['CMS_TOO_LARGE'])
  })

  it('asks the OCSP responder once for the same signer (cache until nextUpdate)', async () => {
    const counter = countingFetch()
    const checker = new RevocationChecker({ fetch: counter.fetch })
    const { cms, pieces } = await signWith(await person())
    const first = await verifyCmsSignature(input(cms, pieces, { revocation: checker }))
    expect(first.verdict).toBe('valid')
    const ocspAfterFirst = counter.count('POST /ocsp')
    expect(ocspAfterFirst).toBeGreaterThan(0)
    const crlAfterFirst = counter.count('GET /crl')
    const second = await verifyCmsSignature(input(cms, pieces, { revocation: checker }))
    expect(second.verdict).toBe('valid')
    expect(counter.count('POST /ocsp')).toBe(ocspAfterFirst)
    expect(counter.count('GET /crl')).toBe(crlAfterFirst)
  })

  it('uses a claimed /M as an unproven signing time when there is no timestamp', async () => {
    const { cms, pieces } = await signWith(await person(), { timestamp: false })
    const claimed = new Date()
    const r = await verifyCmsSignature(input(cms, pieces, { claimedSigningTime: claimed }))
    expect(r.signingTimeSource).toBe('claimed')
    expect(r.signingTime).toEqual(claimed)
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'SIGNING_TIME_UNPROVEN', severity: 'warning' }),
    )
    expect(r.verdict).toBe('valid')
  })

  it('checks a document timestamp over the byte ranges themselves', async () => {
    const pieces = pdfPieces()
    const token = await timestampToken(tsaUrl, pieces)
    const r = await verifyCmsSignature(input(token, pieces, { kind: 'document-timestamp' }))
    expect(errors(r)).toEqual([])
    expect(r.verdict).toBe('valid')
    expect(r.signingTimeSource).toBe('timestamp')
    expect(r.signer?.commonName).toBe('ELC TSA (MÔ PHỎNG / SIMULATOR)')
    const changed = [pieces[0] as Uint8Array, new TextEncoder().encode('sửa đổi')]
    const bad = await verifyCmsSignature(input(token, changed, { kind: 'document-timestamp' }))
    expect(bad.verdict).toBe('invalid')
    expect(bad.integrity).toBe(false)
    expect(bad.findings).toContainEqual(
      expect.objectContaining({ code: 'TIMESTAMP_IMPRINT_MISMATCH', ruleId: 'R2.19' }),
    )
  })
})
