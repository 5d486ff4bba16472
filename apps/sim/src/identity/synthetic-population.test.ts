import { checkPersonalIdNumber, decodePersonalIdNumber, PROVINCE_CODES } from '@elc/core'
import { migrateToLatest } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { AccountRepo, accountIdFor, DEMO_PASSWORD, passwordMatches } from './accounts.ts'
import { PROVINCES_2025, provinceAfterMerger } from './provinces-2025.ts'
import { centuryDigit, generatePopulation } from './synthetic-population.ts'

describe('synthetic population', () => {
  const population = generatePopulation({ seed: 'unit', persons: 3000, organisations: 200 })

  it('is reproducible by seed', () => {
    expect(generatePopulation({ seed: 'unit', persons: 3000, organisations: 200 })).toEqual(population)
    const other = generatePopulation({ seed: 'other', persons: 3000, organisations: 200 })
    expect(other.citizens[0]).not.toEqual(population.citizens[0])
    // A smaller run with the same seed is the start of the bigger one.
    expect(generatePopulation({ seed: 'unit', persons: 10, organisations: 0 }).citizens).toEqual(
      population.citizens.slice(0, 10),
    )
  })

  it('gives personal ID numbers that pass core validation and agree with birth year, sex and province', () => {
    const ids = new Set<string>()
    for (const c of population.citizens) {
      expect(
        checkPersonalIdNumber(c.personalId, { dateOfBirth: c.birthDate, sex: c.sex, today: '2026-01-01' }),
      ).toEqual([])
      const decoded = decodePersonalIdNumber(c.personalId)
      expect(decoded.ok).toBe(true)
      if (!decoded.ok) continue
      expect(decoded.value.birthYear).toBe(Number(c.birthDate.slice(0, 4)))
      expect(decoded.value.sex).toBe(c.sex)
      expect(decoded.value.provinceCode).toBe(c.birthProvinceCode)
      expect(PROVINCE_CODES.entries[c.birthProvinceCode]).toBeDefined()
      expect(Number.isNaN(Date.parse(`${c.birthDate}T00:00:00Z`))).toBe(false)
      ids.add(c.personalId)
    }
    expect(ids.size).toBe(population.citizens.length)
  })

  it('writes names and addresses in NFC, from the 34 provinces after the 2025 merger', () => {
    const provinces = new Set(PROVINCES_2025.map((p) => p.name))
    for (const c of population.citizens) {
      for (const s of [c.fullName, c.familyName, c.middleName, c.givenName, c.residence.address])
        expect(s).toBe(s.normalize('NFC'))
      expect(c.fullName).toBe(`${c.familyName} ${c.middleName} ${c.givenName}`)
      expect(provinces.has(c.residence.province)).toBe(true)
      expect(c.residence.address).toContain(c.residence.province)
    }
    const female = population.citizens.filter((c) => c.sex === 'female')
    expect(female.filter((c) => c.middleName === 'Thị').length / female.length).toBeGreaterThan(0.1)
    expect(population.citizens.filter((c) => c.sex === 'male').some((c) => c.middleName === 'Thị')).toBe(
      false,
    )
  })

  it('draws family names with their real frequency', () => {
    const share = (name: string) =>
      population.citizens.filter((c) => c.familyName === name).length / population.citizens.length
    expect(share('Nguyễn')).toBeGreaterThan(0.33)
    expect(share('Nguyễn')).toBeLessThan(0.44)
    expect(share('Trần')).toBeGreaterThan(0.08)
    expect(share('Lê')).toBeGreaterThan(share('Đỗ'))
  })

  it('makes companies with legal forms, 10-digit tax codes and representatives from the citizens', () => {
    const byId = new Map(population.citizens.map((c) => [c.personalId, c]))
    const taxCodes = new Set<string>()
    const names = new Set<string>()
    for (const co of population.companies) {
      expect(co.name).toMatch(/^Công ty (TNHH|Cổ phần) /)
      expect(co.name).toBe(co.name.normalize('NFC'))
      expect(co.taxCode).toMatch(/^\d{10}$/)
      expect(byId.get(co.legalRepresentative.personalId)?.fullName).toBe(co.legalRepresentative.fullName)
      taxCodes.add(co.taxCode)
      names.add(co.name)
    }
    expect(taxCodes.size).toBe(population.companies.length)
    expect(names.size).toBe(population.companies.length)
  })

  it('encodes century and sex as R5.2 says', () => {
    expect(centuryDigit(1990, 'male')).toBe(0)
    expect(centuryDigit(1990, 'female')).toBe(1)
    expect(centuryDigit(2001, 'male')).toBe(2)
    expect(centuryDigit(2001, 'female')).toBe(3)
    expect(() => centuryDigit(1899, 'male')).toThrow(RangeError)
  })

  it('maps every old province to exactly one of 34 new ones (6 cities)', () => {
    expect(PROVINCES_2025).toHaveLength(34)
    expect(PROVINCES_2025.filter((p) => p.kind === 'city')).toHaveLength(6)
    const oldNames = new Set(Object.values(PROVINCE_CODES.entries).map((e) => e.name))
    expect(oldNames.size).toBe(63)
    for (const name of oldNames) {
      expect(
        PROVINCES_2025.filter((p) => p.formerProvinces.includes(name)),
        name,
      ).toHaveLength(1)
      expect(provinceAfterMerger(name)).toBeDefined()
    }
    expect(PROVINCES_2025.flatMap((p) => p.formerProvinces)).toHaveLength(63)
  })

  it('refuses counts out of range', () => {
    expect(() => generatePopulation({ seed: 's', persons: -1, organisations: 0 })).toThrow(RangeError)
    expect(() => generatePopulation({ seed: 's', persons: 0, organisations: 1 })).toThrow(RangeError)
  })
})

describeEachDatabase<SimCaDatabase>('synthetic population seeding', (ctx) => {
  beforeAll(async () => {
    await migrateToLatest(ctx.db(), caMigrations)
  })

  it('seeds accounts with stable ids, once, signing in with the demo password', async () => {
    const repo = new AccountRepo(ctx.db())
    const population = generatePopulation({ seed: 'db', persons: 20, organisations: 4 })
    expect(await repo.seed(population)).toBe(24)
    expect(await repo.seed(population)).toBe(0)
    const citizen = population.citizens[0]
    if (!citizen) throw new Error('no citizen')
    const found = await repo.findForLogin('person', citizen.personalId)
    expect(found?.account).toMatchObject({
      id: accountIdFor('person', citizen.personalId),
      status: 'active',
      assuranceLevel: citizen.assuranceLevel,
      profile: { fullName: citizen.fullName, birthDate: citizen.birthDate },
    })
    expect(await passwordMatches(found?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true)
    expect(await passwordMatches(found?.passwordHash ?? '', 'wrong')).toBe(false)
    expect(await repo.list({ kind: 'organisation', limit: 100, offset: 0 })).toHaveLength(4)
  })
})
