// Documents that change a contract after its ID is issued (D9, R1.30): each carries the parent's ID.
import Type, { type Static } from 'typebox'
import {
  CONTRACT_TYPES,
  EMPLOYER_TERMINATION_GROUNDS,
  PROTECTED_SITUATIONS,
  SUSPENSION_REASONS,
  TERMINATION_INITIATORS,
  TERMINATION_REASONS,
  WORKER_NO_NOTICE_GROUNDS,
} from './enums.ts'
import { Contract, SCHEMA_VERSION } from './schema.ts'
import { ContractIdString, DateString, EnumOf, Prose, Strict } from './schema-parts.ts'

/** One change to the parent contract: a JSON pointer into the contract and its new value. */
export const Change = Type.Object(
  {
    path: Type.String({
      pattern: '^(/[^/]+)+$',
      description: 'JSON pointer into the contract, e.g. /wage/amount',
    }),
    value: Type.Unknown(),
  },
  Strict,
)

const lifecycleBase = {
  schemaVersion: Type.Literal(SCHEMA_VERSION),
  parentContractId: ContractIdString,
  concludedOn: DateString('Date the last party signed this document'),
}

/** R4.5: an annex details or amends terms but may not change the term of the contract. */
export const Annex = Type.Object(
  {
    kind: Type.Literal('annex'),
    ...lifecycleBase,
    annexNumber: Type.Optional(Prose(100)),
    effectiveDate: DateString(),
    changes: Type.Array(Change, { minItems: 1, maxItems: 200 }),
  },
  { ...Strict, $id: 'Annex', title: 'Contract annex / Phụ lục hợp đồng' },
)

/** Labor Code Art 33: amendment by agreement. */
export const Amendment = Type.Object(
  {
    kind: Type.Literal('amendment'),
    ...lifecycleBase,
    effectiveDate: DateString(),
    changes: Type.Array(Change, { minItems: 1, maxItems: 200 }),
  },
  { ...Strict, $id: 'Amendment', title: 'Amendment / Văn bản sửa đổi, bổ sung' },
)

/** R4.17: suspension under Labor Code Art 30. */
export const Suspension = Type.Object(
  {
    kind: Type.Literal('suspension'),
    ...lifecycleBase,
    reason: EnumOf(SUSPENSION_REASONS.values),
    startDate: DateString(),
    endDate: Type.Optional(DateString()),
    details: Type.Optional(Prose(2000)),
  },
  { ...Strict, $id: 'Suspension', title: 'Suspension / Tạm hoãn hợp đồng' },
)

/** The parent contract's term, which the notice rules need (the Platform fills it from its store). */
export const ParentTerm = Type.Object(
  { type: EnumOf(CONTRACT_TYPES.values), startDate: DateString(), endDate: Type.Optional(DateString()) },
  Strict,
)

/** R4.19–R4.25: termination under Labor Code Arts 34–37. */
export const Termination = Type.Object(
  {
    kind: Type.Literal('termination'),
    ...lifecycleBase,
    reason: EnumOf(TERMINATION_REASONS.values),
    initiatedBy: EnumOf(TERMINATION_INITIATORS.values),
    parentTerm: ParentTerm,
    noticeDate: Type.Optional(DateString('Day the notice was given')),
    terminationDate: DateString('Last day of the contract'),
    employerGround: Type.Optional(EnumOf(EMPLOYER_TERMINATION_GROUNDS.values)),
    workerNoNoticeGround: Type.Optional(EnumOf(WORKER_NO_NOTICE_GROUNDS.values)),
    workerSituations: Type.Optional(Type.Array(EnumOf(PROTECTED_SITUATIONS.values), { maxItems: 10 })),
    details: Type.Optional(Prose(2000)),
  },
  { ...Strict, $id: 'Termination', title: 'Termination / Chấm dứt hợp đồng' },
)

/** R1.21: the TT 08 conversion log kept with a converted paper contract. */
export const ConversionLog = Type.Object(
  {
    systemName: Prose(200),
    converterName: Prose(200),
    completedAt: Type.String({ format: 'date-time' }),
    fileSizeBytes: Type.Integer({ minimum: 1 }),
    signatureRef: Prose(500, 'Reference of the digital signature and timestamp sealing the file'),
  },
  Strict,
)

/** R1.19: a paper contract converted to a data message; it gets a B ID. */
export const PaperConversion = Type.Object(
  {
    kind: Type.Literal('paper_conversion'),
    schemaVersion: Type.Literal(SCHEMA_VERSION),
    contract: Contract,
    conversion: ConversionLog,
  },
  { ...Strict, $id: 'PaperConversion', title: 'Paper contract conversion / Chuyển đổi hợp đồng giấy' },
)

export type Change = Static<typeof Change>
export type Annex = Static<typeof Annex>
export type Amendment = Static<typeof Amendment>
export type Suspension = Static<typeof Suspension>
export type Termination = Static<typeof Termination>
export type PaperConversion = Static<typeof PaperConversion>
