// The verifier against contracts signed here (B-T → B-LT → B-LTA) and the ways they can be broken:
// flipped bytes, ByteRange anomalies, content changed after signing, revoked, expired or untrusted
// signers, bad timestamps (R2.16–R2.29).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IncrementalUpdate } from '../pdf/incremental-update.ts'
import { name, PdfDict, PdfStream } from '../pdf/objects.ts'
import { PdfDocument } from '../pdf/pdf-document.ts'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import { samplePdf } from '../testing/sample-pdf.ts'
import { type SimFixture, type SimSubscriber, startSim } from '../testing/sim-fixture.ts'
import { TrustStore } from '../trust/trust-store.ts'
import { addLongTermValidation, certifyPdf } from './long-term-validation.ts'
import { signPdf } from './sign-pdf.ts'
import { verifyPdf } from './verify-pdf.ts'

let sim: SimFixture
let trust: TrustStore
let employer: SimSubscriber
let worker: SimSubscriber
let twoParty: Buffer
let certified: Buffer

const checker = () => new RevocationChecker()

beforeAll(async () => {
  sim = await startSim()
  trust = TrustStore.fromBytes(sim.rootDer)
  employer = await sim.issue({
    profile: 'organisation',
    organisationName: 'Công ty TNHH Bình Minh',
    taxCode: '0101234567',
    keyAlgorithm: 'rsa-pss-2048',
  })
  worker = await sim.issue({
    profile: 'person',
    fullName: 'Nguyễn Thị Hồng Nhung',
    personalId: '001190012345',
  })
  const byEmployer = await signPdf(await samplePdf(), employer.signer, {
    tsa: sim.tsa,
    fieldName: 'employer',
  })
  twoParty = await signPdf(byEmployer, worker.signer, { tsa: sim.tsa, fieldName: 'worker' })
  certified = await certifyPdf(twoParty, { trust, revocation: checker(), tsa: sim.tsa })
})

afterAll(async () => {
  await sim?.close()
})

describe('verifyPdf on contracts signed here', () => {
  it('a two-party B-T contract is valid, each signer named with ID number or tax code', async () => {
    const report = await verifyPdf(twoParty, { trust, revocation: checker() })
    expect(report.verdict).toBe('valid')
    expect(report.signatures.map((s) => [s.fieldName, s.verdict, s.level])).toEqual([
      ['employer', 'valid', 'B-T'],
      ['worker', 'valid', 'B-T'],
    ])
    expect(report.signatures[0]?.allowedChanges).toEqual(['signature'])
    expect(report.signatures[0]?.cms?.signer?.taxCode).toBe('0101234567')
    expect(report.signatures[1]?.cms?.signer?.personalId).toBe('001190012345')
    expect(report.signatures[1]?.cms?.signer?.commonName).toBe('Nguyễn Thị Hồng Nhung')
    expect(report.signatures[1]?.coversWholeDocument).toBe(true)
  })

  it('the certified contract is B-LTA and verifies offline from its DSS', async () => {
    const offline = new RevocationChecker({ online: false })
    const report = await verifyPdf(certified, { trust, revocation: offline })
    expect(report.verdict).toBe('valid')
    expect(report.signatures.map((s) => [s.kind, s.level ?? null, s.verdict])).toEqual([
      ['signature', 'B-LTA', 'valid'],
      ['signature', 'B-LTA', 'valid'],
      ['document-timestamp', null, 'valid'],
    ])
    expect(report.dss.ocsps).toBeGreaterThanOrEqual(2)
    expect(report.dss.crls).toBeGreaterThanOrEqual(1)
    expect(report.signatures[0]?.allowedChanges.sort()).toEqual(['dss', 'signature'])
  })

  it('B-LT without online access: the DSS is enough, with no finding about status', async () => {
    const lt = await addLongTermValidation(twoParty, { trust, revocation: checker() })
    const report = await verifyPdf(lt, { trust, revocation: new RevocationChecker({ online: false }) })
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT'])
    expect(report.verdict).toBe('valid')
  })

  it('a byte flipped inside the signed range makes that signature invalid (R2.19)', async () => {
    const bad = Buffer.from(twoParty)
    const at = bad.indexOf('Mức lương') > 0 ? bad.indexOf('/MediaBox') : 200
    bad[at + 1] = (bad[at + 1] as number) ^ 0x20
    const report = await verifyPdf(bad, { trust, revocation: checker() })
    expect(report.verdict).toBe('invalid')
    expect(report.signatures.every((s) => s.verdict === 'invalid')).toBe(true)
  })

  it('page content changed in an incremental update after signing is caught (R2.22)', async () => {
    const doc = PdfDocument.parse(twoParty)
    const update = new IncrementalUpdate(doc)
    const page = doc.pages()[0]
    if (!page) throw new Error('no page')
    const content = update.add(
      new PdfStream(new PdfDict(), Buffer.from('BT /F1 24 Tf 100 700 Td (Luong: 1 dong) Tj ET')),
    )
    const contents = page.dict.get('Contents')
    update.set(
      page.ref,
      page.dict
        .clone()
        .set('Contents', [...(Array.isArray(contents) ? contents : [contents ?? null]), content]),
    )
    const report = await verifyPdf(update.write().bytes, { trust, revocation: checker() })
    expect(report.verdict).toBe('invalid')
    for (const s of report.signatures) {
      expect(s.findings.map((f) => f.code)).toContain('PADES_MODIFIED_AFTER_SIGNING')
      expect(s.cms?.integrity).toBe(true)
    }
  })

  it('a FreeText annotation added after signing is caught; a later signature is not', async () => {
    const doc = PdfDocument.parse(twoParty)
    const update = new IncrementalUpdate(doc)
    const page = doc.pages()[0]
    if (!page) throw new Error('no page')
    const annot = update.add(
      new PdfDict({ Type: name('Annot'), Subtype: name('FreeText'), Rect: [100, 600, 400, 640] }),
    )
    const annots = update.current(page.ref) as PdfDict
    const current = doc.resolve(annots.get('Annots'))
    update.set(page.ref, annots.clone().set('Annots', [...(Array.isArray(current) ? current : []), annot]))
    const report = await verifyPdf(update.write().bytes, { trust, revocation: checker() })
    expect(report.signatures.map((s) => s.verdict)).toEqual(['invalid', 'invalid'])
    expect(
      report.signatures[0]?.findings.find((f) => f.code === 'PADES_MODIFIED_AFTER_SIGNING')?.message.en,
    ).toContain('FreeText')
  })

  it('a signer revoked before signing is invalid; revoked after a timestamped signing, still valid (R2.26)', async () => {
    const early = await sim.issue({
      profile: 'person',
      fullName: 'Trần Văn Bình',
      personalId: '001090012345',
    })
    await sim.ca.revoke(early.serialNumber, 'keyCompromise')
    const revokedFirst = await signPdf(await samplePdf(), early.signer, { tsa: sim.tsa })
    const r1 = await verifyPdf(revokedFirst, { trust, revocation: checker() })
    expect(r1.verdict).toBe('invalid')
    expect(r1.signatures[0]?.cms?.revocation.status).toBe('revoked')

    const later = await sim.issue({ profile: 'person', fullName: 'Lê Thị Ánh', personalId: '079190054321' })
    const signedFirst = await signPdf(await samplePdf(), later.signer, { tsa: sim.tsa })
    await new Promise((r) => setTimeout(r, 1100))
    await sim.ca.revoke(later.serialNumber, 'keyCompromise')
    const r2 = await verifyPdf(signedFirst, { trust, revocation: checker() })
    expect(r2.verdict).toBe('valid')
  })

  it.each([
    ['a single range', (r: number[]) => [r[0], r[1]], 'PADES_BYTERANGE_MALFORMED'],
    [
      'a gap larger than /Contents',
      (r: number[]) => [r[0], (r[1] as number) - 10, r[2], r[3]],
      'PADES_BYTERANGE_GAP_NOT_CONTENTS',
    ],
    [
      'an uncovered tail',
      (r: number[]) => [r[0], r[1], r[2], (r[3] as number) - 40],
      'PADES_BYTERANGE_TAIL_UNCOVERED',
    ],
    [
      'overlapping ranges',
      (r: number[]) => [r[0], (r[2] as number) + 5, r[2], r[3]],
      'PADES_BYTERANGE_OVERLAP_OR_ORDER',
    ],
    ['out-of-order ranges', (r: number[]) => [r[2], r[3], r[0], r[1]], 'PADES_BYTERANGE_NOT_FROM_START'],
    [
      'a range past the end',
      (r: number[]) => [r[0], r[1], r[2], (r[3] as number) + 1000],
      'PADES_BYTERANGE_BEYOND_FILE',
    ],
  ])('a ByteRange with %s is rejected', async (_, mutate, code) => {
    const bytes = Buffer.from(twoParty)
    const at = bytes.lastIndexOf('/ByteRange [')
    const close = bytes.indexOf(']', at)
    const lineEnd = bytes.indexOf('\n', at) // the placeholder's spare room is padding before the newline
    const original = bytes
      .toString('latin1', at + '/ByteRange ['.length, close)
      .trim()
      .split(/\s+/)
      .map(Number)
    const text = `/ByteRange [${mutate(original).join(' ')}]`
    expect(text.length).toBeLessThanOrEqual(lineEnd - at)
    bytes.write(text.padEnd(lineEnd - at, ' '), at, 'latin1')
    const report = await verifyPdf(bytes, { trust, revocation: checker() })
    expect(report.signatures[1]?.verdict).toBe('invalid')
    expect(report.signatures[1]?.findings.map((f) => f.code)).toContain(code)
  })

  it('a timestamp over other bytes is not a valid timestamp (R2.21)', async () => {
    const wrongTsa = {
      timestamp: (d: Uint8Array, alg: 'SHA-256') => sim.tsa.timestamp(Buffer.from(d).fill(7), alg),
    }
    const signed = await signPdf(await samplePdf(), worker.signer, { tsa: wrongTsa as typeof sim.tsa })
    const report = await verifyPdf(signed, { trust, revocation: checker() })
    expect(report.verdict).not.toBe('valid')
    expect(report.signatures[0]?.cms?.timestamp?.valid).toBe(false)
    expect(report.signatures[0]?.findings.some((f) => f.ruleId === 'R2.21')).toBe(true)
  })

  it('an untrusted root is not valid (R2.17)', async () => {
    const stranger = TrustStore.fromBytes()
    const report = await verifyPdf(twoParty, { trust: stranger, revocation: checker() })
    expect(report.verdict).not.toBe('valid')
    expect(report.signatures[0]?.findings.some((f) => f.ruleId === 'R2.17')).toBe(true)
  })
})
