// The oversight module's data and pure rules: province names and codes after the 2025 merger, the access
// purposes with their legal basis, the facts recorded at decision, and small-cell suppression.
import { describe, expect, it } from 'vitest'
import { contractFacts } from '../src/oversight/contract-facts.ts'
import { PROVINCES, provinceCode, provinceKey } from '../src/oversight/provinces.ts'
import { ACCESS_PURPOSES, accessPurpose } from '../src/oversight/purposes.ts'
import { SMALL_CELL, suppress } from '../src/oversight/statistics.ts'

describe('provinces after the 2025 merger', () => {
  it('has 34 units with distinct codes and distinct comparison keys, old names included', () => {
    expect(PROVINCES).toHaveLength(34)
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(34)
    const keys = PROVINCES.flatMap((p) => [p.name, ...p.former].map((n) => `${provinceKey(n)}→${p.code}`))
    const byKey = new Map<string, Set<string>>()
    for (const k of keys) {
      const [key, code] = k.split('→') as [string, string]
      byKey.set(key, (byKey.get(key) ?? new Set()).add(code))
    }
    expect([...byKey].filter(([, codes]) => codes.size > 1)).toEqual([])
    // 63 old provinces, each in exactly one new one.
    expect(new Set(PROVINCES.flatMap((p) => p.former)).size).toBe(63)
  })

  it.each([
    ['79', '79'],
    ['1', '01'],
    ['01', '01'],
    ['Hà Nội', '01'],
    ['Thành phố Hà Nội', '01'],
    ['TP. Hồ Chí Minh', '79'],
    ['Thành phố Hồ Chí Minh', '79'],
    ['tp hcm', '79'],
    ['Tỉnh Bình Dương', '79'],
    ['Hoà Bình', '25'],
    ['Hòa Bình', '25'],
    ['Thừa Thiên Huế', '46'],
    ['Bà Rịa - Vũng Tàu', '79'],
    ['Ha Noi', '01'],
    ['Đắk Nông', '68'],
    ['Thanh Hóa', '38'],
  ])('%s → %s', (value, code) => {
    expect(provinceCode(value)).toBe(code)
  })

  it.each([['99'], ['02'], ['Atlantis'], [''], [undefined]])('%s is not a province today', (value) => {
    expect(provinceCode(value)).toBeUndefined()
  })
})

describe('access purposes', () => {
  it('each has a stable code, vi/en labels and LEGAL.md rule ids for its legal basis', () => {
    expect(new Set(ACCESS_PURPOSES.map((p) => p.code)).size).toBe(ACCESS_PURPOSES.length)
    for (const p of ACCESS_PURPOSES) {
      expect(p.code).toMatch(/^[a-z_]+$/)
      expect(p.label.vi.normalize('NFC')).toBe(p.label.vi)
      expect(p.label.en.length).toBeGreaterThan(5)
      expect(p.basis.vi.length).toBeGreaterThan(5)
      expect(p.ruleIds.length).toBeGreaterThan(0)
      for (const id of p.ruleIds) expect(id).toMatch(/^(D\d+(\.\d+)?|R\d+\.\d+)$/)
    }
    expect(accessPurpose('labor_inspection')?.ruleIds).toContain('D16.2')
    expect(accessPurpose('curiosity')).toBeUndefined()
    expect(accessPurpose(['labor_inspection'])).toBeUndefined()
  })
})

describe('facts recorded at decision', () => {
  it('takes every workplace’s province, principal first, and the term type; a conversion’s from its contract', () => {
    const contract = {
      kind: 'contract',
      workplaces: [{ province: 'Bình Dương' }, { province: 'Hà Nội' }, { province: 'TP. Hồ Chí Minh' }],
      term: { type: 'definite' },
    }
    expect(contractFacts(contract)).toEqual({ provinces: ['79', '01'], termType: 'definite' })
    expect(contractFacts({ kind: 'paper_conversion', contract })).toEqual({
      provinces: ['79', '01'],
      termType: 'definite',
    })
    expect(contractFacts(null)).toEqual({ provinces: [], termType: null })
    expect(contractFacts({ workplaces: 'x', term: { type: 'forever' } })).toEqual({
      provinces: [],
      termType: null,
    })
  })
})

describe('small-cell suppression', () => {
  const cells = (pairs: Array<[string, number]>) => pairs.map(([key, n]) => ({ key, n }))
  const shown = (out: ReturnType<typeof suppress>) => out.map((c) => c.count)

  it(`withholds counts 1 to ${SMALL_CELL - 1}, never 0 or ${SMALL_CELL} and more`, () => {
    expect(
      shown(
        suppress(
          cells([
            ['a', 1],
            ['b', 4],
            ['c', 5],
            ['d', 9],
          ]),
        ),
      ),
    ).toEqual([null, null, 5, 9])
  })

  it('withholds the next smallest cell when only one is withheld, so the total does not give it away', () => {
    expect(
      shown(
        suppress(
          cells([
            ['a', 3],
            ['b', 7],
            ['c', 6],
          ]),
        ),
      ),
    ).toEqual([null, 7, null])
    expect(shown(suppress(cells([['a', 2]])))).toEqual([null])
    expect(
      shown(
        suppress(
          cells([
            ['a', 8],
            ['b', 6],
          ]),
        ),
      ),
    ).toEqual([8, 6])
  })
})
