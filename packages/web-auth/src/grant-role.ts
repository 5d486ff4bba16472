// Granting a role: only with the scope the role needs, and never a Platform administrator account to staff
// of an outsourced operator of the Platform's servers (D20.1).
import { randomUUID } from 'node:crypto'
import { ElcError, personalIdHash, text } from '@elc/core'
import type { GrantsRepo } from './grants-repo.ts'
import { ALL_ROLES, type Principal, type Role } from './roles.ts'

export interface GrantRequest {
  personalId: string
  role: Role
  province?: string
  employerTaxCode?: string
  agreementId?: string
  providerTaxCode?: string
  /** The organisation the holder works for (declared by the granting administrator). */
  holderOrganisationTaxCode?: string
}

const SCOPE: Partial<Record<Role, keyof GrantRequest>> = {
  'department-officer': 'province',
  'agency-user': 'agreementId',
  'provider-operator': 'providerTaxCode',
  'hr-staff': 'employerTaxCode',
  'employer-admin': 'employerTaxCode',
}

export async function grantRole(
  repo: GrantsRepo,
  input: { request: GrantRequest; by: Principal; piiKey: string; operatorTaxCodes: readonly string[] },
): Promise<void> {
  const { request } = input
  if (!ALL_ROLES.includes(request.role))
    throw new ElcError(
      'GRANT_ROLE_UNKNOWN',
      text(`Vai trò không tồn tại: ${request.role}.`, `Unknown role: ${request.role}.`),
    )
  if (!/^\d{12}$/.test(request.personalId))
    throw new ElcError(
      'GRANT_PERSONAL_ID_INVALID',
      text('Số định danh cá nhân phải có 12 chữ số.', 'The personal ID number has 12 digits.'),
      {
        ruleId: 'R5.2',
      },
    )
  const scope = SCOPE[request.role]
  if (scope && !request[scope])
    throw new ElcError(
      'GRANT_SCOPE_MISSING',
      text(
        `Vai trò ${request.role} phải gắn với ${scope}.`,
        `The ${request.role} role must be bound to ${scope}.`,
      ),
    )
  if (
    request.role === 'platform-admin' &&
    (!request.holderOrganisationTaxCode || input.operatorTaxCodes.includes(request.holderOrganisationTaxCode))
  )
    throw new ElcError(
      'GRANT_OPERATOR_ADMIN_FORBIDDEN',
      text(
        'Đơn vị vận hành thuê ngoài không được nắm giữ tài khoản quản trị Nền tảng; cần khai báo tổ chức của người được cấp và tổ chức đó không phải đơn vị vận hành.',
        "An outsourced operator may not hold Platform administrator accounts; the holder's organisation must be declared and must not be the operator.",
      ),
      { ruleId: 'D20.1', status: 422 },
    )
  await repo.add({
    id: randomUUID(),
    personal_id_hash: personalIdHash(input.piiKey, request.personalId),
    role: request.role,
    province: request.province ?? null,
    employer_tax_code: request.employerTaxCode ?? null,
    agreement_id: request.agreementId ?? null,
    provider_tax_code: request.providerTaxCode ?? null,
    holder_organisation_tax_code: request.holderOrganisationTaxCode ?? null,
    granted_by: input.by.subject,
  })
}
