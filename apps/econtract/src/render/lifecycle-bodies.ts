// The documents that change a contract after its ID is issued (D9): each names its parent contract's ID
// prominently (R1.30). Annex (Art 22, R4.5), amendment (Art 33), suspension (Art 30, R4.17), termination
// (Arts 34–37, R4.19–R4.25) and the record of a paper contract converted to a data message (R1.19, R1.21).
import {
  type Amendment,
  type Annex,
  type Change,
  CONTRACT_TYPES,
  EMPLOYER_TERMINATION_GROUNDS,
  type PaperConversion,
  PROTECTED_SITUATIONS,
  SUSPENSION_REASONS,
  type Suspension,
  TERMINATION_INITIATORS,
  TERMINATION_REASONS,
  type Termination,
  text,
  WORKER_NO_NOTICE_GROUNDS,
} from '@elc/core'
import { changeLabel, changeValue } from './change-labels.ts'
import { contractSignatures, renderContractArticles, renderParties } from './contract-body.ts'
import { formatDate, formatInteger, label } from './format.ts'
import type { Layout, SignatureSlot } from './layout.ts'

const GREY = '#6b6b6b'

export const BOTH_PARTIES: SignatureSlot[] = [
  { role: text('Người lao động', 'Worker') },
  { role: text('Người sử dụng lao động', 'Employer') },
]

/** The ID the document belongs to, framed, right under the title (R1.30). */
export function parentCallout(layout: Layout, parentContractId: string): void {
  layout.callout(
    text(
      `Hợp đồng lao động mã số: ${parentContractId}`,
      `Electronic labour contract ID: ${parentContractId}`,
    ),
  )
}

function grounds(layout: Layout, vi: string, en: string): void {
  layout.paragraph(vi)
  layout.paragraph(en, { size: 8, color: GREY })
}

function changes(layout: Layout, list: Change[]): void {
  for (const change of list)
    layout.field(changeLabel(change.path), changeValue(change.path, change.value), { bold: true })
}

export function renderAnnex(layout: Layout, doc: Annex): void {
  grounds(
    layout,
    `Căn cứ Điều 22 Bộ luật Lao động năm 2019 và hợp đồng lao động mã số ${doc.parentContractId}, hai bên ` +
      'thỏa thuận ký phụ lục hợp đồng lao động với các nội dung sau:',
    `Under Art 22 of the 2019 Labour Code and labour contract ${doc.parentContractId}, the parties agree ` +
      'on this annex as follows:',
  )
  layout.heading(text('Nội dung sửa đổi, bổ sung', 'Terms detailed or amended'))
  changes(layout, doc.changes)
  layout.heading(text('Hiệu lực', 'Entry into force'))
  layout.field(text('Ngày có hiệu lực', 'Effective from'), formatDate(doc.effectiveDate), { bold: true })
  grounds(
    layout,
    'Phụ lục này là bộ phận không tách rời của hợp đồng lao động và không sửa đổi thời hạn của hợp đồng; ' +
      'các nội dung khác của hợp đồng giữ nguyên hiệu lực.',
    'This annex forms part of the labour contract and does not change its term; the other terms of the ' +
      'contract remain in force.',
  )
}

export function renderAmendment(layout: Layout, doc: Amendment): void {
  grounds(
    layout,
    `Căn cứ Điều 33 Bộ luật Lao động năm 2019 và hợp đồng lao động mã số ${doc.parentContractId}, hai bên ` +
      'thỏa thuận sửa đổi, bổ sung hợp đồng lao động như sau:',
    `Under Art 33 of the 2019 Labour Code and labour contract ${doc.parentContractId}, the parties agree ` +
      'to amend the labour contract as follows:',
  )
  layout.heading(text('Nội dung sửa đổi, bổ sung', 'Amended terms'))
  changes(layout, doc.changes)
  layout.heading(text('Hiệu lực', 'Entry into force'))
  layout.field(text('Ngày có hiệu lực', 'Effective from'), formatDate(doc.effectiveDate), { bold: true })
  grounds(
    layout,
    'Các nội dung khác của hợp đồng lao động giữ nguyên hiệu lực.',
    'The other terms of the labour contract remain in force.',
  )
}

export function renderSuspension(layout: Layout, doc: Suspension): void {
  grounds(
    layout,
    `Căn cứ Điều 30 Bộ luật Lao động năm 2019, hai bên thống nhất tạm hoãn thực hiện hợp đồng lao động mã số ${doc.parentContractId} như sau:`,
    `Under Art 30 of the 2019 Labour Code, the parties agree to suspend labour contract ${doc.parentContractId} as follows:`,
  )
  layout.heading(text('Trường hợp tạm hoãn (khoản 1 Điều 30)', 'Ground for suspension (Art 30(1))'))
  layout.field(text('Lý do tạm hoãn', 'Ground'), label(SUSPENSION_REASONS.labels, doc.reason), { bold: true })
  if (doc.details) layout.field(text('Chi tiết', 'Details'), doc.details)
  layout.heading(text('Thời gian tạm hoãn', 'Period of suspension'))
  layout.field(text('Từ ngày', 'From'), formatDate(doc.startDate), { bold: true })
  layout.field(
    text('Đến ngày', 'Until'),
    doc.endDate ? formatDate(doc.endDate) : text('Khi hết lý do tạm hoãn', 'Until the ground ends'),
    { bold: true },
  )
  layout.heading(text('Quyền và nghĩa vụ của hai bên', 'Rights and obligations'))
  grounds(
    layout,
    'Trong thời gian tạm hoãn, người lao động không được hưởng lương và quyền, lợi ích đã giao kết trong hợp ' +
      'đồng lao động, trừ trường hợp hai bên có thỏa thuận hoặc pháp luật có quy định khác (khoản 2 Điều 30). ' +
      'Trong thời hạn 15 ngày kể từ ngày hết thời hạn tạm hoãn, người lao động phải có mặt tại nơi làm việc ' +
      'và người sử dụng lao động phải nhận người lao động trở lại làm việc (Điều 31).',
    'During the suspension the worker receives no wage or contractual benefits unless agreed or provided ' +
      'by law (Art 30(2)). Within 15 days after the suspension ends the worker reports for work and the ' +
      'employer takes the worker back (Art 31).',
  )
}

export function renderTermination(layout: Layout, doc: Termination): void {
  grounds(
    layout,
    `Căn cứ Điều 34 Bộ luật Lao động năm 2019, hợp đồng lao động mã số ${doc.parentContractId} chấm dứt như sau:`,
    `Under Art 34 of the 2019 Labour Code, labour contract ${doc.parentContractId} ends as follows:`,
  )
  layout.heading(text('Trường hợp chấm dứt (Điều 34)', 'Ground for termination (Art 34)'))
  layout.field(text('Trường hợp', 'Ground'), label(TERMINATION_REASONS.labels, doc.reason), { bold: true })
  layout.field(text('Bên chấm dứt', 'Initiated by'), label(TERMINATION_INITIATORS.labels, doc.initiatedBy))
  if (doc.employerGround)
    layout.field(
      text('Căn cứ của người sử dụng lao động (khoản 1 Điều 36)', "Employer's ground (Art 36(1))"),
      label(EMPLOYER_TERMINATION_GROUNDS.labels, doc.employerGround),
    )
  if (doc.workerNoNoticeGround)
    layout.field(
      text('Trường hợp không cần báo trước (khoản 2 Điều 35)', 'Ground without notice (Art 35(2))'),
      label(WORKER_NO_NOTICE_GROUNDS.labels, doc.workerNoNoticeGround),
    )
  const term = label(CONTRACT_TYPES.labels, doc.parentTerm.type)
  const until = doc.parentTerm.endDate ? ` – ${formatDate(doc.parentTerm.endDate)}` : ''
  layout.field(text('Hợp đồng bị chấm dứt', 'Contract ended'), {
    vi: `${term.vi}, từ ${formatDate(doc.parentTerm.startDate)}${until}`,
    en: `${term.en}, from ${formatDate(doc.parentTerm.startDate)}${until}`,
  })

  layout.heading(text('Báo trước và ngày chấm dứt', 'Notice and last day'))
  if (doc.noticeDate) {
    const days = daysBetween(doc.noticeDate, doc.terminationDate)
    layout.field(text('Ngày báo trước', 'Notice given on'), formatDate(doc.noticeDate))
    layout.field(text('Thời hạn báo trước', 'Notice period'), {
      vi: `${days} ngày`,
      en: `${days} day${days === 1 ? '' : 's'}`,
    })
  } else layout.field(text('Báo trước', 'Notice'), text('Không báo trước', 'No notice'))
  layout.field(text('Ngày chấm dứt hợp đồng', 'Last day of the contract'), formatDate(doc.terminationDate), {
    bold: true,
  })
  if (doc.workerSituations?.length)
    layout.field(text('Tình trạng của người lao động (Điều 37)', "Worker's situation (Art 37)"), {
      vi: doc.workerSituations.map((s) => label(PROTECTED_SITUATIONS.labels, s).vi).join('; '),
      en: doc.workerSituations.map((s) => label(PROTECTED_SITUATIONS.labels, s).en).join('; '),
    })
  if (doc.details) layout.field(text('Chi tiết', 'Details'), doc.details)
}

/** Calendar days from the notice to the last day (the notice rules of Arts 35–36 count calendar days). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function renderPaperConversion(layout: Layout, doc: PaperConversion): void {
  const log = doc.conversion
  grounds(
    layout,
    'Hợp đồng lao động dưới đây được chuyển đổi từ bản giấy sang thông điệp dữ liệu. Người có thẩm quyền của ' +
      'người sử dụng lao động ký số xác nhận nội dung chuyển đổi khớp đúng, toàn vẹn với bản gốc.',
    "The labour contract below is converted from paper into a data message. The employer's competent " +
      'person digitally signs to confirm that it matches the original in full.',
  )
  layout.section(text('Thông tin chuyển đổi', 'Conversion record'))
  layout.field(text('Hệ thống thông tin', 'Information system'), log.systemName)
  layout.field(text('Người thực hiện chuyển đổi', 'Converted by'), log.converterName)
  layout.field(text('Thời điểm hoàn thành', 'Completed at'), vietnamTime(log.completedAt))
  layout.field(text('Dung lượng tài liệu', 'File size'), `${formatInteger(log.fileSizeBytes)} byte`)
  layout.field(text('Chữ ký số và dấu thời gian', 'Signature and timestamp'), log.signatureRef)
  layout.space(6)
  layout.section(text('Nội dung hợp đồng lao động bản giấy', 'Contents of the paper contract'))
  const c = doc.contract
  if (c.contractNumber) layout.field(text('Số hợp đồng', 'Contract number'), c.contractNumber)
  layout.field(text('Ngày giao kết', 'Concluded on'), formatDate(c.concludedOn))
  renderParties(layout, c)
  renderContractArticles(layout, c)
}

/** An ISO instant as dd/mm/yyyy hh:mm in Vietnam (UTC+7, no daylight saving). */
function vietnamTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 7 * 3_600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} (GMT+7)`
}

export function paperConversionSignatures(doc: PaperConversion): SignatureSlot[] {
  const employer = contractSignatures(doc.contract)[1]
  return [
    {
      role: text('Người sử dụng lao động xác nhận', 'Certified by the employer'),
      ...(employer?.name ? { name: employer.name } : {}),
      ...(employer?.detail ? { detail: employer.detail } : {}),
    },
  ]
}
