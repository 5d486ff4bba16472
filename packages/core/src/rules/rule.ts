import type { DocumentKind } from '../contract/enums.ts'
import type {
  Amendment,
  Annex,
  PaperConversion,
  Suspension,
  Termination,
} from '../contract/lifecycle-schema.ts'
import type { Contract } from '../contract/schema.ts'
import type { Severity } from '../findings.ts'
import type { Text } from '../i18n.ts'

/** How sure LEGAL.md is of the rule: [P] quoted law, [S] secondary, [K] unverified, [C] conflicting sources. */
export type LegalTag = 'P' | 'S' | 'K' | 'C'

export interface DocumentOfKind {
  contract: Contract
  annex: Annex
  amendment: Amendment
  suspension: Suspension
  termination: Termination
  paper_conversion: PaperConversion
}

/** What a rule reports: where, and what is wrong in words (the field's label is added by the validator). */
export interface Violation {
  path: string
  message: Text
}

export interface Rule<K extends DocumentKind = DocumentKind> {
  /** LEGAL.md id the rule enforces. */
  ruleId: string
  code: string
  severity: Severity
  tag: LegalTag
  kind: K
  /** JSON pointers the check reads: it is skipped while the schema finds errors there. */
  uses: readonly string[]
  title: Text
  check(doc: DocumentOfKind[K]): Violation[]
}

export function defineRule<K extends DocumentKind>(rule: Rule<K>): Rule<K> {
  return rule
}

export function at(path: string, message: Text): Violation {
  return { path, message }
}
