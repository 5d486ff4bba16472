// Key usage checks (R2.28): a signer's certificate must allow digital signatures or non-repudiation;
// a TSA's certificate must carry the one critical EKU timeStamping (RFC 3161 §2.3).
import type { Cert } from '../trust/certificate.ts'
import * as x509 from '../trust/x509.ts'
import { finding, type SignatureFinding } from './findings.ts'

export const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8'
export const EKU_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9'

export function checkSignerKeyUsage(cert: Cert): SignatureFinding[] {
  const out: SignatureFinding[] = []
  const ku = cert.keyUsage
  const allowed = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
  if (ku !== undefined && (ku & allowed) === 0)
    out.push(
      finding(
        'R2.28',
        'SIGNER_KEY_USAGE_INVALID',
        'error',
        'Chứng thư người ký không cho phép ký số (keyUsage thiếu digitalSignature và nonRepudiation).',
        'The signer certificate does not allow signing (keyUsage lacks digitalSignature and nonRepudiation).',
      ),
    )
  if (ku === undefined)
    out.push(
      finding(
        'R2.28',
        'SIGNER_KEY_USAGE_MISSING',
        'info',
        'Chứng thư người ký không có phần mở rộng keyUsage.',
        'The signer certificate has no keyUsage extension.',
      ),
    )
  if (cert.basicConstraints?.ca)
    out.push(
      finding(
        'R2.28',
        'SIGNER_IS_CA',
        'warning',
        'Tài liệu được ký bằng chứng thư của một CA, không phải của thuê bao.',
        'The document is signed with a CA certificate, not a subscriber certificate.',
      ),
    )
  return out
}

export function checkTsaKeyUsage(cert: Cert): SignatureFinding[] {
  const eku = cert.extendedKeyUsage
  if (!eku?.usages.includes(EKU_TIME_STAMPING))
    return [
      finding(
        'R2.28',
        'TSA_EKU_MISSING',
        'error',
        'Chứng thư của đơn vị cấp dấu thời gian không có EKU timeStamping.',
        'The timestamping authority certificate lacks the timeStamping EKU.',
      ),
    ]
  const out: SignatureFinding[] = []
  if (!eku.critical)
    out.push(
      finding(
        'R2.28',
        'TSA_EKU_NOT_CRITICAL',
        'warning',
        'EKU timeStamping của chứng thư TSA không được đánh dấu critical (RFC 3161 §2.3).',
        'The TSA certificate timeStamping EKU is not marked critical (RFC 3161 §2.3).',
      ),
    )
  if (eku.usages.length > 1)
    out.push(
      finding(
        'R2.28',
        'TSA_EKU_NOT_SOLE',
        'warning',
        'Chứng thư TSA có EKU khác ngoài timeStamping (RFC 3161 §2.3).',
        'The TSA certificate has EKUs other than timeStamping (RFC 3161 §2.3).',
      ),
    )
  return out
}
