// Why an official may read other people's contracts: each purpose with its legal basis. An official names
// one on every read and it is logged with the read (DESIGN.md §3: who, what, purpose, legal basis).
// Others' personal data is open to state agencies within their remit (D16.2, R1.26) without the subject's
// consent where a law gives the task (R7.4 c, đ). Rule ids are LEGAL.md's; provisions outside LEGAL.md are
// marked [K] (from background knowledge, not yet verified).
import { type Text, text } from '@elc/core'

export interface AccessPurpose {
  code: string
  label: Text
  /** LEGAL.md rule ids the access rests on. */
  ruleIds: readonly string[]
  basis: Text
}

export const ACCESS_PURPOSES: readonly AccessPurpose[] = [
  {
    code: 'labor_inspection',
    label: text(
      'Thanh tra, kiểm tra việc chấp hành pháp luật lao động',
      'Inspection of compliance with labor law',
    ),
    ruleIds: ['D16.2', 'R7.4'],
    // [K] Bộ luật Lao động 2019 Art 214 (state inspection of labor): not in LEGAL.md, not yet verified.
    basis: text(
      'Cơ quan nhà nước trong phạm vi chức năng (Điều 17 NĐ 337/2025); không cần sự đồng ý khi cơ quan nhà nước thực hiện nhiệm vụ theo luật (Điều 19 Luật 91/2025/QH15).',
      'State agency within its remit (Decree 337/2025 Art 17); no consent needed for a state agency acting under law (Law 91/2025/QH15 Art 19).',
    ),
  },
  {
    code: 'dispute_resolution',
    label: text('Giải quyết tranh chấp lao động', 'Labor dispute resolution'),
    ruleIds: ['R1.23', 'D16.2', 'R7.4'],
    basis: text(
      'Cơ quan giải quyết tranh chấp là người dùng của Nền tảng (quyết định phê duyệt); cơ quan nhà nước thực hiện nhiệm vụ theo luật (Điều 19 Luật 91/2025/QH15).',
      'Dispute-resolution bodies are users of the Platform (approval decision); a state agency acting under law (Law 91/2025/QH15 Art 19).',
    ),
  },
  {
    code: 'complaint_handling',
    label: text('Giải quyết khiếu nại, tố cáo về lao động', 'Handling labor complaints and denunciations'),
    ruleIds: ['D16.2', 'R7.4'],
    // [K] Laws on complaints (2011) and denunciations (2018): not in LEGAL.md, not yet verified.
    basis: text(
      'Cơ quan nhà nước trong phạm vi chức năng (Điều 17 NĐ 337/2025; Điều 19 Luật 91/2025/QH15).',
      'State agency within its remit (Decree 337/2025 Art 17; Law 91/2025/QH15 Art 19).',
    ),
  },
  {
    code: 'labor_usage_report',
    label: text('Đối chiếu báo cáo tình hình sử dụng lao động', 'Checking an employer’s labor-usage report'),
    ruleIds: ['R1.24', 'R1.25', 'R7.4'],
    basis: text(
      'Sở Nội vụ cập nhật thông tin sử dụng lao động (Điều 14 NĐ 337/2025).',
      'The provincial Department updates labor-usage information (Decree 337/2025 Art 14).',
    ),
  },
  {
    code: 'statistics_verification',
    label: text('Kiểm tra, đối chiếu số liệu thống kê', 'Verifying statistics'),
    ruleIds: ['D16.1', 'R1.26', 'R7.4'],
    basis: text(
      'Thu thập, thống kê, phân tích dữ liệu phục vụ quản lý nhà nước (Điều 15 NĐ 337/2025).',
      'Collection, statistics and analysis for state management (Decree 337/2025 Art 15).',
    ),
  },
]

export function accessPurpose(code: unknown): AccessPurpose | undefined {
  return typeof code === 'string' ? ACCESS_PURPOSES.find((p) => p.code === code) : undefined
}

/** The legal basis as stored and logged: the rule ids, in a fixed order. */
export function legalBasisOf(purpose: AccessPurpose): string {
  return purpose.ruleIds.join(' ')
}
