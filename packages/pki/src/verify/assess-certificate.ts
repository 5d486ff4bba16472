// A certificate's standing at the time of interest: trust path (R2.17), validity period and revocation
// (R2.26, R2.27). Used for the signer and for the TSA of a timestamp.
import { finding, type SignatureFinding } from '../policy/findings.ts'
import { embeddedRevocationAnswer, type RevocationChecker } from '../revocation/revocation-checker.ts'
import type { RevocationResult } from '../revocation/revocation-result.ts'
import type { Cert } from '../trust/certificate.ts'
import type { PathResult } from '../trust/path-validation.ts'
import type { TrustStore } from '../trust/trust-store.ts'

export interface AssessmentContext {
  trust: TrustStore
  revocation: RevocationChecker
  pool: readonly Cert[]
  embedded: { ocsps: readonly Uint8Array[]; crls: readonly Uint8Array[] }
  now: Date
}

export interface CertificateAssessment {
  path: PathResult
  /** Status of the certificate itself (the first link of the path). */
  revocation: RevocationResult
  /** Within its validity period and not revoked at `at` (R2.26). */
  validAtTime: boolean
  invalid: boolean
  indeterminate: boolean
  findings: SignatureFinding[]
}

export interface Role {
  vi: string
  en: string
}

const iso = (d: Date) => d.toISOString()

export async function assessCertificate(
  cert: Cert,
  at: Date,
  /** Whether `at` is proven by a timestamp (or is now); an unproven time cannot excuse later events. */
  proven: boolean,
  role: Role,
  ctx: AssessmentContext,
): Promise<CertificateAssessment> {
  const findings: SignatureFinding[] = []
  let invalid = false
  let indeterminate = false
  let validAtTime = true
  const path = ctx.trust.validatePath(cert, ctx.pool, at)
  switch (path.status) {
    case 'trusted':
      break
    case 'untrusted-root':
      indeterminate = true
      findings.push(
        finding(
          'R2.17',
          'CHAIN_UNTRUSTED',
          'warning',
          `${role.vi}: ${path.message.vi}`,
          `${role.en}: ${path.message.en}`,
        ),
      )
      break
    case 'expired':
    case 'not-yet-valid':
      invalid = true
      validAtTime = false
      findings.push(
        finding(
          'R2.26',
          path.status === 'expired'
            ? 'CERTIFICATE_EXPIRED_AT_SIGNING_TIME'
            : 'CERTIFICATE_NOT_YET_VALID_AT_SIGNING_TIME',
          'error',
          `${role.vi}: ${path.message.vi}`,
          `${role.en}: ${path.message.en}`,
        ),
      )
      break
    default:
      invalid = true
      findings.push(
        finding(
          'R2.17',
          'CHAIN_INVALID',
          'error',
          `${role.vi}: ${path.message.vi}`,
          `${role.en}: ${path.message.en}`,
        ),
      )
  }
  // An unproven time cannot show the signature predates the certificate's expiry (R2.26).
  if (!proven && path.trusted && ctx.now > cert.notAfter) {
    indeterminate = true
    findings.push(
      finding(
        'R2.26',
        'EXPIRED_NO_PROOF_OF_TIME',
        'warning',
        `${role.vi}: chứng thư đã hết hạn (${iso(cert.notAfter)}) và không có dấu thời gian chứng minh thời điểm ký trước đó.`,
        `${role.en}: the certificate expired (${iso(cert.notAfter)}) and no timestamp proves signing before that.`,
      ),
    )
  }

  let own: RevocationResult = {
    status: 'unknown',
    source: 'none',
    problems: ['issuer certificate not found'],
  }
  const chain = path.chain
  for (let i = 0; i + 1 < chain.length; i++) {
    const subject = chain[i] as Cert
    const issuer = chain[i + 1] as Cert
    if (ctx.trust.isAnchor(subject)) break
    const query = { certificate: subject, issuer, at, embedded: ctx.embedded }
    // Answered from the DSS, as usual, it needs no promise.
    const result = embeddedRevocationAnswer(ctx.revocation, query) ?? (await ctx.revocation.check(query))
    if (i === 0) own = result
    const who =
      i === 0 ? role : { vi: `Chứng thư CA "${subject.subject}"`, en: `CA certificate "${subject.subject}"` }
    if (result.status === 'revoked') {
      const revokedAt = result.revokedAt
      const reason = result.reason ? ` (${result.reason})` : ''
      if (!revokedAt || revokedAt <= at) {
        invalid = true
        validAtTime = false
        findings.push(
          finding(
            'R2.26',
            'CERTIFICATE_REVOKED',
            'error',
            `${who.vi}: chứng thư đã bị thu hồi${revokedAt ? ` lúc ${iso(revokedAt)}` : ''}${reason}, trước thời điểm ký ${iso(at)}.`,
            `${who.en}: the certificate was revoked${revokedAt ? ` at ${iso(revokedAt)}` : ''}${reason}, before the signing time ${iso(at)}.`,
          ),
        )
      } else if (proven) {
        findings.push(
          finding(
            'R2.26',
            'CERTIFICATE_REVOKED_AFTER_SIGNING',
            'info',
            `${who.vi}: chứng thư bị thu hồi lúc ${iso(revokedAt)}${reason}, sau thời điểm ký đã được chứng minh ${iso(at)}.`,
            `${who.en}: the certificate was revoked at ${iso(revokedAt)}${reason}, after the proven signing time ${iso(at)}.`,
          ),
        )
      } else {
        indeterminate = true
        findings.push(
          finding(
            'R2.26',
            'REVOKED_NO_PROOF_OF_TIME',
            'warning',
            `${who.vi}: chứng thư bị thu hồi lúc ${iso(revokedAt)}${reason}; không có dấu thời gian chứng minh chữ ký có trước đó.`,
            `${who.en}: the certificate was revoked at ${iso(revokedAt)}${reason}; no timestamp proves the signature came first.`,
          ),
        )
      }
    } else if (result.status === 'unknown') {
      indeterminate = true
      const why = result.problems?.length ? ` (${result.problems.join('; ')})` : ''
      findings.push(
        finding(
          'R2.27',
          'REVOCATION_UNKNOWN',
          'warning',
          `${who.vi}: không xác định được tình trạng thu hồi (không có CRL hay OCSP dùng được).`,
          `${who.en}: revocation status could not be determined (no usable CRL or OCSP)${why}.`,
        ),
      )
    }
  }
  if (chain.length < 2 && !ctx.trust.isAnchor(cert)) {
    indeterminate = true
    findings.push(
      finding(
        'R2.27',
        'REVOCATION_UNKNOWN',
        'warning',
        `${role.vi}: không có chứng thư của CA cấp để kiểm tra tình trạng thu hồi.`,
        `${role.en}: the issuing CA certificate is missing, so revocation cannot be checked.`,
      ),
    )
  }
  return { path, revocation: own, validAtTime, invalid, indeterminate, findings }
}
