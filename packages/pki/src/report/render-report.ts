// The human verification report (R2.25): for each signature, valid or invalid in Vietnamese (or
// English), the signer, the issuing CA, the signing time or timestamp, integrity, validity at the
// signing time and the validity period, then every finding with its rule id.
import { formatVietnamTime } from '../appearance/index.ts'
import type { PdfSignatureReport, PdfVerificationReport } from '../pades/verify-pdf.ts'
import type { Verdict } from '../verify/signature-check.ts'

export type ReportLanguage = 'vi' | 'en'

const L = {
  vi: {
    title: 'KẾT QUẢ KIỂM TRA CHỮ KÝ SỐ',
    file: 'Tệp',
    overall: 'Kết luận chung',
    verdict: { valid: 'HỢP LỆ', invalid: 'KHÔNG HỢP LỆ', indeterminate: 'CHƯA XÁC ĐỊNH ĐƯỢC' } as Record<
      Verdict,
      string
    >,
    signature: 'Chữ ký',
    docTimestamp: 'Dấu thời gian tài liệu',
    signer: 'Người ký',
    id: 'Số định danh cá nhân',
    tax: 'Mã số thuế',
    organisation: 'Tổ chức',
    ca: 'Tổ chức cung cấp dịch vụ chứng thực (CA)',
    manager: 'Đơn vị quản lý chứng thư số (gốc tin cậy)',
    time: 'Thời điểm ký',
    fromTimestamp: 'theo dấu thời gian',
    claimed: 'do người ký khai, chưa được chứng minh',
    noTime: 'không có',
    tsa: 'Đơn vị cấp dấu thời gian',
    integrity: 'Toàn vẹn dữ liệu',
    ok: 'bảo đảm',
    broken: 'KHÔNG bảo đảm',
    validAtTime: 'Chứng thư số còn hiệu lực tại thời điểm ký',
    yes: 'có',
    no: 'KHÔNG',
    period: 'Thời hạn chứng thư số',
    status: 'Trạng thái chứng thư số',
    statuses: { good: 'chưa bị thu hồi', revoked: 'ĐÃ BỊ THU HỒI', unknown: 'không xác định được' },
    level: 'Mức PAdES',
    changes: 'Thay đổi sau khi ký',
    allowedChanges: {
      dss: 'dữ liệu kiểm tra (DSS)',
      signature: 'chữ ký sau',
      'form-field': 'điền biểu mẫu',
      metadata: 'siêu dữ liệu',
    },
    none: 'không có',
    findings: 'Ghi nhận',
    noSignature: 'Tài liệu không có chữ ký số.',
  },
  en: {
    title: 'DIGITAL SIGNATURE VERIFICATION REPORT',
    file: 'File',
    overall: 'Overall',
    verdict: { valid: 'VALID', invalid: 'INVALID', indeterminate: 'INDETERMINATE' } as Record<
      Verdict,
      string
    >,
    signature: 'Signature',
    docTimestamp: 'Document timestamp',
    signer: 'Signer',
    id: 'Personal ID number',
    tax: 'Tax code',
    organisation: 'Organisation',
    ca: 'Certification authority (CA)',
    manager: 'Certificate-managing unit (trust root)',
    time: 'Signing time',
    fromTimestamp: 'from the timestamp',
    claimed: 'claimed by the signer, unproven',
    noTime: 'none',
    tsa: 'Timestamping authority',
    integrity: 'Integrity',
    ok: 'intact',
    broken: 'BROKEN',
    validAtTime: 'Certificate valid at the signing time',
    yes: 'yes',
    no: 'NO',
    period: 'Certificate validity',
    status: 'Certificate status',
    statuses: { good: 'not revoked', revoked: 'REVOKED', unknown: 'could not be determined' },
    level: 'PAdES level',
    changes: 'Changes after signing',
    allowedChanges: {
      dss: 'validation data (DSS)',
      signature: 'later signatures',
      'form-field': 'form filling',
      metadata: 'metadata',
    },
    none: 'none',
    findings: 'Findings',
    noSignature: 'The document has no digital signature.',
  },
}

export function renderReport(
  report: PdfVerificationReport,
  lang: ReportLanguage = 'vi',
  fileName?: string,
): string {
  const t = L[lang]
  const lines: string[] = [t.title, '']
  if (fileName) lines.push(`${t.file}: ${fileName}`)
  lines.push(`SHA-256: ${report.file.sha256}`)
  lines.push(`${t.overall}: ${t.verdict[report.verdict]}`, '')
  if (report.signatures.length === 0) lines.push(t.noSignature)
  for (const [i, sig] of report.signatures.entries()) lines.push(...renderSignature(sig, i + 1, lang), '')
  for (const f of report.findings) lines.push(`[${f.ruleId}] ${f.message[lang]}`)
  return `${lines.join('\n').trimEnd()}\n`
}

function renderSignature(sig: PdfSignatureReport, n: number, lang: ReportLanguage): string[] {
  const t = L[lang]
  const head = `${sig.kind === 'signature' ? t.signature : t.docTimestamp} ${n} (${sig.fieldName}): ${t.verdict[sig.verdict]}`
  const out = [head]
  const row = (label: string, value: string) => out.push(`  ${label}: ${value}`)
  const cms = sig.cms
  const signer = cms?.signer
  if (signer) {
    row(sig.kind === 'signature' ? t.signer : t.tsa, signer.commonName ?? signer.subject)
    if (signer.personalId) row(t.id, signer.personalId)
    if (signer.taxCode) row(t.tax, signer.taxCode)
    if (signer.organisation && signer.organisation !== signer.commonName)
      row(t.organisation, signer.organisation)
    row(t.ca, signer.caName ?? signer.issuer)
    const root = cms?.chain.at(-1)
    if (root && cms?.chain.length && cms.chain.length > 1) row(t.manager, root.commonName ?? root.subject)
    row(t.period, `${formatVietnamTime(signer.notBefore)} – ${formatVietnamTime(signer.notAfter)} (GMT+7)`)
  }
  if (cms) {
    const when = cms.signingTime ? `${formatVietnamTime(cms.signingTime)} (GMT+7)` : t.noTime
    const source =
      cms.signingTimeSource === 'timestamp'
        ? t.fromTimestamp
        : cms.signingTimeSource === 'claimed'
          ? t.claimed
          : ''
    row(t.time, source ? `${when}, ${source}` : when)
    if (cms.timestamp && sig.kind === 'signature') row(t.tsa, cms.timestamp.tsaName ?? '')
    row(t.integrity, cms.integrity && cms.signatureVerified ? t.ok : t.broken)
    row(t.validAtTime, cms.certificateValidAtSigningTime ? t.yes : t.no)
    row(t.status, t.statuses[cms.revocation.status])
  } else row(t.integrity, t.broken)
  if (sig.level) row(t.level, sig.level)
  const changes = sig.allowedChanges.map((c) => t.allowedChanges[c])
  row(t.changes, changes.length ? changes.join(', ') : sig.disallowedChanges.length ? '!' : t.none)
  if (sig.findings.length) {
    out.push(`  ${t.findings}:`)
    for (const f of sig.findings) out.push(`   - [${f.ruleId}] ${f.message[lang]}`)
  }
  return out
}
