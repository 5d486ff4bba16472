// The public PAdES vectors (../shared/vectors/pades): signatures made by other software must come out
// intact at the level their names say; pyHanko's ByteRange anomalies must each be rejected for what
// they are. Status checks run offline: only what the files carry counts.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import { TrustStore } from '../trust/trust-store.ts'
import { verifyPdf } from './verify-pdf.ts'

const VECTORS = fileURLToPath(new URL('../../../../../shared/vectors/pades/', import.meta.url))
const read = (name: string) => readFileSync(`${VECTORS}${name}`)
const trust = TrustStore.fromBytes(
  ...['test-root-ecdsa.pem', 'test-root-rsa.pem', 'pyhanko/crypto_testing-ca_root_root.cert.pem'].map((f) =>
    read(f).toString('utf8'),
  ),
)
const offline = () => new RevocationChecker({ online: false })

describe('public PAdES vectors verify intact', () => {
  it.each([
    ['signed-B-B.pdf', ['B-B']],
    ['signed-B-T.pdf', ['B-T']],
    ['signed-B-LT.pdf', ['B-LT']],
    ['signed-B-LTA.pdf', ['B-LTA', undefined]],
    ['pyhanko-BLT.pdf', ['B-LT']],
    ['pyhanko/pdf_pades-lta-dss-indirect-arrs-test.pdf', ['B-LTA', undefined]],
    ['pyhanko/pdf_sig-no-signed-attrs.pdf', ['B-B']],
  ])('%s', async (file, levels) => {
    const report = await verifyPdf(read(file), { trust, revocation: offline() })
    expect(report.signatures.map((s) => s.level)).toEqual(levels)
    for (const sig of report.signatures) {
      expect(sig.cms?.integrity, `${sig.fieldName} integrity`).toBe(true)
      expect(sig.cms?.signatureVerified, `${sig.fieldName} signature`).toBe(true)
      expect(sig.disallowedChanges).toEqual([])
      expect(sig.findings.filter((f) => f.code.startsWith('PADES_'))).toEqual([])
    }
  })

  it('the LT and LTA files are fully valid offline, from their DSS alone', async () => {
    for (const file of ['signed-B-LT.pdf', 'signed-B-LTA.pdf', 'pyhanko-BLT.pdf']) {
      expect((await verifyPdf(read(file), { trust, revocation: offline() })).verdict, file).toBe('valid')
    }
  })

  it('without DSS or network, status cannot be determined: a warning and indeterminate, never valid (R2.27)', async () => {
    const report = await verifyPdf(read('signed-B-T.pdf'), { trust, revocation: offline() })
    expect(report.verdict).toBe('indeterminate')
    expect(report.signatures[0]?.findings.some((f) => f.ruleId === 'R2.27' && f.severity === 'warning')).toBe(
      true,
    )
  })

  it('RSA PKCS#1 v1.5 signatures are flagged against the R2.30 policy', async () => {
    const report = await verifyPdf(read('pyhanko/pdf_pades-lta-dss-indirect-arrs-test.pdf'), {
      trust,
      revocation: offline(),
    })
    expect(report.signatures[0]?.findings.some((f) => f.ruleId === 'R2.30')).toBe(true)
  })
})

describe("pyHanko's ByteRange anomalies are rejected", () => {
  it.each([
    ['pdf_coverage-anomalies_one-byterange.pdf', 'PADES_BYTERANGE_MALFORMED'],
    ['pdf_coverage-anomalies_signature-gap-too-big.pdf', 'PADES_BYTERANGE_GAP_NOT_CONTENTS'],
    ['pdf_coverage-anomalies_tail-uncovered.pdf', 'PADES_BYTERANGE_TAIL_UNCOVERED'],
    ['pdf_coverage-anomalies_weird-byterange.pdf', 'PADES_BYTERANGE_GAP_NOT_CONTENTS'],
    ['pdf_coverage-anomalies_base.pdf', 'PADES_SIGNATURE_EMPTY'],
  ])('%s → %s', async (file, code) => {
    const report = await verifyPdf(read(`pyhanko/${file}`), { trust, revocation: offline() })
    expect(report.verdict).toBe('invalid')
    expect(report.signatures[0]?.findings.map((f) => f.code)).toContain(code)
  })
})
