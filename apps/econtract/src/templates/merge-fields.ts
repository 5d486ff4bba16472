// Merge fields of a template's clauses: `{{worker.fullName}}` and the like, a declared list with labels and
// formatters. A template's text is checked when the template is saved (unknown field, unbalanced braces);
// at drafting a field is replaced by the draft's value, single pass, and a field with no value yet stays
// visible with a warning rather than printing blank. Values are plain text: pages escape, the PDF prints text.
import { CONTRACT_TYPES, type Finding, PAY_PERIODS, type Text, text, WAGE_UNITS } from '@elc/core'

export interface MergeField {
  name: string
  label: Text
  /** The value in the draft's data, as printed in the contract; undefined when the draft has none. */
  value(data: Record<string, unknown>): string | undefined
}

const at = (data: unknown, path: string): unknown => {
  let v = data
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

const plain = (path: string) => (data: Record<string, unknown>) => {
  const v = at(data, path)
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}

/** `YYYY-MM-DD` → dd/mm/yyyy; anything else (a half-typed date) counts as no value. */
const date = (path: string) => (data: Record<string, unknown>) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(at(data, path) ?? ''))
  return m ? `${m[3]}/${m[2]}/${m[1]}` : undefined
}

/** Integer VND: 12000000 → "12.000.000 đồng". */
export function formatVnd(amount: number): string {
  return `${String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`
}

const money = (path: string) => (data: Record<string, unknown>) => {
  const v = at(data, path)
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? formatVnd(v) : undefined
}

const hours = (path: string) => (data: Record<string, unknown>) => {
  const v = at(data, path)
  return typeof v === 'number' && Number.isFinite(v) ? String(v).replace('.', ',') : undefined
}

const vocabulary = (path: string, labels: Record<string, Text>) => (data: Record<string, unknown>) => {
  const v = at(data, path)
  return typeof v === 'string' ? labels[v]?.vi : undefined
}

const f = (name: string, vi: string, en: string, value: MergeField['value']): MergeField => ({
  name,
  label: text(vi, en),
  value,
})

/** Every field a clause may use. Personal ID numbers are left out on purpose: the parties block prints them. */
export const MERGE_FIELDS: readonly MergeField[] = [
  f('worker.fullName', 'Họ tên người lao động', "Worker's full name", plain('worker.fullName')),
  f('worker.dateOfBirth', 'Ngày sinh người lao động', "Worker's date of birth", date('worker.dateOfBirth')),
  f('worker.residence', 'Nơi cư trú của người lao động', "Worker's residence", plain('worker.residence')),
  f('employer.name', 'Tên người sử dụng lao động', "Employer's name", plain('employer.name')),
  f('employer.address', 'Địa chỉ người sử dụng lao động', "Employer's address", plain('employer.address')),
  f('employer.taxCode', 'Mã số thuế', 'Tax code', plain('employer.taxCode')),
  f(
    'employer.signatory.fullName',
    'Người giao kết phía người sử dụng lao động',
    "Employer's signatory",
    plain('employer.signatory.fullName'),
  ),
  f(
    'employer.signatory.title',
    'Chức danh người giao kết',
    "Signatory's title",
    plain('employer.signatory.title'),
  ),
  f('contract.number', 'Số hợp đồng', 'Contract number', plain('contractNumber')),
  f('contract.concludedOn', 'Ngày giao kết', 'Date concluded', date('concludedOn')),
  f('job.title', 'Công việc, chức danh', 'Job title', plain('job.title')),
  f('workplace.address', 'Địa điểm làm việc', 'Workplace address', plain('workplaces.0.address')),
  f('term.type', 'Loại hợp đồng', 'Contract type', vocabulary('term.type', CONTRACT_TYPES.labels)),
  f('term.startDate', 'Ngày bắt đầu', 'Start date', date('term.startDate')),
  f('term.endDate', 'Ngày kết thúc', 'End date', date('term.endDate')),
  f('probation.startDate', 'Ngày bắt đầu thử việc', 'Probation start', date('probation.startDate')),
  f('probation.endDate', 'Ngày kết thúc thử việc', 'Probation end', date('probation.endDate')),
  f('probation.wage', 'Tiền lương thử việc', 'Probation wage', money('probation.wage')),
  f('wage.amount', 'Mức lương', 'Wage amount', money('wage.amount')),
  f('wage.unit', 'Hình thức trả lương', 'Wage basis', vocabulary('wage.unit', WAGE_UNITS.labels)),
  f('wage.payPeriod', 'Kỳ hạn trả lương', 'Pay period', vocabulary('wage.payPeriod', PAY_PERIODS.labels)),
  f('wage.payDay', 'Thời điểm trả lương', 'Pay day', plain('wage.payDay')),
  f('workingTime.hoursPerDay', 'Số giờ làm việc mỗi ngày', 'Hours per day', hours('workingTime.hoursPerDay')),
  f(
    'workingTime.hoursPerWeek',
    'Số giờ làm việc mỗi tuần',
    'Hours per week',
    hours('workingTime.hoursPerWeek'),
  ),
]

const BY_NAME = new Map(MERGE_FIELDS.map((m) => [m.name, m]))

export function mergeField(name: string): MergeField | undefined {
  return BY_NAME.get(name)
}

/** A piece of clause text: literal text, or a field with where it starts (UTF-16 offset into the NFC text). */
export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; raw: string; offset: number }

export interface SyntaxProblem {
  code: 'TEMPLATE_MERGE_FIELD_UNKNOWN' | 'TEMPLATE_BRACES_UNBALANCED'
  /** Offset in the NFC text, and the same as line and column (1-based), for people. */
  offset: number
  line: number
  column: number
  /** The field name, for an unknown field. */
  name?: string
}

const NAME = /^\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\s*$/

/**
 * Splits clause text into literal text and `{{ name }}` fields. `{{` without its `}}`, a `{{` inside a
 * field, a stray `}}` or a field whose inside is not a dotted name is an unbalanced-braces problem; a
 * well-formed name not in MERGE_FIELDS is an unknown-field problem. Single braces are literal text.
 */
export function parseMergeText(input: string): { tokens: Token[]; problems: SyntaxProblem[] } {
  const source = input.normalize('NFC')
  const tokens: Token[] = []
  const problems: SyntaxProblem[] = []
  const problem = (code: SyntaxProblem['code'], offset: number, name?: string) =>
    problems.push({ code, offset, ...lineColumn(source, offset), ...(name ? { name } : {}) })
  let literal = ''
  let i = 0
  while (i < source.length) {
    const open = source.indexOf('{{', i)
    const strayClose = source.indexOf('}}', i)
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      problem('TEMPLATE_BRACES_UNBALANCED', strayClose)
      literal += source.slice(i, strayClose + 2)
      i = strayClose + 2
      continue
    }
    if (open === -1) {
      literal += source.slice(i)
      break
    }
    literal += source.slice(i, open)
    const close = source.indexOf('}}', open + 2)
    const nested = source.indexOf('{{', open + 2)
    if (close === -1 || (nested !== -1 && nested < close)) {
      problem('TEMPLATE_BRACES_UNBALANCED', open)
      literal += '{{'
      i = open + 2
      continue
    }
    const raw = source.slice(open, close + 2)
    const inside = NAME.exec(source.slice(open + 2, close))
    if (!inside) problem('TEMPLATE_BRACES_UNBALANCED', open)
    else if (!BY_NAME.has(inside[1] as string)) problem('TEMPLATE_MERGE_FIELD_UNKNOWN', open, inside[1])
    if (literal) tokens.push({ kind: 'text', text: literal })
    literal = ''
    tokens.push({ kind: 'field', name: inside?.[1] ?? '', raw, offset: open })
    i = close + 2
  }
  if (literal) tokens.push({ kind: 'text', text: literal })
  return { tokens, problems }
}

function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}

/** A value never turns into markup of the template: no control characters, no braces that pair up later. */
function inert(value: string): string {
  const printable = [...value.normalize('NFC')]
    .filter((c) => {
      const code = c.codePointAt(0) as number
      return c === '\n' || c === '\t' || (code >= 0x20 && code !== 0x7f)
    })
    .join('')
  return printable.replaceAll('{{', '{ {').replaceAll('}}', '} }')
}

export interface Resolution {
  text: string
  /** Known fields with no value in this draft: they stay in the text as written. */
  missing: Array<{ name: string; offset: number }>
  /** Names that are not merge fields (a template saved with them is refused; a draft only warns). */
  unknown: Array<{ name: string; offset: number }>
}

/** One pass over the text: each known field with a value is replaced; the values are not read again. */
export function resolveMergeText(input: string, data: Record<string, unknown>): Resolution {
  const { tokens } = parseMergeText(input)
  const missing: Resolution['missing'] = []
  const unknown: Resolution['unknown'] = []
  let out = ''
  for (const token of tokens) {
    if (token.kind === 'text') {
      out += token.text
      continue
    }
    const field = BY_NAME.get(token.name)
    const value = field?.value(data)
    if (value !== undefined && value.trim() !== '') out += inert(value)
    else {
      out += token.raw
      if (field) missing.push({ name: token.name, offset: token.offset })
      else if (token.name) unknown.push({ name: token.name, offset: token.offset })
    }
  }
  return { text: out.normalize('NFC'), missing, unknown }
}

export interface Clause {
  title?: string
  text: string
}

/**
 * The draft's other agreements with their fields resolved against the draft itself, and a warning for
 * each field that is still unresolved (R4.6: what the parties sign must say what they agreed).
 */
export function resolveDraftClauses(data: Record<string, unknown>): {
  data: Record<string, unknown>
  findings: Finding[]
} {
  const clauses = data.otherAgreements
  if (!Array.isArray(clauses)) return { data, findings: [] }
  const findings: Finding[] = []
  const resolved = clauses.map((clause, i) => {
    if (!clause || typeof clause !== 'object') return clause
    const c = { ...(clause as Record<string, unknown>) }
    for (const key of ['title', 'text'] as const) {
      if (typeof c[key] !== 'string') continue
      const r = resolveMergeText(c[key] as string, data)
      c[key] = r.text
      const path = `/otherAgreements/${i}/${key}`
      for (const m of r.missing) findings.push(missingFinding(path, m.name))
      for (const u of r.unknown) findings.push(unknownFinding(path, u.name))
    }
    return c
  })
  return { data: { ...data, otherAgreements: resolved }, findings }
}

function missingFinding(path: string, name: string): Finding {
  const label = BY_NAME.get(name)?.label ?? text(name, name)
  return {
    ruleId: 'R4.6',
    code: 'MERGE_FIELD_NO_VALUE',
    severity: 'warning',
    path,
    message: text(
      `Trường trộn {{${name}}} (${label.vi}) chưa có giá trị trong hợp đồng này; hãy điền thông tin hoặc sửa điều khoản.`,
      `Merge field {{${name}}} (${label.en}) has no value in this contract yet; fill it in or edit the clause.`,
    ),
  }
}

function unknownFinding(path: string, name: string): Finding {
  return {
    ruleId: 'R4.6',
    code: 'MERGE_FIELD_UNKNOWN',
    severity: 'warning',
    path,
    message: text(
      `{{${name}}} không phải là trường trộn; văn bản sẽ in nguyên như vậy.`,
      `{{${name}}} is not a merge field; it will be printed as written.`,
    ),
  }
}
