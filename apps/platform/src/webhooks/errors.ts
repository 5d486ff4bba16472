// Errors of the webhook settings: stable codes, Vietnamese and English text.
import { ElcError, text } from '@elc/core'

export function webhookUrlInvalid(detailVi: string, detailEn: string): ElcError {
  return new ElcError(
    'WEBHOOK_URL_INVALID',
    text(
      `Địa chỉ nhận thông báo (webhook) không hợp lệ: ${detailVi}`,
      `The webhook URL is invalid: ${detailEn}`,
    ),
    { status: 400 },
  )
}

export function webhookNotSet(): ElcError {
  return new ElcError(
    'WEBHOOK_NOT_SET',
    text(
      'Nhà cung cấp chưa đăng ký địa chỉ nhận thông báo (webhook).',
      'The provider has not set a webhook URL.',
    ),
    { status: 404 },
  )
}
