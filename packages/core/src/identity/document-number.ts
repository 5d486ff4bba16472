// One entry point for any identity document the worker may give (D13.1.c item 3; Mẫu 01/PLI col 6, R3.5):
// the personal identification number, the old CMND (R5.5) or a passport.

import { OLD_ID_NUMBER_FORMAT, PASSPORT_NUMBER_FORMATS, VIETNAM_ISSUER_CODES } from './document-formats.ts'
import { checkPersonalIdNumber, type DeclaredPersonData } from './personal-id-number.ts'
import { type IdProblem, idProblem, shapeOf } from './problems.ts'
import { PROVINCE_CODES, type ProvinceCodeTable } from './province-codes.ts'

export type IdDocumentNumber =
  | { kind: 'personal_id'; number: string }
  | { kind: 'old_id'; number: string }
  | {
      kind: 'passport'
      number: string
      /** ISO 3166-1 code of the issuing state ('VNM' or 'VN' for Vietnam); unknown → the permissive foreign format. */
      issuingCountry?: string
    }

/**
 * Checks a document number's format, and for the personal identification number its consistency with the
 * declared person (R5.4). The old CMND and passports carry no decodable data, so only their format is checked;
 * R5.5 keeps the old CMND as a secondary matching key, which is the caller's business.
 */
export function checkIdDocument(
  document: IdDocumentNumber,
  person: DeclaredPersonData = {},
  provinces: ProvinceCodeTable = PROVINCE_CODES,
): IdProblem[] {
  switch (document.kind) {
    case 'personal_id':
      return checkPersonalIdNumber(document.number, person, provinces)
    case 'old_id':
      return OLD_ID_NUMBER_FORMAT.pattern.test(document.number)
        ? []
        : [idProblem('OLD_ID_NUMBER_FORMAT', shapeOf(document.number))]
    case 'passport': {
      const issuer = isVietnameseIssuer(document.issuingCountry) ? 'vietnamese' : 'foreign'
      return PASSPORT_NUMBER_FORMATS[issuer].pattern.test(document.number)
        ? []
        : [idProblem('PASSPORT_NUMBER_FORMAT', { length: [...document.number].length, issuer })]
    }
  }
}

function isVietnameseIssuer(code: string | undefined): boolean {
  return code !== undefined && VIETNAM_ISSUER_CODES.includes(code.trim().toUpperCase())
}

/**
 * What a boundary should apply before checking: full-width digits and letters to ASCII (NFKC), whitespace
 * removed, letters in capitals. The checks themselves stay strict so that what they pass is what gets stored.
 */
export function normaliseDocumentNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}
