// May this signatory sign a contract concluded on a given day? R4.9 (Labor Code Art 18(3)): the legal
// representative, or a person lawfully authorised by a letter of authorisation that is in force that day.
import { type CivilDate, compareDates, ElcError, text } from '@elc/core'
import { sameName } from './employer-input.ts'

export interface SignatoryStanding {
  fullName: string
  isLegalRepresentative: boolean
  authorisation?: { documentRef: string; issuedOn: CivilDate; documentSha256?: string }
  validFrom: CivilDate
  validUntil?: CivilDate
  revokedAt?: Date
}

const refuse = (code: string, vi: string, en: string) =>
  new ElcError(code, text(vi, en), { ruleId: 'R4.9', status: 422 })

/** The reason the signatory cannot sign on `on`, or undefined when they can. */
export function signatoryRefusal(
  signatory: SignatoryStanding,
  on: CivilDate,
  legalRepresentativeName: string,
): ElcError | undefined {
  if (signatory.revokedAt)
    return refuse(
      'EMPLOYER_SIGNATORY_REVOKED',
      'Quyền ký của người này đã bị thu hồi.',
      "This signatory's authority has been revoked.",
    )
  if (signatory.isLegalRepresentative) {
    // The representative changes with the employer's registration; an old entry does not carry over.
    if (!sameName(signatory.fullName, legalRepresentativeName))
      return refuse(
        'EMPLOYER_SIGNATORY_NOT_REPRESENTATIVE',
        'Người này không còn là người đại diện theo pháp luật đã khai báo; cần giấy ủy quyền.',
        'This person is no longer the declared legal representative; a letter of authorisation is needed.',
      )
  } else if (!signatory.authorisation?.documentRef || !signatory.authorisation.documentSha256)
    return refuse(
      'EMPLOYER_SIGNATORY_AUTHORISATION_MISSING',
      'Người ký không phải người đại diện theo pháp luật nên phải có giấy ủy quyền.',
      'A signatory other than the legal representative needs a letter of authorisation.',
    )
  const starts = [signatory.validFrom, signatory.authorisation?.issuedOn].filter(Boolean) as CivilDate[]
  if (starts.some((start) => compareDates(on, start) < 0))
    return refuse(
      'EMPLOYER_SIGNATORY_NOT_YET_VALID',
      `Quyền ký của người này chưa có hiệu lực vào ngày ${on}.`,
      `This signatory's authority is not yet in force on ${on}.`,
    )
  if (signatory.validUntil && compareDates(on, signatory.validUntil) > 0)
    return refuse(
      'EMPLOYER_SIGNATORY_EXPIRED',
      `Quyền ký của người này đã hết hiệu lực vào ngày ${on}.`,
      `This signatory's authority has expired by ${on}.`,
    )
  return undefined
}
