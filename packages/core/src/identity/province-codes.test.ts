import { describe, expect, it } from 'vitest'
import { PROVINCE_CODES, provinceOf } from './province-codes.ts'

describe('R5.3 province code table', () => {
  it.each([
    ['001', 'Hà Nội'],
    ['002', 'Hà Giang'],
    ['024', 'Bắc Giang'],
    ['046', 'Thừa Thiên Huế'],
    ['066', 'Đắk Lắk'],
    ['079', 'Thành phố Hồ Chí Minh'],
    ['096', 'Cà Mau'],
  ])('R5.3 code %s is %s', (code, name) => {
    expect(provinceOf(code)?.name).toBe(name)
  })

  it.each(['003', '000', '097', '999', '1', '01', '0001', '', 'toString', '__proto__'])(
    'R5.3 code %j is not in the table',
    (code) => {
      expect(provinceOf(code)).toBeUndefined()
    },
  )

  it('R5.3 lists the 63 old provinces under 64 codes (Bắc Giang twice)', () => {
    const names = Object.values(PROVINCE_CODES.entries).map((e) => e.name)
    expect(names).toHaveLength(64)
    expect(new Set(names).size).toBe(63)
  })

  it('R5.3 [C] accepts both 023 and 024 for Bắc Giang, each with a note', () => {
    for (const code of ['023', '024']) {
      const entry = provinceOf(code)
      expect(entry?.name).toBe('Bắc Giang')
      expect(entry?.note).toMatch(/\[C\]/)
    }
  })

  it('R5.3 every code is three digits and every name is NFC', () => {
    for (const [code, entry] of Object.entries(PROVINCE_CODES.entries)) {
      expect(code).toMatch(/^[0-9]{3}$/)
      expect(entry.name.normalize('NFC')).toBe(entry.name)
    }
  })

  it('R5.3 flags the table as unofficial', () => {
    expect(PROVINCE_CODES.official).toBe(false)
    expect(PROVINCE_CODES.ruleId).toBe('R5.3')
  })

  it('R5.3 a corrected table is used without code changes', () => {
    const table = { ...PROVINCE_CODES, entries: { '003': { name: 'Thử nghiệm' } } }
    expect(provinceOf('003', table)?.name).toBe('Thử nghiệm')
    expect(provinceOf('001', table)).toBeUndefined()
  })
})
