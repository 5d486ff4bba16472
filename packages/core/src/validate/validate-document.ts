// Validates a contract or lifecycle document: shape first (JSON Schema), then every labor-code rule
// whose fields are sound. Never throws on bad input: every problem is a finding with a code.
import { Compile } from 'typebox/compile'
import { DOCUMENT_KINDS, type DocumentKind } from '../contract/enums.ts'
import { Amendment, Annex, PaperConversion, Suspension, Termination } from '../contract/lifecycle-schema.ts'
import { Contract } from '../contract/schema.ts'
import { type Finding, hasErrors } from '../findings.ts'
import { text } from '../i18n.ts'
import { labelOf } from '../rules/field-labels.ts'
import { rulesFor } from '../rules/registry.ts'
import type { Rule } from '../rules/rule.ts'
import { normalizeText } from './normalize-text.ts'
import { schemaFindings } from './schema-findings.ts'

const SCHEMAS = {
  contract: Contract,
  annex: Annex,
  amendment: Amendment,
  suspension: Suspension,
  termination: Termination,
  paper_conversion: PaperConversion,
}
type Validator = ReturnType<typeof Compile>
const compiled = new Map<DocumentKind, Validator>()

function validatorFor(kind: DocumentKind): Validator {
  let v = compiled.get(kind)
  if (!v) {
    v = Compile(SCHEMAS[kind])
    compiled.set(kind, v)
  }
  return v
}

export interface ValidationReport {
  /** False when the input is not a contract document at all (the CLI exits 2). */
  recognised: boolean
  kind?: DocumentKind
  /** True when no finding is an error. */
  valid: boolean
  findings: Finding[]
  /** The input with all text in NFC, when it was recognised. */
  document?: unknown
}

function get(doc: unknown, path: string): unknown {
  let v: unknown = doc
  for (const raw of path.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[raw.replaceAll('~1', '/').replaceAll('~0', '~')]
  }
  return v
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)
}

function runRules(rules: readonly Rule[], doc: unknown, prefix: string, broken: string[]): Finding[] {
  const out: Finding[] = []
  for (const rule of rules) {
    if (rule.uses.some((u) => broken.some((b) => overlaps(`${prefix}${u}`, b)))) continue
    for (const v of rule.check(get(doc, prefix) as never)) {
      const path = `${prefix}${v.path}`
      const label = labelOf(path)
      out.push({
        ruleId: rule.ruleId,
        code: rule.code,
        severity: rule.severity,
        path,
        message: text(`${label.vi} (${path}): ${v.message.vi}`, `${label.en} (${path}): ${v.message.en}`),
      })
    }
  }
  return out
}

function notRecognised(reason: string, reasonEn: string): ValidationReport {
  return {
    recognised: false,
    valid: false,
    findings: [
      {
        ruleId: 'ELC.SCHEMA',
        code: 'DOCUMENT_NOT_RECOGNISED',
        severity: 'error',
        path: '',
        message: text(reason, reasonEn),
      },
    ],
  }
}

export function validateDocument(input: unknown): ValidationReport {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return notRecognised(
      'Dữ liệu không phải là một văn bản hợp đồng (cần một đối tượng JSON).',
      'The input is not a contract document (a JSON object is expected).',
    )
  const kind = (input as { kind?: unknown }).kind
  if (typeof kind !== 'string' || !(DOCUMENT_KINDS.values as string[]).includes(kind))
    return notRecognised(
      `Trường "kind" phải là một trong: ${DOCUMENT_KINDS.values.join(', ')}.`,
      `Field "kind" must be one of: ${DOCUMENT_KINDS.values.join(', ')}.`,
    )
  const docKind = kind as DocumentKind
  const { value: doc, changed } = normalizeText(input)
  const findings: Finding[] = changed.slice(0, 20).map((path) => ({
    ruleId: 'ELC.NFC',
    code: 'TEXT_NOT_NFC',
    severity: 'warning',
    path,
    message: text(
      `${labelOf(path).vi} (${path}): văn bản chưa ở dạng Unicode NFC; đã chuẩn hóa.`,
      `${labelOf(path).en} (${path}): text was not Unicode NFC; it has been normalised.`,
    ),
  }))
  const shape = schemaFindings(validatorFor(docKind).Errors(doc), (p) => get(doc, p))
  findings.push(...shape)
  const broken = shape.map((f) => f.path)
  findings.push(...runRules(rulesFor(docKind), doc, '', broken))
  if (docKind === 'paper_conversion')
    findings.push(...runRules(rulesFor('contract'), doc, '/contract', broken))
  return { recognised: true, kind: docKind, valid: !hasErrors(findings), findings, document: doc }
}
