// The registry's errors: stable codes, the rule they enforce, Vietnamese and English text.
import { ElcError, text } from '@elc/core'
import type { AgreementStatus } from './schema.ts'

export function providerRequestInvalid(detailVi: string, detailEn: string): ElcError {
  return new ElcError(
    'PROVIDER_REQUEST_INVALID',
    text(`Yêu cầu không hợp lệ: ${detailVi}`, `The request is invalid: ${detailEn}`),
    { status: 400 },
  )
}

export function providerNotFound(): ElcError {
  return new ElcError(
    'PROVIDER_NOT_FOUND',
    text('Không tìm thấy nhà cung cấp hợp đồng điện tử.', 'No such eContract provider.'),
    { status: 404 },
  )
}

export function providerTaxCodeTaken(): ElcError {
  return new ElcError(
    'PROVIDER_TAX_CODE_TAKEN',
    text(
      'Đã có nhà cung cấp đăng ký với mã số thuế này.',
      'A provider with this tax code is already registered.',
    ),
    { status: 409 },
  )
}

export function agreementTransitionInvalid(from: AgreementStatus, to: AgreementStatus): ElcError {
  return new ElcError(
    'AGREEMENT_TRANSITION_INVALID',
    text(
      `Không thể chuyển thỏa thuận kết nối từ trạng thái "${from}" sang "${to}".`,
      `The connection agreement cannot go from "${from}" to "${to}".`,
    ),
    { ruleId: 'R1.34', status: 409 },
  )
}

export function agreementReasonRequired(): ElcError {
  return new ElcError(
    'AGREEMENT_REASON_REQUIRED',
    text(
      'Cần nêu lý do khi tạm dừng hoặc từ chối kết nối.',
      'A reason is required to suspend or refuse a connection.',
    ),
    { ruleId: 'R1.34', status: 400 },
  )
}

export function providerKeyInvalid(detailEn: string): ElcError {
  return new ElcError(
    'PROVIDER_KEY_INVALID',
    text(
      `Khóa công khai không hợp lệ (cần JWK công khai EC P-256/P-384, Ed25519 hoặc RSA ≥ 2048 bit): ${detailEn}`,
      `The public key is invalid (a public EC P-256/P-384, Ed25519 or RSA ≥ 2048-bit JWK is needed): ${detailEn}`,
    ),
    { status: 400 },
  )
}

export function providerKeyExists(): ElcError {
  return new ElcError(
    'PROVIDER_KEY_EXISTS',
    text('Nhà cung cấp đã có khóa với mã kid này.', 'The provider already has a key with this kid.'),
    { status: 409 },
  )
}

export function providerKeyNotFound(): ElcError {
  return new ElcError(
    'PROVIDER_KEY_NOT_FOUND',
    text('Không tìm thấy khóa đang dùng với mã kid này.', 'No key in use with this kid.'),
    { status: 404 },
  )
}
