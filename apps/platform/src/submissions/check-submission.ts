// The automatic checks before a contract ID (R1.31, R1.32): every party's signature valid and timestamped,
// the provider's certification present, the signers are the parties, the structured data is what was
// signed, the mandatory contents are there. Formal failures refuse with every reason; labor-code findings
// do not block an ID, they are recorded for the parties and the provincial Department.
import { createHash } from 'node:crypto'
import { canonicalDataHash, DATA_FILE_NAME, type Finding, type Text, text, validateDocument } from '@elc/core'
import {
  PdfDocument,
  type PdfVerificationReport,
  type RevocationChecker,
  readEmbeddedFile,
  type TrustStore,
  verifyPdf,
} from '@elc/pki'

export interface Reason {
  code: string
  ruleId: string
  message: Text
}

export interface CheckResult {
  reasons: Reason[]
  /** Labor-code findings: recorded, not blocking. */
  findings: Finding[]
  report?: PdfVerificationReport
}

/** Failures that refuse: a document that is not one, missing mandatory contents, an annex changing the term. */
const FORMAL_RULES = new Set(['ELC.SCHEMA', 'R4.6', 'R4.5'])

/** The file name under which the eContract embeds the structured data in the PDF it has the parties sign. */

const reason = (code: string, ruleId: string, vi: string, en: string): Reason => ({
  code,
  ruleId,
  message: text(vi, en),
})

export async function checkSubmission(
  input: { pdf: Uint8Array; data: unknown; kind: string },
  deps: { trust: TrustStore; revocation: RevocationChecker },
): Promise<CheckResult> {
  const reasons: Reason[] = []
  const validation = validateDocument(input.data)
  const formal = validation.findings.filter((f) => f.severity === 'error' && FORMAL_RULES.has(f.ruleId))
  for (const f of formal) reasons.push({ code: f.code, ruleId: f.ruleId, message: f.message })
  const findings = validation.findings.filter((f) => !formal.includes(f))

  let report: PdfVerificationReport
  try {
    report = await verifyPdf(input.pdf, { trust: deps.trust, revocation: deps.revocation })
  } catch {
    reasons.push(
      reason('SUBMISSION_PDF_UNREADABLE', 'R1.32', 'Tệp PDF không đọc được.', 'The PDF cannot be read.'),
    )
    return { reasons, findings }
  }
  const signatures = report.signatures.filter((s) => s.kind === 'signature')
  for (const s of report.signatures)
    if (s.verdict !== 'valid')
      reasons.push(
        reason(
          'SUBMISSION_SIGNATURE_INVALID',
          'R1.32',
          `Chữ ký "${s.fieldName}" không hợp lệ: ${s.findings.map((f) => f.message.vi).join(' ') || s.verdict}`,
          `Signature "${s.fieldName}" is not valid: ${s.findings.map((f) => f.message.en).join(' ') || s.verdict}`,
        ),
      )
  for (const s of signatures)
    if (!s.cms?.timestamp)
      reasons.push(
        reason(
          'SUBMISSION_SIGNATURE_NOT_TIMESTAMPED',
          'R1.10',
          `Chữ ký "${s.fieldName}" không có dấu thời gian.`,
          `Signature "${s.fieldName}" has no timestamp.`,
        ),
      )
  if (!report.signatures.some((s) => s.kind === 'document-timestamp'))
    reasons.push(
      reason(
        'SUBMISSION_NOT_CERTIFIED',
        'R1.10',
        'Thiếu chứng thực của nhà cung cấp (dấu thời gian tài liệu cùng dữ liệu kiểm tra).',
        "The provider's certification (document timestamp with validation data) is missing.",
      ),
    )
  reasons.push(...partiesSigned(input.data, signatures))
  const embedded = signedData(input.pdf, signatures[0]?.byteRange)
  if (embedded === undefined)
    reasons.push(
      reason(
        'SUBMISSION_DATA_NOT_EMBEDDED',
        'R1.32',
        `Tài liệu ký không chứa dữ liệu hợp đồng (${DATA_FILE_NAME}).`,
        `The signed document does not carry the contract data (${DATA_FILE_NAME}).`,
      ),
    )
  else if (embedded !== canonicalDataHash(input.data))
    reasons.push(
      reason(
        'SUBMISSION_DATA_MISMATCH',
        'R1.32',
        'Dữ liệu gửi kèm khác với dữ liệu đã được ký trong tài liệu.',
        'The submitted data differs from the data signed in the document.',
      ),
    )
  return { reasons, findings, report }
}

/** The worker's personal ID and the employer's tax code must each appear in a signer's certificate. */
function partiesSigned(data: unknown, signatures: PdfVerificationReport['signatures']): Reason[] {
  const d = data as { worker?: { idDocument?: { number?: string } }; employer?: { taxCode?: string } }
  const ids = signatures.map((s) => s.cms?.signer?.personalId).filter(Boolean)
  const taxCodes = signatures.map((s) => s.cms?.signer?.taxCode).filter(Boolean)
  const out: Reason[] = []
  const workerId = d.worker?.idDocument?.number
  if (workerId && !ids.includes(workerId))
    out.push(
      reason(
        'SUBMISSION_WORKER_NOT_SIGNER',
        'D7.1',
        'Người lao động trong hợp đồng không phải là người đã ký (số định danh không khớp chứng thư số).',
        'The worker named in the contract is not a signer (no certificate carries their personal ID).',
      ),
    )
  const taxCode = d.employer?.taxCode
  if (taxCode && !taxCodes.includes(taxCode))
    out.push(
      reason(
        'SUBMISSION_EMPLOYER_NOT_SIGNER',
        'D7.1',
        'Người sử dụng lao động trong hợp đồng không phải là bên đã ký (mã số thuế không khớp chứng thư số).',
        'The employer named in the contract is not a signer (no certificate carries its tax code).',
      ),
    )
  return out
}

/**
 * SHA-256 of the data file embedded in the revision the first party signed: what every party signed,
 * since later signatures only add to it. Undefined when there is none.
 */
function signedData(pdf: Uint8Array, byteRange: readonly number[] | undefined): string | undefined {
  if (!byteRange) return undefined
  try {
    const doc = PdfDocument.parse(pdf.subarray(0, (byteRange[2] ?? 0) + (byteRange[3] ?? 0)))
    const bytes = readEmbeddedFile(doc, DATA_FILE_NAME)
    return bytes ? createHash('sha256').update(bytes).digest('hex') : undefined
  } catch {
    return undefined
  }
}
