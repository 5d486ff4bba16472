// Validates an RFC 3161 timestamp token (R2.21): its imprint over the stamped bytes, its own CMS
// signature, the TSA certificate's EKU (R2.28) and its chain and status at genTime.
import * as pkijs from 'pkijs'
import { checkAlgorithms, TT15_ALGORITHM_POLICY } from '../policy/algorithm-policy.ts'
import { finding, type SignatureFinding } from '../policy/findings.ts'
import { checkTsaKeyUsage } from '../policy/key-usage.ts'
import { digestName } from '../trust/algorithms.ts'
import { sameBytes, toHex } from '../trust/bytes.ts'
import { subjectField } from '../trust/certificate.ts'
import { describeKey } from '../trust/signature.ts'
import {
  type AssessmentContext,
  assessCertificate,
  type CertificateAssessment,
} from './assess-certificate.ts'
import { summarizeCertificate } from './certificate-summary.ts'
import { eContentBytes, parseSignedData } from './parse-cms.ts'
import type { TimestampSummary } from './signature-check.ts'
import { checkSignerInfo, digestOf, type SignerCheck } from './signer-info.ts'

export const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4'

export interface TimestampCheck {
  signer?: SignerCheck
  /** The imprint equals the digest of the stamped bytes. */
  imprintOk: boolean
  genTime?: Date
  summary?: TimestampSummary
  assessment?: CertificateAssessment
  /** Everything checked and nothing failed or left open: genTime is a proven time. */
  valid: boolean
  invalid: boolean
  indeterminate: boolean
  findings: SignatureFinding[]
}

const TSA_ROLE = { vi: 'Đơn vị cấp dấu thời gian (TSA)', en: 'The timestamping authority (TSA)' }

function tsaError(code: string, vi: string, en: string): SignatureFinding {
  return finding('R2.21', code, 'error', vi, en)
}

/** `token`: a TimeStampToken ContentInfo, DER; `stamped`: the bytes its imprint must cover, in order. */
export async function checkTimestampToken(
  token: Uint8Array,
  stamped: readonly Uint8Array[],
  ctx: AssessmentContext,
): Promise<TimestampCheck> {
  const out: TimestampCheck = {
    imprintOk: false,
    valid: false,
    invalid: true,
    indeterminate: false,
    findings: [],
  }
  const parsed = parseSignedData(token)
  if (!parsed.ok) {
    out.findings.push({ ...parsed.finding, ruleId: 'R2.21', code: 'TIMESTAMP_MALFORMED' })
    return out
  }
  const eContent = eContentBytes(parsed.signedData)
  let tst: pkijs.TSTInfo
  try {
    if (parsed.signedData.encapContentInfo.eContentType !== ID_CT_TSTINFO || !eContent)
      throw new Error('no TSTInfo')
    tst = pkijs.TSTInfo.fromBER(eContent)
  } catch {
    out.findings.push(
      tsaError(
        'TIMESTAMP_MALFORMED',
        'Dấu thời gian không chứa TSTInfo hợp lệ.',
        'The timestamp holds no valid TSTInfo.',
      ),
    )
    return out
  }
  out.genTime = tst.genTime
  const imprintOid = tst.messageImprint.hashAlgorithm.algorithmId
  const expected = digestOf(imprintOid, stamped)
  out.imprintOk = !!expected && sameBytes(expected, tst.messageImprint.hashedMessage.valueBlock.valueHexView)
  if (!out.imprintOk)
    out.findings.push(
      tsaError(
        'TIMESTAMP_IMPRINT_MISMATCH',
        'Dấu thời gian không được cấp cho dữ liệu này (message imprint không khớp).',
        'The timestamp was not issued for this data (message imprint mismatch).',
      ),
    )
  if (!TT15_ALGORITHM_POLICY.digests.has(imprintOid))
    out.findings.push(
      finding(
        'R2.30',
        'TIMESTAMP_IMPRINT_DIGEST_NOT_ALLOWED',
        'warning',
        `Dấu thời gian dùng hàm băm ${digestName(imprintOid)}, không thuộc danh mục TT 15/2025.`,
        `The timestamp imprint uses ${digestName(imprintOid)}, not in the TT 15/2025 list.`,
      ),
    )

  const pool = [...parsed.certificates, ...ctx.pool]
  const signer = checkSignerInfo({
    signedData: parsed.signedData,
    content: [eContent],
    contentType: ID_CT_TSTINFO,
    certificates: pool,
  })
  out.signer = signer
  out.findings.push(...signer.findings.map((f) => (f.ruleId === 'R2.31' ? f : { ...f, ruleId: 'R2.21' })))
  const cert = signer.cert
  out.summary = {
    time: tst.genTime,
    ...(cert ? { tsaName: subjectField(cert, 'CN') ?? cert.subject } : {}),
    policy: tst.policy,
    serialNumber: toHex(tst.serialNumber.valueBlock.valueHexView),
    valid: false,
    imprintAlgorithm: digestName(imprintOid),
    ...(cert ? { certificate: summarizeCertificate(cert) } : {}),
  }
  if (!cert) return out
  out.findings.push(...checkTsaKeyUsage(cert))
  if (signer.signature && !signer.signature.unsupported)
    out.findings.push(
      ...checkAlgorithms(
        { vi: 'Dấu thời gian', en: 'The timestamp' },
        { oid: signer.digestOid, name: signer.digestName },
        signer.signature,
        describeKey(cert.spki),
      ),
    )
  const assessment = await assessCertificate(cert, tst.genTime, true, TSA_ROLE, { ...ctx, pool })
  out.assessment = assessment
  out.findings.push(...assessment.findings)
  out.invalid = out.findings.some((f) => f.severity === 'error')
  out.indeterminate = !out.invalid && assessment.indeterminate
  out.valid = !out.invalid && !out.indeterminate
  out.summary.valid = out.valid
  return out
}
