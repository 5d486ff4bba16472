// The employer module's refusals: stable codes, Vietnamese first, the rule they enforce.
import { ElcError, type Text, text } from '@elc/core'

/** A field of the form or the JSON body is missing or wrong; `field` names it for the page and the client. */
export class EmployerInputError extends ElcError {
  constructor(
    readonly field: string,
    message: Text,
    ruleId?: string,
  ) {
    super('EMPLOYER_INPUT_INVALID', message, ruleId ? { ruleId, status: 422 } : { status: 422 })
  }
}

export function organisationAccountRequired(): ElcError {
  return new ElcError(
    'EMPLOYER_ORGANISATION_ACCOUNT_REQUIRED',
    text(
      'Cần đăng nhập bằng tài khoản định danh điện tử của tổ chức (VNeID) để quản lý thông tin người sử dụng lao động.',
      "Sign in with the organisation's VNeID account to manage the employer's particulars.",
    ),
    { status: 403 },
  )
}

export function otherEmployer(): ElcError {
  return new ElcError(
    'EMPLOYER_FORBIDDEN',
    text(
      'Bạn chỉ được xem và quản lý người sử dụng lao động của chính mình.',
      'You may only see and manage your own employer.',
    ),
    { status: 403 },
  )
}

export function notOnboarded(): ElcError {
  return new ElcError(
    'EMPLOYER_NOT_ONBOARDED',
    text(
      'Người sử dụng lao động chưa khai báo thông tin trên eContract.',
      'The employer has not been onboarded in the eContract yet.',
    ),
    { status: 404 },
  )
}

export function alreadyOnboarded(): ElcError {
  return new ElcError(
    'EMPLOYER_ALREADY_ONBOARDED',
    text('Người sử dụng lao động đã được khai báo.', 'The employer has already been onboarded.'),
    { status: 409 },
  )
}

export function signatoryNotFound(): ElcError {
  return new ElcError(
    'EMPLOYER_SIGNATORY_NOT_FOUND',
    text('Không tìm thấy người ký của người sử dụng lao động này.', 'No such signatory of this employer.'),
    { status: 404 },
  )
}

export function signatoryDuplicate(): ElcError {
  return new ElcError(
    'EMPLOYER_SIGNATORY_DUPLICATE',
    text(
      'Người này đã là người ký còn hiệu lực; hãy thu hồi trước khi khai báo lại.',
      'This person is already a standing signatory; revoke the entry before adding it again.',
    ),
    { ruleId: 'R4.9', status: 409 },
  )
}

export function alreadyRevoked(): ElcError {
  return new ElcError(
    'EMPLOYER_SIGNATORY_ALREADY_REVOKED',
    text('Người ký này đã bị thu hồi quyền ký.', "This signatory's authority was already revoked."),
    { ruleId: 'R4.9', status: 409 },
  )
}
