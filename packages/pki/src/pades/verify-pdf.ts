// Verifies every signature and document timestamp of a PDF (TT 15/2025 Art 6 and Annex II, R2.16–R2.29):
// the ByteRange, what changed after each signature, then the CMS itself (integrity, key, chain,
// status at the signing time, timestamps, algorithms) with the DSS as embedded validation data.
import { PdfDocument, revisions } from '../pdf/pdf-document.ts'
import { PdfError } from '../pdf/pdf-error.ts'
import { finding, type SignatureFinding } from '../policy/findings.ts'
import type { RevocationChecker } from '../revocation/revocation-checker.ts'
import type { TrustStore } from '../trust/trust-store.ts'
import type { SignatureCheck, Verdict } from '../verify/signature-check.ts'
import { provideDigests } from '../verify/signer-info.ts'
import { verifyCmsSignature } from '../verify/verify-cms-signature.ts'
import { type ByteRangeProblem, checkByteRange } from './byte-range.ts'
import { type AllowedChange, changesAfterSigning, type DisallowedChange } from './changes-after-signing.ts'
import { readDss } from './dss.ts'
import { embeddedSignatures } from './embedded-signatures.ts'
import { RangeDigests } from './range-digests.ts'
import { signedChunks } from './signature-field.ts'

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA'

export interface PdfSignatureReport {
  fieldName: string
  kind: 'signature' | 'document-timestamp'
  subFilter: string
  byteRange?: [number, number, number, number]
  /** The signed revision is the whole file. */
  coversWholeDocument: boolean
  /** 1-based revision the signature closes. */
  revision?: number
  claimedTime?: Date
  signerName?: string
  reason?: string
  location?: string
  /** Changes after this signature that the standard allows (later signatures, DSS, form filling). */
  allowedChanges: AllowedChange[]
  disallowedChanges: DisallowedChange[]
  /** Absent when the ByteRange was already wrong: nothing else is trusted then. */
  cms?: SignatureCheck
  level?: PadesLevel
  verdict: Verdict
  findings: SignatureFinding[]
}

export interface PdfVerificationReport {
  file: { size: number; sha256: string; revisions: number }
  signatures: PdfSignatureReport[]
  dss: { certificates: number; ocsps: number; crls: number }
  /** Valid when every signature is; invalid when any is; otherwise indeterminate. No signature: invalid. */
  verdict: Verdict
  findings: SignatureFinding[]
}

export interface VerifyPdfOptions {
  trust: TrustStore
  revocation: RevocationChecker
  now?: Date
}

export async function verifyPdf(
  bytes: Uint8Array,
  options: VerifyPdfOptions,
): Promise<PdfVerificationReport> {
  const revs = revisions(bytes)
  const doc = PdfDocument.parse(bytes) // PdfError: not a PDF or unreadable, which the caller reports as such
  const dss = readDss(doc)
  const signatures: PdfSignatureReport[] = []
  const digests = new RangeDigests(bytes)
  const all = embeddedSignatures(doc)
  const hasDocTimestampAfter = (end: number) =>
    all.some(
      (s) => s.kind === 'document-timestamp' && Array.isArray(s.byteRange) && Number(s.byteRange[2]) > end,
    )

  for (const sig of all) {
    const report: PdfSignatureReport = {
      fieldName: sig.fieldName,
      kind: sig.kind,
      subFilter: sig.subFilter,
      coversWholeDocument: false,
      allowedChanges: [],
      disallowedChanges: [],
      verdict: 'invalid',
      findings: [],
      ...(sig.claimedTime ? { claimedTime: sig.claimedTime } : {}),
      ...(sig.signerName ? { signerName: sig.signerName } : {}),
      ...(sig.reason ? { reason: sig.reason } : {}),
      ...(sig.location ? { location: sig.location } : {}),
    }
    signatures.push(report)
    const range = checkByteRange(sig.byteRange, sig.contents, bytes, revs)
    if (!range.ok) {
      report.findings.push(byteRangeFinding(range.problem))
      continue
    }
    report.byteRange = range.range
    report.coversWholeDocument = range.revision === revs.length - 1
    report.revision = range.revision + 1

    if (!report.coversWholeDocument) {
      const changes = safeChanges(doc, range.signedEnd)
      report.allowedChanges = changes.allowed
      report.disallowedChanges = changes.disallowed
      for (const change of changes.disallowed) report.findings.push(modificationFinding(change))
    }
    if (sig.contents.every((b) => b === 0)) {
      report.findings.push(
        finding(
          'R2.29',
          'PADES_SIGNATURE_EMPTY',
          'error',
          'Trường chữ ký đã được chuẩn bị nhưng chưa có chữ ký (/Contents toàn số 0).',
          'The signature field was prepared but never signed (/Contents is all zeros).',
        ),
      )
      continue
    }
    const signedData = signedChunks(bytes, range.range)
    const signedRange = range.range
    provideDigests(signedData, (oid) => digests.digest(oid, signedRange))
    const cms = await verifyCmsSignature({
      cms: sig.contents,
      signedData,
      kind: sig.kind,
      ...(sig.claimedTime ? { claimedSigningTime: sig.claimedTime } : {}),
      trust: options.trust,
      revocation: options.revocation,
      embedded: dss,
      ...(options.now ? { now: options.now } : {}),
    })
    report.cms = cms
    report.findings.push(...cms.findings)
    report.verdict = report.disallowedChanges.length > 0 ? 'invalid' : cms.verdict
    if (sig.kind === 'signature' && cms.integrity) {
      // The level describes what the file carries; whether each part holds up is the verdict's business.
      const stamped = cms.timestamp !== undefined
      const hasDss = dss.certificates.length + dss.ocsps.length + dss.crls.length > 0
      report.level = !stamped
        ? 'B-B'
        : !hasDss
          ? 'B-T'
          : hasDocTimestampAfter(range.signedEnd)
            ? 'B-LTA'
            : 'B-LT'
    }
  }

  const findings: SignatureFinding[] = []
  if (signatures.length === 0)
    findings.push(
      finding(
        'R2.29',
        'PDF_NOT_SIGNED',
        'error',
        'Tài liệu không có chữ ký số nào.',
        'The document has no digital signature.',
      ),
    )
  return {
    file: { size: bytes.length, sha256: digests.sha256Hex(), revisions: revs.length },
    signatures,
    dss: { certificates: dss.certificates.length, ocsps: dss.ocsps.length, crls: dss.crls.length },
    verdict: overall(signatures, findings),
    findings,
  }
}

function overall(signatures: PdfSignatureReport[], findings: SignatureFinding[]): Verdict {
  if (findings.some((f) => f.severity === 'error') || signatures.some((s) => s.verdict === 'invalid'))
    return 'invalid'
  return signatures.every((s) => s.verdict === 'valid') ? 'valid' : 'indeterminate'
}

function safeChanges(doc: PdfDocument, signedEnd: number) {
  try {
    return changesAfterSigning(doc, signedEnd)
  } catch (e) {
    const detail = e instanceof PdfError ? e.text.en : 'unreadable'
    return { allowed: [], disallowed: [{ objectNumber: 0, role: 'object' as const, detail }] }
  }
}

const BYTE_RANGE_TEXT: Record<ByteRangeProblem, [string, string]> = {
  BYTERANGE_MALFORMED: [
    'ByteRange không phải bốn số nguyên không âm',
    'the ByteRange is not four non-negative integers',
  ],
  BYTERANGE_NOT_FROM_START: [
    'ByteRange không bắt đầu từ đầu tệp',
    'the ByteRange does not start at the beginning of the file',
  ],
  BYTERANGE_OVERLAP_OR_ORDER: [
    'các đoạn ByteRange chồng lấn hoặc sai thứ tự',
    'the ByteRange pieces overlap or are out of order',
  ],
  BYTERANGE_BEYOND_FILE: ['ByteRange vượt quá độ dài tệp', 'the ByteRange runs past the end of the file'],
  BYTERANGE_GAP_NOT_CONTENTS: [
    'khoảng trống giữa hai đoạn không đúng là giá trị /Contents',
    'the gap between the ranges is not exactly the /Contents value',
  ],
  BYTERANGE_TAIL_UNCOVERED: [
    'phần ký không kết thúc ở cuối một phiên bản của tài liệu',
    'the signed part does not end where a revision of the document ends',
  ],
}

function byteRangeFinding(problem: ByteRangeProblem): SignatureFinding {
  const [vi, en] = BYTE_RANGE_TEXT[problem]
  return finding(
    'R2.19',
    `PADES_${problem}`,
    'error',
    `Không bảo đảm toàn vẹn: ${vi}.`,
    `Integrity cannot be established: ${en}.`,
  )
}

function modificationFinding(change: DisallowedChange): SignatureFinding {
  return finding(
    'R2.22',
    'PADES_MODIFIED_AFTER_SIGNING',
    'error',
    `Tài liệu bị thay đổi sau khi ký (đối tượng ${change.objectNumber}: ${change.detail}).`,
    `The document was changed after signing (object ${change.objectNumber}: ${change.detail}).`,
  )
}
