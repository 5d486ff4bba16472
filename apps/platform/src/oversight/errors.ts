// The refusals of the oversight routes: stable codes, Vietnamese and English.
import { ElcError, text } from '@elc/core'
import { ACCESS_PURPOSES } from './purposes.ts'

const codes = ACCESS_PURPOSES.map((p) => p.code).join(', ')

export function purposeMissing(): ElcError {
  return new ElcError(
    'ACCESS_PURPOSE_REQUIRED',
    text(
      `Cần nêu mục đích truy cập (purpose): ${codes}.`,
      `State the purpose of the access (purpose): ${codes}.`,
    ),
    { status: 400 },
  )
}

export function purposeUnknown(): ElcError {
  return new ElcError(
    'ACCESS_PURPOSE_UNKNOWN',
    text(
      `Mục đích truy cập không hợp lệ; chọn một trong: ${codes}.`,
      `Unknown purpose of access; use one of: ${codes}.`,
    ),
    { status: 400 },
  )
}

export function dateInvalid(name: string): ElcError {
  return new ElcError(
    'OVERSIGHT_DATE_INVALID',
    text(`${name} phải là ngày dạng YYYY-MM-DD.`, `${name} must be a date, YYYY-MM-DD.`),
    { status: 400 },
  )
}

export function pageInvalid(): ElcError {
  return new ElcError(
    'OVERSIGHT_PAGE_INVALID',
    text('page phải là số nguyên từ 1.', 'page must be a whole number from 1.'),
    { status: 400 },
  )
}

/** The same answer for a contract that does not exist and one outside the officer's province. */
export function contractNotFound(): ElcError {
  return new ElcError(
    'CONTRACT_NOT_FOUND',
    text(
      'Không có hợp đồng với mã định danh này trong địa bàn của bạn.',
      'No contract with this ID in your province.',
    ),
    { status: 404 },
  )
}

export function provinceNotGranted(): ElcError {
  return new ElcError(
    'OVERSIGHT_PROVINCE_NOT_GRANTED',
    text(
      'Quyền của bạn không gắn với tỉnh, thành phố đã chọn (hoặc mã tỉnh trong quyền không hợp lệ).',
      'Your grant is not for the chosen province (or its province code is not valid).',
    ),
    { status: 403 },
  )
}

export function provinceUnknown(): ElcError {
  return new ElcError(
    'OVERSIGHT_PROVINCE_UNKNOWN',
    text('Không nhận ra tỉnh, thành phố đã nêu.', 'The province given is not recognised.'),
    { status: 400 },
  )
}

export function accessNotRecorded(cause: unknown): ElcError {
  return new ElcError(
    'ACCESS_LOG_FAILED',
    text(
      'Không ghi được nhật ký truy cập nên không trả dữ liệu; vui lòng thử lại.',
      'The access could not be logged, so no data is returned; please try again.',
    ),
    { status: 503, cause },
  )
}
