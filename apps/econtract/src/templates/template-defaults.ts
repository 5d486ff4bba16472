// What a template fills in a new draft: a partial contract (job, workplaces, term type and length,
// probation length and wage, wage and allowances, working and rest time, equipment, insurance, training).
// Dates belong to each contract: the term's and probation's lengths turn into dates from the start date.
import {
  addDays,
  addMonths,
  CONTRACT_TYPES,
  Insurance,
  isValidDate,
  Job,
  Wage,
  WageComponent,
  WorkingTime,
  Workplace,
} from '@elc/core'
import Type, { type TObject, type TProperties } from 'typebox'

const Strict = { additionalProperties: false } as const

/** The object with every property optional, still refusing unknown ones. */
function loose(schema: TObject<TProperties>, overrides: TProperties = {}) {
  const properties: TProperties = {}
  for (const [key, value] of Object.entries({ ...schema.properties, ...overrides }))
    properties[key] = Type.Optional(value)
  return Type.Object(properties, Strict)
}

export const TemplateDefaultsSchema = Type.Object(
  {
    job: Type.Optional(loose(Job)),
    workplaces: Type.Optional(Type.Array(loose(Workplace), { maxItems: 20 })),
    term: Type.Optional(
      Type.Object(
        {
          type: Type.Optional(Type.Enum([...CONTRACT_TYPES.values])),
          // R4.3: a definite contract runs at most 36 months.
          months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36 })),
        },
        Strict,
      ),
    ),
    probation: Type.Optional(
      Type.Object(
        {
          // R4.11: at most 180 days (managers), shorter for other jobs; the validator checks the draft.
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 180 })),
          wage: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e13 })),
        },
        Strict,
      ),
    ),
    wage: Type.Optional(
      loose(Wage, {
        allowances: Type.Array(WageComponent, { maxItems: 50 }),
        otherSupplements: Type.Array(WageComponent, { maxItems: 50 }),
      }),
    ),
    raiseRegime: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    workingTime: Type.Optional(loose(WorkingTime)),
    protectiveEquipment: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    insurance: Type.Optional(loose(Insurance)),
    training: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  Strict,
)

type Obj = Record<string, unknown>

export interface TemplateDefaults {
  job?: Obj
  workplaces?: Obj[]
  term?: { type?: string; months?: number }
  probation?: { days?: number; wage?: number }
  wage?: Obj
  raiseRegime?: string
  workingTime?: Obj
  protectiveEquipment?: string
  insurance?: Obj
  training?: string
}

export const DEFAULT_KEYS = [
  'job',
  'workplaces',
  'term',
  'probation',
  'wage',
  'raiseRegime',
  'workingTime',
  'protectiveEquipment',
  'insurance',
  'training',
] as const

/**
 * A new draft with the template's defaults over it. With a start date the term's end (a definite term of
 * N months ends the day before the same date N months on) and the probation's dates are filled too.
 */
export function applyDefaults(data: Obj, defaults: TemplateDefaults, startDate?: string): Obj {
  const out: Obj = structuredClone(data)
  const d = structuredClone(defaults)
  if (d.job) out.job = { ...((out.job as Obj | undefined) ?? {}), ...d.job }
  if (d.workplaces?.length) out.workplaces = d.workplaces
  const start = startDate && isValidDate(startDate) ? startDate : undefined
  if (d.term?.type || start) {
    const term: Obj = { ...((out.term as Obj | undefined) ?? {}) }
    if (d.term?.type) term.type = d.term.type
    if (start) term.startDate = start
    if (start && d.term?.months && term.type === 'definite')
      term.endDate = addDays(addMonths(start, d.term.months), -1)
    out.term = term
  }
  if (d.probation && start && d.probation.days) {
    out.probation = {
      startDate: start,
      endDate: addDays(start, d.probation.days - 1),
      ...(d.probation.wage !== undefined ? { wage: d.probation.wage } : {}),
    }
  }
  if (d.wage) out.wage = { ...((out.wage as Obj | undefined) ?? {}), ...d.wage }
  if (d.workingTime) out.workingTime = { ...((out.workingTime as Obj | undefined) ?? {}), ...d.workingTime }
  if (d.insurance) out.insurance = { ...((out.insurance as Obj | undefined) ?? {}), ...d.insurance }
  for (const key of ['raiseRegime', 'protectiveEquipment', 'training'] as const) if (d[key]) out[key] = d[key]
  return out
}
