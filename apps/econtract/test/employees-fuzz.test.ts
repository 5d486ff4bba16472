// Whatever is uploaded, parseEmployeeFile either returns rows or throws the import error: never a crash, a
// TypeError from a library, or a hang.
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { EmployeeImportError, parseEmployeeFile } from '../src/employees/index.ts'

const CSV = `\uFEFFHọ và tên;Ngày sinh;Giới tính;CCCD;Nơi cư trú;Email
"Nguyễn Văn An";15/03/1990;Nam;001090000001;"Hà Nội; Việt Nam";an@example.vn
Trần Thị Bình;01/12/1991;Nữ;079191000002;TP. Hồ Chí Minh;
`
let xlsx: Uint8Array

beforeAll(async () => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Nhân viên')
  ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'CCCD', 'Nơi cư trú'])
  ws.addRow(['Nguyễn Văn An', new Date(Date.UTC(1990, 2, 15)), 'Nam', '001090000001', 'Hà Nội'])
  ws.addRow(['Trần Thị Bình', '01/12/1991', 'Nữ', '079191000002', 'TP. Hồ Chí Minh'])
  xlsx = new Uint8Array(await wb.xlsx.writeBuffer())
})

async function outcome(bytes: Uint8Array, name: string): Promise<'ok' | 'refused'> {
  try {
    const parsed = await parseEmployeeFile(bytes, name, undefined, { today: '2026-11-23' })
    expect(Array.isArray(parsed.employees)).toBe(true)
    return 'ok'
  } catch (e) {
    if (e instanceof EmployeeImportError && e.errors.length > 0) return 'refused'
    throw e
  }
}

/** Overwrites, deletes or inserts bytes at random places, or cuts the file short. */
const mutation = (base: () => Uint8Array) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom('set', 'delete', 'insert', 'truncate'),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((edits) => {
      let bytes = Array.from(base())
      for (const [op, at, value] of edits) {
        const i = bytes.length === 0 ? 0 : at % bytes.length
        if (op === 'set') bytes[i] = value
        else if (op === 'delete') bytes.splice(i, 1 + (value % 16))
        else if (op === 'insert') bytes.splice(i, 0, value)
        else bytes = bytes.slice(0, i)
      }
      return Uint8Array.from(bytes)
    })

describe('employee file fuzz', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('a.csv', 'a.xlsx', 'a'),
        async (b, n) => {
          await outcome(b, n)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('random bytes behind a ZIP signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (b) => {
        await outcome(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]), 'a.xlsx')
      }),
      { numRuns: 200 },
    )
  })

  it('random text as CSV', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 500, unit: 'grapheme' }), async (s) => {
        await outcome(new TextEncoder().encode(s), 'a.csv')
      }),
      { numRuns: 300 },
    )
  })

  it('mutated valid CSV', async () => {
    const base = () => new TextEncoder().encode(CSV)
    expect(await outcome(base(), 'a.csv')).toBe('ok')
    await fc.assert(
      fc.asyncProperty(mutation(base), async (b) => {
        await outcome(b, 'a.csv')
      }),
      { numRuns: 300 },
    )
  })

  it('mutated valid XLSX', async () => {
    expect(await outcome(xlsx, 'a.xlsx')).toBe('ok')
    await fc.assert(
      fc.asyncProperty(
        mutation(() => xlsx),
        async (b) => {
          await outcome(b, 'a.xlsx')
        },
      ),
      { numRuns: 150 },
    )
  }, 60_000)

  it('workbooks with random cells under a good or random header', async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ min: new Date('1800-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
      fc.constantFrom('Nam', 'Nữ', '001090000001', '15/03/1990', '31/02/1990', '#N/A'),
    )
    const header = fc.oneof(
      fc.constant(['Họ và tên', 'Ngày sinh', 'Giới tính', 'CCCD', 'Nơi cư trú']),
      fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.integer()), { maxLength: 8 }),
    )
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 }),
        async (h, rows) => {
          const wb = new ExcelJS.Workbook()
          const ws = wb.addWorksheet('S')
          ws.addRow(h)
          for (const r of rows) ws.addRow(r)
          await outcome(new Uint8Array(await wb.xlsx.writeBuffer()), 'a.xlsx')
        },
      ),
      { numRuns: 60 },
    )
  }, 60_000)
})
