// The contract ID of Circular 08/2026 Art 5 (R1.29–R1.30): a letter for the origin, two digits of the year
// the Platform issues it (Vietnam time), ten random digits. Issued once, never changed; uniqueness is
// enforced by the store that issues it (a unique index), not by the odds of a collision.
import { randomInt } from 'node:crypto'
import { type CivilDate, compareDates, vietnamDateOf } from '../time/civil-date.ts'

export type ContractIdLetter = 'A' | 'B' | 'C'

/** The day from which contracts concluded on an eContract are `A` rather than `C` (R1.29, R1.2). */
export const PLATFORM_START_DATE: CivilDate = '2026-07-01'

export const CONTRACT_ID_PATTERN = /^[ABC]\d{12}$/

export type ContractOrigin = 'electronic' | 'paper_conversion'

/** R1.29: A concluded electronically from 2026-07-01; B converted from paper; C electronic before then. */
export function contractIdLetter(origin: ContractOrigin, concludedOn: CivilDate): ContractIdLetter {
  if (origin === 'paper_conversion') return 'B'
  return compareDates(concludedOn, PLATFORM_START_DATE) >= 0 ? 'A' : 'C'
}

/** A source of uniform random integers in [0, max); the default is the operating system's CSPRNG. */
export type RandomInt = (max: number) => number

const TEN_DIGITS = 10_000_000_000

export function generateContractId(
  letter: ContractIdLetter,
  issuedAt: Date,
  random: RandomInt = (max) => randomInt(0, max),
): string {
  const yy = vietnamDateOf(issuedAt).slice(2, 4)
  const serial = random(TEN_DIGITS)
  if (!Number.isInteger(serial) || serial < 0 || serial >= TEN_DIGITS)
    throw new RangeError('random out of range')
  return `${letter}${yy}${String(serial).padStart(10, '0')}`
}

export interface ParsedContractId {
  letter: ContractIdLetter
  /** Full year of issue (20YY). */
  issuedYear: number
  /** The ten random digits. */
  serial: string
}

export function isContractId(value: string): boolean {
  return CONTRACT_ID_PATTERN.test(value)
}

/** Parses an ID; undefined when it does not match `^[ABC]\d{12}$` (no trimming, no case folding). */
export function parseContractId(value: string): ParsedContractId | undefined {
  if (!isContractId(value)) return undefined
  return {
    letter: value[0] as ContractIdLetter,
    issuedYear: 2000 + Number(value.slice(1, 3)),
    serial: value.slice(3),
  }
}

export interface ContractIdProblem {
  code: 'CONTRACT_ID_FORMAT' | 'CONTRACT_ID_YEAR_BEFORE_PLATFORM' | 'CONTRACT_ID_YEAR_IN_FUTURE'
  ruleId: 'R1.29'
}

/** Format plus plausibility: the Platform issues no ID before 2026 nor in a year yet to come. */
export function checkContractId(value: string, now: Date): ContractIdProblem[] {
  const parsed = parseContractId(value)
  if (!parsed) return [{ code: 'CONTRACT_ID_FORMAT', ruleId: 'R1.29' }]
  if (parsed.issuedYear < Number(PLATFORM_START_DATE.slice(0, 4)))
    return [{ code: 'CONTRACT_ID_YEAR_BEFORE_PLATFORM', ruleId: 'R1.29' }]
  if (parsed.issuedYear > Number(vietnamDateOf(now).slice(0, 4)))
    return [{ code: 'CONTRACT_ID_YEAR_IN_FUTURE', ruleId: 'R1.29' }]
  return []
}
