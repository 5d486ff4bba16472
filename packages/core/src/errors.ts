import type { Finding } from './findings.ts'
import type { Text } from './i18n.ts'

/**
 * The one error type ELC throws on purpose: a stable code, the rule it enforces and a bilingual message.
 * HTTP layers turn it into RFC 9457 problem+json; anything else is an internal error and never shown.
 */
export class ElcError extends Error {
  readonly code: string
  readonly ruleId: string | undefined
  readonly text: Text
  readonly status: number
  /** The findings behind a refusal (e.g. the labor-code errors that block sending a draft), shown with it. */
  readonly findings: Finding[] | undefined

  constructor(
    code: string,
    text: Text,
    options: { ruleId?: string; status?: number; cause?: unknown; findings?: Finding[] } = {},
  ) {
    super(text.en, { cause: options.cause })
    this.name = 'ElcError'
    this.code = code
    this.ruleId = options.ruleId
    this.text = text
    this.status = options.status ?? 400
    this.findings = options.findings
  }
}
