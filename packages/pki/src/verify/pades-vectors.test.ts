import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import { TrustStore } from '../trust/trust-store.ts'
import { extractSignatures } from './testing/pdf-vectors.ts'
import { verifyCmsSignature } from './verify-cms-signature.ts'

// Public PAdES vectors made by other tools (pyHanko and others): the CMS-level checks must find them intact.
const DIR = '/work/shared/vectors/pades'
const VECTORS = [
  'signed-B-B.pdf',
  'signed-B-T.pdf',
  'signed-B-LT.pdf',
  'signed-B-LTA.pdf',
  'pyhanko-BLT.pdf',
  'pyhanko/pdf_pades-lta-dss-indirect-arrs-test.pdf',
  'pyhanko/pdf_sig-no-signed-attrs.pdf',
]

async function trust(): Promise<TrustStore> {
  return TrustStore.fromFiles(
    ['test-root-ecdsa.pem', 'test-root-rsa.pem', 'pyhanko/crypto_testing-ca_root_root.cert.pem'].map((f) =>
      join(DIR, f),
    ),
  )
}

describe('public PAdES vectors', () => {
  for (const file of VECTORS) {
    it(`${file}: every signature is integrity-valid (R2.16, R2.19)`, async () => {
      const signatures = extractSignatures(new Uint8Array(await readFile(join(DIR, file))))
      expect(signatures.length).toBeGreaterThan(0)
      const store = await trust()
      // Offline: the vectors' status URLs point nowhere; the verdict may be indeterminate, the integrity not.
      const revocation = new RevocationChecker({ online: false })
      for (const sig of signatures) {
        const kind = sig.subFilter === 'ETSI.RFC3161' ? 'document-timestamp' : 'signature'
        const r = await verifyCmsSignature({
          cms: sig.cms,
          signedData: sig.signedData,
          kind,
          trust: store,
          revocation,
        })
        expect(r.integrity, `${file} ${kind}`).toBe(true)
        expect(r.signatureVerified, `${file} ${kind}`).toBe(true)
        expect(r.findings.filter((f) => ['R2.16', 'R2.19'].includes(f.ruleId))).toEqual([])
        expect(r.signer?.subject).toBeTruthy()
        if (file.startsWith('signed-')) expect(r.chainStatus).toBe('trusted')
        if (r.signatureAlgorithm?.includes('RSAEncryption'))
          expect(r.findings.map((f) => f.code)).toContain('RSA_PKCS1_V15_SIGNATURE')
      }
    })
  }

  it('signed-B-T.pdf carries a valid signature timestamp (R2.21)', async () => {
    const [sig] = extractSignatures(new Uint8Array(await readFile(join(DIR, 'signed-B-T.pdf'))))
    if (!sig) throw new Error('no signature')
    const r = await verifyCmsSignature({
      cms: sig.cms,
      signedData: sig.signedData,
      kind: 'signature',
      trust: await trust(),
      revocation: new RevocationChecker({ online: false }),
    })
    expect(r.timestamp?.tsaName).toBe('Test TSA')
    expect(r.signingTimeSource).toBe('timestamp')
    expect(r.findings.filter((f) => f.ruleId === 'R2.21' && f.severity === 'error')).toEqual([])
    expect(r.signer?.commonName).toBe('Nguyễn Văn An')
  })
})
