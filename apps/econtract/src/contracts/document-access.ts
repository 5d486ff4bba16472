// Who may see or act on a document: the employer's administrators and HR staff (by the tax code of their
// grant) and the worker it names (by the keyed hash of their personal ID). Anyone else is told it does
// not exist, so a guessed id reveals nothing.
import { ElcError, text } from '@elc/core'
import type { PiiCipher } from '@elc/storage'
import type { Principal } from '@elc/web-auth'
import type { DocumentTable, Party } from './migrations.ts'

export function employerTaxCodesOf(p: Principal): string[] {
  return p.grants
    .filter((g) => (g.role === 'employer-admin' || g.role === 'hr-staff') && g.employerTaxCode)
    .map((g) => g.employerTaxCode as string)
}

/** The side the caller stands on for this document, or undefined. */
export function sideOf(
  p: Principal,
  doc: Pick<DocumentTable, 'employer_tax_code' | 'worker_lookup'>,
  pii: PiiCipher,
): Party | undefined {
  if (employerTaxCodesOf(p).includes(doc.employer_tax_code)) return 'employer'
  if (p.personalId && doc.worker_lookup && pii.lookupHash(p.personalId) === doc.worker_lookup) return 'worker'
  return undefined
}

export function documentNotFound(): ElcError {
  return new ElcError(
    'DOCUMENT_NOT_FOUND',
    text('Không tìm thấy văn bản này trong các văn bản của bạn.', 'No such document among yours.'),
    { status: 404 },
  )
}
