// Checks one CMS signature (or document timestamp) from a PDF against TT 15/2025 Annex II: integrity
// (R2.19, R2.22), the key (R2.16), the timestamp (R2.21), the certificate at the signing time (R2.26),
// its status (R2.27), algorithms and key usage (R2.28, R2.30); the verdict follows R2.29.
// Never throws on bad input: a malformed signature is an 'invalid' verdict with a finding.
import { checkAlgorithms } from '../policy/algorithm-policy.ts'
import { finding, type SignatureFinding } from '../policy/findings.ts'
import { checkSignerKeyUsage } from '../policy/key-usage.ts'
import type { RevocationChecker } from '../revocation/revocation-checker.ts'
import type { RevocationResult } from '../revocation/revocation-result.ts'
import { type Cert, tryParseCertificate } from '../trust/certificate.ts'
import { describeKey } from '../trust/signature.ts'
import type { TrustStore } from '../trust/trust-store.ts'
import { type AssessmentContext, assessCertificate } from './assess-certificate.ts'
import { summarizeCertificate } from './certificate-summary.ts'
import { readSignedData } from './parse-cms.ts'
import type { SignatureCheck } from './signature-check.ts'
import { checkSignerInfo, ID_AA_TIMESTAMP_TOKEN, ID_DATA } from './signer-info.ts'
import { checkTimestampToken } from './timestamp-token.ts'

export interface VerifyCmsInput {
  /** ContentInfo DER from a PDF /Contents; trailing zero padding allowed. */
  cms: Uint8Array
  /** The byte-range pieces, hashed in order. */
  signedData: Uint8Array[]
  kind: 'signature' | 'document-timestamp'
  /** The PDF /M: claimed by the signer, not proven. */
  claimedSigningTime?: Date
  trust: TrustStore
  revocation: RevocationChecker
  /** Validation data from the PDF's DSS. */
  embedded?: { certificates?: Uint8Array[]; ocsps?: Uint8Array[]; crls?: Uint8Array[] }
  now?: Date
}

const NO_STATUS: RevocationResult = { status: 'unknown', source: 'none' }
const SIGNER_ROLE = { vi: 'Người ký', en: 'The signer' }

function verdictOf(findings: readonly SignatureFinding[], indeterminate: boolean): SignatureCheck['verdict'] {
  if (findings.some((f) => f.severity === 'error')) return 'invalid'
  return indeterminate ? 'indeterminate' : 'valid'
}

/** The same CA met on the signer's and the TSA's path would otherwise be reported twice. */
function unique(findings: readonly SignatureFinding[]): SignatureFinding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = `${f.code} ${f.message.en}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function failed(kind: VerifyCmsInput['kind'], findings: SignatureFinding[]): SignatureCheck {
  return {
    verdict: 'invalid',
    kind,
    chain: [],
    signingTimeSource: 'none',
    revocation: NO_STATUS,
    integrity: false,
    signatureVerified: false,
    certificateValidAtSigningTime: false,
    findings,
  }
}

export async function verifyCmsSignature(input: VerifyCmsInput): Promise<SignatureCheck> {
  try {
    return await verify(input)
  } catch {
    // Whatever slipped past the parsers is still a verdict, not a crash.
    return failed(input.kind, [
      finding(
        'R2.29',
        'CMS_UNREADABLE',
        'error',
        'Không kiểm tra được chữ ký: dữ liệu chữ ký bị lỗi.',
        'The signature could not be checked: its data is corrupt.',
      ),
    ])
  }
}

async function verify(input: VerifyCmsInput): Promise<SignatureCheck> {
  const now = input.now ?? new Date()
  const parsed = readSignedData(input.cms)
  if (!parsed.ok) return failed(input.kind, [parsed.finding])
  if (parsed.signedData.signerInfos.length === 0)
    return failed(input.kind, [
      finding(
        'R2.29',
        'CMS_NO_SIGNER',
        'error',
        'Chữ ký không có thông tin người ký.',
        'The signature has no signer.',
      ),
    ])
  const embeddedCerts = (input.embedded?.certificates ?? []).flatMap((der) => tryParseCertificate(der) ?? [])
  const pool: Cert[] = [...parsed.certificates, ...embeddedCerts]
  const ctx: AssessmentContext = {
    trust: input.trust,
    revocation: input.revocation,
    pool,
    embedded: { ocsps: input.embedded?.ocsps ?? [], crls: [...parsed.crls, ...(input.embedded?.crls ?? [])] },
    now,
  }
  if (input.kind === 'document-timestamp') return documentTimestamp(input, ctx)

  const findings: SignatureFinding[] = []
  let indeterminate = false
  const signer = checkSignerInfo({
    signedData: parsed.signedData,
    content: input.signedData,
    contentType: ID_DATA,
    certificates: pool,
  })
  findings.push(...signer.findings)
  const base: SignatureCheck = {
    verdict: 'invalid',
    kind: 'signature',
    chain: [],
    signingTimeSource: 'none',
    revocation: NO_STATUS,
    integrity: signer.integrity,
    signatureVerified: signer.signatureVerified,
    certificateValidAtSigningTime: false,
    digestAlgorithm: signer.digestName,
    ...(signer.signature ? { signatureAlgorithm: signer.signature.name } : {}),
    findings,
  }
  const cert = signer.cert
  if (!cert) return { ...base, verdict: 'invalid' }
  base.signer = summarizeCertificate(cert)

  // Signature timestamp: its imprint covers the SignerInfo signature value (RFC 3161 Appendix A).
  let signingTime: Date | undefined
  const token = signer.unsignedAttrs.find((a) => a.type === ID_AA_TIMESTAMP_TOKEN)?.values[0]
  if (token) {
    const ts = await checkTimestampToken(token.raw, [signer.signatureValue], ctx)
    findings.push(...ts.findings)
    if (ts.summary) base.timestamp = ts.summary
    if (ts.valid || (!ts.invalid && ts.genTime)) {
      signingTime = ts.genTime
      base.signingTimeSource = 'timestamp'
    }
    if (ts.indeterminate) indeterminate = true
  }
  if (!signingTime && input.claimedSigningTime) {
    signingTime = input.claimedSigningTime
    base.signingTimeSource = 'claimed'
    findings.push(
      finding(
        'R2.25',
        'SIGNING_TIME_UNPROVEN',
        'warning',
        'Thời điểm ký lấy từ tài liệu (/M), do người ký khai, chưa được dấu thời gian chứng minh.',
        'The signing time comes from the document (/M), as claimed by the signer; no timestamp proves it.',
      ),
    )
  }
  if (!signingTime)
    findings.push(
      finding(
        'R2.25',
        'SIGNING_TIME_ABSENT',
        'warning',
        'Chữ ký không có dấu thời gian hay thời điểm ký; chứng thư được kiểm tra tại thời điểm hiện tại.',
        'The signature has no timestamp or signing time; the certificate is checked at the current time.',
      ),
    )
  if (signingTime) base.signingTime = signingTime
  const at = signingTime ?? now
  const proven = base.signingTimeSource !== 'claimed'

  const assessment = await assessCertificate(cert, at, proven, SIGNER_ROLE, ctx)
  findings.push(...assessment.findings)
  if (assessment.indeterminate) indeterminate = true
  base.chain = assessment.path.chain.map(summarizeCertificate)
  base.chainStatus = assessment.path.status
  base.revocation = assessment.revocation
  base.certificateValidAtSigningTime = assessment.validAtTime

  if (signer.signature && !signer.signature.unsupported)
    findings.push(
      ...checkAlgorithms(
        { vi: 'Chữ ký', en: 'The signature' },
        { oid: signer.digestOid, name: signer.digestName },
        signer.signature,
        describeKey(cert.spki),
      ),
    )
  findings.push(...checkSignerKeyUsage(cert))
  const all = unique(findings)
  return { ...base, findings: all, verdict: verdictOf(all, indeterminate) }
}

/** A document timestamp: the token itself is the signature, its imprint covers the byte ranges. */
async function documentTimestamp(input: VerifyCmsInput, ctx: AssessmentContext): Promise<SignatureCheck> {
  const ts = await checkTimestampToken(input.cms, input.signedData, ctx)
  const signer = ts.signer
  const findings = unique(
    ts.findings.map((f) => (f.code === 'TIMESTAMP_IMPRINT_MISMATCH' ? { ...f, ruleId: 'R2.19' } : f)),
  )
  return {
    verdict: verdictOf(findings, ts.indeterminate),
    kind: 'document-timestamp',
    ...(ts.summary?.certificate ? { signer: ts.summary.certificate } : {}),
    chain: ts.assessment?.path.chain.map(summarizeCertificate) ?? [],
    ...(ts.assessment ? { chainStatus: ts.assessment.path.status } : {}),
    ...(ts.summary ? { timestamp: ts.summary } : {}),
    ...(ts.genTime ? { signingTime: ts.genTime } : {}),
    signingTimeSource: ts.genTime && !ts.invalid ? 'timestamp' : 'none',
    revocation: ts.assessment?.revocation ?? NO_STATUS,
    integrity: ts.imprintOk && (signer?.integrity ?? false),
    signatureVerified: signer?.signatureVerified ?? false,
    certificateValidAtSigningTime: ts.assessment?.validAtTime ?? false,
    ...(signer ? { digestAlgorithm: signer.digestName } : {}),
    ...(signer?.signature ? { signatureAlgorithm: signer.signature.name } : {}),
    findings,
  }
}
