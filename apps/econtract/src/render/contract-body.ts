// The labor contract itself, in the order of TT 10/2020/TT-BLĐTBXH Art 3 and Labor Code Art 21(1)
// (R4.6, R4.7): the parties, then one article per mandatory content, probation when agreed (R4.11).
import {
  CONSECUTIVE_LIMIT_EXCEPTIONS,
  CONTRACT_TYPES,
  type Contract,
  DATA_FILE_NAME,
  EMPLOYER_TYPES,
  ID_DOCUMENT_KINDS,
  type IdDocument,
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
import { formatDate, formatNumber, formatVnd, label, nationality } from './format.ts'
import type { Layout, SignatureSlot } from './layout.ts'

const YES = text('Có', 'Yes')
const NO = text('Không', 'No')

/** The wage unit as it follows an amount: "12.000.000 đồng/tháng". */
const PER_UNIT: Record<string, Text> = {
  month: text('/tháng', 'per month'),
  week: text('/tuần', 'per week'),
  day: text('/ngày', 'per day'),
  hour: text('/giờ', 'per hour'),
  piece: text('/sản phẩm', 'per piece'),
  lump_sum: text(' (khoán)', 'lump sum'),
}

export function money(amount: number, unit?: string): Text {
  const per = unit ? PER_UNIT[unit] : undefined
  const vnd = formatVnd(amount)
  return per
    ? { vi: `${vnd}${per.vi}`, en: `VND ${vnd.replace(' đồng', '')} ${per.en}` }
    : { vi: vnd, en: '' }
}

export function idDocumentText(id: IdDocument): Text {
  const kind = label(ID_DOCUMENT_KINDS.labels, id.kind)
  const vi = [`${kind.vi}: ${id.number}`]
  const en = [`${kind.en}: ${id.number}`]
  if (id.issuedOn) {
    vi.push(`cấp ngày ${formatDate(id.issuedOn)}`)
    en.push(`issued on ${formatDate(id.issuedOn)}`)
  }
  if (id.issuedBy) {
    vi.push(`nơi cấp: ${id.issuedBy}`)
    en.push(`by ${id.issuedBy}`)
  }
  return { vi: vi.join(', '), en: en.join(', ') }
}

/** Employer and worker as Art 21(1)(a)–(b) names them; the signatory's authorisation (R4.9). */
export function renderParties(layout: Layout, contract: Contract): void {
  const { employer, worker } = contract
  layout.paragraph('Chúng tôi, một bên là:')
  layout.section(text('Người sử dụng lao động', 'Employer'))
  layout.field(text('Tên người sử dụng lao động', 'Name'), employer.name, { bold: true })
  layout.field(text('Loại hình', 'Type'), label(EMPLOYER_TYPES.labels, employer.employerType))
  layout.field(text('Địa chỉ', 'Address'), employer.address)
  if (employer.taxCode) layout.field(text('Mã số thuế', 'Tax code'), employer.taxCode)
  if (employer.phone) layout.field(text('Điện thoại', 'Telephone'), employer.phone)
  if (employer.email) layout.field(text('Thư điện tử', 'Email'), employer.email)
  layout.field(text('Người đại diện ký kết', 'Signed by'), employer.signatory.fullName, { bold: true })
  layout.field(text('Chức danh', 'Title'), employer.signatory.title)
  const auth = employer.signatory.authorisation
  if (auth)
    layout.field(text('Theo văn bản ủy quyền', 'Under the authorisation'), {
      vi: `${auth.documentRef}, ngày ${formatDate(auth.issuedOn)}`,
      en: `${auth.documentRef}, dated ${formatDate(auth.issuedOn)}`,
    })

  layout.space(4)
  layout.paragraph('Và một bên là:')
  layout.section(text('Người lao động', 'Worker'))
  layout.field(text('Họ và tên', 'Full name'), worker.fullName, { bold: true })
  layout.field(text('Ngày sinh', 'Date of birth'), formatDate(worker.dateOfBirth))
  layout.field(text('Giới tính', 'Sex'), label(SEXES.labels, worker.sex))
  layout.field(text('Nơi cư trú', 'Residence'), worker.residence)
  layout.field(text('Quốc tịch', 'Nationality'), nationality(worker.nationality))
  layout.field(text('Giấy tờ tùy thân', 'Identity document'), idDocumentText(worker.idDocument))
  if (worker.socialInsuranceNumber)
    layout.field(text('Mã số bảo hiểm xã hội', 'Social insurance number'), worker.socialInsuranceNumber)
  if (worker.workPermitNumber)
    layout.field(text('Giấy phép lao động', 'Work permit'), worker.workPermitNumber)
  if (worker.phone) layout.field(text('Điện thoại', 'Telephone'), worker.phone)
  if (worker.email) layout.field(text('Thư điện tử', 'Email'), worker.email)
  const rep = worker.representative
  if (rep) {
    // R4.8: a worker under 18 signs with, or through, their legal representative.
    layout.field(text('Người đại diện theo pháp luật', 'Legal representative'), rep.fullName, { bold: true })
    layout.field(text('Quan hệ với người lao động', 'Relationship'), rep.relationship)
    layout.field(
      text('Giấy tờ của người đại diện', "Representative's identity document"),
      idDocumentText(rep.idDocument),
    )
    if (rep.consentDocumentRef)
      layout.field(text('Văn bản đồng ý', 'Written consent'), rep.consentDocumentRef)
  }
  layout.space(4)
  layout.paragraph('Thỏa thuận ký kết hợp đồng lao động và cam kết làm đúng những điều khoản sau đây:')
  layout.paragraph('Agree to conclude this labour contract and to abide by the following terms:', {
    size: 8,
    color: '#6b6b6b',
  })
}

/** Art 21(1)(c)–(k) and probation, one article each. */
export function renderContractArticles(layout: Layout, c: Contract): void {
  layout.heading(text('Công việc và địa điểm làm việc', 'Job and workplace'))
  layout.field(text('Công việc, chức danh', 'Job title'), c.job.title, { bold: true })
  if (c.job.description) layout.field(text('Mô tả công việc', 'Description'), c.job.description)
  layout.field(
    text('Vị trí việc làm', 'Position class'),
    label(JOB_POSITION_CLASSES.labels, c.job.positionClass),
  )
  if (c.job.heavyHazardous !== undefined)
    layout.field(
      text('Nặng nhọc, độc hại, nguy hiểm', 'Heavy, hazardous or dangerous'),
      c.job.heavyHazardous ? YES : NO,
    )
  if (c.job.minorWorkCategory)
    layout.field(
      text('Công việc của người chưa đủ 15 tuổi', 'Work of a minor under 15'),
      label(MINOR_WORK_CATEGORIES.labels, c.job.minorWorkCategory),
    )
  c.workplaces.forEach((w, i) => {
    const caption =
      c.workplaces.length > 1
        ? text(`Địa điểm làm việc ${i + 1}`, `Workplace ${i + 1}`)
        : text('Địa điểm làm việc', 'Workplace')
    const region = label(WAGE_REGIONS.labels, w.wageRegion)
    const where = [w.address, w.province].filter(Boolean).join(', ')
    layout.field(caption, { vi: `${where} (${region.vi})`, en: region.en })
  })

  layout.heading(text('Thời hạn của hợp đồng lao động', 'Term of the contract'))
  layout.field(text('Loại hợp đồng', 'Contract type'), label(CONTRACT_TYPES.labels, c.term.type), {
    bold: true,
  })
  layout.field(text('Ngày bắt đầu có hiệu lực', 'Effective from'), formatDate(c.term.startDate))
  if (c.term.endDate) layout.field(text('Ngày kết thúc', 'Last day'), formatDate(c.term.endDate))

  if (c.probation) {
    layout.heading(text('Thử việc', 'Probation'))
    layout.field(text('Thời gian thử việc', 'Probation period'), {
      vi: `Từ ngày ${formatDate(c.probation.startDate)} đến hết ngày ${formatDate(c.probation.endDate)}`,
      en: `From ${formatDate(c.probation.startDate)} to ${formatDate(c.probation.endDate)} inclusive`,
    })
    layout.field(text('Tiền lương thử việc', 'Probation wage'), money(c.probation.wage, c.wage.unit), {
      bold: true,
    })
  }

  const w = c.wage
  layout.heading(text('Tiền lương, phụ cấp và hình thức trả lương', 'Wage, allowances and payment'))
  layout.field(
    text('Mức lương theo công việc hoặc chức danh', 'Wage for the job or title'),
    money(w.amount, w.unit),
    {
      bold: true,
    },
  )
  layout.field(text('Hình thức trả lương', 'Wage basis'), label(WAGE_UNITS.labels, w.unit))
  components(layout, text('Phụ cấp lương', 'Allowances'), w.allowances)
  components(layout, text('Các khoản bổ sung khác', 'Other supplements'), w.otherSupplements)
  layout.field(text('Phương thức trả lương', 'Pay method'), label(PAY_METHODS.labels, w.payMethod))
  layout.field(text('Kỳ hạn trả lương', 'Pay period'), label(PAY_PERIODS.labels, w.payPeriod))
  if (w.payDay) layout.field(text('Thời điểm trả lương', 'Pay day'), w.payDay)

  layout.heading(text('Chế độ nâng bậc, nâng lương', 'Promotion and pay rises'))
  layout.paragraph(c.raiseRegime)

  const t = c.workingTime
  layout.heading(text('Thời giờ làm việc, thời giờ nghỉ ngơi', 'Working time and rest'))
  layout.field(text('Số giờ làm việc', 'Working hours'), {
    vi: `${formatNumber(t.hoursPerDay)} giờ/ngày; ${formatNumber(t.hoursPerWeek)} giờ/tuần`,
    en: `${t.hoursPerDay} hours a day; ${t.hoursPerWeek} hours a week`,
  })
  if (t.schedule) layout.field(text('Lịch làm việc', 'Schedule'), t.schedule)
  layout.field(text('Thời giờ nghỉ ngơi', 'Rest time'), t.restTime)

  layout.heading(text('Trang bị bảo hộ lao động', 'Protective equipment'))
  layout.paragraph(c.protectiveEquipment)

  const ins = c.insurance
  layout.heading(
    text(
      'Bảo hiểm xã hội, bảo hiểm y tế và bảo hiểm thất nghiệp',
      'Social, health and unemployment insurance',
    ),
  )
  layout.field(
    text('Bảo hiểm xã hội bắt buộc', 'Compulsory social insurance'),
    ins.socialInsurance ? YES : NO,
  )
  layout.field(text('Bảo hiểm y tế', 'Health insurance'), ins.healthInsurance ? YES : NO)
  layout.field(text('Bảo hiểm thất nghiệp', 'Unemployment insurance'), ins.unemploymentInsurance ? YES : NO)
  if (ins.details)
    layout.field(text('Mức đóng, phương thức, thời gian', 'Rates, method and timing'), ins.details)

  layout.heading(text('Đào tạo, bồi dưỡng, nâng cao trình độ kỹ năng nghề', 'Training'))
  layout.paragraph(c.training)

  layout.heading(text('Những thỏa thuận khác', 'Other agreements'))
  // R4.4: what the parties declared about the contracts before this one.
  const history = c.history
  if (history?.precedingContracts.length)
    history.precedingContracts.forEach((p, i) => {
      const type = label(CONTRACT_TYPES.labels, p.type)
      const until = p.endDate ? ` – ${formatDate(p.endDate)}` : ''
      layout.field(text(`Hợp đồng liền trước ${i + 1}`, `Preceding contract ${i + 1}`), {
        vi: `${type.vi}, ${formatDate(p.startDate)}${until}`,
        en: `${type.en}, ${formatDate(p.startDate)}${until}`,
      })
    })
  if (history?.consecutiveLimitException)
    layout.field(
      text('Trường hợp ngoại lệ về số lần ký', 'Exception to the consecutive-contract limit'),
      label(CONSECUTIVE_LIMIT_EXCEPTIONS.labels, history.consecutiveLimitException),
    )
  // Art 21(2), TT 10/2020 Art 4 (R4.6, R4.7): further contents the parties agreed, numbered as written.
  c.otherAgreements?.forEach((clause, i) => {
    if (clause.title) {
      layout.paragraph(`${i + 1}. ${clause.title}`, { bold: true })
      layout.paragraph(clause.text)
    } else layout.paragraph(`${i + 1}. ${clause.text}`)
  })
  layout.paragraph(
    'Hợp đồng này được giao kết bằng phương tiện điện tử dưới hình thức thông điệp dữ liệu và có giá trị như ' +
      'hợp đồng lao động bằng văn bản (Điều 14 Bộ luật Lao động). Dữ liệu có cấu trúc của hợp đồng được đính ' +
      `kèm trong tài liệu này (tệp ${DATA_FILE_NAME}) và là một phần của nội dung được ký.`,
  )
  layout.paragraph(
    'This contract is concluded electronically as a data message and has the value of a written labour ' +
      `contract (Labour Code Art 14). Its structured data is attached to this document (${DATA_FILE_NAME}) ` +
      'and is part of what the parties sign.',
    { size: 8, color: '#6b6b6b' },
  )
}

function components(layout: Layout, caption: Text, items: Array<{ name: string; amount: number }>): void {
  if (items.length === 0) {
    layout.field(caption, text('Không có', 'None'))
    return
  }
  layout.field(caption, items.map((a) => `${a.name}: ${formatVnd(a.amount)}`).join('\n'))
}

export function contractSignatures(c: Contract): SignatureSlot[] {
  const rep = c.worker.representative
  return [
    {
      role: text('Người lao động', 'Worker'),
      name: c.worker.fullName,
      ...(rep ? { detail: `Người đại diện theo pháp luật / Legal representative: ${rep.fullName}` } : {}),
    },
    {
      role: text('Người sử dụng lao động', 'Employer'),
      name: c.employer.signatory.fullName,
      detail: `${c.employer.signatory.title} · ${c.employer.name}`,
    },
  ]
}
