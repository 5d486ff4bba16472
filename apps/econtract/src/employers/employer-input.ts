// What a person types about the employer and its signatories, checked at the boundary: text trimmed and NFC,
// the contract schema's own limits and formats (R4.6 a), dates as the law counts them. The tax code and the
// name are never read from here: they come from the organisation's VNeID account.
import {
  type CivilDate,
  compareDates,
  EMPLOYER_TYPES,
  Employer,
  type EmployerType,
  isValidDate,
  normaliseDocumentNumber,
  type Text,
  text,
} from '@elc/core'
import Value from 'typebox/value'
import { EmployerInputError } from './employer-errors.ts'

export interface EmployerProfileInput {
  address: string
  employerType: EmployerType
  phone?: string
  email?: string
  legalRepresentative: { fullName: string; title: string }
}

export interface SignatoryInput {
  fullName: string
  title: string
  /** 12-digit personal identification number (R5.2). */
  personalId: string
  isLegalRepresentative: boolean
  /** R4.9: required unless the signatory is the legal representative. */
  authorisation?: { documentRef: string; issuedOn: CivilDate }
  validFrom: CivilDate
  validUntil?: CivilDate
}

type Body = Record<string, unknown>

const REQUIRED = text('Trường này là bắt buộc.', 'This field is required.')

function str(body: Body, field: string): string | undefined {
  const v = body[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string')
    throw new EmployerInputError(field, text('Giá trị phải là chuỗi ký tự.', 'The value must be text.'))
  const s = v.normalize('NFC').trim().replace(/\s+/g, ' ')
  return s === '' ? undefined : s
}

function required(body: Body, field: string, max: number, label: Text): string {
  const s = str(body, field)
  if (s === undefined)
    throw new EmployerInputError(field, text(`${label.vi}: ${REQUIRED.vi}`, `${label.en}: ${REQUIRED.en}`))
  if (s.length > max)
    throw new EmployerInputError(
      field,
      text(`${label.vi}: tối đa ${max} ký tự.`, `${label.en}: at most ${max} characters.`),
    )
  return s
}

function date(body: Body, field: string, label: Text): CivilDate | undefined {
  const s = str(body, field)
  if (s === undefined) return undefined
  if (!isValidDate(s) || !/^(19|20)\d{2}-/.test(s))
    throw new EmployerInputError(
      field,
      text(`${label.vi}: ngày không hợp lệ (YYYY-MM-DD).`, `${label.en}: not a valid date (YYYY-MM-DD).`),
    )
  return s
}

function flag(body: Body, field: string): boolean {
  const v = body[field]
  return v === true || v === 'true' || v === 'on' || v === '1'
}

const LABELS = {
  address: text('Địa chỉ', 'Address'),
  employerType: text('Loại người sử dụng lao động', 'Employer type'),
  phone: text('Số điện thoại', 'Phone'),
  email: text('Thư điện tử', 'Email'),
  legalRepresentativeName: text('Họ tên người đại diện theo pháp luật', "Legal representative's full name"),
  legalRepresentativeTitle: text('Chức danh người đại diện theo pháp luật', "Legal representative's title"),
  fullName: text('Họ và tên người ký', "Signatory's full name"),
  title: text('Chức danh', 'Title'),
  personalId: text('Số định danh cá nhân', 'Personal ID number'),
  authorisationDocumentRef: text('Số giấy ủy quyền', 'Letter of authorisation number'),
  authorisationIssuedOn: text('Ngày ủy quyền', 'Date of the authorisation'),
  validFrom: text('Hiệu lực từ ngày', 'Valid from'),
  validUntil: text('Hiệu lực đến ngày', 'Valid until'),
} satisfies Record<string, Text>

/** The employer's particulars (R4.6 a) from a form or a JSON body. */
export function parseProfileInput(body: Body): EmployerProfileInput {
  const employerType = str(body, 'employerType')
  if (!employerType || !(EMPLOYER_TYPES.values as readonly string[]).includes(employerType))
    throw new EmployerInputError(
      'employerType',
      text(
        `Loại người sử dụng lao động phải là một trong: ${EMPLOYER_TYPES.values.join(', ')}.`,
        `The employer type must be one of: ${EMPLOYER_TYPES.values.join(', ')}.`,
      ),
      'R4.9',
    )
  const phone = str(body, 'phone')
  const email = str(body, 'email')
  if (phone !== undefined && !Value.Check(Employer.properties.phone, phone))
    throw new EmployerInputError(
      'phone',
      text(
        'Số điện thoại: 6–20 chữ số, có thể có +, dấu cách, ().-',
        'Phone: 6–20 digits, optionally +, spaces, ().-',
      ),
      'R4.6',
    )
  if (email !== undefined && !Value.Check(Employer.properties.email, email))
    throw new EmployerInputError(
      'email',
      text('Thư điện tử không hợp lệ.', 'The email address is not valid.'),
      'R4.6',
    )
  return {
    address: required(body, 'address', 1000, LABELS.address),
    employerType: employerType as EmployerType,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    legalRepresentative: {
      fullName: required(body, 'legalRepresentativeName', 200, LABELS.legalRepresentativeName),
      title: required(body, 'legalRepresentativeTitle', 200, LABELS.legalRepresentativeTitle),
    },
  }
}

/** A signatory from a form or a JSON body; `today` bounds the date of the authorisation. */
export function parseSignatoryInput(body: Body, today: CivilDate): SignatoryInput {
  const fullName = required(body, 'fullName', 200, LABELS.fullName)
  const title = required(body, 'title', 200, LABELS.title)
  const personalId = normaliseDocumentNumber(required(body, 'personalId', 40, LABELS.personalId))
  if (!/^[0-9]{12}$/.test(personalId))
    throw new EmployerInputError(
      'personalId',
      text('Số định danh cá nhân phải có đúng 12 chữ số.', 'The personal ID number has exactly 12 digits.'),
      'R5.2',
    )
  const isLegalRepresentative = flag(body, 'isLegalRepresentative')
  const validFrom = date(body, 'validFrom', LABELS.validFrom) ?? today
  const validUntil = date(body, 'validUntil', LABELS.validUntil)
  if (validUntil !== undefined && compareDates(validUntil, validFrom) < 0)
    throw new EmployerInputError(
      'validUntil',
      text('Ngày hết hiệu lực phải sau ngày bắt đầu.', 'The end of validity must not precede its start.'),
    )
  const documentRef = str(body, 'authorisationDocumentRef')
  const issuedOn = date(body, 'authorisationIssuedOn', LABELS.authorisationIssuedOn)
  let authorisation: SignatoryInput['authorisation']
  if (!isLegalRepresentative || documentRef || issuedOn) {
    // R4.9: a person other than the legal representative signs only under a letter of authorisation.
    const ref = required(body, 'authorisationDocumentRef', 200, LABELS.authorisationDocumentRef)
    if (!issuedOn)
      throw new EmployerInputError(
        'authorisationIssuedOn',
        text(
          `${LABELS.authorisationIssuedOn.vi}: ${REQUIRED.vi}`,
          `${LABELS.authorisationIssuedOn.en}: ${REQUIRED.en}`,
        ),
        'R4.9',
      )
    if (compareDates(issuedOn, today) > 0)
      throw new EmployerInputError(
        'authorisationIssuedOn',
        text('Ngày ủy quyền không thể ở tương lai.', 'The authorisation cannot be dated in the future.'),
        'R4.9',
      )
    if (compareDates(validFrom, issuedOn) < 0)
      throw new EmployerInputError(
        'validFrom',
        text(
          'Quyền ký không thể có hiệu lực trước ngày ủy quyền.',
          'Signing authority cannot start before the authorisation was given.',
        ),
        'R4.9',
      )
    authorisation = { documentRef: ref, issuedOn }
  }
  return {
    fullName,
    title,
    personalId,
    isLegalRepresentative,
    ...(authorisation ? { authorisation } : {}),
    validFrom,
    ...(validUntil ? { validUntil } : {}),
  }
}

/** Names compared as a person reads them: NFC, spaces collapsed, case ignored. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi')
  return fold(a) === fold(b)
}
