// Activating, suspending or refusing a provider's connection agreement, with who, when and why.
import { deadlineAfterWorkingDays } from '@elc/core'
import { agreementReasonRequired, agreementTransitionInvalid, providerNotFound } from './errors.ts'
import type { AgreementRecord, ProvidersRepo } from './providers-repo.ts'
import type { AgreementStatus } from './schema.ts'

const ALLOWED: Record<AgreementStatus, readonly AgreementStatus[]> = {
  pending: ['active', 'refused'],
  active: ['suspended'],
  suspended: ['active', 'refused'],
  refused: [],
}

/** R1.34: the Platform gives at least 3 working days' notice of a suspension or refusal. */
export const NOTICE_WORKING_DAYS = 3

export async function changeAgreementStatus(
  repo: ProvidersRepo,
  input: { providerId: string; status: AgreementStatus; reason?: string; by: string },
  now: Date,
): Promise<AgreementRecord> {
  const reason = input.reason?.normalize('NFC').trim() || null
  const ending = input.status === 'suspended' || input.status === 'refused'
  if (ending && !reason) throw agreementReasonRequired()
  const changed = await repo.changeStatus(input.providerId, (current) => {
    if (!ALLOWED[current.status].includes(input.status))
      throw agreementTransitionInvalid(current.status, input.status)
    // The notice is sent now and recorded with the day it runs out (Vietnamese working days, Asia/Ho_Chi_Minh).
    // Access itself ends at once, for new and already issued tokens alike: a connection under suspension
    // must not keep submitting while the notice runs.
    return {
      toStatus: input.status,
      reason,
      actor: input.by,
      at: now,
      notifiedAt: ending ? now : null,
      effectiveNoticeEnd: ending ? deadlineAfterWorkingDays(now, NOTICE_WORKING_DAYS) : null,
    }
  })
  if (!changed) throw providerNotFound()
  return changed
}
