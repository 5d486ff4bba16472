import type { Text } from './i18n.ts'

export type Severity = 'error' | 'warning'

/** One thing a check found about a document: which rule, which field, what is wrong, in both languages. */
export interface Finding {
  /** LEGAL.md id of the rule enforced, e.g. `R4.3`. */
  ruleId: string
  /** Stable machine code, e.g. `CONTRACT_TERM_EXCEEDS_36_MONTHS`. */
  code: string
  severity: Severity
  /** JSON pointer to the offending field (`/worker/dateOfBirth`), `''` for the whole document. */
  path: string
  message: Text
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error')
}
