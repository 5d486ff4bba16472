// Validates an RFC 3161 timestamp token (R2.21): its imprint over the stamped bytes, its own CMS
// signature, the TSA certificate's EKU (R2.28) and its chain and status at genTime.
import * as pkijs from 'pkijs'
import { children, readSingle, TAG, type Tlv } from '../cms/der.ts'
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
import { oidOf, readSignedData } from './parse-cms.ts'
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
  const parsed = readSignedData(token)
  if (!parsed.ok) {
    out.findings.push({ ...parsed.finding, ruleId: 'R2.21', code: 'TIMESTAMP_MALFORMED' })
    return out
  }
  const eContent = parsed.signedData.eContent
  const tst = parsed.signedData.eContentType === ID_CT_TSTINFO && eContent ? readTstInfo(eContent) : undefined
  if (!tst) {
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
  const imprintOid = tst.imprintOid
  const expected = digestOf(imprintOid, stamped)
  out.imprintOk = !!expected && sameBytes(expected, tst.imprint)
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
    content: [eContent as Uint8Array],
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
    serialNumber: tst.serialHex,
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

interface TstInfo {
  genTime: Date
  policy: string
  imprintOid: string
  imprint: Uint8Array
  serialHex: string
}

/** TSTInfo (RFC 3161 §2.4.2): plain DER with a UTC genTime is read directly, anything else by pkijs. */
function readTstInfo(der: Uint8Array): TstInfo | undefined {
  const fast = readTstInfoDer(der)
  if (fast) return fast
  try {
    const tst = pkijs.TSTInfo.fromBER(der)
    return {
      genTime: tst.genTime,
      policy: tst.policy,
      imprintOid: tst.messageImprint.hashAlgorithm.algorithmId,
      imprint: new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
      serialHex: toHex(tst.serialNumber.valueBlock.valueHexView),
    }
  } catch {
    return undefined
  }
}

// Optional fields after genTime, in order: accuracy, ordering, nonce, tsa [0], extensions [1].
const TST_OPTIONAL = [TAG.sequence, 0x01, TAG.integer, 0xa0, 0xa1]
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/

function readTstInfoDer(der: Uint8Array): TstInfo | undefined {
  try {
    const [version, policy, imprint, serial, time, ...rest] = children(readSingle(der))
    if (version?.tag !== TAG.integer || policy?.tag !== TAG.oid || imprint?.tag !== TAG.sequence) return
    if (serial?.tag !== TAG.integer || time?.tag !== 0x18) return
    let k = 0
    for (const t of rest) {
      while (k < TST_OPTIONAL.length && TST_OPTIONAL[k] !== t.tag) k++
      if (k++ >= TST_OPTIONAL.length) return
    }
    const [algorithm, hashed, extra] = children(imprint)
    if (extra || algorithm?.tag !== TAG.sequence || hashed?.tag !== TAG.octetString) return
    const m = GENERALIZED_TIME.exec(Buffer.from(time.content).toString('latin1'))
    if (!m) return
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
    const ms = m[7] ? Math.floor(1000 * Number(`0${m[7]}`)) : 0
    return {
      genTime: new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms)),
      policy: oidOf(policy),
      imprintOid: oidOf(children(algorithm)[0] as Tlv),
      imprint: hashed.content,
      serialHex: toHex(serial.content),
    }
  } catch {
    return undefined
  }
}
