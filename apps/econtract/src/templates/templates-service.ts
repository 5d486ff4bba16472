// Contract templates of an employer: HR staff and the employer's administrator (level 2) list, define, edit
// and archive them; the contract form applies one to a new draft. A template of another employer answers
// 404, like a document. Every employer has the built-in standard contract (TT 10/2020, R4.7).
import { randomUUID } from 'node:crypto'
import { ElcError, type Finding, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { Principal } from '@elc/web-auth'
import { employerTaxCodesOf } from '../contracts/index.ts'
import { type Clause, resolveDraftClauses } from './merge-fields.ts'
import type { ContractTemplateTable, TemplatesDatabase } from './migrations.ts'
import { applyDefaults, type TemplateDefaults } from './template-defaults.ts'
import { parseTemplateInput } from './template-input.ts'

export const BUILT_IN_NAME = 'Hợp đồng lao động mẫu (TT 10/2020)'
const BUILT_IN_DESCRIPTION =
  'Mẫu chuẩn theo Thông tư 10/2020/TT-BLĐTBXH, không có điều khoản riêng. / The standard contract of Circular 10/2020, with no clauses of its own.'
/** Labor Code Art 105 (8 h a day, 48 h a week) and compulsory insurance; everything else is per contract. */
const BUILT_IN_DEFAULTS: TemplateDefaults = {
  workingTime: { hoursPerDay: 8, hoursPerWeek: 48 },
  insurance: { socialInsurance: true, healthInsurance: true, unemploymentInsurance: true },
}

export interface TemplateView {
  id: string
  employerTaxCode: string
  name: string
  description?: string
  kind: 'contract'
  builtIn: boolean
  defaults: TemplateDefaults
  clauses: Clause[]
  createdBy: string
  createdAt: string
  updatedAt: string
  archivedAt?: string
}

export interface TemplateChoice {
  id: string
  name: string
  builtIn: boolean
}

export interface AppliedTemplate {
  template: TemplateView
  data: Record<string, unknown>
  /** Merge fields that have no value in this draft yet (warnings for HR). */
  findings: Finding[]
}

export class TemplatesService {
  constructor(readonly deps: { db: Kysely<TemplatesDatabase>; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }

  /** The employer the caller acts for: the one asked for if granted, else the first granted. */
  employerOf(principal: Principal, requested?: string): string {
    const employers = employerTaxCodesOf(principal)
    const chosen = requested ? employers.find((e) => e === requested) : employers[0]
    if (!chosen)
      throw new ElcError(
        'TEMPLATE_EMPLOYER_FORBIDDEN',
        text(
          'Bạn chỉ quản lý mẫu hợp đồng của người sử dụng lao động mình được phân quyền.',
          'You manage templates only for an employer you were granted.',
        ),
        { status: 403 },
      )
    return chosen
  }

  /** Every template of the employer, the built-in one first; archived ones only when asked. */
  async list(
    principal: Principal,
    employer: string,
    o: { archived?: boolean } = {},
  ): Promise<TemplateView[]> {
    this.employerOf(principal, employer)
    await this.ensureBuiltIn(employer)
    let q = this.deps.db.selectFrom('contract_template').selectAll().where('employer_tax_code', '=', employer)
    if (!o.archived) q = q.where('archived_at', 'is', null)
    const rows = await q.orderBy('built_in', 'desc').orderBy('name').orderBy('id').execute()
    return rows.map(toView)
  }

  /** What the contract form offers: the employer's templates that are not archived. */
  async pickable(principal: Principal, employer: string): Promise<TemplateChoice[]> {
    return (await this.list(principal, employer)).map((t) => ({ id: t.id, name: t.name, builtIn: t.builtIn }))
  }

  async get(principal: Principal, id: string): Promise<TemplateView> {
    const row = await this.row(principal, id)
    return toView(row)
  }

  async create(principal: Principal, employer: string, input: unknown): Promise<TemplateView> {
    this.employerOf(principal, employer)
    const t = parseTemplateInput(input)
    const now = this.now()
    const id = randomUUID()
    await this.deps.db
      .insertInto('contract_template')
      .values({
        id,
        employer_tax_code: employer,
        name: t.name,
        description: t.description ?? null,
        kind: 'contract',
        built_in: false,
        defaults: JSON.stringify(t.defaults),
        clauses: JSON.stringify(t.clauses),
        created_by: principal.subject,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute()
    return this.get(principal, id)
  }

  async update(principal: Principal, id: string, input: unknown): Promise<TemplateView> {
    const row = await this.row(principal, id)
    if (row.built_in) throw builtInReadOnly()
    if (row.archived_at) throw archived()
    const t = parseTemplateInput(input)
    await this.deps.db
      .updateTable('contract_template')
      .set({
        name: t.name,
        description: t.description ?? null,
        defaults: JSON.stringify(t.defaults),
        clauses: JSON.stringify(t.clauses),
        updated_at: this.now(),
      })
      .where('id', '=', id)
      .execute()
    return this.get(principal, id)
  }

  /** Hides the template from the contract form; drafts made with it keep what they were given. */
  async archive(principal: Principal, id: string): Promise<TemplateView> {
    const row = await this.row(principal, id)
    if (row.built_in) throw builtInReadOnly()
    if (!row.archived_at) {
      const now = this.now()
      await this.deps.db
        .updateTable('contract_template')
        .set({ archived_at: now, updated_at: now })
        .where('id', '=', id)
        .execute()
    }
    return this.get(principal, id)
  }

  /**
   * A new draft's data with the template applied: its defaults, then its clauses as the draft's other
   * agreements with the merge fields resolved against the draft (R4.6: Art 21(2)).
   */
  async apply(
    principal: Principal,
    employer: string,
    id: string,
    data: Record<string, unknown>,
    o: { startDate?: string } = {},
  ): Promise<AppliedTemplate> {
    const row = await this.row(principal, id)
    if (row.employer_tax_code !== employer) throw notFound()
    if (row.archived_at) throw archived()
    const template = toView(row)
    const withDefaults = applyDefaults(data, template.defaults, o.startDate)
    if (template.clauses.length > 0) withDefaults.otherAgreements = template.clauses.map((c) => ({ ...c }))
    const resolved = resolveDraftClauses(withDefaults)
    return { template, data: resolved.data, findings: resolved.findings }
  }

  private async row(principal: Principal, id: string): Promise<ContractTemplateTable> {
    const employers = employerTaxCodesOf(principal)
    const row = employers.length
      ? await this.deps.db
          .selectFrom('contract_template')
          .selectAll()
          .where('id', '=', id)
          .where('employer_tax_code', 'in', employers)
          .executeTakeFirst()
      : undefined
    if (!row) throw notFound()
    return row
  }

  /** The built-in template, created the first time the employer's templates are read. */
  async ensureBuiltIn(employer: string): Promise<void> {
    const now = this.now()
    await this.deps.db
      .insertInto('contract_template')
      .values({
        id: randomUUID(),
        employer_tax_code: employer,
        name: BUILT_IN_NAME,
        description: BUILT_IN_DESCRIPTION,
        kind: 'contract',
        built_in: true,
        defaults: JSON.stringify(BUILT_IN_DEFAULTS),
        clauses: JSON.stringify([]),
        created_by: 'system',
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .onConflict((oc) => oc.column('employer_tax_code').where('built_in', '=', true).doNothing())
      .execute()
  }
}

function toView(r: ContractTemplateTable): TemplateView {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)
  return {
    id: r.id,
    employerTaxCode: r.employer_tax_code,
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
    kind: 'contract',
    builtIn: r.built_in,
    defaults: (json(r.defaults) ?? {}) as TemplateDefaults,
    clauses: (json(r.clauses) ?? []) as Clause[],
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    ...(r.archived_at ? { archivedAt: new Date(r.archived_at).toISOString() } : {}),
  }
}

function notFound(): ElcError {
  return new ElcError('TEMPLATE_NOT_FOUND', text('Không có mẫu hợp đồng này.', 'No such template.'), {
    status: 404,
  })
}

function builtInReadOnly(): ElcError {
  return new ElcError(
    'TEMPLATE_BUILT_IN_READ_ONLY',
    text(
      'Mẫu chuẩn theo Thông tư 10/2020 luôn có sẵn và không sửa hay lưu trữ được; hãy tạo mẫu mới.',
      'The standard TT 10/2020 template always exists and cannot be edited or archived; create a new one.',
    ),
    { status: 409, ruleId: 'R4.7' },
  )
}

function archived(): ElcError {
  return new ElcError(
    'TEMPLATE_ARCHIVED',
    text('Mẫu hợp đồng này đã được lưu trữ.', 'This template has been archived.'),
    { status: 409 },
  )
}
