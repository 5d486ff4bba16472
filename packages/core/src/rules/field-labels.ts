// What a person calls each field, so that a finding names the field they must fix.
import { type Text, text } from '../i18n.ts'

const LABELS: Record<string, Text> = {
  '': text('Văn bản', 'Document'),
  '/kind': text('Loại văn bản', 'Document kind'),
  '/schemaVersion': text('Phiên bản lược đồ', 'Schema version'),
  '/concludedOn': text('Ngày giao kết', 'Date concluded'),
  '/employer': text('Người sử dụng lao động', 'Employer'),
  '/employer/name': text('Tên người sử dụng lao động', "Employer's name"),
  '/employer/address': text('Địa chỉ người sử dụng lao động', "Employer's address"),
  '/employer/taxCode': text('Mã số thuế', 'Tax code'),
  '/employer/employerType': text('Loại hình người sử dụng lao động', 'Employer type'),
  '/employer/signatory': text('Người giao kết phía người sử dụng lao động', "Employer's signatory"),
  '/employer/signatory/fullName': text('Họ tên người giao kết', "Signatory's full name"),
  '/employer/signatory/title': text('Chức danh người giao kết', "Signatory's title"),
  '/worker': text('Người lao động', 'Worker'),
  '/worker/fullName': text('Họ tên người lao động', "Worker's full name"),
  '/worker/dateOfBirth': text('Ngày sinh', 'Date of birth'),
  '/worker/sex': text('Giới tính', 'Sex'),
  '/worker/residence': text('Nơi cư trú', 'Place of residence'),
  '/worker/nationality': text('Quốc tịch', 'Nationality'),
  '/worker/idDocument': text('Giấy tờ tùy thân', 'Identity document'),
  '/worker/idDocument/number': text('Số giấy tờ tùy thân', 'Identity document number'),
  '/worker/idDocument/kind': text('Loại giấy tờ tùy thân', 'Identity document kind'),
  '/worker/socialInsuranceNumber': text('Mã số BHXH', 'Social insurance number'),
  '/worker/workPermitNumber': text('Số giấy phép lao động', 'Work permit number'),
  '/worker/representative': text('Người đại diện theo pháp luật', 'Legal representative'),
  '/worker/representative/consentDocumentRef': text(
    'Văn bản đồng ý của người đại diện',
    "Representative's written consent",
  ),
  '/job': text('Công việc', 'Job'),
  '/job/title': text('Công việc', 'Job title'),
  '/job/positionClass': text('Vị trí việc làm', 'Job position class'),
  '/job/heavyHazardous': text('Nghề nặng nhọc, độc hại, nguy hiểm', 'Heavy, hazardous or dangerous work'),
  '/job/minorWorkCategory': text('Loại công việc cho người chưa thành niên', 'Work category for a minor'),
  '/workplaces': text('Địa điểm làm việc', 'Workplaces'),
  '/workplaces/*/address': text('Địa chỉ nơi làm việc', 'Workplace address'),
  '/workplaces/*/wageRegion': text('Vùng lương tối thiểu', 'Minimum wage region'),
  '/term': text('Thời hạn hợp đồng', 'Contract term'),
  '/term/type': text('Loại hợp đồng', 'Contract type'),
  '/term/startDate': text('Ngày bắt đầu', 'Start date'),
  '/term/endDate': text('Ngày kết thúc', 'End date'),
  '/probation': text('Thử việc', 'Probation'),
  '/probation/startDate': text('Ngày bắt đầu thử việc', 'Probation start'),
  '/probation/endDate': text('Ngày kết thúc thử việc', 'Probation end'),
  '/probation/wage': text('Tiền lương thử việc', 'Probation wage'),
  '/wage': text('Tiền lương', 'Wage'),
  '/wage/amount': text('Mức lương', 'Wage amount'),
  '/wage/unit': text('Hình thức trả lương', 'Wage unit'),
  '/wage/payMethod': text('Hình thức trả lương', 'Pay method'),
  '/wage/payPeriod': text('Kỳ hạn trả lương', 'Pay period'),
  '/wage/allowances': text('Phụ cấp lương', 'Wage allowances'),
  '/wage/allowances/*/amount': text('Mức phụ cấp', 'Allowance amount'),
  '/wage/otherSupplements': text('Các khoản bổ sung khác', 'Other supplements'),
  '/raiseRegime': text('Chế độ nâng bậc, nâng lương', 'Promotion and pay rises'),
  '/workingTime': text('Thời giờ làm việc, nghỉ ngơi', 'Working and rest time'),
  '/workingTime/hoursPerDay': text('Số giờ làm việc mỗi ngày', 'Working hours per day'),
  '/workingTime/hoursPerWeek': text('Số giờ làm việc mỗi tuần', 'Working hours per week'),
  '/protectiveEquipment': text('Trang bị bảo hộ lao động', 'Protective equipment'),
  '/insurance': text('Bảo hiểm xã hội, y tế, thất nghiệp', 'Social, health and unemployment insurance'),
  '/training': text('Đào tạo, bồi dưỡng, nâng cao kỹ năng nghề', 'Training'),
  '/otherAgreements': text('Thỏa thuận khác', 'Other agreements'),
  '/otherAgreements/*/title': text('Tiêu đề thỏa thuận khác', 'Title of the other agreement'),
  '/otherAgreements/*/text': text('Nội dung thỏa thuận khác', 'Text of the other agreement'),
  '/history/precedingContracts': text('Các hợp đồng liền trước', 'Preceding contracts'),
  '/parentContractId': text('Mã định danh hợp đồng gốc', 'Parent contract ID'),
  '/changes': text('Nội dung sửa đổi', 'Changes'),
  '/changes/*/path': text('Điều khoản được sửa đổi', 'Changed field'),
  '/reason': text('Lý do', 'Reason'),
  '/initiatedBy': text('Bên chấm dứt', 'Terminating party'),
  '/noticeDate': text('Ngày báo trước', 'Notice date'),
  '/terminationDate': text('Ngày chấm dứt', 'Termination date'),
  '/employerGround': text('Căn cứ đơn phương chấm dứt', 'Ground for unilateral termination'),
  '/workerSituations': text('Tình trạng của người lao động', "Worker's situation"),
  '/startDate': text('Ngày bắt đầu', 'Start date'),
  '/endDate': text('Ngày kết thúc', 'End date'),
  '/effectiveDate': text('Ngày có hiệu lực', 'Effective date'),
  '/conversion': text('Nhật ký chuyển đổi', 'Conversion log'),
}

/** The label of a JSON pointer; array indexes match `*`; a paper conversion's contract reuses the contract's labels. */
export function labelOf(path: string): Text {
  const generic = path.replace(/\/\d+(?=\/|$)/g, '/*')
  const candidates = [generic, generic.replace(/^\/contract(?=\/|$)/, '')]
  for (const candidate of candidates) {
    let p = candidate
    while (true) {
      const label = LABELS[p]
      if (label) return label
      if (p === '') break
      p = p.slice(0, p.lastIndexOf('/'))
    }
  }
  return text('Văn bản', 'Document')
}
