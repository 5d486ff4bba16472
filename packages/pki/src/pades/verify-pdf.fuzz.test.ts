// Hostile PDFs and CMS: random bytes, mutated signed files and hand-made traps (deep nesting, /Prev
// loops, zip bombs, absurd sizes) must end in a report or a PdfError, quickly, never a crash.
// ELC_FUZZ_RUNS raises the number of generated cases for a longer run (README: Fuzzing).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PdfDocument } from '../pdf/pdf-document.ts'
import { PdfError } from '../pdf/pdf-error.ts'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import { TrustStore } from '../trust/trust-store.ts'
import { verifyPdf } from './verify-pdf.ts'

const RUNS = Number(process.env.ELC_FUZZ_RUNS ?? 150)
const VECTORS = fileURLToPath(new URL('../../../../../shared/vectors/pades/', import.meta.url))
const signed = readFileSync(`${VECTORS}signed-B-LTA.pdf`)
const trust = TrustStore.fromBytes(readFileSync(`${VECTORS}test-root-ecdsa.pem`, 'utf8'))
const offline = new RevocationChecker({ online: false })

/** Either a report or a PdfError, within a time bound; anything else fails the property. */
async function verdictOrPdfError(bytes: Uint8Array): Promise<string> {
  const started = performance.now()
  try {
    const report = await verifyPdf(bytes, { trust, revocation: offline })
    return report.verdict
  } catch (e) {
    if (!(e instanceof PdfError)) throw e
    return 'pdf-error'
  } finally {
    expect(performance.now() - started).toBeLessThan(5_000)
  }
}

describe('PDF and CMS fuzzing', () => {
  it(
    'random bytes, with or without a PDF header',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, header) => {
          const input = header ? Buffer.concat([Buffer.from('%PDF-1.7\n'), bytes]) : bytes
          expect(['pdf-error', 'invalid']).toContain(await verdictOrPdfError(input))
        }),
        { numRuns: RUNS },
      )
    },
    RUNS * 200,
  )

  it(
    'a signed B-LTA file with bytes flipped, cut or inserted never verifies as valid unless untouched',
    async () => {
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(signed.length - 1), bit: fc.nat(7) }),
        fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(signed.length - 1) }),
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(signed.length - 1),
          bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
        }),
      )
      const original = await verifyPdf(signed, { trust, revocation: offline })
      const [, , c = 0, d = 0] = original.signatures[0]?.byteRange ?? []
      const firstSignedEnd = c + d
      const lastSignedEnd = Math.max(
        ...original.signatures.map((x) => (x.byteRange?.[2] ?? 0) + (x.byteRange?.[3] ?? 0)),
      )
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          let bytes: Buffer
          if (m.kind === 'flip') {
            bytes = Buffer.from(signed)
            bytes[m.at] = (bytes[m.at] as number) ^ (1 << m.bit)
          } else if (m.kind === 'truncate') bytes = signed.subarray(0, m.at)
          else bytes = Buffer.concat([signed.subarray(0, m.at), m.bytes, signed.subarray(m.at)])
          const verdict = await verdictOrPdfError(bytes)
          // Still valid only where no signed byte changed: a flip in /Contents padding, a cut after the first
          // signed revision (readers tolerate a missing %%EOF), or an edit in the unsigned last update that
          // leaves only allowed changes (here: the DSS added after the document timestamp).
          if (verdict === 'valid' && m.kind === 'truncate')
            expect(m.at).toBeGreaterThanOrEqual(firstSignedEnd)
          if (verdict === 'valid' && m.kind === 'insert') expect(m.at).toBeGreaterThanOrEqual(lastSignedEnd)
        }),
        { numRuns: RUNS },
      )
    },
    RUNS * 200,
  )

  it(
    'random /Contents in a signature dictionary gives an invalid verdict, not a crash',
    async () => {
      const at = signed.indexOf('/Contents <')
      const end = signed.indexOf('>', at)
      const room = (end - at - '/Contents <'.length) / 2
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: Math.min(room, 2048) }), async (cms) => {
          const bytes = Buffer.from(signed)
          bytes.write(
            Buffer.from(cms)
              .toString('hex')
              .padEnd(room * 2, '0'),
            at + '/Contents <'.length,
            'latin1',
          )
          expect(['invalid', 'indeterminate']).toContain(await verdictOrPdfError(bytes))
        }),
        { numRuns: RUNS },
      )
    },
    RUNS * 200,
  )

  it.each([
    ['deep nesting', `1 0 obj\n${'['.repeat(100_000)}\nendobj\n`],
    ['deep dictionaries', `1 0 obj\n${'<</A '.repeat(50_000)}\nendobj\n`],
    [
      'a /Prev loop',
      'xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1 /Root 1 0 R /Prev 9>>\nstartxref\n9\n%%EOF',
    ],
    [
      'an absurd xref subsection',
      'xref\n0 99999999999\n0000000000 65535 f \ntrailer\n<</Size 1>>\nstartxref\n9\n%%EOF',
    ],
    ['an unterminated string', `1 0 obj\n(${'a'.repeat(100_000)}\nendobj`],
    ['a startxref past the end', 'trailer <</Root 1 0 R>>\nstartxref\n999999999\n%%EOF'],
  ])('%s is a PdfError', (_, body) => {
    const started = performance.now()
    expect(() => PdfDocument.parse(Buffer.from(`%PDF-1.7\n${body}`))).toThrow(PdfError)
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('a zip bomb in an xref stream is refused at the decoded-size limit', () => {
    const bomb = deflateSync(Buffer.alloc(80 * 1024 * 1024))
    const head = Buffer.from(
      `%PDF-1.7\n1 0 obj\n<</Type /XRef /W [1 4 2] /Size 3 /Root 2 0 R /Filter /FlateDecode /Length ${bomb.length}>>\nstream\n`,
    )
    const tail = Buffer.from('\nendstream\nendobj\nstartxref\n9\n%%EOF\n')
    expect(() => PdfDocument.parse(Buffer.concat([head, bomb, tail]))).toThrow(/limit/)
  })
})
