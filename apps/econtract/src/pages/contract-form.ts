// The contract form: each input is named by the JSON pointer of the field it fills (R4.6 items), so a
// finding's `path` lands beside its input, in the browser script and in the server's re-render alike.
// The worker and employer blocks never come from the form: they come from the directory and the
// employer's profile (or the stored draft), so a posted form cannot change who signs.
import {
  CONSECUTIVE_LIMIT_EXCEPTIONS,
  CONTRACT_TYPES,
  type Finding,
  JOB_POSITION_CLASSES,
  MINOR_WORK_CATEGORIES,
  PAY_METHODS,
  PAY_PERIODS,
  SCHEMA_VERSION,
  type Text,
  WAGE_REGIONS,
  WAGE_UNITS,
} from '@elc/core'
import { bi, h, vnDate } from './layout.ts'

type Kind = 'text' | 'textarea' | 'date' | 'vnd' | 'hours' | 'bool' | 'enum'
type Vocabulary = { values: readonly string[]; labels: Record<string, Text> }

interface Field {
  /** Pointer under the document (rows: relative to the row). */
  path: string
  label: Text
  kind: Kind
  vocabulary?: Vocabulary
  required?: boolean
  hint?: Text
}

const t = (vi: string, en: string): Text => ({ vi, en })

const JOB: Field[] = [
  { path: '/job/title', label: t('Công việc', 'Job title'), kind: 'text', required: true },
  { path: '/job/description', label: t('Mô tả công việc', 'Job description'), kind: 'textarea' },
  {
    path: '/job/positionClass',
    label: t('Vị trí việc làm', 'Job position class'),
    kind: 'enum',
    vocabulary: JOB_POSITION_CLASSES,
    required: true,
  },
  {
    path: '/job/heavyHazardous',
    label: t('Nghề nặng nhọc, độc hại, nguy hiểm', 'Heavy, hazardous or dangerous work'),
    kind: 'bool',
  },
  {
    path: '/job/minorWorkCategory',
    label: t('Loại công việc (người chưa đủ 15 tuổi)', 'Work category (a minor under 15)'),
    kind: 'enum',
    vocabulary: MINOR_WORK_CATEGORIES,
  },
]

const WORKPLACE: Field[] = [
  { path: '/address', label: t('Địa chỉ nơi làm việc', 'Workplace address'), kind: 'text', required: true },
  { path: '/province', label: t('Tỉnh, thành phố', 'Province'), kind: 'text' },
  {
    path: '/wageRegion',
    label: t('Vùng lương tối thiểu', 'Minimum wage region'),
    kind: 'enum',
    vocabulary: WAGE_REGIONS,
    required: true,
  },
]

const TERM: Field[] = [
  { path: '/contractNumber', label: t('Số hợp đồng', 'Contract number'), kind: 'text' },
  {
    path: '/concludedOn',
    label: t('Ngày giao kết', 'Date concluded'),
    kind: 'date',
    required: true,
    hint: t('Ngày dự kiến các bên ký.', 'The day the parties are expected to sign.'),
  },
  {
    path: '/term/type',
    label: t('Loại hợp đồng', 'Contract type'),
    kind: 'enum',
    vocabulary: CONTRACT_TYPES,
    required: true,
  },
  { path: '/term/startDate', label: t('Ngày bắt đầu', 'Start date'), kind: 'date', required: true },
  {
    path: '/term/endDate',
    label: t('Ngày kết thúc', 'End date'),
    kind: 'date',
    hint: t('Chỉ với hợp đồng xác định thời hạn.', 'Definite-term contracts only.'),
  },
]

const PROBATION: Field[] = [
  { path: '/probation/startDate', label: t('Ngày bắt đầu thử việc', 'Probation start'), kind: 'date' },
  { path: '/probation/endDate', label: t('Ngày kết thúc thử việc', 'Probation end'), kind: 'date' },
  { path: '/probation/wage', label: t('Tiền lương thử việc (đồng)', 'Probation wage (VND)'), kind: 'vnd' },
]

const WAGE: Field[] = [
  { path: '/wage/amount', label: t('Mức lương (đồng)', 'Wage (VND)'), kind: 'vnd', required: true },
  {
    path: '/wage/unit',
    label: t('Trả theo', 'Paid per'),
    kind: 'enum',
    vocabulary: WAGE_UNITS,
    required: true,
  },
  {
    path: '/wage/payMethod',
    label: t('Hình thức trả lương', 'Pay method'),
    kind: 'enum',
    vocabulary: PAY_METHODS,
    required: true,
  },
  {
    path: '/wage/payPeriod',
    label: t('Kỳ hạn trả lương', 'Pay period'),
    kind: 'enum',
    vocabulary: PAY_PERIODS,
    required: true,
  },
  { path: '/wage/payDay', label: t('Thời điểm trả lương', 'Pay day'), kind: 'text' },
]

const COMPONENT: Field[] = [
  { path: '/name', label: t('Tên khoản', 'Name'), kind: 'text' },
  { path: '/amount', label: t('Số tiền (đồng)', 'Amount (VND)'), kind: 'vnd' },
]

const TERMS_OF_WORK: Field[] = [
  {
    path: '/raiseRegime',
    label: t('Chế độ nâng bậc, nâng lương', 'Promotion and pay rises'),
    kind: 'textarea',
    required: true,
  },
  {
    path: '/workingTime/hoursPerDay',
    label: t('Số giờ làm việc mỗi ngày', 'Hours per day'),
    kind: 'hours',
    required: true,
  },
  {
    path: '/workingTime/hoursPerWeek',
    label: t('Số giờ làm việc mỗi tuần', 'Hours per week'),
    kind: 'hours',
    required: true,
  },
  { path: '/workingTime/schedule', label: t('Lịch làm việc', 'Schedule'), kind: 'text' },
  {
    path: '/workingTime/restTime',
    label: t('Thời giờ nghỉ ngơi', 'Rest time'),
    kind: 'textarea',
    required: true,
  },
  {
    path: '/protectiveEquipment',
    label: t('Trang bị bảo hộ lao động', 'Protective equipment'),
    kind: 'textarea',
    required: true,
  },
  {
    path: '/insurance/socialInsurance',
    label: t('Bảo hiểm xã hội bắt buộc', 'Social insurance'),
    kind: 'bool',
  },
  { path: '/insurance/healthInsurance', label: t('Bảo hiểm y tế', 'Health insurance'), kind: 'bool' },
  {
    path: '/insurance/unemploymentInsurance',
    label: t('Bảo hiểm thất nghiệp', 'Unemployment insurance'),
    kind: 'bool',
  },
  {
    path: '/insurance/details',
    label: t('Chi tiết đóng bảo hiểm', 'Contribution details'),
    kind: 'textarea',
  },
  {
    path: '/training',
    label: t('Đào tạo, bồi dưỡng, nâng cao kỹ năng nghề', 'Training'),
    kind: 'textarea',
    required: true,
  },
]

const PRECEDING: Field[] = [
  { path: '/type', label: t('Loại hợp đồng', 'Contract type'), kind: 'enum', vocabulary: CONTRACT_TYPES },
  { path: '/startDate', label: t('Từ ngày', 'From'), kind: 'date' },
  { path: '/endDate', label: t('Đến ngày', 'To'), kind: 'date' },
]

/** Labor Code Art 21(2) (R4.6): further contents the parties agree, from a template or typed here. */
const CLAUSE: Field[] = [
  { path: '/title', label: t('Tiêu đề', 'Title'), kind: 'text' },
  { path: '/text', label: t('Nội dung', 'Text'), kind: 'textarea' },
]

const EXCEPTION: Field = {
  path: '/history/consecutiveLimitException',
  label: t('Trường hợp không giới hạn số lần ký', 'Exception to the consecutive-contract limit'),
  kind: 'enum',
  vocabulary: CONSECUTIVE_LIMIT_EXCEPTIONS,
}

/** Arrays of rows: where they live, their fields, and how many the schema allows. */
const ROWS = [
  { path: '/workplaces', fields: WORKPLACE, max: 20 },
  { path: '/wage/allowances', fields: COMPONENT, max: 50 },
  { path: '/wage/otherSupplements', fields: COMPONENT, max: 50 },
  { path: '/history/precedingContracts', fields: PRECEDING, max: 100 },
  { path: '/otherAgreements', fields: CLAUSE, max: 30 },
] as const

/** Arrays left out of the data when no row is filled, so a contract without them stays as it was. */
const OPTIONAL_ROWS: readonly string[] = ['/history/precedingContracts', '/otherAgreements']

const SCALARS: Field[] = [...JOB, ...TERM, ...PROBATION, ...WAGE, ...TERMS_OF_WORK, EXCEPTION]

export type FormFields = Record<string, unknown>

/** What the form carries besides the contract: the signing order and the agreed effective date (D8). */
export interface FormOptions {
  signingOrder: 'employer_first' | 'worker_first'
  agreedEffectiveDate?: string
  acknowledgeWarnings: boolean
}

function field(body: FormFields, name: string): string {
  const v = body[name]
  const one = Array.isArray(v) ? v[v.length - 1] : v
  if (one === undefined || one === null) return ''
  return String(one).normalize('NFC').trim()
}

function parseValue(kind: Kind, raw: string, present: boolean): unknown {
  switch (kind) {
    case 'bool':
      return present && raw !== '' && raw !== 'false' && raw !== '0'
    case 'vnd': {
      // "12.000.000", "12 000 000 đ": Vietnamese writes thousands with dots.
      const digits = raw.replace(/[.\s,_]|đồng|đ|VND/gi, '')
      return /^\d+$/.test(digits) ? Number(digits) : raw
    }
    case 'hours': {
      const n = Number(raw.replace(',', '.'))
      return Number.isFinite(n) ? n : raw
    }
    default:
      return raw
  }
}

function setPointer(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = pointer.split('/').slice(1)
  let node: Record<string, unknown> = target
  for (const [i, key] of parts.entries()) {
    if (i === parts.length - 1) node[key] = value
    else {
      const next = parts[i + 1] as string
      node[key] ??= /^\d+$/.test(next) ? [] : {}
      node = node[key] as Record<string, unknown>
    }
  }
}

function getPointer(source: unknown, pointer: string): unknown {
  let v = source
  for (const key of pointer.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

function rowIndexes(body: FormFields, prefix: string): number[] {
  const found = new Set<number>()
  const pattern = new RegExp(`^${prefix.replaceAll('/', '\\/')}\\/(\\d+)\\/`)
  for (const name of Object.keys(body)) {
    const m = pattern.exec(name)
    if (m) found.add(Number(m[1]))
  }
  return [...found].sort((a, b) => a - b)
}

/**
 * The contract data a posted form describes, around the worker and employer blocks given. Empty inputs
 * are left out so that the validator names every missing mandatory item (R4.6); a wrong number is kept
 * as typed so that its finding shows what was typed.
 */
export function contractFromForm(
  body: FormFields,
  parties: { worker: unknown; employer: unknown },
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    kind: 'contract',
    employer: parties.employer,
    worker: parties.worker,
    workplaces: [],
    wage: { allowances: [], otherSupplements: [] },
    insurance: {},
  }
  for (const f of SCALARS) {
    const raw = field(body, f.path)
    if (f.kind === 'bool') {
      const value = parseValue('bool', raw, f.path in body)
      // An optional flag is left out when unset; the insurance flags are always stated.
      if (value || f.path.startsWith('/insurance/')) setPointer(data, f.path, value)
    } else if (raw !== '') setPointer(data, f.path, parseValue(f.kind, raw, true))
  }
  for (const rows of ROWS) {
    const list: unknown[] = []
    for (const i of rowIndexes(body, rows.path)) {
      const row: Record<string, unknown> = {}
      for (const f of rows.fields) {
        let raw = field(body, `${rows.path}/${i}${f.path}`)
        if (rows.path === '/otherAgreements') raw = raw.replace(/\r\n?/g, '\n')
        if (raw !== '') row[f.path.slice(1)] = parseValue(f.kind, raw, true)
      }
      if (Object.keys(row).length > 0 && list.length < rows.max) list.push(row)
    }
    if (list.length > 0 || !OPTIONAL_ROWS.includes(rows.path)) setPointer(data, rows.path, list)
  }
  const history = data.history as Record<string, unknown> | undefined
  if (history && !history.precedingContracts) history.precedingContracts = []
  return data
}

export function optionsFromForm(body: FormFields): FormOptions {
  const date = field(body, 'agreedEffectiveDate')
  return {
    signingOrder: field(body, 'signingOrder') === 'worker_first' ? 'worker_first' : 'employer_first',
    ...(date ? { agreedEffectiveDate: date } : {}),
    acknowledgeWarnings: ['on', 'true', '1'].includes(field(body, 'acknowledgeWarnings')),
  }
}

/** The input id for a pointer. */
export function inputId(pointer: string): string {
  return `f${pointer.replaceAll('/', '-')}`
}

/** Every pointer the form renders an input (or a block) for, longest first, so a finding finds its nearest. */
function anchors(data: Record<string, unknown>): string[] {
  const list = ['/worker', '/employer', '/workplaces', '/wage/allowances', '/wage/otherSupplements']
  list.push('/otherAgreements')
  list.push('/job', '/term', '/probation', '/wage', '/workingTime', '/history')
  for (const f of SCALARS) list.push(f.path)
  for (const rows of ROWS) {
    const n = rowCount(data, rows.path, rows.max)
    for (let i = 0; i < n; i++) for (const f of rows.fields) list.push(`${rows.path}/${i}${f.path}`)
  }
  return list.sort((a, b) => b.length - a.length)
}

/** Where a finding is shown: its own input, else the nearest block that holds it, else the whole form (''). */
export function anchorOf(path: string, all: readonly string[]): string {
  for (const a of all) if (path === a || path.startsWith(`${a}/`)) return a
  return ''
}

function rowCount(data: Record<string, unknown>, path: string, max: number): number {
  const rows = getPointer(data, path)
  const n = Array.isArray(rows) ? rows.length : 0
  // One empty row beyond the filled ones: a form that grows without a script.
  return Math.min(n + 1, max)
}

export function findingItem(f: Finding, linkTo?: string): string {
  const body = `<strong>${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}</strong> (${h(f.ruleId)}) ${h(f.message.vi)}<span class="en block">${h(f.message.en)}</span>`
  return `<li class="msg ${f.severity}" data-code="${h(f.code)}" data-path="${h(f.path)}">${
    linkTo ? `<a href="#${h(linkTo)}">${body}</a>` : body
  }</li>`
}

function messagesFor(anchor: string, grouped: Map<string, Finding[]>): string {
  const list = grouped.get(anchor) ?? []
  return `<ul class="findings-list field-msgs" data-for="${h(anchor)}" aria-live="polite">${list.map((f) => findingItem(f)).join('')}</ul>`
}

function fieldState(anchor: string, grouped: Map<string, Finding[]>): string {
  const list = grouped.get(anchor) ?? []
  if (list.some((f) => f.severity === 'error')) return ' has-error'
  return list.length > 0 ? ' has-warning' : ''
}

function renderInput(f: Field, name: string, value: unknown, grouped: Map<string, Finding[]>): string {
  const id = inputId(name)
  const hint = f.hint ? `<span class="en block">${h(f.hint.vi)} — ${h(f.hint.en)}</span>` : ''
  const msgId = `m${id}`
  const common = `id="${id}" name="${h(name)}" aria-describedby="${msgId}"${f.required ? ' aria-required="true"' : ''}`
  const display = value === undefined || value === null ? '' : String(value)
  let control: string
  switch (f.kind) {
    case 'bool':
      return `<div class="field${fieldState(name, grouped)}" data-path="${h(name)}"><div class="check"><input type="checkbox" ${common}${value === true ? ' checked' : ''}>
<label for="${id}">${bi(f.label)}</label></div><div id="${msgId}">${messagesFor(name, grouped)}</div></div>`
    case 'enum':
      control = `<select ${common}><option value="">— Chọn / Choose —</option>${(
        f.vocabulary as Vocabulary
      ).values
        .map(
          (v) =>
            `<option value="${h(v)}"${v === display ? ' selected' : ''}>${h((f.vocabulary as Vocabulary).labels[v]?.vi ?? v)} / ${h((f.vocabulary as Vocabulary).labels[v]?.en ?? v)}</option>`,
        )
        .join('')}</select>`
      break
    case 'textarea':
      control = `<textarea ${common} rows="3">${h(display)}</textarea>`
      break
    case 'date':
      control = `<input type="date" ${common} value="${h(display)}">`
      break
    case 'vnd':
      control = `<input type="text" inputmode="numeric" autocomplete="off" ${common} value="${h(display)}">`
      break
    case 'hours':
      control = `<input type="text" inputmode="decimal" ${common} value="${h(display)}">`
      break
    default:
      control = `<input type="text" ${common} value="${h(display)}">`
  }
  return `<div class="field${fieldState(name, grouped)}" data-path="${h(name)}"><label for="${id}">${bi(f.label)}${f.required ? ' <span aria-hidden="true">*</span>' : ''}</label>
${hint}${control}<div id="${msgId}">${messagesFor(name, grouped)}</div></div>`
}

function scalar(f: Field, data: Record<string, unknown>, grouped: Map<string, Finding[]>): string {
  return renderInput(f, f.path, getPointer(data, f.path), grouped)
}

function rows(
  legend: Text,
  spec: (typeof ROWS)[number],
  data: Record<string, unknown>,
  grouped: Map<string, Finding[]>,
): string {
  const n = rowCount(data, spec.path, spec.max)
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const row = getPointer(data, `${spec.path}/${i}`)
    out.push(
      `<div class="row" data-row="${h(spec.path)}/${i}">${spec.fields
        .map((f) => renderInput(f, `${spec.path}/${i}${f.path}`, getPointer(row, f.path), grouped))
        .join('')}</div>`,
    )
  }
  return `<fieldset data-path="${h(spec.path)}"><legend>${bi(legend)}</legend>
${messagesFor(spec.path, grouped)}
${out.join('\n')}
<p class="en">Điền vào dòng trống rồi lưu để thêm dòng. / Fill in the empty row and save to add another.</p></fieldset>`
}

function block(
  legend: Text,
  path: string,
  fields: Field[],
  data: Record<string, unknown>,
  grouped: Map<string, Finding[]>,
  extra = '',
): string {
  return `<fieldset data-path="${h(path)}"><legend>${bi(legend)}</legend>
${messagesFor(path, grouped)}
${fields.map((f) => scalar(f, data, grouped)).join('\n')}${extra}</fieldset>`
}

function partyBlock(
  path: '/worker' | '/employer',
  data: Record<string, unknown>,
  grouped: Map<string, Finding[]>,
): string {
  const p = (data[path.slice(1)] ?? {}) as Record<string, unknown>
  const facts =
    path === '/worker'
      ? [
          [t('Họ và tên', 'Full name'), p.fullName],
          [t('Ngày sinh', 'Date of birth'), vnDate(p.dateOfBirth as string)],
          [t('Nơi cư trú', 'Residence'), p.residence],
          [
            t('Số giấy tờ', 'ID number'),
            `•••• ${String((p.idDocument as { number?: string } | undefined)?.number ?? '').slice(-4)}`,
          ],
        ]
      : [
          [t('Tên', 'Name'), p.name],
          [t('Mã số thuế', 'Tax code'), p.taxCode],
          [t('Địa chỉ', 'Address'), p.address],
          [
            t('Người giao kết', 'Signatory'),
            `${(p.signatory as { fullName?: string } | undefined)?.fullName ?? ''} — ${(p.signatory as { title?: string } | undefined)?.title ?? ''}`,
          ],
        ]
  const title = path === '/worker' ? t('Người lao động', 'Worker') : t('Người sử dụng lao động', 'Employer')
  const hint =
    path === '/worker'
      ? t('Từ danh bạ nhân viên; sửa tại danh bạ.', 'From the employee directory; edit it there.')
      : t('Từ hồ sơ người sử dụng lao động.', "From the employer's profile.")
  return `<fieldset class="party" data-path="${path}" id="${inputId(path)}"><legend>${bi(title)}</legend>
<dl class="facts">${facts.map(([k, v]) => `<dt>${bi(k as Text)}</dt><dd>${h(String(v ?? ''))}</dd>`).join('')}</dl>
<p class="en">${h(hint.vi)} — ${h(hint.en)}</p>
${messagesFor(path, grouped)}</fieldset>`
}

export interface ContractFormView {
  /** Where the form posts: POST /documents (new) or POST /documents/:id (a draft). */
  action: string
  csrf: string
  /** The hidden fields that say whose contract this is (employee and employer for a new draft). */
  hidden: Record<string, string>
  data: Record<string, unknown>
  options: Partial<FormOptions>
  /** False once the draft exists: the service keeps the order and date it was created with. */
  optionsEditable: boolean
  findings: Finding[]
  /** A refusal to show on top (send blocked by errors, warnings not confirmed). */
  problem?: Text
  /** A new draft: the employer's templates to start from, and the one applied. */
  templates?: TemplatePicker
}

export interface TemplatePicker {
  employer: string
  employee: string
  choices: Array<{ id: string; name: string; builtIn: boolean }>
  selected?: { id: string; name: string }
  startDate?: string
}

/** A plain GET form: choosing a template (and the start date its lengths count from) reloads the new draft. */
function templatePicker(p: TemplatePicker): string {
  const options = p.choices
    .map(
      (c) =>
        `<option value="${h(c.id)}"${c.id === p.selected?.id ? ' selected' : ''}>${h(c.name)}${c.builtIn ? ' ★' : ''}</option>`,
    )
    .join('')
  const applied = p.selected
    ? `<p class="msg" id="template-applied">Đã áp dụng mẫu <strong>${h(p.selected.name)}</strong>; kiểm tra lại từng mục trước khi lưu. <span class="en block">Template applied: ${h(p.selected.name)}; check each item before saving.</span></p>`
    : ''
  return `<form method="get" action="/documents/new" id="template-picker" class="picker">
<input type="hidden" name="employee" value="${h(p.employee)}"><input type="hidden" name="employer" value="${h(p.employer)}">
<fieldset><legend>${bi(t('Bắt đầu từ mẫu hợp đồng', 'Start from a template'))}</legend>
<div class="field"><label for="template">${bi(t('Mẫu hợp đồng', 'Template'))}</label><select id="template" name="template"><option value="">— Chọn / Choose —</option>${options}</select></div>
<div class="field"><label for="template-start">${bi(t('Ngày bắt đầu (để tính thời hạn, thử việc)', 'Start date (for the term and probation)'))}</label><input type="date" id="template-start" name="start" value="${h(p.startDate ?? '')}"></div>
<button type="submit" class="secondary">Áp dụng mẫu <span class="en">/ Apply template</span></button>
<p class="en"><a href="/templates?employer=${h(encodeURIComponent(p.employer))}">Quản lý mẫu / Manage templates</a></p>
</fieldset></form>${applied}`
}

/** The form and, beside it, the findings panel the script keeps up to date. */
export function contractForm(view: ContractFormView): string {
  const all = anchors(view.data)
  const grouped = new Map<string, Finding[]>()
  for (const f of view.findings) {
    const a = anchorOf(f.path, all)
    grouped.set(a, [...(grouped.get(a) ?? []), f])
  }
  const errors = view.findings.filter((f) => f.severity === 'error')
  const warnings = view.findings.filter((f) => f.severity === 'warning')
  const hidden = Object.entries(view.hidden)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join('')
  const o = view.options
  const disabled = view.optionsEditable ? '' : ' disabled'
  const signing = `<fieldset data-path="signing"><legend>${bi(t('Thứ tự ký và hiệu lực', 'Signing order and effect'))}</legend>
<div class="check"><input type="radio" id="order-employer" name="signingOrder" value="employer_first"${o.signingOrder !== 'worker_first' ? ' checked' : ''}${disabled}>
<label for="order-employer">${bi(t('Người sử dụng lao động ký trước', 'Employer signs first'))}</label></div>
<div class="check"><input type="radio" id="order-worker" name="signingOrder" value="worker_first"${o.signingOrder === 'worker_first' ? ' checked' : ''}${disabled}>
<label for="order-worker">${bi(t('Người lao động ký trước', 'Worker signs first'))}</label></div>
<div class="field"><label for="agreedEffectiveDate">${bi(t('Ngày có hiệu lực do hai bên thỏa thuận', 'Agreed effective date'))}</label>
<span class="en block">Để trống: hợp đồng có hiệu lực khi bên cuối cùng ký (Điều 8). — Empty: the contract takes effect at the last signature (D8).</span>
<input type="date" id="agreedEffectiveDate" name="agreedEffectiveDate" value="${h(o.agreedEffectiveDate ?? '')}"${disabled}></div>
${view.optionsEditable ? '' : '<p class="en">Đã cố định khi tạo bản nháp. — Fixed when the draft was created.</p>'}
</fieldset>`
  const form = `<form method="post" action="${h(view.action)}" id="contract-form" novalidate>
<input type="hidden" name="_csrf" value="${h(view.csrf)}">${hidden}
${partyBlock('/employer', view.data, grouped)}
${partyBlock('/worker', view.data, grouped)}
${block(t('Công việc', 'Job'), '/job', JOB, view.data, grouped)}
${rows(t('Địa điểm làm việc', 'Workplaces'), ROWS[0], view.data, grouped)}
${block(t('Thời hạn hợp đồng', 'Contract term'), '/term', TERM, view.data, grouped)}
${block(t('Thử việc (nếu có)', 'Probation (if any)'), '/probation', PROBATION, view.data, grouped)}
${block(t('Tiền lương', 'Wage'), '/wage', WAGE, view.data, grouped)}
${rows(t('Phụ cấp lương', 'Wage allowances'), ROWS[1], view.data, grouped)}
${rows(t('Các khoản bổ sung khác', 'Other supplements'), ROWS[2], view.data, grouped)}
${block(t('Thời giờ làm việc, bảo hộ, bảo hiểm, đào tạo', 'Working time, protection, insurance, training'), '/workingTime', TERMS_OF_WORK, view.data, grouped)}
${rows(t('Các hợp đồng liền trước với người lao động này', 'Preceding contracts with this worker'), ROWS[3], view.data, grouped)}
${block(t('Giới hạn ký liên tiếp', 'Consecutive-contract limit'), '/history', [EXCEPTION], view.data, grouped)}
${rows(t('Thỏa thuận khác', 'Other agreements'), ROWS[4], view.data, grouped)}
${signing}
<div class="check" id="ack-box"${warnings.length === 0 ? ' hidden' : ''}><input type="checkbox" id="acknowledgeWarnings" name="acknowledgeWarnings" value="on"${o.acknowledgeWarnings ? ' checked' : ''}>
<label for="acknowledgeWarnings">${bi(t('Tôi đã đọc các cảnh báo và vẫn muốn gửi ký', 'I have read the warnings and still want to send for signing'))}</label></div>
<div class="actions">
<button type="submit" name="intent" value="save" class="secondary">Lưu nháp <span class="en">/ Save draft</span></button>
<button type="submit" name="intent" value="send" id="send-button"${errors.length > 0 ? ' disabled aria-disabled="true"' : ''}>Gửi ký <span class="en">/ Send for signing</span></button>
<p id="send-blocked" class="msg error"${errors.length > 0 ? '' : ' hidden'}>Còn lỗi phải sửa trước khi gửi ký. <span class="en">Fix the errors before sending for signing.</span></p>
</div>
</form>`
  const aside = `<aside aria-labelledby="findings-title">
<h2 id="findings-title">Kiểm tra theo Bộ luật Lao động <span class="en">/ Labor-code check</span></h2>
<p id="findings-summary" role="status">${summary(errors.length, warnings.length)}</p>
<ul class="findings-list" id="findings">${view.findings.map((f) => findingItem(f, anchorInputId(anchorOf(f.path, all)))).join('')}</ul>
</aside>`
  const top = view.problem
    ? `<p class="msg error" id="problem" role="alert">${h(view.problem.vi)}<span class="en block">${h(view.problem.en)}</span></p>`
    : ''
  const picker = view.templates ? templatePicker(view.templates) : ''
  return `${top}${picker}<div class="layout">${form}${aside}</div>`
}

function anchorInputId(anchor: string): string {
  return anchor ? inputId(anchor) : 'findings-title'
}

export function summary(errors: number, warnings: number): string {
  if (errors === 0 && warnings === 0)
    return 'Không phát hiện lỗi hay cảnh báo. <span class="en">No errors or warnings found.</span>'
  return `${errors} lỗi, ${warnings} cảnh báo. <span class="en">${errors} error(s), ${warnings} warning(s).</span>`
}
