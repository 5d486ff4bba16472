// Closed vocabularies of the contract model, each value with its Vietnamese and English label.
// Labels are what people read in the UI, in reports and in findings; the keys are stable API values.
import { type Text, text } from '../i18n.ts'

function vocabulary<const K extends string>(labels: Record<K, Text>) {
  return { values: Object.keys(labels) as K[], labels }
}

/** D13.1.d item 1, Mẫu 02/PLI rows (R3.6). */
export const EMPLOYER_TYPES = vocabulary({
  enterprise: text('Doanh nghiệp', 'Enterprise'),
  cooperative: text('Hợp tác xã', 'Cooperative'),
  agency: text('Cơ quan, tổ chức', 'Agency or organisation'),
  household_business: text('Hộ kinh doanh', 'Household business'),
  individual: text('Cá nhân', 'Individual'),
})
export type EmployerType = (typeof EMPLOYER_TYPES.values)[number]

export const SEXES = vocabulary({ male: text('Nam', 'Male'), female: text('Nữ', 'Female') })
export type Sex = (typeof SEXES.values)[number]

/** R4.6 b: citizen ID card, old ID card or passport. */
export const ID_DOCUMENT_KINDS = vocabulary({
  personal_id: text('Số định danh cá nhân / Căn cước', 'Personal identification number / ID card'),
  old_id: text('Chứng minh nhân dân', 'Old ID card (CMND)'),
  passport: text('Hộ chiếu', 'Passport'),
})
export type IdDocumentKind = (typeof ID_DOCUMENT_KINDS.values)[number]

/** D13.1.c item 4; Mẫu 01/PLI cols 8–11 (R3.5). */
export const JOB_POSITION_CLASSES = vocabulary({
  manager: text('Nhà quản lý', 'Manager'),
  high_technical: text('Chuyên môn kỹ thuật bậc cao', 'High-level technical'),
  mid_technical: text('Chuyên môn kỹ thuật bậc trung', 'Mid-level technical'),
  other: text('Khác', 'Other'),
})
export type JobPositionClass = (typeof JOB_POSITION_CLASSES.values)[number]

/** R4.3: the only two contract types of Labor Code Art 20(1). */
export const CONTRACT_TYPES = vocabulary({
  indefinite: text('Không xác định thời hạn', 'Indefinite term'),
  definite: text('Xác định thời hạn', 'Definite term'),
})
export type ContractType = (typeof CONTRACT_TYPES.values)[number]

/** R4.29–R4.30: regional minimum wage regions. */
export const WAGE_REGIONS = vocabulary({
  I: text('Vùng I', 'Region I'),
  II: text('Vùng II', 'Region II'),
  III: text('Vùng III', 'Region III'),
  IV: text('Vùng IV', 'Region IV'),
})
export type WageRegion = (typeof WAGE_REGIONS.values)[number]

/** What the wage amount is paid per (Labor Code Art 96). */
export const WAGE_UNITS = vocabulary({
  month: text('Theo tháng', 'Per month'),
  week: text('Theo tuần', 'Per week'),
  day: text('Theo ngày', 'Per day'),
  hour: text('Theo giờ', 'Per hour'),
  piece: text('Theo sản phẩm', 'Per piece'),
  lump_sum: text('Khoán', 'Lump sum'),
})
export type WageUnit = (typeof WAGE_UNITS.values)[number]

/** Labor Code Art 96. */
export const PAY_METHODS = vocabulary({
  cash: text('Tiền mặt', 'Cash'),
  bank_transfer: text('Chuyển khoản ngân hàng', 'Bank transfer'),
})
export type PayMethod = (typeof PAY_METHODS.values)[number]

/** Labor Code Art 97. */
export const PAY_PERIODS = vocabulary({
  hourly: text('Theo giờ', 'Hourly'),
  daily: text('Theo ngày', 'Daily'),
  weekly: text('Theo tuần', 'Weekly'),
  half_monthly: text('Nửa tháng một lần', 'Twice a month'),
  monthly: text('Hằng tháng', 'Monthly'),
  on_completion: text('Khi hoàn thành công việc', 'On completion of the work'),
})
export type PayPeriod = (typeof PAY_PERIODS.values)[number]

/** R4.4: workers to whom the two-consecutive-definite-contracts limit does not apply. */
export const CONSECUTIVE_LIMIT_EXCEPTIONS = vocabulary({
  state_capital_director: text(
    'Giám đốc thuê trong doanh nghiệp có vốn nhà nước',
    'Hired director of a state-capital enterprise',
  ),
  older_worker: text('Người lao động cao tuổi (Điều 149)', 'Older worker (Art 149)'),
  foreign_worker: text('Người lao động nước ngoài (Điều 151)', 'Foreign worker (Art 151)'),
  union_official: text('Cán bộ công đoàn (Điều 177)', 'Union official (Art 177)'),
})
export type ConsecutiveLimitException = (typeof CONSECUTIVE_LIMIT_EXCEPTIONS.values)[number]

/** R4.32: work a minor under 15 may do. */
export const MINOR_WORK_CATEGORIES = vocabulary({
  light_work: text('Công việc nhẹ theo danh mục', 'Listed light work'),
  art_culture_sport: text('Nghệ thuật, văn hóa, thể thao', 'Art, culture or sport'),
})
export type MinorWorkCategory = (typeof MINOR_WORK_CATEGORIES.values)[number]

/** R4.17: suspension grounds of Labor Code Art 30(1). */
export const SUSPENSION_REASONS = vocabulary({
  military_service: text('Thực hiện nghĩa vụ quân sự, dân quân tự vệ', 'Military or militia service'),
  detention: text('Bị tạm giữ, tạm giam', 'Temporary detention'),
  compulsory_measure: text(
    'Đưa vào trường giáo dưỡng, cai nghiện bắt buộc, cơ sở giáo dục bắt buộc',
    'Reformatory, compulsory rehabilitation or education',
  ),
  pregnancy: text('Lao động nữ mang thai (Điều 138)', 'Pregnancy (Art 138)'),
  state_company_manager: text(
    'Được bổ nhiệm làm người quản lý công ty TNHH một thành viên do Nhà nước nắm giữ 100% vốn',
    'Appointed manager of a single-member state company',
  ),
  capital_representative: text(
    'Được ủy quyền đại diện phần vốn nhà nước hoặc của doanh nghiệp',
    'Authorised to represent state or enterprise capital',
  ),
  agreed: text('Trường hợp khác do hai bên thỏa thuận', 'Other, agreed by both parties'),
})
export type SuspensionReason = (typeof SUSPENSION_REASONS.values)[number]

/** R4.19: grounds for a labor contract to end, Labor Code Art 34 clauses 1–13. */
export const TERMINATION_REASONS = vocabulary({
  expiry: text('Hết hạn hợp đồng (khoản 1)', 'Contract expired (cl. 1)'),
  work_completed: text('Đã hoàn thành công việc (khoản 2)', 'Work completed (cl. 2)'),
  mutual_agreement: text('Hai bên thỏa thuận (khoản 3)', 'Mutual agreement (cl. 3)'),
  prison_or_court_ban: text(
    'Bị kết án tù, tử hình hoặc bị cấm làm công việc (khoản 4)',
    'Prison, death sentence or court ban on the work (cl. 4)',
  ),
  foreigner_expelled: text('Người nước ngoài bị trục xuất (khoản 5)', 'Foreign worker expelled (cl. 5)'),
  worker_death: text(
    'Người lao động chết, mất năng lực hành vi dân sự, mất tích (khoản 6)',
    'Worker died, lost capacity or declared missing (cl. 6)',
  ),
  employer_ceased: text(
    'Người sử dụng lao động chết hoặc chấm dứt hoạt động (khoản 7)',
    'Employer died or ceased operating (cl. 7)',
  ),
  dismissal: text('Sa thải (khoản 8)', 'Dismissal (cl. 8)'),
  worker_unilateral: text(
    'Người lao động đơn phương chấm dứt (khoản 9, Điều 35)',
    "Worker's unilateral termination (cl. 9, Art 35)",
  ),
  employer_unilateral: text(
    'Người sử dụng lao động đơn phương chấm dứt (khoản 10, Điều 36)',
    "Employer's unilateral termination (cl. 10, Art 36)",
  ),
  redundancy: text(
    'Cho thôi việc do thay đổi cơ cấu, lý do kinh tế (khoản 11)',
    'Redundancy: restructuring or economic reasons (cl. 11)',
  ),
  work_permit_expired: text('Giấy phép lao động hết hiệu lực (khoản 12)', 'Work permit expired (cl. 12)'),
  probation_failed: text(
    'Thử việc không đạt hoặc một bên hủy bỏ thỏa thuận thử việc (khoản 13)',
    'Probation failed or cancelled (cl. 13)',
  ),
})
export type TerminationReason = (typeof TERMINATION_REASONS.values)[number]

/** R4.22: employer's grounds for unilateral termination, Art 36(1) points a–g. */
export const EMPLOYER_TERMINATION_GROUNDS = vocabulary({
  a: text('Thường xuyên không hoàn thành công việc', 'Frequently fails to complete the work'),
  b: text('Ốm đau, tai nạn đã điều trị lâu dài chưa hồi phục', 'Illness or accident not recovered'),
  c: text('Thiên tai, hỏa hoạn, dịch bệnh, di dời, thu hẹp', 'Disaster, fire, epidemic, relocation'),
  d: text('Không có mặt sau thời hạn tạm hoãn (Điều 31)', 'Absent after the suspension ended (Art 31)'),
  dd: text('Đủ tuổi nghỉ hưu', 'Reached retirement age'),
  e: text('Tự ý bỏ việc 05 ngày làm việc liên tục trở lên', 'Absent without reason 5+ working days in a row'),
  g: text('Cung cấp không trung thực thông tin (Điều 16)', 'Gave false information (Art 16)'),
})
export type EmployerTerminationGround = (typeof EMPLOYER_TERMINATION_GROUNDS.values)[number]

/** R4.21: cases in which the worker may leave without notice, Art 35(2) points a–g. */
export const WORKER_NO_NOTICE_GROUNDS = vocabulary({
  a: text(
    'Không được bố trí đúng công việc, địa điểm, điều kiện',
    'Agreed job, place or conditions not given',
  ),
  b: text('Không được trả đủ lương hoặc trả không đúng hạn', 'Not paid fully or on time'),
  c: text('Bị ngược đãi, xúc phạm, cưỡng bức lao động', 'Maltreated, insulted or forced to work'),
  d: text('Bị quấy rối tình dục tại nơi làm việc', 'Sexual harassment at work'),
  dd: text('Lao động nữ mang thai phải nghỉ việc', 'Pregnant and must stop work'),
  e: text('Đủ tuổi nghỉ hưu', 'Reached retirement age'),
  g: text('Người sử dụng lao động cung cấp thông tin không trung thực', "Employer's false information"),
})
export type WorkerNoNoticeGround = (typeof WORKER_NO_NOTICE_GROUNDS.values)[number]

/** R4.25: situations in which the employer may not terminate unilaterally (Art 37). */
export const PROTECTED_SITUATIONS = vocabulary({
  illness_treatment: text('Đang điều trị ốm đau, tai nạn', 'Under treatment for illness or injury'),
  annual_leave: text('Đang nghỉ hằng năm', 'On annual leave'),
  personal_leave: text('Đang nghỉ việc riêng', 'On personal leave'),
  approved_leave: text('Đang nghỉ được người sử dụng lao động đồng ý', 'On leave approved by the employer'),
  pregnant: text('Đang mang thai', 'Pregnant'),
  maternity_leave: text('Đang nghỉ thai sản', 'On maternity leave'),
  raising_child_under_12_months: text('Đang nuôi con dưới 12 tháng tuổi', 'Raising a child under 12 months'),
})
export type ProtectedSituation = (typeof PROTECTED_SITUATIONS.values)[number]

/** Who ends a contract. */
export const TERMINATION_INITIATORS = vocabulary({
  worker: text('Người lao động', 'Worker'),
  employer: text('Người sử dụng lao động', 'Employer'),
  both: text('Hai bên', 'Both parties'),
  neither: text('Không bên nào (theo pháp luật)', 'Neither (by operation of law)'),
})
export type TerminationInitiator = (typeof TERMINATION_INITIATORS.values)[number]

/** Documents the model covers: the contract and its lifecycle documents (D9, R1.30). */
export const DOCUMENT_KINDS = vocabulary({
  contract: text('Hợp đồng lao động', 'Labor contract'),
  annex: text('Phụ lục hợp đồng lao động', 'Contract annex'),
  amendment: text('Văn bản sửa đổi, bổ sung', 'Amendment'),
  suspension: text('Tạm hoãn thực hiện hợp đồng', 'Suspension'),
  termination: text('Chấm dứt hợp đồng lao động', 'Termination'),
  paper_conversion: text('Chuyển đổi hợp đồng giấy sang điện tử', 'Paper contract conversion'),
})
export type DocumentKind = (typeof DOCUMENT_KINDS.values)[number]
