import { describe, expect, it } from 'vitest'
import { findingFor, messageFor } from './messages.ts'
import { type IdProblem, idProblem } from './problems.ts'

describe('bilingual messages for identity problems (Vietnamese first)', () => {
  it.each<[IdProblem, string, string]>([
    [
      idProblem('ID_NUMBER_FORMAT', { length: 11, nonDigit: false }),
      'Số định danh cá nhân (số CCCD) phải gồm đúng 12 chữ số (đang có 11 ký tự).',
      'Personal identification number (CCCD number) must have exactly 12 digits (it has 11 characters).',
    ],
    [
      idProblem('ID_NUMBER_FORMAT', { length: 12, nonDigit: true }),
      'Số định danh cá nhân (số CCCD) phải gồm đúng 12 chữ số (đang có 12 ký tự, có ký tự không phải chữ số).',
      'Personal identification number (CCCD number) must have exactly 12 digits (it has 12 characters, not all digits).',
    ],
    [
      idProblem('ID_NUMBER_FORMAT', { length: 0, nonDigit: false }),
      'Số định danh cá nhân (số CCCD) đang để trống; cần đúng 12 chữ số.',
      'Personal identification number (CCCD number) is empty; it needs exactly 12 digits.',
    ],
    [
      idProblem('ID_NUMBER_UNKNOWN_PROVINCE', { provinceCode: '003' }),
      'Số định danh cá nhân (số CCCD): mã tỉnh nơi đăng ký khai sinh 003 không có trong bảng mã đã biết; vui lòng kiểm tra lại số.',
      'Personal identification number (CCCD number): birth-registration province code 003 is not in the known code table; please check the number.',
    ],
    [
      idProblem('ID_NUMBER_SEX_MISMATCH', { declared: 'female', encoded: 'male' }),
      'Số định danh cá nhân (số CCCD) mang mã giới tính nam nhưng giới tính đã khai là nữ; vui lòng kiểm tra lại số hoặc giới tính.',
      'Personal identification number (CCCD number) encodes sex male but the declared sex is female; please check the number or the sex.',
    ],
    [
      idProblem('ID_NUMBER_BIRTH_YEAR_MISMATCH', { declared: 1991, encoded: 1990 }),
      'Số định danh cá nhân (số CCCD) mang năm sinh 1990 nhưng ngày sinh đã khai thuộc năm 1991; vui lòng kiểm tra lại số hoặc ngày sinh.',
      'Personal identification number (CCCD number) encodes birth year 1990 but the declared date of birth is in 1991; please check the number or the date of birth.',
    ],
    [
      idProblem('ID_NUMBER_BIRTH_YEAR_IN_FUTURE', { encoded: 2127, currentYear: 2026 }),
      'Số định danh cá nhân (số CCCD) mang năm sinh 2127, sau năm hiện tại 2026; vui lòng kiểm tra lại số.',
      'Personal identification number (CCCD number) encodes birth year 2127, after the current year 2026; please check the number.',
    ],
    [
      idProblem('OLD_ID_NUMBER_FORMAT', { length: 10, nonDigit: false }),
      'Số chứng minh nhân dân (CMND) phải gồm 9 hoặc 12 chữ số (đang có 10 ký tự).',
      'Old identity card number (CMND) must have 9 or 12 digits (it has 10 characters).',
    ],
    [
      idProblem('OLD_ID_NUMBER_FORMAT', { length: 0, nonDigit: false }),
      'Số chứng minh nhân dân (CMND) đang để trống; cần 9 hoặc 12 chữ số.',
      'Old identity card number (CMND) is empty; it needs 9 or 12 digits.',
    ],
    [
      idProblem('PASSPORT_NUMBER_FORMAT', { length: 7, issuer: 'vietnamese' }),
      'Số hộ chiếu Việt Nam phải gồm 1 chữ cái in hoa và 7 chữ số, ví dụ C1234567 (đang có 7 ký tự).',
      'Vietnamese passport number must have one capital letter and 7 digits, e.g. C1234567 (it has 7 characters).',
    ],
    [
      idProblem('PASSPORT_NUMBER_FORMAT', { length: 5, issuer: 'foreign' }),
      'Số hộ chiếu phải gồm 6 đến 20 chữ cái in hoa (A–Z) hoặc chữ số (đang có 5 ký tự).',
      'Passport number must have 6 to 20 capital letters (A–Z) or digits (it has 5 characters).',
    ],
  ])('%j', (problem, vi, en) => {
    const message = messageFor(problem)
    expect(message).toEqual({ vi, en })
    expect(Object.keys(message)).toEqual(['vi', 'en'])
    expect(message.vi.normalize('NFC')).toBe(message.vi)
  })

  it('turns a problem into a Finding at the given path, keeping rule and severity', () => {
    expect(
      findingFor(
        idProblem('ID_NUMBER_SEX_MISMATCH', { declared: 'male', encoded: 'female' }),
        '/worker/idNumber',
      ),
    ).toEqual({
      ruleId: 'R5.4',
      code: 'ID_NUMBER_SEX_MISMATCH',
      severity: 'warning',
      path: '/worker/idNumber',
      message: {
        vi: 'Số định danh cá nhân (số CCCD) mang mã giới tính nữ nhưng giới tính đã khai là nam; vui lòng kiểm tra lại số hoặc giới tính.',
        en: 'Personal identification number (CCCD number) encodes sex female but the declared sex is male; please check the number or the sex.',
      },
    })
  })
})
