// Problems the identity checks report: a stable code, its severity and rule, and the facts a message needs.
// Severity and rule live in one table so a policy change (say, unknown province from warning to error) is one edit.

import type { IdDocumentKind, Sex } from '../contract/enums.ts'
import type { Severity } from '../findings.ts'

export type { IdDocumentKind, Sex }

/** The facts each problem carries. Never the document number itself: problems end up in logs. */
export interface IdProblemParams {
  ID_NUMBER_FORMAT: { length: number; nonDigit: boolean }
  ID_NUMBER_UNKNOWN_PROVINCE: { provinceCode: string }
  ID_NUMBER_SEX_MISMATCH: { declared: Sex; encoded: Sex }
  ID_NUMBER_BIRTH_YEAR_MISMATCH: { declared: number; encoded: number }
  ID_NUMBER_BIRTH_YEAR_IN_FUTURE: { encoded: number; currentYear: number }
  OLD_ID_NUMBER_FORMAT: { length: number; nonDigit: boolean }
  PASSPORT_NUMBER_FORMAT: { length: number; issuer: 'vietnamese' | 'foreign' }
}

export type IdProblemCode = keyof IdProblemParams

export type IdProblem = {
  [C in IdProblemCode]: {
    code: C
    severity: Severity
    /** LEGAL.md id of the rule behind the check. */
    ruleId: string
    /** Which document the problem is about. */
    document: IdDocumentKind
    params: IdProblemParams[C]
  }
}[IdProblemCode]

export const ID_PROBLEM_RULES = {
  // R5.1/R5.4: twelve digits is certain, so anything else is an error.
  ID_NUMBER_FORMAT: { severity: 'error', ruleId: 'R5.4', document: 'personal_id' },
  // A warning, not an error: R5.4 says to warn only because real data has errors, the R5.3 table is itself from
  // unofficial lists with a known conflict, codes for births abroad are unverified, and the number comes from
  // the population database, which outranks our table (R5.1, R5.6). Rejecting a real person on our doubt is
  // worse than letting a typo through to a human.
  ID_NUMBER_UNKNOWN_PROVINCE: { severity: 'warning', ruleId: 'R5.3', document: 'personal_id' },
  ID_NUMBER_SEX_MISMATCH: { severity: 'warning', ruleId: 'R5.4', document: 'personal_id' },
  ID_NUMBER_BIRTH_YEAR_MISMATCH: { severity: 'warning', ruleId: 'R5.4', document: 'personal_id' },
  ID_NUMBER_BIRTH_YEAR_IN_FUTURE: { severity: 'warning', ruleId: 'R5.2', document: 'personal_id' },
  OLD_ID_NUMBER_FORMAT: { severity: 'error', ruleId: 'R5.5', document: 'old_id' },
  // No rule fixes passport formats; D13.1.c item 3 and Mẫu 01/PLI col 6 (R3.5) only admit passports.
  PASSPORT_NUMBER_FORMAT: { severity: 'error', ruleId: 'D13.1.c', document: 'passport' },
} as const satisfies Record<IdProblemCode, { severity: Severity; ruleId: string; document: IdDocumentKind }>

export function idProblem<C extends IdProblemCode>(
  code: C,
  params: IdProblemParams[C],
): Extract<IdProblem, { code: C }> {
  const rule = ID_PROBLEM_RULES[code]
  return { code, severity: rule.severity, ruleId: rule.ruleId, document: rule.document, params } as Extract<
    IdProblem,
    { code: C }
  >
}

/** Length in characters (code points) and whether any is not an ASCII digit: what a format message needs. */
export function shapeOf(value: string): { length: number; nonDigit: boolean } {
  return { length: [...value].length, nonDigit: /[^0-9]/.test(value) }
}
