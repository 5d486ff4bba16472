// The 12-digit personal identification number (số định danh cá nhân, printed on the CCCD / căn cước card):
// `PPP G YY RRRRRR` (R5.2). It has no check digit (R5.4): nothing here invents one.

import type { CivilDate } from '../time/civil-date.ts'
import { parseDate } from '../time/civil-date.ts'
import { type IdProblem, idProblem, type Sex, shapeOf } from './problems.ts'
import { PROVINCE_CODES, type ProvinceCodeTable, provinceOf } from './province-codes.ts'

const PERSONAL_ID_RE = /^[0-9]{12}$/

export interface DecodedPersonalIdNumber {
  /** PPP: province (or country) of birth registration (R5.3). */
  provinceCode: string
  /** Name of the old province; undefined when the code is not in the table (see ID_NUMBER_UNKNOWN_PROVINCE). */
  provinceName: string | undefined
  /** First year of the birth century from G: 1900 for births 1900–1999, 2000 for 2000–2099 … */
  century: number
  /** From G: even = male, odd = female. */
  sex: Sex
  /** century + YY. */
  birthYear: number
}

export type PersonalIdDecoding =
  | { ok: true; value: DecodedPersonalIdNumber }
  | { ok: false; problems: IdProblem[] }

/**
 * Reads the fields of a personal identification number. Fails only when the value is not exactly 12 ASCII
 * digits; an unknown province still decodes (with no name) because the table may be the one that is wrong.
 * Expects a normalised value (see normaliseDocumentNumber): spaces or full-width digits are a format error here.
 */
export function decodePersonalIdNumber(
  value: string,
  provinces: ProvinceCodeTable = PROVINCE_CODES,
): PersonalIdDecoding {
  if (!PERSONAL_ID_RE.test(value))
    return { ok: false, problems: [idProblem('ID_NUMBER_FORMAT', shapeOf(value))] }
  const provinceCode = value.slice(0, 3)
  const g = Number(value[3])
  // R5.2: 0/1 → 1900s, 2/3 → 2000s, … 8/9 → 2300s; the even digit of each pair is male.
  const century = 1900 + 100 * Math.floor(g / 2)
  return {
    ok: true,
    value: {
      provinceCode,
      provinceName: provinceOf(provinceCode, provinces)?.name,
      century,
      sex: g % 2 === 0 ? 'male' : 'female',
      birthYear: century + Number(value.slice(4, 6)),
    },
  }
}

export interface DeclaredPersonData {
  /** Declared date of birth; an unparseable date is left to the date check and ignored here. */
  dateOfBirth?: CivilDate
  sex?: Sex
  /** Today's date, to catch a birth year that has not come yet; omitted, that check is skipped. */
  today?: CivilDate
}

/**
 * Checks a personal identification number and its consistency with what the person declared (R5.4).
 * Only the format is an error; everything that compares against other data is a warning, since real data has
 * errors and the population database, not our inference, is authoritative.
 */
export function checkPersonalIdNumber(
  value: string,
  declared: DeclaredPersonData = {},
  provinces: ProvinceCodeTable = PROVINCE_CODES,
): IdProblem[] {
  const decoding = decodePersonalIdNumber(value, provinces)
  if (!decoding.ok) return decoding.problems
  const id = decoding.value
  const problems: IdProblem[] = []
  if (id.provinceName === undefined) {
    problems.push(idProblem('ID_NUMBER_UNKNOWN_PROVINCE', { provinceCode: id.provinceCode }))
  }
  if (declared.sex !== undefined && declared.sex !== id.sex) {
    problems.push(idProblem('ID_NUMBER_SEX_MISMATCH', { declared: declared.sex, encoded: id.sex }))
  }
  const birth = declared.dateOfBirth === undefined ? undefined : parseDate(declared.dateOfBirth)
  if (birth !== undefined && birth.year !== id.birthYear) {
    problems.push(idProblem('ID_NUMBER_BIRTH_YEAR_MISMATCH', { declared: birth.year, encoded: id.birthYear }))
  }
  const today = declared.today === undefined ? undefined : parseDate(declared.today)
  if (today !== undefined && id.birthYear > today.year) {
    problems.push(
      idProblem('ID_NUMBER_BIRTH_YEAR_IN_FUTURE', { encoded: id.birthYear, currentYear: today.year }),
    )
  }
  return problems
}
