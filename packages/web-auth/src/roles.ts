// The roles of the Platform and the eContract (issue: identity and sign-in), each bound to what it may
// see: an employer, a province, a connection agreement. Checked in one place per app (access.ts).
import { type Text, text } from '@elc/core'

export const ROLES = {
  worker: text('Người lao động', 'Worker'),
  'employer-admin': text('Quản trị của người sử dụng lao động', 'Employer administrator'),
  'hr-staff': text('Nhân viên nhân sự', 'HR staff'),
  'provider-operator': text('Nhân viên nhà cung cấp hợp đồng điện tử', 'eContract provider operator'),
  'department-officer': text('Cán bộ Sở Nội vụ', 'Provincial Department officer'),
  'ministry-officer': text('Cán bộ Bộ Nội vụ', 'Ministry officer'),
  'agency-user': text('Người dùng cơ quan kết nối', 'Connected agency user'),
  'platform-admin': text('Quản trị Nền tảng', 'Platform administrator'),
} as const satisfies Record<string, Text>

export type Role = keyof typeof ROLES

export const ALL_ROLES = Object.keys(ROLES) as Role[]

/** A role held by a person, with the scope it is bound to. */
export interface Grant {
  role: Role
  /** employer-admin, hr-staff: the employer's tax code. */
  employerTaxCode?: string
  /** department-officer: the province code. */
  province?: string
  /** agency-user: the connection agreement. */
  agreementId?: string
  /** provider-operator: the provider's tax code. */
  providerTaxCode?: string
}

/** The signed-in user as the app sees them; built from the session's ID token claims and the app's grants. */
export interface Principal {
  subject: string
  accountType: 'person' | 'organisation'
  /** VNeID assurance level: 2 is needed to sign and to see contract contents (D7.1.d, R1.12). */
  level: 1 | 2
  name: string
  personalId?: string
  taxCode?: string
  grants: Grant[]
  /** How this sign-in happened: kept with what the user signs or consents to (R5.11). */
  session?: SessionProvenance
}

export interface SessionProvenance {
  /** A reference to the stored session (a prefix of its hash, never the cookie itself). */
  ref: string
  acr: string
  /** When VNeID authenticated the user (ID token auth_time), ISO 8601. */
  authTime?: string
  amr?: string[]
}
