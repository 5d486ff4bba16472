import { describe, expect, it } from 'vitest'
import { checkPersonalIdNumber, decodePersonalIdNumber } from './personal-id-number.ts'
import { PROVINCE_CODES } from './province-codes.ts'

describe('R5.2 decodePersonalIdNumber', () => {
  it.each([
    ['001090012345', '001', 'Hà Nội', 1900, 'male', 1990],
    ['079301000123', '079', 'Thành phố Hồ Chí Minh', 2000, 'female', 2001],
    ['024188000001', '024', 'Bắc Giang', 1900, 'female', 1988],
    ['023200999999', '023', 'Bắc Giang', 2000, 'male', 2000],
    ['096099000000', '096', 'Cà Mau', 1900, 'male', 1999],
    ['001400000000', '001', 'Hà Nội', 2100, 'male', 2100],
    ['001599000000', '001', 'Hà Nội', 2100, 'female', 2199],
    ['001612000000', '001', 'Hà Nội', 2200, 'male', 2212],
    ['001801000000', '001', 'Hà Nội', 2300, 'male', 2301],
    ['001950000000', '001', 'Hà Nội', 2300, 'female', 2350],
  ])('R5.2 %s → %s %s, %i, %s, %i', (value, provinceCode, provinceName, century, sex, birthYear) => {
    expect(decodePersonalIdNumber(value)).toEqual({
      ok: true,
      value: { provinceCode, provinceName, century, sex, birthYear },
    })
  })

  it('R5.3 an unknown province still decodes, with no name', () => {
    expect(decodePersonalIdNumber('003090012345')).toEqual({
      ok: true,
      value: { provinceCode: '003', provinceName: undefined, century: 1900, sex: 'male', birthYear: 1990 },
    })
  })

  it.each([
    ['', 0, false],
    ['00109001234', 11, false],
    ['0010900123456', 13, false],
    ['00109001234A', 12, true],
    [' 001090012345', 13, true],
    ['001 090 012345', 14, true],
    ['-01090012345', 12, true],
    ['００１０９００１２３４５', 12, true],
    ['٠٠١٠٩٠٠١٢٣٤٥', 12, true],
    ['1.1090012345', 12, true],
  ])('R5.4 %j is not 12 ASCII digits (length %i, non-digit %s)', (value, length, nonDigit) => {
    expect(decodePersonalIdNumber(value)).toEqual({
      ok: false,
      problems: [
        {
          code: 'ID_NUMBER_FORMAT',
          severity: 'error',
          ruleId: 'R5.4',
          document: 'personal_id',
          params: { length, nonDigit },
        },
      ],
    })
  })
})

describe('R5.4 checkPersonalIdNumber', () => {
  it.each([
    ['001090012345', { dateOfBirth: '1990-05-17', sex: 'male' as const }],
    ['079301000123', { dateOfBirth: '2001-12-31', sex: 'female' as const }],
    ['079301000123', { dateOfBirth: '2001-01-01', sex: 'female' as const, today: '2026-07-01' }],
    ['001090012345', {}],
  ])('R5.4 %s is consistent with %j', (value, declared) => {
    expect(checkPersonalIdNumber(value, declared)).toEqual([])
  })

  it('R5.4 format is the only problem reported for a malformed number', () => {
    expect(checkPersonalIdNumber('0010900123', { dateOfBirth: '1990-01-01', sex: 'female' })).toEqual([
      {
        code: 'ID_NUMBER_FORMAT',
        severity: 'error',
        ruleId: 'R5.4',
        document: 'personal_id',
        params: { length: 10, nonDigit: false },
      },
    ])
  })

  it.each(['003090012345', '000090012345', '097090012345', '999090012345'])(
    'R5.3/R5.4 %s has an unknown province: warning, not error',
    (value) => {
      expect(checkPersonalIdNumber(value)).toEqual([
        {
          code: 'ID_NUMBER_UNKNOWN_PROVINCE',
          severity: 'warning',
          ruleId: 'R5.3',
          document: 'personal_id',
          params: { provinceCode: value.slice(0, 3) },
        },
      ])
    },
  )

  it('R5.3 a caller-supplied table decides which codes are known', () => {
    const table = { ...PROVINCE_CODES, entries: { ...PROVINCE_CODES.entries, '003': { name: 'Thử nghiệm' } } }
    expect(checkPersonalIdNumber('003090012345', {}, table)).toEqual([])
  })

  it.each([
    ['001090012345', 'female', 'male'],
    ['079301000123', 'male', 'female'],
    ['001400000000', 'female', 'male'],
    ['001599000000', 'male', 'female'],
  ] as const)('R5.4 %s declared %s but the sex digit says %s: warning', (value, declared, encoded) => {
    expect(checkPersonalIdNumber(value, { sex: declared })).toEqual([
      {
        code: 'ID_NUMBER_SEX_MISMATCH',
        severity: 'warning',
        ruleId: 'R5.4',
        document: 'personal_id',
        params: { declared, encoded },
      },
    ])
  })

  it.each([
    ['001090012345', '1991-01-01', 1991, 1990],
    ['001090012345', '1989-12-31', 1989, 1990],
    ['001090012345', '2090-06-15', 2090, 1990],
    ['079301000123', '1901-03-03', 1901, 2001],
  ])('R5.4 %s with date of birth %s: year %i ≠ %i, warning', (value, dateOfBirth, declared, encoded) => {
    expect(checkPersonalIdNumber(value, { dateOfBirth })).toEqual([
      {
        code: 'ID_NUMBER_BIRTH_YEAR_MISMATCH',
        severity: 'warning',
        ruleId: 'R5.4',
        document: 'personal_id',
        params: { declared, encoded },
      },
    ])
  })

  it('R5.4 reports sex and year mismatches together, both as warnings', () => {
    const problems = checkPersonalIdNumber('001090012345', { sex: 'female', dateOfBirth: '1992-02-29' })
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      ['ID_NUMBER_SEX_MISMATCH', 'warning'],
      ['ID_NUMBER_BIRTH_YEAR_MISMATCH', 'warning'],
    ])
  })

  it.each(['1990-02-30', '17/05/1990', ''])(
    'R5.4 an unparseable date of birth %j is left to the date check',
    (dateOfBirth) => {
      expect(checkPersonalIdNumber('001090012345', { dateOfBirth })).toEqual([])
    },
  )

  it.each([
    ['001427000000', '2026-07-01', 2127, 2026, 1],
    ['001227000000', '2026-12-31', 2027, 2026, 1],
    ['001226000000', '2026-01-01', 2026, 2026, 0],
  ])('R5.2 %s on %s: birth year %i vs current year %i', (value, today, encoded, currentYear, count) => {
    const expected = [
      {
        code: 'ID_NUMBER_BIRTH_YEAR_IN_FUTURE',
        severity: 'warning',
        ruleId: 'R5.2',
        document: 'personal_id',
        params: { encoded, currentYear },
      },
    ]
    expect(checkPersonalIdNumber(value, { today })).toEqual(expected.slice(0, count))
  })

  it('R5.4 there is no check digit: every final digit is accepted', () => {
    for (let d = 0; d <= 9; d++) expect(checkPersonalIdNumber(`00109001234${d}`)).toEqual([])
  })
})
