// A template as posted (JSON or the form, already turned into the same shape), checked when it is saved:
// the name, the defaults against their schema, and every clause's merge fields (unknown field, unbalanced
// braces) with the clause and the position, so that drafting never meets a broken template.
import { ElcError, type Finding, type Text, text } from '@elc/core'
import { Compile } from 'typebox/compile'
import { type Clause, parseMergeText, type SyntaxProblem } from './merge-fields.ts'
import { DEFAULT_KEYS, type TemplateDefaults, TemplateDefaultsSchema } from './template-defaults.ts'

export const MAX_CLAUSES = 30

export interface TemplateInput {
  name: string
  description?: string
  defaults: TemplateDefaults
  clauses: Clause[]
}

const checkDefaults = Compile(TemplateDefaultsSchema)

const nfc = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFC').trim() : '')

/** Strings NFC, empty strings and empty objects dropped: what was left blank is no default. */
function tidy(value: unknown): unknown {
  if (typeof value === 'string') {
    const s = value.normalize('NFC').trim()
    return s === '' ? undefined : s
  }
  if (Array.isArray(value)) return value.map(tidy).filter((v) => v !== undefined)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      const t = tidy(v)
      if (
        t !== undefined &&
        !(t && typeof t === 'object' && !Array.isArray(t) && Object.keys(t).length === 0)
      )
        out[k] = t
    }
    return out
  }
  return value
}

function problem(code: string, path: string, message: Text): Finding {
  return { ruleId: 'R4.6', code, severity: 'error', path, message }
}

function syntaxFinding(path: string, clause: number, p: SyntaxProblem): Finding {
  const where = text(
    `Điều khoản ${clause + 1}, dòng ${p.line}, cột ${p.column}`,
    `Clause ${clause + 1}, line ${p.line}, column ${p.column}`,
  )
  return p.code === 'TEMPLATE_MERGE_FIELD_UNKNOWN'
    ? problem(
        p.code,
        path,
        text(
          `${where.vi}: {{${p.name}}} không có trong danh sách trường trộn.`,
          `${where.en}: {{${p.name}}} is not one of the merge fields.`,
        ),
      )
    : problem(
        p.code,
        path,
        text(
          `${where.vi}: dấu ngoặc {{ }} không khớp; trường trộn viết dạng {{worker.fullName}}.`,
          `${where.en}: unbalanced {{ }} braces; a merge field is written {{worker.fullName}}.`,
        ),
      )
}

/** The template to store, or TEMPLATE_INVALID with one finding per problem (the form shows each by its field). */
export function parseTemplateInput(input: unknown): TemplateInput {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const findings: Finding[] = []
  const name = nfc(body.name)
  if (name === '' || name.length > 200)
    findings.push(
      problem(
        'TEMPLATE_NAME_INVALID',
        '/name',
        text('Tên mẫu phải có từ 1 đến 200 ký tự.', 'The name must have 1 to 200 characters.'),
      ),
    )
  const description = nfc(body.description)
  if (description.length > 1000)
    findings.push(
      problem(
        'TEMPLATE_DESCRIPTION_TOO_LONG',
        '/description',
        text('Mô tả dài quá 1.000 ký tự.', 'The description is longer than 1,000 characters.'),
      ),
    )

  const rawDefaults = (tidy(body.defaults ?? {}) ?? {}) as Record<string, unknown>
  const defaults: Record<string, unknown> = {}
  for (const key of DEFAULT_KEYS) if (rawDefaults[key] !== undefined) defaults[key] = rawDefaults[key]
  for (const key of Object.keys(rawDefaults))
    if (!(DEFAULT_KEYS as readonly string[]).includes(key))
      findings.push(
        problem(
          'TEMPLATE_DEFAULT_NOT_ALLOWED',
          `/defaults/${key}`,
          text(
            `Mẫu không đặt sẵn "${key}": các bên và ngày tháng là của từng hợp đồng.`,
            `A template does not preset "${key}": the parties and the dates belong to each contract.`,
          ),
        ),
      )
  for (const error of checkDefaults.Errors(defaults))
    findings.push(
      problem(
        'TEMPLATE_DEFAULT_INVALID',
        `/defaults${error.instancePath}`,
        text(
          `Giá trị mặc định không hợp lệ tại ${error.instancePath || '/'}: ${error.message}.`,
          `Invalid default at ${error.instancePath || '/'}: ${error.message}.`,
        ),
      ),
    )

  const rawClauses = Array.isArray(body.clauses) ? body.clauses : []
  if (rawClauses.length > MAX_CLAUSES)
    findings.push(
      problem(
        'TEMPLATE_TOO_MANY_CLAUSES',
        '/clauses',
        text(`Tối đa ${MAX_CLAUSES} điều khoản.`, `At most ${MAX_CLAUSES} clauses.`),
      ),
    )
  const clauses: Clause[] = []
  rawClauses.slice(0, MAX_CLAUSES).forEach((raw, i) => {
    const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
    const title = nfc(c.title)
    const body = typeof c.text === 'string' ? c.text.normalize('NFC').replace(/\r\n?/g, '\n').trim() : ''
    if (body === '' || body.length > 5000)
      findings.push(
        problem(
          'TEMPLATE_CLAUSE_TEXT_INVALID',
          `/clauses/${i}/text`,
          text(
            `Điều khoản ${i + 1}: nội dung phải có từ 1 đến 5.000 ký tự.`,
            `Clause ${i + 1}: the text must have 1 to 5,000 characters.`,
          ),
        ),
      )
    if (title.length > 200)
      findings.push(
        problem(
          'TEMPLATE_CLAUSE_TITLE_TOO_LONG',
          `/clauses/${i}/title`,
          text(
            `Điều khoản ${i + 1}: tiêu đề dài quá 200 ký tự.`,
            `Clause ${i + 1}: the title is over 200 characters.`,
          ),
        ),
      )
    for (const p of parseMergeText(title).problems) findings.push(syntaxFinding(`/clauses/${i}/title`, i, p))
    for (const p of parseMergeText(body).problems) findings.push(syntaxFinding(`/clauses/${i}/text`, i, p))
    clauses.push({ ...(title ? { title } : {}), text: body })
  })

  if (findings.length > 0)
    throw new ElcError(
      'TEMPLATE_INVALID',
      text(
        `Mẫu hợp đồng chưa lưu được: ${findings.length} lỗi.`,
        `The template was not saved: ${findings.length} problem(s).`,
      ),
      { status: 422, findings, ruleId: 'R4.6' },
    )
  return {
    name,
    ...(description ? { description } : {}),
    defaults: defaults as TemplateDefaults,
    clauses,
  }
}
