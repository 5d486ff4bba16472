import { describe, expect, it } from 'vitest'
import { checkIdDocument, normaliseDocumentNumber } from './document-number.ts'

describe('R5.5 old identity card (CMND)', () => {
  it.each(['123456789', '012345678', '123456789012'])('R5.5 %s is a valid CMND number', (number) => {
    expect(checkIdDocument({ kind: 'old_id', number })).toEqual([])
  })

  it.each([
    ['', 0, false],
    ['12345678', 8, false],
    ['1234567890', 10, false],
    ['12345678901', 11, false],
    ['1234567890123', 13, false],
    ['12345678A', 9, true],
    ['123 456 789', 11, true],
  ])('R5.5 %j is not 9 or 12 digits', (number, length, nonDigit) => {
    expect(checkIdDocument({ kind: 'old_id', number })).toEqual([
      {
        code: 'OLD_ID_NUMBER_FORMAT',
        severity: 'error',
        ruleId: 'R5.5',
        document: 'old_id',
        params: { length, nonDigit },
      },
    ])
  })

  it('R5.5 a CMND carries no decodable data: declared sex and birth date are not compared', () => {
    expect(
      checkIdDocument(
        { kind: 'old_id', number: '001090012345' },
        { sex: 'female', dateOfBirth: '1970-01-01' },
      ),
    ).toEqual([])
  })
})

describe('D13.1.c passports', () => {
  it.each([
    ['C1234567', 'VNM'],
    ['B0000001', 'VN'],
    ['P7654321', 'vnm'],
    ['X1234567', 'FRA'],
    ['AB12345', 'USA'],
    ['123456', 'JPN'],
    ['A1B2C3D4E5F6G7H8I9J0', 'DEU'],
    ['C1234567', undefined],
    ['E12345678', undefined],
  ])('D13.1.c passport %s issued by %s is well formed', (number, issuingCountry) => {
    expect(checkIdDocument({ kind: 'passport', number, issuingCountry })).toEqual([])
  })

  it.each([
    ['c1234567', 'VNM', 'vietnamese', 8],
    ['C123456', 'VNM', 'vietnamese', 7],
    ['C12345678', 'VN', 'vietnamese', 9],
    ['CC123456', 'VNM', 'vietnamese', 8],
    ['12345678', 'VNM', 'vietnamese', 8],
    ['12345', 'FRA', 'foreign', 5],
    ['A1B2C3D4E5F6G7H8I9J0K', 'DEU', 'foreign', 21],
    ['AB-12345', 'USA', 'foreign', 8],
    ['ab123456', undefined, 'foreign', 8],
    ['', undefined, 'foreign', 0],
  ])('D13.1.c passport %j issued by %s breaks the %s format', (number, issuingCountry, issuer, length) => {
    expect(checkIdDocument({ kind: 'passport', number, issuingCountry })).toEqual([
      {
        code: 'PASSPORT_NUMBER_FORMAT',
        severity: 'error',
        ruleId: 'D13.1.c',
        document: 'passport',
        params: { issuer, length },
      },
    ])
  })
})

describe('R5.4 personal identification number through checkIdDocument', () => {
  it('R5.4 delegates to the personal-ID check with the declared person', () => {
    expect(
      checkIdDocument(
        { kind: 'personal_id', number: '079301000123' },
        { sex: 'male', dateOfBirth: '2001-04-04' },
      ).map((p) => p.code),
    ).toEqual(['ID_NUMBER_SEX_MISMATCH'])
    expect(checkIdDocument({ kind: 'personal_id', number: '123456789' }).map((p) => p.code)).toEqual([
      'ID_NUMBER_FORMAT',
    ])
  })
})

describe('normaliseDocumentNumber', () => {
  it.each([
    [' 001 090 012345 ', '001090012345'],
    ['００１０９００１２３４５', '001090012345'],
    ['c1234567', 'C1234567'],
    ['ｃ１２３４５６７', 'C1234567'],
    ['12\u00a0345\t6789', '123456789'],
  ])('turns %j into %j', (raw, normalised) => {
    expect(normaliseDocumentNumber(raw)).toBe(normalised)
  })
})
