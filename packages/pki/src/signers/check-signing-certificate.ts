// R2.1: before signing, the signer checks its own certificate and its CA's, and does not sign with an
// invalid one: within its validity period, chaining to a trusted root, and not revoked right now (an
// unknown status is not good enough to sign with).
import { ElcError, text } from '@elc/core'
import type { RevocationChecker } from '../revocation/revocation-checker.ts'
import { parseCertificate } from '../trust/certificate.ts'
import type { TrustStore } from '../trust/trust-store.ts'

export async function checkSigningCertificate(input: {
  certificate: Uint8Array
  chain: readonly Uint8Array[]
  trust: TrustStore
  revocation: RevocationChecker
  at: Date
}): Promise<void> {
  const leaf = parseCertificate(input.certificate)
  const refuse = (code: string, vi: string, en: string) =>
    new ElcError(code, text(vi, en), { ruleId: 'R2.1', status: 422 })
  if (input.at < leaf.notBefore || input.at > leaf.notAfter)
    throw refuse(
      'SIGNING_CERTIFICATE_EXPIRED',
      `Chứng thư số của người ký không còn hiệu lực (hiệu lực đến ${leaf.notAfter.toISOString()}); không thể ký.`,
      `The signer's certificate is not valid now (valid until ${leaf.notAfter.toISOString()}); signing refused.`,
    )
  const path = input.trust.validatePath(leaf, input.chain.map(parseCertificate), input.at)
  if (!path.trusted)
    throw refuse(
      'SIGNING_CERTIFICATE_UNTRUSTED',
      `Chứng thư số của người ký hoặc của tổ chức cung cấp dịch vụ chứng thực không hợp lệ: ${path.message.vi}`,
      `The signer's certificate or its CA's is not valid: ${path.message.en}`,
    )
  // Leaf and every CA below the anchor: a revoked intermediate invalidates the signer too.
  for (let i = 0; i + 1 < path.chain.length; i++) {
    const certificate = path.chain[i] as NonNullable<(typeof path.chain)[number]>
    const issuer = path.chain[i + 1] as NonNullable<(typeof path.chain)[number]>
    const status = await input.revocation.check({ certificate, issuer, at: input.at })
    if (status.status === 'revoked')
      throw refuse(
        'SIGNING_CERTIFICATE_REVOKED',
        `Chứng thư số ${certificate.subject} đã bị thu hồi; không thể ký.`,
        `Certificate ${certificate.subject} has been revoked; signing refused.`,
      )
    if (status.status !== 'good')
      throw new ElcError(
        'SIGNING_CERTIFICATE_STATUS_UNKNOWN',
        text(
          `Chưa xác minh được trạng thái chứng thư số ${certificate.subject}; vui lòng thử lại sau.`,
          `The status of certificate ${certificate.subject} could not be checked; try again later.`,
        ),
        { ruleId: 'R2.1', status: 503 },
      )
  }
}
