// importEmployees and the directory on PGlite and PostgreSQL: all or nothing, ID numbers encrypted at rest and
// found through their keyed hash, every read scoped to one employer.
import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { PiiCipher } from '@elc/storage'
import { beforeAll, expect, it } from 'vitest'
import {
  type EmployeeDatabase,
  EmployeeImportError,
  EmployeesRepo,
  importEmployees,
  migrateEmployees,
  toWorker,
} from '../src/employees/index.ts'

const HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Email,Điện thoại,Số BHXH'
const AN = 'Nguyễn Văn An,15/03/1990,Nam,001090000001,Hà Nội,an@example.vn,0912345678,0101234567'
const BINH = 'Trần Thị Bình,01/12/1991,Nữ,079191000002,TP. Hồ Chí Minh,,,'
const CUONG = 'Lê Văn Cường,02/02/1985,Nam,046085000003,Huế,,,'
const EMPLOYER = '0101234567'
const OTHER = '0309876543'
const TODAY = '2026-11-23'

const file = (...rows: string[]) => new TextEncoder().encode(`${HEADER}\n${rows.join('\n')}\n`)

describeEachDatabase<EmployeeDatabase>('employee directory', (ctx) => {
  let repo: EmployeesRepo
  const cipher = new PiiCipher({
    keys: [{ id: 'k1', key: randomBytes(32) }],
    currentKeyId: 'k1',
    lookupKey: 'employee-lookup-test-key',
  })
  const run = (employerTaxCode: string, bytes: Uint8Array) =>
    importEmployees(repo, { employerTaxCode, bytes, fileName: 'list.csv' }, { today: TODAY })
  const count = async () =>
    Number((await sql<{ n: string }>`select count(*)::text as n from employee`.execute(ctx.db())).rows[0]?.n)

  beforeAll(async () => {
    expect(await migrateEmployees(ctx.db() as Kysely<unknown>)).toEqual(['employees-0001'])
    repo = new EmployeesRepo(ctx.db(), cipher, () => new Date('2026-11-23T03:00:00Z'))
  })

  it('migrations are idempotent under the employees module', async () => {
    expect(await migrateEmployees(ctx.db() as Kysely<unknown>)).toEqual([])
  })

  it('one bad row: nothing is written', async () => {
    const bad = 'Phạm Thị Dung,31/02/1992,Nữ,001192000004,Hà Nội,,,'
    await expect(run(EMPLOYER, file(AN, BINH, bad))).rejects.toBeInstanceOf(EmployeeImportError)
    expect(await count()).toBe(0)
  })

  it('all good rows: inserted together, counted', async () => {
    const result = await run(EMPLOYER, file(AN, BINH))
    expect(result).toEqual({ format: 'csv', inserted: 2, warnings: [] })
    expect(await count()).toBe(2)
  })

  it('ID numbers are not stored in clear', async () => {
    const { rows } = await sql<Record<string, unknown>>`select * from employee`.execute(ctx.db())
    const dump = JSON.stringify(rows, (_, v) =>
      v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
    )
    expect(rows).toHaveLength(2)
    for (const digits of ['001090000001', '079191000002']) expect(dump).not.toContain(digits)
    for (const row of rows) expect(Buffer.isBuffer(row.id_number_ciphertext)).toBe(true)
  })

  it('lookup by hash finds the person, only within the employer', async () => {
    const an = await repo.findByIdNumber(EMPLOYER, '001090000001')
    expect(an?.fullName).toBe('Nguyễn Văn An')
    expect(an?.idDocument).toEqual({ kind: 'personal_id', number: '001090000001' })
    const { rows } = await sql<{ id_lookup: string }>`
        select id_lookup from employee where id = ${an?.id}`.execute(ctx.db())
    expect(rows[0]?.id_lookup).toBe(cipher.lookupHash('001090000001'))
    expect(await repo.findByIdNumber(OTHER, '001090000001')).toBeUndefined()
    expect(await repo.findByIdNumber(EMPLOYER, '001090000009')).toBeUndefined()
  })

  it('list and get are scoped to the employer, decrypted, and make a contract worker', async () => {
    const list = await repo.listByEmployer(EMPLOYER)
    expect(list.map((e) => [e.fullName, e.idDocument.number])).toEqual([
      ['Nguyễn Văn An', '001090000001'],
      ['Trần Thị Bình', '079191000002'],
    ])
    expect(await repo.listByEmployer(OTHER)).toEqual([])
    const an = list[0]
    if (!an) throw new Error('no row')
    expect(await repo.get(OTHER, an.id)).toBeUndefined()
    expect(toWorker((await repo.get(EMPLOYER, an.id)) ?? an)).toEqual({
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-03-15',
      sex: 'male',
      residence: 'Hà Nội',
      nationality: 'VN',
      idDocument: { kind: 'personal_id', number: '001090000001' },
      socialInsuranceNumber: '0101234567',
      phone: '0912345678',
      email: 'an@example.vn',
    })
  })

  it('a person already in the directory: the line is reported and nothing is written', async () => {
    const err = (await run(EMPLOYER, file(CUONG, BINH)).catch((e) => e)) as EmployeeImportError
    expect(err).toBeInstanceOf(EmployeeImportError)
    expect(err.errors.map((e) => [e.line, e.code, e.ruleId])).toEqual([
      [3, 'EMPLOYEE_ALREADY_IN_DIRECTORY', 'R5.1'],
    ])
    expect(await repo.findByIdNumber(EMPLOYER, '046085000003')).toBeUndefined()
  })

  it('another employer may list the same person', async () => {
    expect((await run(OTHER, file(AN))).inserted).toBe(1)
    expect((await repo.listByEmployer(OTHER)).map((e) => e.fullName)).toEqual(['Nguyễn Văn An'])
  })

  it('a duplicate added concurrently is caught by the unique constraint: everything rolls back', async () => {
    // Another import commits the same person between our check and our insert.
    const racing = new EmployeesRepo(ctx.db(), cipher)
    let raced = false
    const original = racing.lookups.bind(racing)
    racing.lookups = async (employer, db) => {
      const seen = await original(employer, db)
      if (!raced) {
        raced = true
        await repo.insertAll(EMPLOYER, [
          {
            line: 2,
            fullName: 'Lê Văn Cường',
            dateOfBirth: '1985-02-02',
            sex: 'male',
            residence: 'Huế',
            nationality: 'VN',
            idDocument: { kind: 'personal_id', number: '046085000003' },
          },
        ])
      }
      return seen
    }
    const dung = 'Phạm Thị Dung,01/01/1992,Nữ,001192000004,Hà Nội,,,'
    const before = await count()
    const err = (await importEmployees(
      racing,
      { employerTaxCode: EMPLOYER, bytes: file(dung, CUONG), fileName: 'list.csv' },
      { today: TODAY },
    ).catch((e) => e)) as EmployeeImportError
    expect(err).toBeInstanceOf(EmployeeImportError)
    expect(err.errors.map((e) => [e.line, e.code])).toEqual([[3, 'EMPLOYEE_ALREADY_IN_DIRECTORY']])
    expect(await count()).toBe(before + 1) // only the racing row
    expect(await repo.findByIdNumber(EMPLOYER, '001192000004')).toBeUndefined()
  })

  it('10,000 rows import in one transaction', async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `Người ${i},15/03/1990,Nam,002090${String(i).padStart(6, '0')},Hà Giang,,,`,
    )
    const result = await run('0100000001', file(...rows))
    expect(result.inserted).toBe(10_000)
    expect((await repo.listByEmployer('0100000001')).length).toBe(10_000)
  })
})
