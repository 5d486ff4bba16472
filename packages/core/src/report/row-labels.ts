// Row labels of Mẫu 02/PLI col 2 (R3.6), in the form's order.
//
// Individual employers have no row on the form, but D13.1.d item 1 counts them and the Labor Code lets an
// individual employ workers. They get their own fifth row, after Hộ kinh doanh, marked as not on the form:
// folding them into Hộ kinh doanh would lose a distinction D13.1.d keeps and could not be undone, while a
// renderer of the paper form can still add the two rows together.

import { type Text, text } from '../i18n.ts'
import type { EmployerType } from './report-record.ts'

export interface EmployerTypeRow {
  label: Text
  /** STT on Mẫu 02/PLI (col 1); undefined when the form has no such row. */
  formRow: number | undefined
}

export const EMPLOYER_TYPE_ROWS: Readonly<Record<EmployerType, EmployerTypeRow>> = {
  enterprise: { label: text('Doanh nghiệp', 'Enterprises'), formRow: 1 },
  cooperative: { label: text('Hợp tác xã', 'Cooperatives'), formRow: 2 },
  agency: { label: text('Cơ quan/tổ chức', 'Agencies and organisations'), formRow: 3 },
  household_business: { label: text('Hộ kinh doanh', 'Household businesses'), formRow: 4 },
  individual: { label: text('Cá nhân', 'Individuals'), formRow: undefined },
}

export const TOTAL_ROW_LABEL: Text = text('Tổng cộng', 'Total')
