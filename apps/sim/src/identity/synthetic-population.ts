// Synthetic citizens and companies for the simulated population database. Seeded: the same seed and counts
// give the same people, so a demo or a failing test can be replayed. Personal ID numbers follow R5.2 and are
// checked with packages/core's validator before they leave here; tax codes have the 10-digit format only
// (packages/core has no check-digit algorithm for them, and none is invented here).
import { checkPersonalIdNumber, PROVINCE_CODES } from '@elc/core'
import { PROVINCES_2025, type Province2025, provinceAfterMerger } from './provinces-2025.ts'
import { SeededRandom } from './seeded-random.ts'
import {
  FAMILY_NAMES,
  GIVEN_NAMES,
  LINES_OF_BUSINESS,
  MIDDLE_NAMES,
  STREET_NAMES,
  TRADE_NAMES,
  WARD_NAMES,
} from './vietnamese-names.ts'

export type Sex = 'male' | 'female'

export interface Residence {
  /** Post-merger province (one of PROVINCES_2025). */
  province: string
  /** Full address line, NFC: house number, street, ward, province. */
  address: string
}

export interface SyntheticCitizen {
  personalId: string
  fullName: string
  familyName: string
  middleName: string
  givenName: string
  sex: Sex
  /** YYYY-MM-DD. */
  birthDate: string
  /** PPP of the personal ID: old province of birth registration (R5.3). */
  birthProvinceCode: string
  residence: Residence
  /** VNeID level the citizen has registered for (R5.7). */
  assuranceLevel: 1 | 2
}

export interface SyntheticCompany {
  taxCode: string
  name: string
  residence: Residence
  legalRepresentative: { fullName: string; personalId: string }
}

export interface GenerateOptions {
  seed: string
  persons: number
  organisations: number
  /** Birth years drawn from this range (adults of working age by default). */
  birthYears?: readonly [number, number]
}

export interface SyntheticPopulation {
  citizens: SyntheticCitizen[]
  companies: SyntheticCompany[]
}

export const MAX_GENERATED = 10_000

// One code per old province: where lists disagree (Bắc Giang 023/024, R5.3 [C]) the majority code is used,
// so a generated number is never one that only a minority list would accept.
const BIRTH_PROVINCE_CODES: readonly string[] = (() => {
  const byName = new Map<string, string>()
  for (const [code, entry] of Object.entries(PROVINCE_CODES.entries)) byName.set(entry.name, code)
  return [...byName.values()].sort()
})()

export function generatePopulation(options: GenerateOptions): SyntheticPopulation {
  const { seed, persons, organisations } = options
  for (const [name, n] of [
    ['persons', persons],
    ['organisations', organisations],
  ] as const)
    if (!Number.isInteger(n) || n < 0 || n > MAX_GENERATED)
      throw new RangeError(`${name} must be an integer from 0 to ${MAX_GENERATED}`)
  if (organisations > 0 && persons === 0)
    throw new RangeError('organisations need persons to draw legal representatives from')
  const random = new SeededRandom(`vneid-sim:${seed}`)
  const usedIds = new Set<string>()
  const citizens: SyntheticCitizen[] = []
  for (let i = 0; i < persons; i++) citizens.push(generateCitizen(random, usedIds, options.birthYears))
  const usedTaxCodes = new Set<string>()
  const usedNames = new Set<string>()
  const companies: SyntheticCompany[] = []
  for (let i = 0; i < organisations; i++)
    companies.push(generateCompany(random, citizens, usedTaxCodes, usedNames))
  return { citizens, companies }
}

function generateCitizen(
  random: SeededRandom,
  usedIds: Set<string>,
  birthYears: readonly [number, number] = [1960, 2007],
): SyntheticCitizen {
  const sex: Sex = random.next() < 0.5 ? 'male' : 'female'
  const familyName = random.weighted(FAMILY_NAMES)
  const middleName = random.pick(MIDDLE_NAMES[sex])
  let givenName = random.pick(GIVEN_NAMES[sex])
  // "Nguyễn Văn Văn" style repeats do not occur in real names.
  while (givenName === middleName) givenName = random.pick(GIVEN_NAMES[sex])
  const year = random.int(birthYears[0], birthYears[1])
  const month = random.int(1, 12)
  const day = random.int(1, daysInMonth(year, month))
  const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`
  const birthProvinceCode = random.pick(BIRTH_PROVINCE_CODES)
  const birthProvinceName = PROVINCE_CODES.entries[birthProvinceCode]?.name ?? ''
  // Most people live in the (merged) province they were born in; the rest moved.
  const home =
    random.next() < 0.7
      ? (provinceAfterMerger(birthProvinceName) ?? random.pick(PROVINCES_2025))
      : random.pick(PROVINCES_2025)
  let personalId: string
  do personalId = `${birthProvinceCode}${centuryDigit(year, sex)}${pad(year % 100, 2)}${random.digits(6)}`
  while (usedIds.has(personalId))
  usedIds.add(personalId)
  const problems = checkPersonalIdNumber(personalId, { dateOfBirth: birthDate, sex })
  if (problems.length > 0) throw new Error(`generated personal ID fails R5.4: ${problems[0]?.code}`)
  return {
    personalId,
    fullName: `${familyName} ${middleName} ${givenName}`.normalize('NFC'),
    familyName: familyName.normalize('NFC'),
    middleName: middleName.normalize('NFC'),
    givenName: givenName.normalize('NFC'),
    sex,
    birthDate,
    birthProvinceCode,
    residence: residenceIn(random, home),
    assuranceLevel: random.next() < 0.85 ? 2 : 1,
  }
}

function generateCompany(
  random: SeededRandom,
  citizens: readonly SyntheticCitizen[],
  usedTaxCodes: Set<string>,
  usedNames: Set<string>,
): SyntheticCompany {
  let name: string
  let attempt = 0
  do {
    const trade = random.pick(TRADE_NAMES)
    const line = random.pick(LINES_OF_BUSINESS)
    name = random.next() < 0.6 ? `Công ty TNHH ${line} ${trade}` : `Công ty Cổ phần ${line} ${trade}`
    attempt += 1
    // Past the combinations, a number keeps registered names unique as the business register requires.
    if (attempt > 20) name = `${name} ${attempt}`
  } while (usedNames.has(name))
  usedNames.add(name)
  let taxCode: string
  do taxCode = `0${random.int(1, 9)}${random.digits(8)}`
  while (usedTaxCodes.has(taxCode))
  usedTaxCodes.add(taxCode)
  const representative = random.pick(citizens)
  return {
    taxCode,
    name: name.normalize('NFC'),
    residence: residenceIn(random, random.pick(PROVINCES_2025)),
    legalRepresentative: { fullName: representative.fullName, personalId: representative.personalId },
  }
}

// After the merger there are two levels (province, then ward or commune): no district in the address.
function residenceIn(random: SeededRandom, province: Province2025): Residence {
  const unit = province.kind === 'city' || random.next() < 0.5 ? 'Phường' : 'Xã'
  const provinceLabel = province.kind === 'city' ? province.name : `Tỉnh ${province.name}`
  const cityLabel =
    province.kind === 'city' && !province.name.startsWith('Thành phố')
      ? `Thành phố ${province.name}`
      : provinceLabel
  const address = `Số ${random.int(1, 250)} ${random.pick(STREET_NAMES)}, ${unit} ${random.pick(WARD_NAMES)}, ${cityLabel}`
  return { province: province.name, address: address.normalize('NFC') }
}

/** G of `PPP G YY RRRRRR` (R5.2): 0/1 for the 1900s, 2/3 for the 2000s …; the odd digit is female. */
export function centuryDigit(year: number, sex: Sex): number {
  const century = Math.floor((year - 1900) / 100)
  if (century < 0 || century > 4) throw new RangeError(`no century digit for ${year}`)
  return century * 2 + (sex === 'female' ? 1 : 0)
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}
