// @elc/pki: PAdES signing and verification for labor contracts (R2.16–R2.31), against the national trust
// services (the simulator by default, real CAs and TSAs by configuration).
export { appearanceTextLines, createSignatureAppearance, formatVietnamTime } from './appearance/index.ts'
export { DIGEST_ALGORITHMS, type DigestAlgorithm } from './cms/index.ts'
export { addDocumentTimestamp } from './pades/document-timestamp.ts'
export { addValidationData, readDss, type ValidationData } from './pades/dss.ts'
export { type EmbeddedSignature, embeddedSignatures } from './pades/embedded-signatures.ts'
export { addLongTermValidation, certifyPdf, type LongTermOptions } from './pades/long-term-validation.ts'
export { preparedFromJson, preparedToJson } from './pades/prepared-signature-json.ts'
export {
  type CompleteOptions,
  completeSignature,
  type PreparedSignature,
  type PrepareOptions,
  prepareSignature,
  signPdf,
  type VisibleSignature,
} from './pades/sign-pdf.ts'
export {
  type PadesLevel,
  type PdfSignatureReport,
  type PdfVerificationReport,
  type VerifyPdfOptions,
  verifyPdf,
} from './pades/verify-pdf.ts'
export { readEmbeddedFile } from './pdf/embedded-files.ts'
export { IncrementalUpdate } from './pdf/incremental-update.ts'
export { decodeTextString, PdfDict, PdfRef, PdfString, textString } from './pdf/objects.ts'
export { looksLikePdf, PdfDocument } from './pdf/pdf-document.ts'
export { PdfError } from './pdf/pdf-error.ts'
export type { SignatureFinding } from './policy/findings.ts'
export { type ReportLanguage, renderReport } from './report/render-report.ts'
export { RevocationChecker, type RevocationCheckerOptions } from './revocation/revocation-checker.ts'
export * from './signers/index.ts'
export { TrustStore } from './trust/trust-store.ts'
export { httpTimestampAuthority, type TimestampAuthority, timestampTokenInfo } from './tsa/index.ts'
export type { CertificateSummary, SignatureCheck, Verdict } from './verify/signature-check.ts'
