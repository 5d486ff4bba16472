// The template form: name, defaults (inputs named by the JSON pointer of the default they set) and the
// clauses, with the list of merge fields beside them. Every value is escaped; a clause is shown as typed.
import {
  CONTRACT_TYPES,
  type Finding,
  JOB_POSITION_CLASSES,
  PAY_METHODS,
  PAY_PERIODS,
  type Text,
  WAGE_REGIONS,
  WAGE_UNITS,
} from '@elc/core'
import { bi, h } from '../pages/layout.ts'
import { MERGE_FIELDS } from './merge-fields.ts'
import { MAX_CLAUSES } from './template-input.ts'
import type { TemplateView } from './templates-service.ts'

type Kind = 'text' | 'textarea' | 'enum' | 'flag' | 'vnd' | 'int' | 'hours'
type Vocabulary = { values: readonly string[]; labels: Record<string, Text> }
interface Field {
  path: string
  label: Text
  kind: Kind
  vocabulary?: Vocabulary
}

const t = (vi: string, en: string): Text => ({ vi, en })

const FLAG: Vocabulary = {
  values: ['true', 'false'],
  labels: { true: t('Có', 'Yes'), false: t('Không', 'No') },
}

const GROUPS: Array<{ legend: Text; fields: Field[] }> = [
  {
    legend: t('Công việc', 'Job'),
    fields: [
      { path: '/job/title', label: t('Công việc', 'Job title'), kind: 'text' },
      { path: '/job/description', label: t('Mô tả công việc', 'Job description'), kind: 'textarea' },
      {
        path: '/job/positionClass',
        label: t('Vị trí việc làm', 'Job position class'),
        kind: 'enum',
        vocabulary: JOB_POSITION_CLASSES,
      },
      {
        path: '/job/heavyHazardous',
        label: t('Nghề nặng nhọc, độc hại, nguy hiểm', 'Heavy, hazardous or dangerous work'),
        kind: 'flag',
      },
    ],
  },
  {
    legend: t('Địa điểm làm việc', 'Workplace'),
    fields: [
      { path: '/workplaces/0/address', label: t('Địa chỉ nơi làm việc', 'Workplace address'), kind: 'text' },
      { path: '/workplaces/0/province', label: t('Tỉnh, thành phố', 'Province'), kind: 'text' },
      {
        path: '/workplaces/0/wageRegion',
        label: t('Vùng lương tối thiểu', 'Minimum wage region'),
        kind: 'enum',
        vocabulary: WAGE_REGIONS,
      },
    ],
  },
  {
    legend: t('Thời hạn và thử việc', 'Term and probation'),
    fields: [
      {
        path: '/term/type',
        label: t('Loại hợp đồng', 'Contract type'),
        kind: 'enum',
        vocabulary: CONTRACT_TYPES,
      },
      { path: '/term/months', label: t('Thời hạn (tháng)', 'Length (months)'), kind: 'int' },
      { path: '/probation/days', label: t('Thời gian thử việc (ngày)', 'Probation (days)'), kind: 'int' },
      {
        path: '/probation/wage',
        label: t('Tiền lương thử việc (đồng)', 'Probation wage (VND)'),
        kind: 'vnd',
      },
    ],
  },
  {
    legend: t('Tiền lương', 'Wage'),
    fields: [
      { path: '/wage/amount', label: t('Mức lương (đồng)', 'Wage (VND)'), kind: 'vnd' },
      { path: '/wage/unit', label: t('Trả theo', 'Paid per'), kind: 'enum', vocabulary: WAGE_UNITS },
      {
        path: '/wage/payMethod',
        label: t('Hình thức trả lương', 'Pay method'),
        kind: 'enum',
        vocabulary: PAY_METHODS,
      },
      {
        path: '/wage/payPeriod',
        label: t('Kỳ hạn trả lương', 'Pay period'),
        kind: 'enum',
        vocabulary: PAY_PERIODS,
      },
      { path: '/wage/payDay', label: t('Thời điểm trả lương', 'Pay day'), kind: 'text' },
      { path: '/wage/allowances/0/name', label: t('Phụ cấp 1: tên', 'Allowance 1: name'), kind: 'text' },
      {
        path: '/wage/allowances/0/amount',
        label: t('Phụ cấp 1: số tiền', 'Allowance 1: amount'),
        kind: 'vnd',
      },
      { path: '/wage/allowances/1/name', label: t('Phụ cấp 2: tên', 'Allowance 2: name'), kind: 'text' },
      {
        path: '/wage/allowances/1/amount',
        label: t('Phụ cấp 2: số tiền', 'Allowance 2: amount'),
        kind: 'vnd',
      },
      {
        path: '/raiseRegime',
        label: t('Chế độ nâng bậc, nâng lương', 'Promotion and pay rises'),
        kind: 'textarea',
      },
    ],
  },
  {
    legend: t(
      'Thời giờ làm việc, bảo hộ, bảo hiểm, đào tạo',
      'Working time, protection, insurance, training',
    ),
    fields: [
      { path: '/workingTime/hoursPerDay', label: t('Số giờ mỗi ngày', 'Hours per day'), kind: 'hours' },
      { path: '/workingTime/hoursPerWeek', label: t('Số giờ mỗi tuần', 'Hours per week'), kind: 'hours' },
      { path: '/workingTime/schedule', label: t('Lịch làm việc', 'Schedule'), kind: 'text' },
      { path: '/workingTime/restTime', label: t('Thời giờ nghỉ ngơi', 'Rest time'), kind: 'textarea' },
      {
        path: '/protectiveEquipment',
        label: t('Trang bị bảo hộ lao động', 'Protective equipment'),
        kind: 'textarea',
      },
      {
        path: '/insurance/socialInsurance',
        label: t('Bảo hiểm xã hội bắt buộc', 'Social insurance'),
        kind: 'flag',
      },
      { path: '/insurance/healthInsurance', label: t('Bảo hiểm y tế', 'Health insurance'), kind: 'flag' },
      {
        path: '/insurance/unemploymentInsurance',
        label: t('Bảo hiểm thất nghiệp', 'Unemployment insurance'),
        kind: 'flag',
      },
      {
        path: '/insurance/details',
        label: t('Chi tiết đóng bảo hiểm', 'Contribution details'),
        kind: 'textarea',
      },
      { path: '/training', label: t('Đào tạo, bồi dưỡng', 'Training'), kind: 'textarea' },
    ],
  },
]

export type FormBody = Record<string, unknown>

function one(body: FormBody, name: string): string {
  const v = body[name]
  const last = Array.isArray(v) ? v[v.length - 1] : v
  return last === undefined || last === null ? '' : String(last).normalize('NFC').trim()
}

function parse(kind: Kind, raw: string): unknown {
  switch (kind) {
    case 'flag':
      return raw === 'true' ? true : raw === 'false' ? false : undefined
    case 'vnd': {
      const digits = raw.replace(/[.\s,_]|đồng|đ|VND/gi, '')
      return /^\d+$/.test(digits) ? Number(digits) : raw
    }
    case 'int':
      return /^\d+$/.test(raw) ? Number(raw) : raw
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
      node[key] ??= /^\d+$/.test(parts[i + 1] as string) ? [] : {}
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

/** The posted form as the JSON a template is saved from: `{ name, description, defaults, clauses }`. */
export function templateFromForm(body: FormBody): Record<string, unknown> {
  const defaults: Record<string, unknown> = {}
  for (const group of GROUPS)
    for (const f of group.fields) {
      const raw = one(body, `/defaults${f.path}`)
      if (raw === '') continue
      const value = parse(f.kind, raw)
      if (value !== undefined) setPointer(defaults, f.path, value)
    }
  // Rows left partly empty are dropped whole: an allowance needs its name and amount.
  const wage = defaults.wage as { allowances?: Array<Record<string, unknown> | undefined> } | undefined
  if (wage?.allowances)
    wage.allowances = wage.allowances.filter((a) => a && a.name !== undefined && a.amount !== undefined)
  const workplaces = defaults.workplaces as unknown[] | undefined
  if (workplaces) defaults.workplaces = workplaces.filter(Boolean)
  const clauses: Array<{ title: string; text: string }> = []
  for (let i = 0; i < MAX_CLAUSES + 1; i++) {
    const title = one(body, `/clauses/${i}/title`)
    const text = one(body, `/clauses/${i}/text`)
    if (title || text) clauses.push({ title, text })
  }
  return { name: one(body, 'name'), description: one(body, 'description'), defaults, clauses }
}

export interface TemplateFormView {
  action: string
  csrf: string
  employer: string
  /** As stored, or as posted when it comes back with its problems. */
  template: { name?: string; description?: string; defaults?: unknown; clauses?: unknown }
  findings: Finding[]
  readOnly: boolean
}

function messages(path: string, findings: Finding[]): string {
  const list = findings.filter((f) => f.path === path || f.path.startsWith(`${path}/`))
  if (list.length === 0) return ''
  return `<ul class="findings-list field-msgs">${list
    .map(
      (f) =>
        `<li class="msg ${f.severity}" data-code="${h(f.code)}" data-path="${h(f.path)}">${h(f.message.vi)}<span class="en block">${h(f.message.en)}</span></li>`,
    )
    .join('')}</ul>`
}

const idOf = (name: string) => `t${name.replaceAll('/', '-')}`

function input(f: Field, value: unknown, findings: Finding[], disabled: string): string {
  const name = `/defaults${f.path}`
  const id = idOf(name)
  const shown = value === undefined || value === null ? '' : String(value)
  const common = `id="${id}" name="${h(name)}"${disabled}`
  let control: string
  if (f.kind === 'enum' || f.kind === 'flag') {
    const v = f.kind === 'flag' ? FLAG : (f.vocabulary as Vocabulary)
    control = `<select ${common}><option value="">— Không đặt sẵn / Not preset —</option>${v.values
      .map(
        (x) =>
          `<option value="${h(x)}"${x === shown ? ' selected' : ''}>${h(v.labels[x]?.vi ?? x)} / ${h(v.labels[x]?.en ?? x)}</option>`,
      )
      .join('')}</select>`
  } else if (f.kind === 'textarea') control = `<textarea ${common} rows="2">${h(shown)}</textarea>`
  else
    control = `<input type="text"${f.kind === 'text' ? '' : ' inputmode="numeric"'} ${common} value="${h(shown)}">`
  return `<div class="field" data-path="${h(name)}"><label for="${id}">${bi(f.label)}</label>${control}${messages(name, findings)}</div>`
}

/** The list of merge fields: a button per field inserts it where the cursor is (no script: copy it). */
export function mergeFieldPicker(): string {
  return `<aside aria-labelledby="merge-fields-title"><h2 id="merge-fields-title">Trường trộn <span class="en">/ Merge fields</span></h2>
<p class="en">Chèn vào điều khoản; khi soạn hợp đồng, trường được thay bằng thông tin của hợp đồng đó. — Insert into a clause; when drafting, each is replaced by that contract's data.</p>
<ul class="merge-fields" id="merge-fields">${MERGE_FIELDS.map(
    (m) =>
      `<li><button type="button" class="secondary merge-field" data-field="${h(m.name)}"><code>{{${h(m.name)}}}</code></button> ${bi(m.label)}</li>`,
  ).join('')}</ul></aside>`
}

/** Inserts a field at the cursor of the clause text last focused. */
export const PICKER_SCRIPT = `(() => {
  let target = null
  document.addEventListener('focusin', (e) => { if (e.target.matches && e.target.matches('textarea.clause-text')) target = e.target })
  for (const b of document.querySelectorAll('button.merge-field')) b.addEventListener('click', () => {
    const area = target || document.querySelector('textarea.clause-text')
    if (!area || area.disabled) return
    const token = '{{' + b.dataset.field + '}}'
    const at = area.selectionStart ?? area.value.length
    area.value = area.value.slice(0, at) + token + area.value.slice(area.selectionEnd ?? at)
    area.focus(); area.selectionStart = area.selectionEnd = at + token.length
  })
})()`

export function templateForm(view: TemplateFormView): string {
  const tpl = view.template
  const disabled = view.readOnly ? ' disabled' : ''
  const groups = GROUPS.map(
    (g) =>
      `<fieldset><legend>${bi(g.legend)}</legend>${g.fields
        .map((f) => input(f, getPointer(tpl.defaults, f.path), view.findings, disabled))
        .join('\n')}</fieldset>`,
  ).join('\n')
  const clauses = Array.isArray(tpl.clauses) ? (tpl.clauses as Array<Record<string, unknown>>) : []
  const rows = Math.min(clauses.length + (view.readOnly ? 0 : 1), MAX_CLAUSES)
  const clauseRows: string[] = []
  for (let i = 0; i < rows; i++) {
    const c = clauses[i] ?? {}
    const base = `/clauses/${i}`
    clauseRows.push(`<div class="row" data-row="${base}"><div class="field"><label for="${idOf(`${base}/title`)}">${bi(t(`Điều khoản ${i + 1}: tiêu đề`, `Clause ${i + 1}: title`))}</label>
<input type="text" id="${idOf(`${base}/title`)}" name="${base}/title" value="${h(String(c.title ?? ''))}"${disabled}>${messages(`${base}/title`, view.findings)}</div>
<div class="field"><label for="${idOf(`${base}/text`)}">${bi(t(`Điều khoản ${i + 1}: nội dung`, `Clause ${i + 1}: text`))}</label>
<textarea class="clause-text" id="${idOf(`${base}/text`)}" name="${base}/text" rows="4"${disabled}>${h(String(c.text ?? ''))}</textarea>${messages(`${base}/text`, view.findings)}</div></div>`)
  }
  const general = view.findings.filter(
    (f) => !f.path.startsWith('/defaults') && !f.path.startsWith('/clauses/'),
  )
  const top =
    view.findings.length > 0
      ? `<p class="msg error" id="problem" role="alert">Mẫu chưa lưu được; xem các lỗi bên dưới. <span class="en block">The template was not saved; see the problems below.</span></p>${messages(
          '',
          general.filter((f) => f.path !== '/name' && f.path !== '/description'),
        )}`
      : ''
  const actions = view.readOnly
    ? '<p class="en">Mẫu này chỉ xem. — This template is read-only.</p>'
    : `<div class="actions"><button type="submit">Lưu mẫu <span class="en">/ Save template</span></button></div>`
  return `${top}<div class="layout"><form method="post" action="${h(view.action)}" id="template-form" novalidate>
<input type="hidden" name="_csrf" value="${h(view.csrf)}"><input type="hidden" name="employer" value="${h(view.employer)}">
<fieldset><legend>${bi(t('Mẫu hợp đồng', 'Template'))}</legend>
<div class="field"><label for="t-name">${bi(t('Tên mẫu', 'Name'))} <span aria-hidden="true">*</span></label><input type="text" id="t-name" name="name" value="${h(tpl.name ?? '')}" aria-required="true"${disabled}>${messages('/name', view.findings)}</div>
<div class="field"><label for="t-description">${bi(t('Mô tả', 'Description'))}</label><textarea id="t-description" name="description" rows="2"${disabled}>${h(tpl.description ?? '')}</textarea>${messages('/description', view.findings)}</div>
</fieldset>
<h2>Giá trị đặt sẵn <span class="en">/ Defaults</span></h2>
<p class="en">Để trống những gì do từng hợp đồng quyết định. — Leave empty what each contract decides.</p>
${messages(
  '/defaults',
  view.findings.filter((f) => !GROUPS.some((g) => g.fields.some((x) => f.path === `/defaults${x.path}`))),
)}
${groups}
<fieldset data-path="/clauses"><legend>${bi(t('Thỏa thuận khác (Điều 21 khoản 2 Bộ luật Lao động)', 'Other agreements (Labor Code Art 21(2))'))}</legend>
${messages(
  '/clauses',
  view.findings.filter((f) => f.path === '/clauses'),
)}
${clauseRows.join('\n')}
${view.readOnly ? '' : '<p class="en">Điền vào dòng trống rồi lưu để thêm điều khoản. / Fill in the empty row and save to add a clause.</p>'}
</fieldset>
${actions}
</form>${mergeFieldPicker()}</div>`
}

export function templateList(
  templates: TemplateView[],
  o: { employer: string; csrf: string; archived: boolean },
): string {
  const rows = templates
    .map(
      (
        tpl,
      ) => `<tr data-template="${h(tpl.id)}"><td><a href="/templates/${h(tpl.id)}?employer=${encodeURIComponent(o.employer)}">${h(tpl.name)}</a>${
        tpl.builtIn ? ' <span class="badge">Có sẵn <span class="en">/ Built-in</span></span>' : ''
      }${tpl.archivedAt ? ' <span class="badge cancelled">Đã lưu trữ <span class="en">/ Archived</span></span>' : ''}<br><span class="en">${h(tpl.description ?? '')}</span></td>
<td>${tpl.clauses.length}</td>
<td>${
        tpl.builtIn || tpl.archivedAt
          ? ''
          : `<form method="post" action="/templates/${h(tpl.id)}/archive"><input type="hidden" name="_csrf" value="${h(o.csrf)}"><button type="submit" class="secondary">Lưu trữ <span class="en">/ Archive</span></button></form>`
      }</td></tr>`,
    )
    .join('\n')
  const employer = encodeURIComponent(o.employer)
  return `<p><a href="/templates/new?employer=${employer}">Tạo mẫu mới <span class="en">/ New template</span></a> · ${
    o.archived
      ? `<a href="/templates?employer=${employer}">Ẩn mẫu đã lưu trữ <span class="en">/ Hide archived</span></a>`
      : `<a href="/templates?employer=${employer}&amp;archived=1">Xem cả mẫu đã lưu trữ <span class="en">/ Show archived</span></a>`
  }</p>
<table id="templates"><thead><tr><th>Tên <span class="en">/ Name</span></th><th>Điều khoản <span class="en">/ Clauses</span></th><th></th></tr></thead>
<tbody>${rows}</tbody></table>`
}
