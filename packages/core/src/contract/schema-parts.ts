// Building blocks shared by the contract and its lifecycle documents.
import Type from 'typebox'

/**
 * A calendar date `YYYY-MM-DD` in 1900–2099: `format: date` rejects 30 February, the pattern keeps every
 * deadline computed from a date inside the range the calendar covers.
 */
export const DATE_PATTERN = '^(19|20)[0-9]{2}-'
export const DateString = (description?: string) =>
  Type.String({ format: 'date', pattern: DATE_PATTERN, ...(description ? { description } : {}) })

/** Free text a person wrote: never empty, NFC (normalised at the boundary). */
export const Prose = (maxLength = 2000, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) })

/** Money is integer VND (Vietnamese đồng has no minor unit in use). */
export const Vnd = (description?: string) =>
  Type.Integer({ minimum: 0, maximum: 1e13, description: description ?? 'Integer VND' })

export const EnumOf = <const T extends string>(values: readonly T[], description?: string) =>
  Type.Enum([...values] as T[], description ? { description } : {})

/** `A|B|C` + 12 digits (R1.29). */
export const ContractIdString = Type.String({
  pattern: '^[ABC][0-9]{12}$',
  description: 'Contract ID issued by the Platform (TT 08/2026 Art 5, R1.29)',
})

export const Strict = { additionalProperties: false } as const
