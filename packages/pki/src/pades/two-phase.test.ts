// Two-phase signing with the CA holding the key (ký số từ xa, R2.34, R2.36): prepare, store the prepared
// state as JSON (as a service would across a restart), ask the CA, approve with the one-time code,
// complete from the stored state alone. The result must verify like a locally signed one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import {
  approveRemoteSignature,
  fetchRemoteSignature,
  requestRemoteSignature,
} from '../signers/remote-signing-client.ts'
import { samplePdf } from '../testing/sample-pdf.ts'
import { type SimFixture, startSim } from '../testing/sim-fixture.ts'
import { TrustStore } from '../trust/trust-store.ts'
import { preparedFromJson, preparedToJson } from './prepared-signature-json.ts'
import { completeSignature, prepareSignature } from './sign-pdf.ts'
import { verifyPdf } from './verify-pdf.ts'

let sim: SimFixture

beforeAll(async () => {
  sim = await startSim({ autoApproveRemoteSigning: false })
})
afterAll(async () => {
  await sim?.close()
})

describe('two-phase PAdES signing through remote signing', () => {
  it('prepare → JSON → CA approval by one-time code → complete from JSON → valid B-T', async () => {
    const issued = await sim.ca.issue({
      profile: 'person',
      fullName: 'Phạm Thị Thu Hà',
      personalId: '001185012345',
    })
    const certificate = new Uint8Array(issued.certificate.rawData)
    const chain = issued.chain.map((c) => new Uint8Array(c.rawData))
    const prepared = prepareSignature(await samplePdf(), {
      certificate,
      chain,
      signerName: 'Phạm Thị Thu Hà',
      fieldName: 'NguoiLaoDong',
      signingTime: new Date('2026-11-23T03:00:00Z'),
      visible: { page: 0, rect: [300, 80, 545, 160], idNumber: '001185012345' },
    })
    const stored = preparedToJson(prepared)

    const requested = await requestRemoteSignature({
      baseUrl: sim.baseUrl,
      serialNumber: issued.serialNumber,
      digest: prepared.digestToSign,
      digestAlgorithm: prepared.digestAlgorithm,
      description: 'Ký hợp đồng lao động',
    })
    expect(requested.status).toBe('pending')
    expect(
      (await fetchRemoteSignature({ baseUrl: sim.baseUrl, requestId: requested.requestId })).status,
    ).toBe('pending')
    await approveRemoteSignature({
      baseUrl: sim.baseUrl,
      requestId: requested.requestId,
      otp: requested.otp as string,
    })
    const answer = await fetchRemoteSignature({ baseUrl: sim.baseUrl, requestId: requested.requestId })
    if (answer.status !== 'approved') throw new Error(`not approved: ${answer.status}`)

    const restored = preparedFromJson(stored)
    expect(Buffer.from(restored.digestToSign).equals(Buffer.from(prepared.digestToSign))).toBe(true)
    const signed = await completeSignature(restored, answer.signature, { tsa: sim.tsa })
    const report = await verifyPdf(signed, {
      trust: TrustStore.fromBytes(sim.rootDer),
      revocation: new RevocationChecker(),
    })
    expect(report.verdict).toBe('valid')
    expect(report.signatures[0]?.level).toBe('B-T')
    expect(report.signatures[0]?.claimedTime?.toISOString()).toBe('2026-11-23T03:00:00.000Z')
    expect(report.signatures[0]?.cms?.signer?.commonName).toBe('Phạm Thị Thu Hà')
  })

  it('a signature value that is not over the prepared digest is refused before embedding (R2.16)', async () => {
    const a = await sim.issue({ profile: 'person', fullName: 'Võ Văn Kiệt', personalId: '001080012345' })
    const prepared = prepareSignature(await samplePdf(), { certificate: a.certificate, chain: a.chain })
    const other = prepareSignature(await samplePdf({ title: 'Khác' }), {
      certificate: a.certificate,
      chain: a.chain,
    })
    const wrong = await a.signer.sign(other.signedAttributes, 'SHA-256')
    await expect(completeSignature(prepared, wrong)).rejects.toMatchObject({ code: 'SIGNER_KEY_MISMATCH' })
  })

  it('a tampered stored state is refused', () => {
    expect(() => preparedFromJson('{"version":1}')).toThrow(
      expect.objectContaining({ code: 'PREPARED_SIGNATURE_INVALID' }),
    )
    expect(() => preparedFromJson('not json')).toThrow(
      expect.objectContaining({ code: 'PREPARED_SIGNATURE_INVALID' }),
    )
  })
})
