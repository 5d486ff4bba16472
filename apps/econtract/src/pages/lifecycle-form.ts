// The lifecycle form: the document's own fields, and for an annex or amendment every changeable term of
// the contract with its current value beside the new one. Findings sit beside their input, in the
// server's render and in the script's updates alike (each finding carries its `anchor`).
import type { Finding, Text } from '@elc/core'
import { DOCUMENT_TITLES } from '../contracts/index.ts'
import { findingItem, summary } from './contract-form.ts'
import { bi, h, vnDate, vnd } from './layout.ts'
import {
  anchorOf,
  CHANGEABLE_LISTS,
  changeableFor,
  changeName,
  getPointer,
  type InputSpec,
  KIND_FIELDS,
  type LifecycleKind,
  type ListSpec,
  replaceName,
  SITUATIONS,
} from './lifecycle-fields.ts'

const t = (vi: string, en: string): Text => ({ vi, en })

export function lifecycleInputId(name: string): string {
  return `l${name.replace(/[^A-Za-z0-9_]+/g, '-')}`
}

type Grouped = Map<string, Finding[]>

function messages(anchor: string, grouped: Grouped): string {
  return `<ul class="findings-list field-msgs" data-for="${h(anchor)}" aria-live="polite">${(
    grouped.get(anchor) ?? []
  )
    .map((f) => findingItem(f))
    .join('')}</ul>`
}

function state(anchor: string, grouped: Grouped): string {
  const list = grouped.get(anchor) ?? []
  if (list.some((f) => f.severity === 'error')) return ' has-error'
  return list.length > 0 ? ' has-warning' : ''
}

function control(spec: InputSpec, name: string, value: unknown, describedBy?: string): string {
  const id = lifecycleInputId(name)
  const common = `id="${id}" name="${h(name)}"${describedBy ? ` aria-describedby="${describedBy}"` : ''}${spec.required ? ' aria-required="true"' : ''}`
  const display = value === undefined || value === null ? '' : String(value)
  switch (spec.kind) {
    case 'enum': {
      const vocabulary = spec.vocabulary as NonNullable<InputSpec['vocabulary']>
      return `<select ${common}><option value="">— Chọn / Choose —</option>${vocabulary.values
        .map(
          (v) =>
            `<option value="${h(v)}"${v === display ? ' selected' : ''}>${h(vocabulary.labels[v]?.vi ?? v)} / ${h(vocabulary.labels[v]?.en ?? v)}</option>`,
        )
        .join('')}</select>`
    }
    case 'textarea':
      return `<textarea ${common} rows="3">${h(display)}</textarea>`
    case 'date':
      return `<input type="date" ${common} value="${h(display)}">`
    case 'vnd':
      return `<input type="text" inputmode="numeric" autocomplete="off" ${common} value="${h(display)}">`
    case 'hours':
      return `<input type="text" inputmode="decimal" ${common} value="${h(display)}">`
    default:
      return `<input type="text" ${common} value="${h(display)}">`
  }
}

function inputField(spec: InputSpec, name: string, value: unknown, grouped: Grouped, extra = ''): string {
  const id = lifecycleInputId(name)
  const hint = spec.hint ? `<span class="en block">${h(spec.hint.vi)} — ${h(spec.hint.en)}</span>` : ''
  return `<div class="field${state(name, grouped)}" data-path="${h(name)}"><label for="${id}">${bi(spec.label)}${spec.required ? ' <span aria-hidden="true">*</span>' : ''}</label>
${hint}${extra}${control(spec, name, value, `m${id}`)}<div id="m${id}">${messages(name, grouped)}</div></div>`
}

/** A contract value as the contract shows it. */
export function shown(spec: InputSpec, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—'
  if (spec.kind === 'vnd') return vnd(value)
  if (spec.kind === 'date') return vnDate(String(value))
  if (spec.kind === 'enum') {
    const label = spec.vocabulary?.labels[String(value)]
    return label ? `${h(label.vi)} <span class="en">/ ${h(label.en)}</span>` : h(String(value))
  }
  return h(String(value))
}

function shownList(list: ListSpec, value: unknown): string {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : []
  if (rows.length === 0) return '—'
  return rows
    .map((row) =>
      list.fields
        .map((f) => shown(f, row[f.path.slice(1)]))
        .filter((s) => s !== '—')
        .join(' — '),
    )
    .join('<br>')
}

function changeOf(data: Record<string, unknown>, pointer: string): { value: unknown } | undefined {
  const changes = Array.isArray(data.changes)
    ? (data.changes as Array<{ path?: unknown; value?: unknown }>)
    : []
  const found = changes.find((c) => c.path === pointer)
  return found ? { value: found.value } : undefined
}

function changesBlock(
  kind: LifecycleKind,
  data: Record<string, unknown>,
  contract: Record<string, unknown>,
  grouped: Grouped,
): string {
  const current = (s: string) =>
    `<span class="en block">Hiện tại <span class="en">/ Now</span>: <strong class="current">${s}</strong></span>`
  const scalars = changeableFor(kind)
    .map((spec) => {
      const name = changeName(spec.path)
      const label = { vi: `${spec.label.vi} — mới`, en: `${spec.label.en} — new` }
      return inputField(
        { ...spec, label },
        name,
        changeOf(data, spec.path)?.value,
        grouped,
        current(shown(spec, getPointer(contract, spec.path))),
      )
    })
    .join('\n')
  const lists = CHANGEABLE_LISTS.map((list) => {
    const name = changeName(list.path)
    const change = changeOf(data, list.path)
    const rows = (Array.isArray(change?.value) ? change.value : getPointer(contract, list.path)) as
      | Record<string, unknown>[]
      | undefined
    const count = Math.min((rows?.length ?? 0) + 1, list.max)
    const out: string[] = []
    for (let i = 0; i < count; i++)
      out.push(
        `<div class="row" data-row="${h(name)}/${i}">${list.fields
          .map((f) => inputField(f, `${name}/${i}${f.path}`, rows?.[i]?.[f.path.slice(1)], grouped))
          .join('')}</div>`,
      )
    const box = replaceName(list.path)
    return `<fieldset data-path="${h(name)}" id="${lifecycleInputId(name)}"><legend>${bi(list.label)}</legend>
${current(shownList(list, getPointer(contract, list.path)))}
<div class="check"><input type="checkbox" id="${lifecycleInputId(box)}" name="${h(box)}" value="on"${change ? ' checked' : ''}>
<label for="${lifecycleInputId(box)}">${bi(t('Thay danh sách này bằng các dòng dưới đây', 'Replace this list with the rows below'))}</label></div>
${messages(name, grouped)}
${out.join('\n')}</fieldset>`
  }).join('\n')
  return `<fieldset data-path="/changes" id="${lifecycleInputId('/changes')}"><legend>${bi(t('Nội dung thay đổi', 'What changes'))}</legend>
<p class="en">Chỉ điền giá trị mới cho điều khoản cần thay đổi; để trống là giữ nguyên. — Fill in a new value only for the terms that change; empty keeps the current one.</p>
${kind === 'annex' ? '<p class="en">Phụ lục không được sửa đổi thời hạn hợp đồng (Điều 22 khoản 2, R4.5). — An annex may not change the contract term (Art 22(2), R4.5).</p>' : ''}
${messages('/changes', grouped)}
${scalars}
${lists}</fieldset>`
}

function situationsBlock(data: Record<string, unknown>, grouped: Grouped): string {
  const ticked = new Set(Array.isArray(data.workerSituations) ? (data.workerSituations as string[]) : [])
  const boxes = SITUATIONS.values
    .map((s) => {
      const name = `/workerSituations/${s}`
      const id = lifecycleInputId(name)
      const label = SITUATIONS.labels[s] as Text
      return `<div class="check"><input type="checkbox" id="${id}" name="${h(name)}" value="on"${ticked.has(s) ? ' checked' : ''}><label for="${id}">${bi(label)}</label></div>`
    })
    .join('\n')
  return `<fieldset data-path="/workerSituations" id="${lifecycleInputId('/workerSituations')}"><legend>${bi(t('Người lao động đang (Điều 37)', 'The worker is currently (Art 37)'))}</legend>
<p class="en">Người sử dụng lao động không được đơn phương chấm dứt trong các trường hợp này (R4.25). — The employer may not terminate unilaterally in these situations (R4.25).</p>
${messages('/workerSituations', grouped)}
${boxes}</fieldset>`
}

function parentFacts(parent: { contractId: string; contract: Record<string, unknown> }): string {
  const c = parent.contract as {
    worker?: { fullName?: string }
    job?: { title?: string }
    term?: { type?: string; startDate?: string; endDate?: string }
    wage?: { amount?: number }
  }
  return `<dl class="facts" id="parent-contract">
<dt>${bi(t('Mã định danh hợp đồng', 'Contract ID'))}</dt><dd><span class="contract-id">${h(parent.contractId)}</span></dd>
<dt>${bi(t('Người lao động', 'Worker'))}</dt><dd>${h(c.worker?.fullName ?? '')}</dd>
<dt>${bi(t('Công việc', 'Job'))}</dt><dd>${h(c.job?.title ?? '')}</dd>
<dt>${bi(t('Thời hạn', 'Term'))}</dt><dd>${vnDate(c.term?.startDate)}${c.term?.endDate ? ` – ${vnDate(c.term.endDate)}` : ' — không xác định thời hạn <span class="en">/ indefinite</span>'}</dd>
<dt>${bi(t('Mức lương', 'Wage'))}</dt><dd>${vnd(c.wage?.amount)}</dd>
</dl>`
}

export interface LifecycleFormView {
  kind: LifecycleKind
  /** POST /documents/:contract/lifecycle (new) or POST /documents/:draft/lifecycle/edit. */
  action: string
  /** Where the script asks for live findings: POST /documents/:contract/lifecycle/findings. */
  findingsUrl: string
  csrf: string
  parent: { id: string; contractId: string; contract: Record<string, unknown> }
  data: Record<string, unknown>
  findings: Finding[]
  acknowledgeWarnings?: boolean
  problem?: Text
}

export function lifecycleTitle(kind: LifecycleKind): Text {
  return DOCUMENT_TITLES[kind] as Text
}

export function lifecycleForm(view: LifecycleFormView): string {
  const grouped: Grouped = new Map()
  for (const f of view.findings) {
    const a = anchorOf(f, view.data)
    grouped.set(a, [...(grouped.get(a) ?? []), f])
  }
  const errors = view.findings.filter((f) => f.severity === 'error')
  const warnings = view.findings.filter((f) => f.severity === 'warning')
  const own = KIND_FIELDS[view.kind]
    .map((spec) => inputField(spec, spec.path, getPointer(view.data, spec.path), grouped))
    .join('\n')
  const kindBlock =
    view.kind === 'annex' || view.kind === 'amendment'
      ? changesBlock(view.kind, view.data, view.parent.contract, grouped)
      : view.kind === 'termination'
        ? situationsBlock(view.data, grouped)
        : ''
  const form = `<form method="post" action="${h(view.action)}" id="lifecycle-form" data-findings="${h(view.findingsUrl)}" novalidate>
<input type="hidden" name="_csrf" value="${h(view.csrf)}"><input type="hidden" name="kind" value="${h(view.kind)}">
<fieldset><legend>${bi(t('Hợp đồng', 'The contract'))}</legend>
${parentFacts(view.parent)}
<p><a href="/documents/${h(view.parent.id)}">Xem hợp đồng <span class="en">/ See the contract</span></a></p></fieldset>
<fieldset data-path="/"><legend>${bi(lifecycleTitle(view.kind))}</legend>
${own}</fieldset>
${kindBlock}
<div class="check" id="ack-box"${warnings.length === 0 ? ' hidden' : ''}><input type="checkbox" id="acknowledgeWarnings" name="acknowledgeWarnings" value="on"${view.acknowledgeWarnings ? ' checked' : ''}>
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
<ul class="findings-list" id="findings">${view.findings
    .map((f) => {
      const a = anchorOf(f, view.data)
      return findingItem(f, a ? lifecycleInputId(a) : 'findings-title')
    })
    .join('')}</ul>
</aside>`
  const top = view.problem
    ? `<p class="msg error" id="problem" role="alert">${h(view.problem.vi)}<span class="en block">${h(view.problem.en)}</span></p>`
    : ''
  return `${top}<div class="layout">${form}${aside}</div>`
}
