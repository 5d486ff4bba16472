// How an annex or amendment names what it changes: a JSON pointer into the contract becomes
// "Tiền lương › Mức lương", and its new value is written the way the contract writes it.
import {
  CONTRACT_TYPES,
  EMPLOYER_TYPES,
  ID_DOCUMENT_KINDS,
  JOB_POSITION_CLASSES,
  MINOR_WORK_CATEGORIES,
  PAY_METHODS,
  PAY_PERIODS,
  SEXES,
  type Text,
  text,
  WAGE_REGIONS,
  WAGE_UNITS,
} from '@elc/core'
import { formatDate, formatNumber, formatVnd, label, nfc } from './format.ts'

const SEGMENTS: Record<string, Text> = {
  contractNumber: text('Số hợp đồng', 'Contract number'),
  employer: text('Người sử dụng lao động', 'Employer'),
  worker: text('Người lao động', 'Worker'),
  signatory: text('Người đại diện ký kết', 'Signatory'),
  authorisation: text('Văn bản ủy quyền', 'Authorisation'),
  documentRef: text('Số văn bản', 'Reference'),
  name: text('Tên', 'Name'),
  fullName: text('Họ và tên', 'Full name'),
  title: text('Chức danh', 'Title'),
  address: text('Địa chỉ', 'Address'),
  taxCode: text('Mã số thuế', 'Tax code'),
  employerType: text('Loại hình', 'Type'),
  phone: text('Điện thoại', 'Telephone'),
  email: text('Thư điện tử', 'Email'),
  dateOfBirth: text('Ngày sinh', 'Date of birth'),
  sex: text('Giới tính', 'Sex'),
  residence: text('Nơi cư trú', 'Residence'),
  nationality: text('Quốc tịch', 'Nationality'),
  idDocument: text('Giấy tờ tùy thân', 'Identity document'),
  number: text('Số', 'Number'),
  issuedOn: text('Ngày cấp', 'Issued on'),
  issuedBy: text('Nơi cấp', 'Issued by'),
  socialInsuranceNumber: text('Mã số bảo hiểm xã hội', 'Social insurance number'),
  workPermitNumber: text('Giấy phép lao động', 'Work permit'),
  representative: text('Người đại diện theo pháp luật', 'Legal representative'),
  relationship: text('Quan hệ', 'Relationship'),
  consentDocumentRef: text('Văn bản đồng ý', 'Written consent'),
  job: text('Công việc', 'Job'),
  description: text('Mô tả', 'Description'),
  positionClass: text('Vị trí việc làm', 'Position class'),
  heavyHazardous: text('Nặng nhọc, độc hại, nguy hiểm', 'Heavy, hazardous or dangerous'),
  minorWorkCategory: text('Công việc của người chưa đủ 15 tuổi', 'Work of a minor under 15'),
  workplaces: text('Địa điểm làm việc', 'Workplaces'),
  province: text('Tỉnh, thành phố', 'Province'),
  wageRegion: text('Vùng lương tối thiểu', 'Minimum wage region'),
  term: text('Thời hạn hợp đồng', 'Term'),
  type: text('Loại hợp đồng', 'Contract type'),
  startDate: text('Ngày bắt đầu', 'Start date'),
  endDate: text('Ngày kết thúc', 'End date'),
  probation: text('Thử việc', 'Probation'),
  wage: text('Tiền lương', 'Wage'),
  amount: text('Mức lương', 'Amount'),
  unit: text('Hình thức trả lương', 'Wage basis'),
  payMethod: text('Phương thức trả lương', 'Pay method'),
  payPeriod: text('Kỳ hạn trả lương', 'Pay period'),
  payDay: text('Thời điểm trả lương', 'Pay day'),
  allowances: text('Phụ cấp lương', 'Allowances'),
  otherSupplements: text('Các khoản bổ sung khác', 'Other supplements'),
  raiseRegime: text('Chế độ nâng bậc, nâng lương', 'Promotion and pay rises'),
  workingTime: text('Thời giờ làm việc', 'Working time'),
  hoursPerDay: text('Số giờ mỗi ngày', 'Hours a day'),
  hoursPerWeek: text('Số giờ mỗi tuần', 'Hours a week'),
  schedule: text('Lịch làm việc', 'Schedule'),
  restTime: text('Thời giờ nghỉ ngơi', 'Rest time'),
  protectiveEquipment: text('Trang bị bảo hộ lao động', 'Protective equipment'),
  insurance: text('Bảo hiểm', 'Insurance'),
  socialInsurance: text('Bảo hiểm xã hội bắt buộc', 'Compulsory social insurance'),
  healthInsurance: text('Bảo hiểm y tế', 'Health insurance'),
  unemploymentInsurance: text('Bảo hiểm thất nghiệp', 'Unemployment insurance'),
  details: text('Chi tiết', 'Details'),
  training: text('Đào tạo', 'Training'),
}

const VOCABULARIES: Record<string, Record<string, Text>> = {
  employerType: EMPLOYER_TYPES.labels,
  sex: SEXES.labels,
  kind: ID_DOCUMENT_KINDS.labels,
  positionClass: JOB_POSITION_CLASSES.labels,
  minorWorkCategory: MINOR_WORK_CATEGORIES.labels,
  type: CONTRACT_TYPES.labels,
  wageRegion: WAGE_REGIONS.labels,
  unit: WAGE_UNITS.labels,
  payMethod: PAY_METHODS.labels,
  payPeriod: PAY_PERIODS.labels,
}

const MONEY_KEYS = new Set(['amount', 'wage'])
const DATE_KEY = /(Date|On|^dateOfBirth)$/

/** RFC 6901 segments, unescaped. */
function segments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** "/wage/amount" → "Tiền lương › Mức lương" / "Wage › Amount"; array indexes count from 1. */
export function changeLabel(path: string): Text {
  const parts = segments(path).map((s) =>
    /^\d+$/.test(s)
      ? { vi: `thứ ${Number(s) + 1}`, en: `no. ${Number(s) + 1}` }
      : (SEGMENTS[s] ?? { vi: s, en: s }),
  )
  return { vi: nfc(parts.map((p) => p.vi).join(' › ')), en: parts.map((p) => p.en).join(' › ') }
}

/** The new value as the contract prints it: money in đồng, dates dd/mm/yyyy, vocabularies by label. */
export function changeValue(path: string, value: unknown): Text {
  const key =
    segments(path)
      .filter((s) => !/^\d+$/.test(s))
      .at(-1) ?? ''
  return formatValue(key, value)
}

function formatValue(key: string, value: unknown): Text {
  if (value === null || value === undefined) return text('(bỏ)', '(removed)')
  if (typeof value === 'boolean') return value ? text('Có', 'Yes') : text('Không', 'No')
  if (typeof value === 'number') {
    if (MONEY_KEYS.has(key) && Number.isInteger(value)) return { vi: formatVnd(value), en: '' }
    return { vi: formatNumber(value), en: '' }
  }
  if (typeof value === 'string') {
    const vocabulary = VOCABULARIES[key]
    if (vocabulary?.[value]) return label(vocabulary, value)
    if (DATE_KEY.test(key)) return { vi: formatDate(value), en: '' }
    return { vi: nfc(value), en: '' }
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => formatValue(key, v))
    return { vi: items.map((t) => `– ${t.vi}`).join('\n'), en: '' }
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    // A wage component prints as "Phụ cấp độc hại: 500.000 đồng".
    if (
      typeof record.name === 'string' &&
      typeof record.amount === 'number' &&
      Object.keys(record).length === 2
    )
      return { vi: nfc(`${record.name}: ${formatVnd(record.amount)}`), en: '' }
    const lines = Object.entries(record).map(([k, v]) => {
      const name = SEGMENTS[k]?.vi ?? k
      return `${name}: ${formatValue(k, v).vi}`
    })
    return { vi: nfc(lines.join('\n')), en: '' }
  }
  return { vi: String(value), en: '' }
}
