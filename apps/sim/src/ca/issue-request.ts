// Turns an admin API body into an IssueRequest, or an ElcError that names the bad field.
import { ElcError, text } from '@elc/core'
import type { IssueRequest } from './certificate-authority.ts'
import { isKeyAlgorithm, KEY_ALGORITHMS } from './key-algorithms.ts'
import { isRevocationReason, REVOCATION_REASONS, type RevocationReason } from './revocation-reasons.ts'
import { cleanName, cleanPersonalId, cleanTaxCode } from './subject-names.ts'

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en))
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid(
      'CA_REQUEST_INVALID',
      'Nội dung yêu cầu phải là một đối tượng JSON.',
      'The request body must be a JSON object.',
    )
  return body as Record<string, unknown>
}

export function parseIssueRequest(body: unknown): IssueRequest {
  const input = asObject(body)
  const common: { issuerId?: string; keyAlgorithm?: IssueRequest['keyAlgorithm']; validityDays?: number } = {}
  if (input.issuerId !== undefined) {
    if (typeof input.issuerId !== 'string')
      throw invalid('CA_REQUEST_INVALID', 'issuerId phải là chuỗi.', 'issuerId must be a string.')
    common.issuerId = input.issuerId
  }
  if (input.keyAlgorithm !== undefined) {
    if (!isKeyAlgorithm(input.keyAlgorithm))
      throw invalid(
        'CA_KEY_ALGORITHM_UNSUPPORTED',
        `Thuật toán khóa phải là một trong: ${KEY_ALGORITHMS.join(', ')} (R2.30).`,
        `keyAlgorithm must be one of: ${KEY_ALGORITHMS.join(', ')} (R2.30).`,
      )
    common.keyAlgorithm = input.keyAlgorithm
  }
  if (input.validityDays !== undefined) {
    if (typeof input.validityDays !== 'number')
      throw invalid(
        'CA_VALIDITY_INVALID',
        'validityDays phải là số ngày.',
        'validityDays must be a number of days.',
      )
    common.validityDays = input.validityDays
  }
  if (input.profile === 'person')
    return {
      ...common,
      profile: 'person',
      fullName: cleanName(input.fullName, 'fullName'),
      personalId: cleanPersonalId(input.personalId),
    }
  if (input.profile === 'organisation')
    return {
      ...common,
      profile: 'organisation',
      organisationName: cleanName(input.organisationName, 'organisationName'),
      taxCode: cleanTaxCode(input.taxCode),
    }
  throw invalid(
    'CA_PROFILE_UNSUPPORTED',
    'profile phải là "person" (cá nhân) hoặc "organisation" (tổ chức).',
    'profile must be "person" or "organisation".',
  )
}

export function parseRevokeRequest(body: unknown): { reason: RevocationReason; revokedAt?: Date } {
  const input = body === undefined || body === null ? {} : asObject(body)
  const reason = input.reason ?? 'unspecified'
  if (!isRevocationReason(reason))
    throw invalid(
      'CA_REVOCATION_REASON_INVALID',
      `Lý do thu hồi phải là một trong: ${Object.keys(REVOCATION_REASONS).join(', ')}.`,
      `reason must be one of: ${Object.keys(REVOCATION_REASONS).join(', ')}.`,
    )
  if (input.revokedAt === undefined) return { reason }
  const revokedAt = typeof input.revokedAt === 'string' ? new Date(input.revokedAt) : new Date(Number.NaN)
  if (Number.isNaN(revokedAt.getTime()))
    throw invalid(
      'CA_REVOCATION_TIME_INVALID',
      'revokedAt phải là thời điểm ISO 8601.',
      'revokedAt must be an ISO 8601 date-time.',
    )
  return { reason, revokedAt }
}
