// The labor contract as data: every item of Labor Code Art 21(1) and TT 10/2020 Art 3 (R4.6, R4.7)
// and of draft Art 13.1.c (D13.1.c). Required fields are the mandatory contents; the validator maps a
// missing one to its Art 21(1) point. The schemas are JSON Schema, so they also feed the OpenAPI document.
import Type, { type Static } from 'typebox'
import {
  CONSECUTIVE_LIMIT_EXCEPTIONS,
  CONTRACT_TYPES,
  EMPLOYER_TYPES,
  ID_DOCUMENT_KINDS,
  JOB_POSITION_CLASSES,
  MINOR_WORK_CATEGORIES,
  PAY_METHODS,
  PAY_PERIODS,
  SEXES,
  WAGE_REGIONS,
  WAGE_UNITS,
} from './enums.ts'
import { DateString, EnumOf, Prose, Strict, Vnd } from './schema-parts.ts'

export const SCHEMA_VERSION = 1

const Contact = {
  phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ().-]{6,20}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
}

export const Authorisation = Type.Object(
  {
    documentRef: Prose(200, 'Number or reference of the letter of authorisation'),
    issuedOn: DateString(),
  },
  { ...Strict, description: 'Authorisation of a signatory who is not the legal representative (R4.9)' },
)

export const EmployerSignatory = Type.Object(
  {
    fullName: Prose(200),
    title: Prose(200, 'Chức danh / title'),
    authorisation: Type.Optional(Authorisation),
  },
  Strict,
)

/** R4.6 a; D13.1.c items 1–2. */
export const Employer = Type.Object(
  {
    name: Prose(500),
    address: Prose(1000),
    taxCode: Type.Optional(
      Type.String({
        pattern: '^[0-9]{10}(-[0-9]{3})?$',
        description: 'Mã số thuế: 10 digits, or 10-3 for a unit',
      }),
    ),
    employerType: EnumOf(EMPLOYER_TYPES.values),
    ...Contact,
    signatory: EmployerSignatory,
  },
  { ...Strict, title: 'Employer' },
)

export const IdDocument = Type.Object(
  {
    kind: EnumOf(ID_DOCUMENT_KINDS.values),
    number: Type.String({ minLength: 1, maxLength: 20 }),
    issuedOn: Type.Optional(DateString()),
    issuedBy: Type.Optional(Prose(200)),
  },
  Strict,
)

/** The legal representative of a worker under 18 (R4.8). */
export const WorkerRepresentative = Type.Object(
  {
    fullName: Prose(200),
    relationship: Prose(100),
    idDocument: IdDocument,
    consentDocumentRef: Type.Optional(Prose(200, "Reference of the representative's written consent")),
  },
  Strict,
)

/** R4.6 b; D13.1.c item 3. */
export const Worker = Type.Object(
  {
    fullName: Prose(200),
    dateOfBirth: DateString(),
    sex: EnumOf(SEXES.values),
    residence: Prose(1000),
    nationality: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, VN for Vietnamese' }),
    idDocument: IdDocument,
    socialInsuranceNumber: Type.Optional(Type.String({ pattern: '^[0-9]{10}$', description: 'Mã số BHXH' })),
    workPermitNumber: Type.Optional(Prose(50, 'Work permit of a foreign worker (TT 10/2020 Art 3)')),
    ...Contact,
    representative: Type.Optional(WorkerRepresentative),
  },
  { ...Strict, title: 'Worker' },
)

/** R4.6 c; D13.1.c item 4. */
export const Job = Type.Object(
  {
    title: Prose(300),
    description: Type.Optional(Prose(5000)),
    positionClass: EnumOf(JOB_POSITION_CLASSES.values),
    heavyHazardous: Type.Optional(
      Type.Boolean({ description: 'Heavy, hazardous or dangerous occupation (Mẫu 01/PLI cols 18–19)' }),
    ),
    minorWorkCategory: Type.Optional(EnumOf(MINOR_WORK_CATEGORIES.values)),
  },
  Strict,
)

/** R4.6 c; the region sets the minimum wage (R4.30). Regions are declared, never derived from the province. */
export const Workplace = Type.Object(
  {
    address: Prose(1000),
    province: Type.Optional(Prose(100)),
    wageRegion: EnumOf(WAGE_REGIONS.values),
  },
  Strict,
)

/** R4.6 d; R4.3. `endDate` is the last day of a definite contract. */
export const Term = Type.Object(
  {
    type: EnumOf(CONTRACT_TYPES.values),
    startDate: DateString('Effective date'),
    endDate: Type.Optional(DateString('Last day, definite contracts only')),
  },
  Strict,
)

/** R4.11–R4.13: probation agreed in the contract. */
export const Probation = Type.Object(
  {
    startDate: DateString(),
    endDate: DateString('Last day of probation'),
    wage: Vnd('Probation wage, integer VND, in the same unit as the wage'),
  },
  Strict,
)

export const WageComponent = Type.Object({ name: Prose(200), amount: Vnd() }, Strict)

/** R4.6 đ; D13.1.c item 6. */
export const Wage = Type.Object(
  {
    amount: Vnd('Mức lương theo công việc hoặc chức danh, integer VND'),
    unit: EnumOf(WAGE_UNITS.values),
    payMethod: EnumOf(PAY_METHODS.values),
    payPeriod: EnumOf(PAY_PERIODS.values),
    payDay: Type.Optional(Prose(200, 'When in the period wages are paid')),
    allowances: Type.Array(WageComponent, { maxItems: 50, description: 'Phụ cấp lương' }),
    otherSupplements: Type.Array(WageComponent, { maxItems: 50, description: 'Các khoản bổ sung khác' }),
  },
  Strict,
)

/** R4.6 g. */
export const WorkingTime = Type.Object(
  {
    hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
    hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: 168 }),
    schedule: Type.Optional(Prose(1000)),
    restTime: Prose(1000, 'Breaks, weekly rest, leave'),
  },
  Strict,
)

/** R4.6 i. `socialInsurance: true` means compulsory social insurance (Mẫu 02/PLI col 6). */
export const Insurance = Type.Object(
  {
    socialInsurance: Type.Boolean(),
    healthInsurance: Type.Boolean(),
    unemploymentInsurance: Type.Boolean(),
    details: Type.Optional(Prose(2000, 'Rates, method and timing of contributions')),
  },
  Strict,
)

export const PrecedingContract = Type.Object(
  { type: EnumOf(CONTRACT_TYPES.values), startDate: DateString(), endDate: Type.Optional(DateString()) },
  Strict,
)

/** R4.4: what the parties declare about the contracts that immediately preceded this one. */
export const History = Type.Object(
  {
    precedingContracts: Type.Array(PrecedingContract, { maxItems: 100, description: 'Oldest first' }),
    consecutiveLimitException: Type.Optional(EnumOf(CONSECUTIVE_LIMIT_EXCEPTIONS.values)),
  },
  Strict,
)

/** Labor Code Art 21(2), TT 10/2020 Art 4 (R4.6, R4.7): a further content the parties agreed ("Thỏa thuận khác"). */
export const OtherAgreement = Type.Object(
  {
    title: Type.Optional(Prose(200)),
    text: Prose(5000),
  },
  Strict,
)

export const Contract = Type.Object(
  {
    schemaVersion: Type.Literal(SCHEMA_VERSION),
    kind: Type.Literal('contract'),
    contractNumber: Type.Optional(Prose(100, "The employer's own number for the contract")),
    concludedOn: DateString('Date the last party signed'),
    employer: Employer,
    worker: Worker,
    job: Job,
    workplaces: Type.Array(Workplace, { minItems: 1, maxItems: 20 }),
    term: Term,
    probation: Type.Optional(Probation),
    wage: Wage,
    raiseRegime: Prose(2000, 'R4.6 e: promotion and pay rises'),
    workingTime: WorkingTime,
    protectiveEquipment: Prose(2000, 'R4.6 h'),
    insurance: Insurance,
    training: Prose(2000, 'R4.6 k'),
    history: Type.Optional(History),
    otherAgreements: Type.Optional(
      Type.Array(OtherAgreement, { maxItems: 30, description: 'Thỏa thuận khác (Labor Code Art 21(2))' }),
    ),
  },
  { ...Strict, $id: 'Contract', title: 'Labor contract / Hợp đồng lao động' },
)

export type Contract = Static<typeof Contract>
export type Worker = Static<typeof Worker>
export type Employer = Static<typeof Employer>
export type Term = Static<typeof Term>
export type Wage = Static<typeof Wage>
export type IdDocument = Static<typeof IdDocument>
export type OtherAgreement = Static<typeof OtherAgreement>
