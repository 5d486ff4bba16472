// The inputs of the lifecycle form and the document they make. Each document field is named by its JSON
// pointer, as in the contract form; a change to the contract is named `change:<pointer into the
// contract>` and a list (allowances, workplaces) is replaced whole when `replace:<pointer>` is ticked.
import {
  EMPLOYER_TERMINATION_GROUNDS,
  type Finding,
  JOB_POSITION_CLASSES,
  PAY_METHODS,
  PAY_PERIODS,
  PROTECTED_SITUATIONS,
  SCHEMA_VERSION,
  SUSPENSION_REASONS,
  TERMINATION_INITIATORS,
  TERMINATION_REASONS,
  type Text,
  WAGE_REGIONS,
  WAGE_UNITS,
  WORKER_NO_NOTICE_GROUNDS,
} from '@elc/core'
import { type FormBody, field, ticked } from './lifecycle-http.ts'

export const LIFECYCLE_KINDS = ['annex', 'amendment', 'suspension', 'termination'] as const
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number]

export function isLifecycleKind(kind: unknown): kind is LifecycleKind {
  return (LIFECYCLE_KINDS as readonly unknown[]).includes(kind)
}

export type InputKind = 'text' | 'textarea' | 'date' | 'vnd' | 'hours' | 'enum'
export type Vocabulary = { values: readonly string[]; labels: Record<string, Text> }

export interface InputSpec {
  path: string
  label: Text
  kind: InputKind
  vocabulary?: Vocabulary
  required?: boolean
  hint?: Text
}

const t = (vi: string, en: string): Text => ({ vi, en })

const CONCLUDED: InputSpec = {
  path: '/concludedOn',
  label: t('Ngày ký', 'Date signed'),
  kind: 'date',
  required: true,
  hint: t('Ngày dự kiến bên cuối cùng ký.', 'The day the last party is expected to sign.'),
}
const EFFECTIVE: InputSpec = {
  path: '/effectiveDate',
  label: t('Ngày có hiệu lực', 'Effective date'),
  kind: 'date',
  required: true,
}
const DETAILS: InputSpec = { path: '/details', label: t('Chi tiết', 'Details'), kind: 'textarea' }

/** The document's own fields, by kind (the changes of an annex or amendment come after). */
export const KIND_FIELDS: Record<LifecycleKind, InputSpec[]> = {
  annex: [
    { path: '/annexNumber', label: t('Số phụ lục', 'Annex number'), kind: 'text' },
    CONCLUDED,
    EFFECTIVE,
  ],
  amendment: [CONCLUDED, EFFECTIVE],
  suspension: [
    CONCLUDED,
    {
      path: '/reason',
      label: t('Lý do tạm hoãn (Điều 30)', 'Reason for suspension (Art 30)'),
      kind: 'enum',
      vocabulary: SUSPENSION_REASONS,
      required: true,
    },
    { path: '/startDate', label: t('Tạm hoãn từ ngày', 'Suspended from'), kind: 'date', required: true },
    { path: '/endDate', label: t('Đến ngày', 'Until'), kind: 'date' },
    DETAILS,
  ],
  termination: [
    CONCLUDED,
    {
      path: '/reason',
      label: t('Trường hợp chấm dứt (Điều 34)', 'Ground for termination (Art 34)'),
      kind: 'enum',
      vocabulary: TERMINATION_REASONS,
      required: true,
    },
    {
      path: '/initiatedBy',
      label: t('Bên chấm dứt', 'Terminated by'),
      kind: 'enum',
      vocabulary: TERMINATION_INITIATORS,
      required: true,
      hint: t(
        'Bên chấm dứt ký văn bản; hai bên cùng ký khi thỏa thuận.',
        'The terminating party signs; both sign when by agreement.',
      ),
    },
    {
      path: '/noticeDate',
      label: t('Ngày báo trước', 'Notice date'),
      kind: 'date',
      hint: t(
        'Khi đơn phương chấm dứt phải báo trước (Điều 35, 36).',
        'Needed when one party terminates with notice (Arts 35, 36).',
      ),
    },
    {
      path: '/terminationDate',
      label: t('Ngày chấm dứt (ngày làm việc cuối cùng)', 'Termination date (last day)'),
      kind: 'date',
      required: true,
    },
    {
      path: '/employerGround',
      label: t(
        'Căn cứ người sử dụng lao động đơn phương chấm dứt (Điều 36 khoản 1)',
        "Employer's ground (Art 36(1))",
      ),
      kind: 'enum',
      vocabulary: EMPLOYER_TERMINATION_GROUNDS,
      hint: t(
        'Chỉ khi người sử dụng lao động đơn phương chấm dứt.',
        'Only for an employer’s unilateral termination.',
      ),
    },
    {
      path: '/workerNoNoticeGround',
      label: t(
        'Trường hợp người lao động nghỉ không cần báo trước (Điều 35 khoản 2)',
        'Worker leaves without notice (Art 35(2))',
      ),
      kind: 'enum',
      vocabulary: WORKER_NO_NOTICE_GROUNDS,
      hint: t('Chỉ khi người lao động đơn phương chấm dứt.', 'Only for a worker’s unilateral termination.'),
    },
    DETAILS,
  ],
}

/** R4.25: the worker's protected situations, ticked one by one (`/workerSituations/<value>`). */
export const SITUATIONS = PROTECTED_SITUATIONS

/** A field of the contract an annex or amendment may change, with the contract's current value beside it. */
export interface ChangeSpec extends InputSpec {
  /** R4.5: an annex may not change the term; only an amendment offers it. */
  amendmentOnly?: boolean
}

export const CHANGEABLE: ChangeSpec[] = [
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
  { path: '/job/title', label: t('Công việc', 'Job title'), kind: 'text' },
  { path: '/job/description', label: t('Mô tả công việc', 'Job description'), kind: 'textarea' },
  {
    path: '/job/positionClass',
    label: t('Vị trí việc làm', 'Job position class'),
    kind: 'enum',
    vocabulary: JOB_POSITION_CLASSES,
  },
  { path: '/workingTime/hoursPerDay', label: t('Số giờ làm việc mỗi ngày', 'Hours per day'), kind: 'hours' },
  {
    path: '/workingTime/hoursPerWeek',
    label: t('Số giờ làm việc mỗi tuần', 'Hours per week'),
    kind: 'hours',
  },
  { path: '/workingTime/schedule', label: t('Lịch làm việc', 'Schedule'), kind: 'text' },
  { path: '/workingTime/restTime', label: t('Thời giờ nghỉ ngơi', 'Rest time'), kind: 'textarea' },
  {
    path: '/raiseRegime',
    label: t('Chế độ nâng bậc, nâng lương', 'Promotion and pay rises'),
    kind: 'textarea',
  },
  {
    path: '/protectiveEquipment',
    label: t('Trang bị bảo hộ lao động', 'Protective equipment'),
    kind: 'textarea',
  },
  { path: '/training', label: t('Đào tạo, bồi dưỡng', 'Training'), kind: 'textarea' },
  {
    path: '/term/endDate',
    label: t('Ngày kết thúc hợp đồng', 'Contract end date'),
    kind: 'date',
    amendmentOnly: true,
  },
]

export interface ListSpec {
  path: string
  label: Text
  fields: InputSpec[]
  max: number
}

export const CHANGEABLE_LISTS: ListSpec[] = [
  {
    path: '/wage/allowances',
    label: t('Phụ cấp lương', 'Wage allowances'),
    fields: [
      { path: '/name', label: t('Tên khoản', 'Name'), kind: 'text' },
      { path: '/amount', label: t('Số tiền (đồng)', 'Amount (VND)'), kind: 'vnd' },
    ],
    max: 50,
  },
  {
    path: '/wage/otherSupplements',
    label: t('Các khoản bổ sung khác', 'Other supplements'),
    fields: [
      { path: '/name', label: t('Tên khoản', 'Name'), kind: 'text' },
      { path: '/amount', label: t('Số tiền (đồng)', 'Amount (VND)'), kind: 'vnd' },
    ],
    max: 50,
  },
  {
    path: '/workplaces',
    label: t('Địa điểm làm việc', 'Workplaces'),
    fields: [
      { path: '/address', label: t('Địa chỉ', 'Address'), kind: 'text' },
      { path: '/province', label: t('Tỉnh, thành phố', 'Province'), kind: 'text' },
      {
        path: '/wageRegion',
        label: t('Vùng lương tối thiểu', 'Minimum wage region'),
        kind: 'enum',
        vocabulary: WAGE_REGIONS,
      },
    ],
    max: 20,
  },
]

export function changeableFor(kind: LifecycleKind): ChangeSpec[] {
  return CHANGEABLE.filter((c) => kind === 'amendment' || !c.amendmentOnly)
}

export const changeName = (pointer: string) => `change:${pointer}`
export const replaceName = (pointer: string) => `replace:${pointer}`

/** A typed value: VND written with dots ("19.500.000 đ") becomes an integer; a wrong number stays as typed. */
export function parseInput(kind: InputKind, raw: string): unknown {
  if (kind === 'vnd') {
    const digits = raw.replace(/[.\s,_]|đồng|đ|VND/gi, '')
    return /^\d+$/.test(digits) ? Number(digits) : raw
  }
  if (kind === 'hours') {
    const n = Number(raw.replace(',', '.'))
    return Number.isFinite(n) ? n : raw
  }
  return raw
}

export function getPointer(source: unknown, pointer: string): unknown {
  let v = source
  for (const key of pointer.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

function rowIndexes(body: FormBody, prefix: string): number[] {
  const found = new Set<number>()
  for (const name of Object.keys(body)) {
    if (!name.startsWith(`${prefix}/`)) continue
    const m = /^(\d+)\//.exec(name.slice(prefix.length + 1))
    if (m) found.add(Number(m[1]))
  }
  return [...found].sort((a, b) => a - b)
}

export interface ParentFacts {
  contractId: string
  contract: Record<string, unknown>
}

/**
 * The lifecycle document a posted form describes. Empty inputs are left out so the validator names what
 * is missing. The parent's ID and, for a termination, its term come from the issued contract, never from
 * the form (the notice rules R4.20–R4.23 need the term).
 */
export function lifecycleFromForm(
  kind: LifecycleKind,
  body: FormBody,
  parent: ParentFacts,
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    kind,
    parentContractId: parent.contractId,
  }
  for (const f of KIND_FIELDS[kind]) {
    const raw = field(body, f.path)
    if (raw !== '') data[f.path.slice(1)] = parseInput(f.kind, raw)
  }
  if (kind === 'annex' || kind === 'amendment') data.changes = changesFromForm(kind, body)
  if (kind === 'termination') {
    const situations = SITUATIONS.values.filter((s) => ticked(body, `/workerSituations/${s}`))
    if (situations.length > 0) data.workerSituations = situations
  }
  return withParentFacts(data, parent)
}

/** Whatever the client sent, the parent's ID and term are the issued contract's. */
export function withParentFacts(data: Record<string, unknown>, parent: ParentFacts): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data, parentContractId: parent.contractId }
  if (out.kind === 'termination') {
    const term = parent.contract.term
    if (term) out.parentTerm = term
    else delete out.parentTerm
  }
  return out
}

function changesFromForm(kind: LifecycleKind, body: FormBody): Array<{ path: string; value: unknown }> {
  const changes: Array<{ path: string; value: unknown }> = []
  for (const c of changeableFor(kind)) {
    const raw = field(body, changeName(c.path))
    if (raw !== '') changes.push({ path: c.path, value: parseInput(c.kind, raw) })
  }
  for (const list of CHANGEABLE_LISTS) {
    if (!ticked(body, replaceName(list.path))) continue
    const rows: unknown[] = []
    for (const i of rowIndexes(body, changeName(list.path))) {
      const row: Record<string, unknown> = {}
      for (const f of list.fields) {
        const raw = field(body, `${changeName(list.path)}/${i}${f.path}`)
        if (raw !== '') row[f.path.slice(1)] = parseInput(f.kind, raw)
      }
      if (Object.keys(row).length > 0 && rows.length < list.max) rows.push(row)
    }
    changes.push({ path: list.path, value: rows })
  }
  return changes
}

/** The form input a finding belongs beside: a change's input, a field, the changes block, or '' (the panel). */
export function anchorOf(f: Pick<Finding, 'path'>, data: Record<string, unknown>): string {
  const change = /^\/changes\/(\d+)(\/|$)/.exec(f.path)
  if (change) {
    const target = (data.changes as Array<{ path?: unknown }> | undefined)?.[Number(change[1])]?.path
    return typeof target === 'string' && knownChange(target) ? changeName(target) : '/changes'
  }
  if (f.path === '/changes') return '/changes'
  if (f.path.startsWith('/workerSituations')) return '/workerSituations'
  const kind = isLifecycleKind(data.kind) ? data.kind : undefined
  const own = kind ? KIND_FIELDS[kind].map((s) => s.path) : []
  return own.find((p) => f.path === p || f.path.startsWith(`${p}/`)) ?? ''
}

function knownChange(pointer: string): boolean {
  return CHANGEABLE.some((c) => c.path === pointer) || CHANGEABLE_LISTS.some((l) => l.path === pointer)
}

/** Findings with the input each belongs beside, for the page's script. */
export function anchoredFindings(findings: Finding[], data: Record<string, unknown>) {
  return findings.map((f) => ({ ...f, anchor: anchorOf(f, data) }))
}
