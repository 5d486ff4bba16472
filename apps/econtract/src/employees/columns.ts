// The columns of an employee file: Vietnamese names with English aliases, matched without regard to case,
// diacritics, spacing or punctuation, so "Họ và tên", "HO VA TEN" and "Full name" are one column.
// A bilingual header such as "Họ và tên / Full name" (the template's) matches when every part does.
import { type Text, text } from '@elc/core'
import type { EmployeeField } from './import-error.ts'

export interface ColumnSpec {
  field: EmployeeField
  required: boolean
  label: Text
  aliases: readonly string[]
}

/** R4.6 b (Labor Code Art 21(1)(b)): full name, date of birth, sex, residence and ID number are required. */
export const COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'fullName',
    required: true,
    label: text('Họ và tên', 'Full name'),
    aliases: ['họ và tên', 'họ tên', 'full name', 'name'],
  },
  {
    field: 'dateOfBirth',
    required: true,
    label: text('Ngày sinh', 'Date of birth'),
    aliases: ['ngày sinh', 'ngày tháng năm sinh', 'date of birth', 'birth date', 'dob'],
  },
  {
    field: 'sex',
    required: true,
    label: text('Giới tính', 'Sex'),
    aliases: ['giới tính', 'sex', 'gender'],
  },
  {
    field: 'idNumber',
    required: true,
    label: text('Số định danh cá nhân', 'Personal ID number'),
    aliases: [
      'số định danh cá nhân',
      'số định danh',
      'cccd',
      'số cccd',
      'số căn cước',
      'số căn cước công dân',
      'số giấy tờ tùy thân',
      'personal id',
      'personal id number',
      'id number',
    ],
  },
  {
    field: 'idKind',
    required: false,
    label: text('Loại giấy tờ', 'ID document kind'),
    aliases: ['loại giấy tờ', 'loại giấy tờ tùy thân', 'id kind', 'id type', 'document type'],
  },
  {
    field: 'residence',
    required: true,
    label: text('Nơi cư trú', 'Residence'),
    aliases: ['nơi cư trú', 'địa chỉ cư trú', 'nơi thường trú', 'residence', 'address'],
  },
  {
    field: 'nationality',
    required: false,
    label: text('Quốc tịch', 'Nationality'),
    aliases: ['quốc tịch', 'nationality'],
  },
  {
    field: 'email',
    required: false,
    label: text('Email', 'Email'),
    aliases: ['email', 'e mail', 'thư điện tử', 'địa chỉ email'],
  },
  {
    field: 'phone',
    required: false,
    label: text('Điện thoại', 'Phone'),
    aliases: ['điện thoại', 'số điện thoại', 'sđt', 'phone', 'phone number', 'mobile'],
  },
  {
    field: 'socialInsuranceNumber',
    required: false,
    label: text('Số BHXH', 'Social insurance number'),
    aliases: ['số bhxh', 'mã số bhxh', 'số sổ bhxh', 'social insurance number', 'social insurance no'],
  },
]

/** Lower case, no diacritics (đ → d), punctuation and runs of spaces folded to one space. */
export function foldKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const BY_ALIAS = new Map<string, ColumnSpec>()
for (const spec of COLUMNS)
  for (const alias of [...spec.aliases, spec.label.vi, spec.label.en]) BY_ALIAS.set(foldKey(alias), spec)

/** The column a header names, or undefined. */
export function columnFor(header: string): ColumnSpec | undefined {
  const whole = BY_ALIAS.get(foldKey(header))
  if (whole) return whole
  const parts = header
    .split(/[/|()[\]]/)
    .map(foldKey)
    .filter((p) => p !== '')
  if (parts.length < 2) return undefined
  const specs = parts.map((p) => BY_ALIAS.get(p))
  const first = specs[0]
  return first && specs.every((s) => s === first) ? first : undefined
}

/** The header of the template and of error messages: Vietnamese, then English. */
export function bilingualHeader(spec: ColumnSpec): string {
  return spec.label.vi === spec.label.en ? spec.label.vi : `${spec.label.vi} / ${spec.label.en}`
}
