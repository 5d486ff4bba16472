// What a signature check found: core's Finding without a document path, and with 'info' for facts a
// report shows (e.g. a revocation after a proven signing time).
import { type Finding, text } from '@elc/core'

export type FindingSeverity = 'error' | 'warning' | 'info'

export interface SignatureFinding extends Omit<Finding, 'severity' | 'path'> {
  severity: FindingSeverity
}

export function finding(
  ruleId: string,
  code: string,
  severity: FindingSeverity,
  vi: string,
  en: string,
): SignatureFinding {
  return { ruleId, code, severity, message: text(vi, en) }
}
