// A two-party contract signed the way ELC signs it (employer RSA-PSS, worker ECDSA, each with a signature
// timestamp, then the provider's document timestamp), checked by tools nobody here wrote: pdfsig against
// the simulator's OCSP responder, openssl cms and ts on the extracted CMS and tokens, mutool and qpdf.
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PdfDocument } from '../pdf/pdf-document.ts'
import { samplePdf } from '../testing/sample-pdf.ts'
import { type SimFixture, type SimSubscriber, startSim } from '../testing/sim-fixture.ts'
import { missingTools, nssTrusting, run, type TempDir, tempDir } from '../testing/tools.ts'
import { addDocumentTimestamp } from './document-timestamp.ts'
import { type EmbeddedSignature, embeddedSignatures } from './embedded-signatures.ts'
import { signPdf } from './sign-pdf.ts'
import { signedChunks } from './signature-field.ts'

const missing = await missingTools('pdfsig', 'mutool', 'qpdf', 'openssl', 'certutil')
if (missing.length) console.warn(`PAdES interop checks skip: missing ${missing.join(', ')} (see .ci/run)`)

let sim: SimFixture
let dir: TempDir
let employer: SimSubscriber
let worker: SimSubscriber
let afterWorker: Buffer
let final: Buffer

beforeAll(async () => {
  sim = await startSim()
  dir = await tempDir()
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
  const signed = await signPdf(await samplePdf(), employer.signer, {
    tsa: sim.tsa,
    fieldName: 'NguoiSuDungLaoDong',
    signerName: 'Công ty TNHH Bình Minh',
    visible: { page: -1, rect: [50, 80, 280, 160], organisation: 'Công ty TNHH Bình Minh' },
  })
  afterWorker = await signPdf(signed, worker.signer, {
    tsa: sim.tsa,
    fieldName: 'NguoiLaoDong',
    signerName: 'Nguyễn Thị Hồng Nhung',
    visible: { page: -1, rect: [310, 80, 545, 160], idNumber: '001190012345' },
  })
  final = await addDocumentTimestamp(afterWorker, sim.tsa)
  await dir.write('final.pdf', final)
  await dir.write('after-worker.pdf', afterWorker)
  await dir.write('root.pem', sim.rootPem)
})

afterAll(async () => {
  await sim?.close()
  await dir?.remove()
})

describe.runIf(missing.length === 0)('PAdES interop', () => {
  it('pdfsig: both signatures valid and trusted, names in Vietnamese (status from our OCSP responder)', async () => {
    const nss = await nssTrusting(dir, sim.rootPem)
    const before = sim.requests.length
    const out = await run('pdfsig', ['-nssdir', nss, dir.path('final.pdf')])
    // pdfsig asked our responder over GET (RFC 6960 appendix A) for the signers' status.
    expect(sim.requests.slice(before).some((r) => r.method === 'GET' && r.url.startsWith('/ocsp/'))).toBe(
      true,
    )
    expect(out.code, out.stderr).toBe(0)
    const blocks = out.stdout.split(/^Signature #\d+:$/m).slice(1)
    expect(blocks).toHaveLength(3)
    for (const block of blocks.slice(0, 2)) {
      expect(block).toContain('Signature Validation: Signature is Valid.')
      expect(block).toContain('Certificate Validation: Certificate is Trusted.')
      expect(block).toContain('Signature Type: ETSI.CAdES.detached')
    }
    expect(blocks[0]).toContain('Signer Certificate Common Name: Công ty TNHH Bình Minh')
    expect(blocks[1]).toContain('Signer Certificate Common Name: Nguyễn Thị Hồng Nhung')
    expect(blocks[2]).toContain('Total document signed')
  })

  it('openssl cms -verify accepts each extracted CMS over its byte ranges', async () => {
    const doc = PdfDocument.parse(final)
    const sigs = embeddedSignatures(doc).filter((s) => s.kind === 'signature')
    expect(sigs).toHaveLength(2)
    for (const [i, sig] of sigs.entries()) {
      const cms = await dir.write(`sig${i}.der`, trimDer(sig.contents))
      const data = await dir.write(
        `sig${i}.bin`,
        Buffer.concat(signedChunks(final, sig.byteRange as number[])),
      )
      const out = await run('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        cms,
        '-content',
        data,
        '-CAfile',
        dir.path('root.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ])
      expect(out.stderr).toContain('Verification successful')
      const tampered = Buffer.concat(signedChunks(final, sig.byteRange as number[]))
      tampered[100] = (tampered[100] as number) ^ 1
      const bad = await run('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        cms,
        '-content',
        await dir.write(`sig${i}.bad`, tampered),
        '-CAfile',
        dir.path('root.pem'),
        '-purpose',
        'any',
      ])
      expect(bad.code).not.toBe(0)
    }
  })

  it('openssl ts -verify accepts the signature timestamps and the document timestamp', async () => {
    const doc = PdfDocument.parse(final)
    const all = embeddedSignatures(doc)
    for (const [i, sig] of all.filter((s) => s.kind === 'signature').entries()) {
      const { token, signatureValue } = signatureTimestamp(sig)
      const out = await run('openssl', [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        await dir.write(`ts${i}.der`, token),
        '-data',
        await dir.write(`sv${i}.bin`, signatureValue),
        '-CAfile',
        dir.path('root.pem'),
        '-untrusted',
        await dir.write(`ts-chain${i}.pem`, certificatesPem(token)),
      ])
      expect(out.stdout + out.stderr).toContain('Verification: OK')
    }
    const docTs = all.find((s) => s.kind === 'document-timestamp') as EmbeddedSignature
    const token = trimDer(docTs.contents)
    const out = await run('openssl', [
      'ts',
      '-verify',
      '-token_in',
      '-in',
      await dir.write('doc-ts.der', token),
      '-data',
      await dir.write('doc-ts.bin', Buffer.concat(signedChunks(final, docTs.byteRange as number[]))),
      '-CAfile',
      dir.path('root.pem'),
      '-untrusted',
      await dir.write('doc-ts-chain.pem', certificatesPem(token)),
    ])
    expect(out.stdout + out.stderr).toContain('Verification: OK')
  })

  it('mutool sign -v finds the ECDSA signature digest intact; qpdf finds the file well formed', async () => {
    const out = await run('mutool', ['sign', '-v', dir.path('after-worker.pdf')])
    const worker = out.stdout.split(/^Verifying signature/m).find((b) => b.includes('Nguyễn Thị Hồng Nhung'))
    // mutool has no trust store option, so it names the simulator's self-signed root; the digest is what it checks.
    expect(worker).toContain('Nguyễn Thị Hồng Nhung')
    expect(worker).not.toContain('Digest error')
    expect(worker).toContain('The document is unchanged since signing.')
    const check = await run('qpdf', ['--check', dir.path('final.pdf')])
    expect(check.code, check.stdout).toBe(0)
    expect(check.stdout).toContain('No syntax or stream encoding errors')
  })
})

/** /Contents is zero-padded; the DER's own length says where the CMS ends. */
export function trimDer(bytes: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(bytes)
  if (parsed.offset <= 0) throw new Error('not DER')
  return bytes.subarray(0, parsed.offset)
}

function signatureTimestamp(sig: EmbeddedSignature): { token: Uint8Array; signatureValue: Uint8Array } {
  const content = pkijs.ContentInfo.fromBER(trimDer(sig.contents))
  const signedData = new pkijs.SignedData({ schema: content.content })
  const info = signedData.signerInfos[0] as pkijs.SignerInfo
  const attr = info.unsignedAttrs?.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14')
  if (!attr) throw new Error('no signature timestamp')
  return {
    token: new Uint8Array((attr.values[0] as asn1js.Sequence).toBER()),
    signatureValue: new Uint8Array(info.signature.valueBlock.valueHexView),
  }
}

function certificatesPem(token: Uint8Array): string {
  const content = pkijs.ContentInfo.fromBER(token)
  const signedData = new pkijs.SignedData({ schema: content.content })
  return (signedData.certificates ?? [])
    .map((c) => Buffer.from((c as pkijs.Certificate).toSchema().toBER()).toString('base64'))
    .map(
      (b64) =>
        `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`,
    )
    .join('')
}
