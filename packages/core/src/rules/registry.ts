// Every labor-code rule the validator applies, in one list: its LEGAL.md id, stable code and severity.
import type { DocumentKind } from '../contract/enums.ts'
import { amendmentRules, annexRules, suspensionRules, terminationRules } from './lifecycle-rules.ts'
import { minorRules } from './minor-rules.ts'
import { partyRules } from './party-rules.ts'
import { probationRules } from './probation-rules.ts'
import type { Rule } from './rule.ts'
import { termRules } from './term-rules.ts'
import { wageRules } from './wage-rules.ts'

export const RULES: readonly Rule[] = [
  ...partyRules,
  ...termRules,
  ...probationRules,
  ...wageRules,
  ...minorRules,
  ...annexRules,
  ...amendmentRules,
  ...suspensionRules,
  ...terminationRules,
] as readonly Rule[]

export function rulesFor(kind: DocumentKind): readonly Rule[] {
  return RULES.filter((r) => r.kind === kind)
}
