import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CONTRACT_ID_PATTERN,
  checkContractId,
  contractIdLetter,
  generateContractId,
  parseContractId,
} from './contract-id.ts'

describe('R1.29 contract ID letter', () => {
  it.each([
    ['electronic', '2026-07-01', 'A'],
    ['electronic', '2027-03-15', 'A'],
    ['electronic', '2026-06-30', 'C'],
    ['electronic', '2024-01-01', 'C'],
    ['paper_conversion', '2019-05-01', 'B'],
    ['paper_conversion', '2026-08-01', 'B'],
  ] as const)('%s concluded %s → %s', (origin, concludedOn, letter) => {
    expect(contractIdLetter(origin, concludedOn)).toBe(letter)
  })
})

describe('R1.29 contract ID generation', () => {
  it('uses the issuing year in Vietnam time, not UTC', () => {
    // 2026-12-31T17:30Z is already 2027-01-01 00:30 in Hà Nội.
    expect(generateContractId('A', new Date('2026-12-31T17:30:00Z'), () => 123)).toBe('A270000000123')
    expect(generateContractId('A', new Date('2026-12-31T16:59:59Z'), () => 123)).toBe('A260000000123')
  })

  it('pads the ten random digits and matches the published examples', () => {
    expect(generateContractId('A', new Date('2026-07-01T03:00:00Z'), () => 123456789)).toBe('A260123456789')
    expect(generateContractId('B', new Date('2026-07-01T03:00:00Z'), () => 9876543210)).toBe('B269876543210')
  })

  it('rejects a random source out of range', () => {
    expect(() => generateContractId('A', new Date(), () => 10_000_000_000)).toThrow(RangeError)
    expect(() => generateContractId('A', new Date(), () => 1.5)).toThrow(RangeError)
  })

  it('property: every generated ID matches the format and parses back to its parts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('A', 'B', 'C' as const),
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (letter, issuedAt) => {
          const id = generateContractId(letter, issuedAt)
          expect(id).toMatch(CONTRACT_ID_PATTERN)
          const parsed = parseContractId(id)
          expect(parsed?.letter).toBe(letter)
          expect(parsed?.serial).toHaveLength(10)
          expect(parsed?.issuedYear).toBe(new Date(issuedAt.getTime() + 7 * 3_600_000).getUTCFullYear())
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('draws from the CSPRNG: 10,000 IDs are distinct and every digit position varies', () => {
    const ids = Array.from({ length: 10_000 }, () =>
      generateContractId('A', new Date('2026-08-01T00:00:00Z')),
    )
    expect(new Set(ids).size).toBe(ids.length)
    for (let pos = 3; pos < 13; pos++) expect(new Set(ids.map((id) => id[pos])).size).toBe(10)
  })
})

describe('R1.29 contract ID parsing', () => {
  it.each([
    ['A260123456789', true],
    ['B269876543210', true],
    ['C250000000001', true],
    ['D260123456789', false],
    ['a260123456789', false],
    ['A26012345678', false],
    ['A2601234567890', false],
    [' A260123456789', false],
    ['A26012345678X', false],
    ['A２60123456789', false],
    ['', false],
  ])('%j parses: %s', (id, ok) => {
    expect(parseContractId(id) !== undefined).toBe(ok)
  })

  it.each([
    ['A260123456789', []],
    ['A250123456789', ['CONTRACT_ID_YEAR_BEFORE_PLATFORM']],
    ['A280123456789', ['CONTRACT_ID_YEAR_IN_FUTURE']],
    ['X', ['CONTRACT_ID_FORMAT']],
  ])('checkContractId(%j) in 2026 → %j', (id, codes) => {
    expect(checkContractId(id, new Date('2026-11-23T00:00:00Z')).map((p) => p.code)).toEqual(codes)
  })
})
