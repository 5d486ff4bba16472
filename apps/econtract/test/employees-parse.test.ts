// parseEmployeeFile: good CSV and XLSX in their usual shapes, and every bad case reported by line and field.
import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import {
  EmployeeImportError,
  employeeTemplate,
  type ImportIssue,
  parseEmployeeFile,
} from '../src/employees/index.ts'

const TODAY = '2026-11-23'
const enc = (s: string) => new TextEncoder().encode(s)
const HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú'
// 001 Hà Nội, G=0 male 1900s, YY=90; 079 TP.HCM, G=1 female 1900s, YY=91 (R5.2).
const AN = 'Nguyễn Văn An,15/03/1990,Nam,001090000001,Hà Nội'
const BINH = 'Trần Thị Bình,01/12/1991,Nữ,079191000002,TP. Hồ Chí Minh'

async function parse(bytes: Uint8Array, name = 'list.csv', options = {}) {
  return parseEmployeeFile(bytes, name, undefined, { today: TODAY, ...options })
}

async function failure(bytes: Uint8Array, name = 'list.csv', options = {}): Promise<ImportIssue[]> {
  try {
    await parse(bytes, name, options)
  } catch (e) {
    expect(e).toBeInstanceOf(EmployeeImportError)
    const err = e as EmployeeImportError
    expect(err.code).toBe('EMPLOYEE_IMPORT_INVALID')
    for (const issue of err.errors) {
      expect(issue.message.vi).not.toBe('')
      expect(issue.message.en).not.toBe('')
    }
    return err.errors
  }
  throw new Error('expected the file to be refused')
}

const brief = (issues: ImportIssue[]) => issues.map((i) => [i.line, i.field, i.code, i.ruleId])

async function workbook(rows: unknown[][], setup?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Nhân viên')
  setup?.(ws)
  for (const r of rows) ws.addRow(r)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('parseEmployeeFile: good files', () => {
  const goodCsv: [string, string][] = [
    ['comma', `${HEADER}\n${AN}\n${BINH}\n`],
    ['semicolon', `${HEADER}\n${AN}\n${BINH}`.replaceAll(',', ';')],
    ['BOM and CRLF', `\uFEFF${HEADER}\r\n${AN}\r\n${BINH}\r\n`],
    [
      'English headers, quoted fields, blank lines',
      `full name,date of birth,sex,personal id,residence\n\n"Nguyễn Văn An","1990-03-15",male,"001090000001","Số 5, Lý Thái Tổ, Hà Nội"\n\n${BINH}\n`,
    ],
    [
      'headers in capitals without diacritics, in another order',
      `NOI CU TRU,GIOI TINH,HO VA TEN,CCCD,NGAY SINH\nHà Nội,NAM,Nguyễn Văn An,001090000001,15/3/1990\nTP. Hồ Chí Minh,nữ,Trần Thị Bình,079191000002,1.12.1991`,
    ],
  ]
  it.each(goodCsv)('CSV: %s', async (_, content) => {
    const parsed = await parse(enc(content))
    expect(parsed.format).toBe('csv')
    expect(parsed.employees.map((e) => [e.fullName, e.dateOfBirth, e.sex, e.idDocument.number])).toEqual([
      ['Nguyễn Văn An', '1990-03-15', 'male', '001090000001'],
      ['Trần Thị Bình', '1991-12-01', 'female', '079191000002'],
    ])
    expect(parsed.employees.every((e) => e.nationality === 'VN' && e.idDocument.kind === 'personal_id')).toBe(
      true,
    )
    expect(parsed.warnings).toEqual([])
  })

  it('CSV fixture: semicolons, BOM, CRLF, quoted semicolons, every optional column', async () => {
    const bytes = readFileSync(new URL('./fixtures/employees/good-semicolon-bom.csv', import.meta.url))
    const parsed = await parse(bytes, 'danh-sach.csv')
    expect(parsed.employees).toEqual([
      {
        line: 2,
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1990-03-15',
        sex: 'male',
        residence: 'Số 5 Lý Thái Tổ; Hoàn Kiếm; Hà Nội',
        nationality: 'VN',
        idDocument: { kind: 'personal_id', number: '001090000001' },
        email: 'an@example.vn',
        phone: '0912345678',
        socialInsuranceNumber: '0101234567',
      },
      {
        line: 3,
        fullName: 'Trần Thị Bình',
        dateOfBirth: '1991-12-01',
        sex: 'female',
        residence: 'TP. Hồ Chí Minh',
        nationality: 'VN',
        idDocument: { kind: 'personal_id', number: '079191000002' },
      },
    ])
  })

  it('NFD names and addresses are stored NFC', async () => {
    const content = `${HEADER}\n${AN}\n`.normalize('NFD')
    expect(content).not.toBe(content.normalize('NFC'))
    const [an] = (await parse(enc(content))).employees
    expect(an?.fullName).toBe('Nguyễn Văn An'.normalize('NFC'))
    expect(an?.fullName.normalize('NFC')).toBe(an?.fullName)
    expect(an?.residence).toBe('Hà Nội'.normalize('NFC'))
  })

  it('XLSX: Excel dates, text dates, ID numbers as text keep leading zeros, rich text, links, formulas', async () => {
    const bytes = await workbook(
      [
        ['Họ và tên / Full name', 'Ngày sinh', 'Giới tính', 'Số định danh cá nhân', 'Nơi cư trú', 'Email'],
        ['Nguyễn Văn An', new Date(Date.UTC(1990, 2, 15)), 'Nam', '001090000001', 'Hà Nội', null],
        [
          { richText: [{ text: 'Trần Thị ' }, { text: 'Bình', font: { bold: true } }] },
          '01/12/1991',
          'Nữ',
          '079191000002',
          { formula: '"TP. Hồ Chí Minh"', result: 'TP. Hồ Chí Minh' },
          { text: 'binh@example.vn', hyperlink: 'mailto:binh@example.vn' },
        ],
      ],
      (ws) => {
        ws.getColumn(2).numFmt = 'dd/mm/yyyy'
        ws.getColumn(4).numFmt = '@'
      },
    )
    const parsed = await parse(bytes, 'list.xlsx')
    expect(parsed.format).toBe('xlsx')
    expect(
      parsed.employees.map((e) => [e.line, e.fullName, e.dateOfBirth, e.idDocument.number, e.email]),
    ).toEqual([
      [2, 'Nguyễn Văn An', '1990-03-15', '001090000001', undefined],
      [3, 'Trần Thị Bình', '1991-12-01', '079191000002', 'binh@example.vn'],
    ])
  })

  it('XLSX detected by content, whatever the name and declared type', async () => {
    const bytes = await workbook([HEADER.split(','), AN.split(',')])
    const parsed = await parseEmployeeFile(bytes, 'upload.bin', 'application/octet-stream', { today: TODAY })
    expect(parsed.format).toBe('xlsx')
    expect(parsed.employees).toHaveLength(1)
  })

  it('the template parses to its one example row, without warnings', async () => {
    const parsed = await parse(new Uint8Array(await employeeTemplate()), 'mau.xlsx')
    expect(parsed.employees).toHaveLength(1)
    expect(parsed.employees[0]?.idDocument.number).toBe('001195012345')
    expect(parsed.warnings).toEqual([])
  })

  it('other documents and nationalities: old CMND (R5.5), foreign passport', async () => {
    const content = `${HEADER},Loại giấy tờ,Quốc tịch\nLê Văn Cường,02/02/1970,Nam,012345678,Huế,CMND,VN\nJohn Smith,03/03/1985,male,X1234567,Đà Nẵng,Hộ chiếu,GB\n`
    const parsed = await parse(enc(content))
    expect(parsed.employees.map((e) => [e.idDocument.kind, e.idDocument.number, e.nationality])).toEqual([
      ['old_id', '012345678', 'VN'],
      ['passport', 'X1234567', 'GB'],
    ])
  })

  it('ID number inconsistent with birth year is a warning, not an error (R5.4)', async () => {
    const parsed = await parse(enc(`${HEADER}\nNguyễn Văn An,15/03/1991,Nam,001090000001,Hà Nội\n`))
    expect(parsed.employees).toHaveLength(1)
    expect(brief(parsed.warnings)).toEqual([[2, 'idNumber', 'ID_NUMBER_BIRTH_YEAR_MISMATCH', 'R5.4']])
  })
})

describe('parseEmployeeFile: every bad case by line and field', () => {
  const cases: [string, string, (string | number | undefined)[][]][] = [
    [
      'missing required columns, named in one error',
      'Họ và tên,Giới tính\nAn,Nam\n',
      [[1, undefined, 'EMPLOYEE_COLUMNS_MISSING', 'R4.6']],
    ],
    [
      'unknown column',
      `${HEADER},Lương\n${AN},10000000\n`,
      [[1, undefined, 'EMPLOYEE_COLUMNS_UNKNOWN', undefined]],
    ],
    [
      'bad ID number (R5.4), line as the user sees it',
      `${HEADER}\n${AN}\nTrần Thị Bình,01/12/1991,Nữ,07919100000X,HCM\n`,
      [[3, 'idNumber', 'ID_NUMBER_FORMAT', 'R5.4']],
    ],
    [
      'bad old CMND number (R5.5)',
      `${HEADER},Loại giấy tờ\nLê Văn Cường,02/02/1970,Nam,1234,Huế,CMND\n`,
      [[2, 'idNumber', 'OLD_ID_NUMBER_FORMAT', 'R5.5']],
    ],
    [
      'future date of birth',
      `${HEADER}\nNguyễn Văn An,15/03/2030,Nam,001230000001,Hà Nội\n`,
      [[2, 'dateOfBirth', 'EMPLOYEE_DATE_IN_FUTURE', 'R4.6']],
    ],
    [
      'impossible dates: 30 February, 13th month, text, year 1850',
      `${HEADER}\nA,30/02/1990,Nam,001090000001,X\nB,01/13/1990,Nam,001090000002,X\nC,hôm qua,Nam,001090000003,X\nD,01/01/1850,Nam,001090000004,X\n`,
      [
        [2, 'dateOfBirth', 'EMPLOYEE_DATE_INVALID', 'R4.6'],
        [3, 'dateOfBirth', 'EMPLOYEE_DATE_INVALID', 'R4.6'],
        [4, 'dateOfBirth', 'EMPLOYEE_DATE_INVALID', 'R4.6'],
        [5, 'dateOfBirth', 'EMPLOYEE_DATE_INVALID', 'R4.6'],
      ],
    ],
    [
      'bad sex',
      `${HEADER}\nNguyễn Văn An,15/03/1990,Khác,001090000001,Hà Nội\n`,
      [[2, 'sex', 'EMPLOYEE_SEX_INVALID', 'R4.6']],
    ],
    [
      'required cell empty',
      `${HEADER}\n,15/03/1990,Nam,001090000001,\n`,
      [
        [2, 'fullName', 'EMPLOYEE_FIELD_REQUIRED', 'R4.6'],
        [2, 'residence', 'EMPLOYEE_FIELD_REQUIRED', 'R4.6'],
      ],
    ],
    [
      'email, phone and social insurance number as the Worker schema defines them',
      `${HEADER},Email,Điện thoại,Số BHXH\n${AN},khong-phai-email,abc,123\n`,
      [
        [2, 'email', 'EMPLOYEE_FIELD_INVALID', undefined],
        [2, 'phone', 'EMPLOYEE_FIELD_INVALID', undefined],
        [2, 'socialInsuranceNumber', 'EMPLOYEE_FIELD_INVALID', undefined],
      ],
    ],
    [
      'duplicate ID number within the file: both lines (R5.1)',
      `${HEADER}\n${AN}\n${BINH}\nNguyễn Văn Ân,15/03/1990,Nam,001090000001,Hải Phòng\n`,
      [
        [2, 'idNumber', 'EMPLOYEE_ID_DUPLICATE_IN_FILE', 'R5.1'],
        [4, 'idNumber', 'EMPLOYEE_ID_DUPLICATE_IN_FILE', 'R5.1'],
      ],
    ],
    [
      'several bad rows: every one reported, sorted by line',
      `${HEADER}\nA,15/03/1990,X,001090000001,Y\n${BINH}\nC,99/99/1990,Nam,12,Y\n`,
      [
        [2, 'sex', 'EMPLOYEE_SEX_INVALID', 'R4.6'],
        [4, 'dateOfBirth', 'EMPLOYEE_DATE_INVALID', 'R4.6'],
        [4, 'idNumber', 'ID_NUMBER_FORMAT', 'R5.4'],
      ],
    ],
    [
      'a quoted field spanning lines: the next record keeps its true line',
      `${HEADER}\n"Nguyễn Văn An",15/03/1990,Nam,001090000001,"Hà Nội\nViệt Nam"\nB,15/03/1990,?,001090000009,X\n`,
      [[4, 'sex', 'EMPLOYEE_SEX_INVALID', 'R4.6']],
    ],
    [
      'data beyond the header',
      `${HEADER}\n${AN},,lạc chỗ\n`,
      [[2, undefined, 'EMPLOYEE_ROW_EXTRA_CELLS', undefined]],
    ],
    ['a header and no employees', `${HEADER}\n\n`, [[1, undefined, 'EMPLOYEE_FILE_NO_ROWS', undefined]]],
    [
      'unclosed quote',
      `${HEADER}\n"Nguyễn Văn An,15/03/1990\n`,
      [[2, undefined, 'EMPLOYEE_FILE_CSV_INVALID', undefined]],
    ],
  ]
  it.each(cases)('%s', async (_, content, expected) => {
    expect(brief(await failure(enc(content)))).toEqual(expected)
  })

  it('duplicate against the employer’s directory (R5.1)', async () => {
    const issues = await failure(enc(`${HEADER}\n${AN}\n${BINH}\n`), 'list.csv', {
      inDirectory: (n: string) => n === '079191000002',
    })
    expect(brief(issues)).toEqual([[3, 'idNumber', 'EMPLOYEE_ALREADY_IN_DIRECTORY', 'R5.1']])
  })

  it('XLSX: an ID number typed as a number lost its zeros; the message says so', async () => {
    const bytes = await workbook([
      HEADER.split(','),
      ['Nguyễn Văn An', new Date(Date.UTC(1990, 2, 15)), 'Nam', 1090000001, 'Hà Nội'],
    ])
    const [issue] = await failure(bytes, 'list.xlsx')
    expect(brief([issue as ImportIssue])).toEqual([[2, 'idNumber', 'ID_NUMBER_FORMAT', 'R5.4']])
    expect(issue?.message.en).toMatch(/leading zeros/)
  })

  it('XLSX: row numbers are the sheet’s, after blank rows', async () => {
    const bytes = await workbook([
      HEADER.split(','),
      AN.split(','),
      [],
      ['B', '15/03/1990', 'x', '001090000009', 'Y'],
    ])
    expect(brief(await failure(bytes, 'list.xlsx'))).toEqual([[4, 'sex', 'EMPLOYEE_SEX_INVALID', 'R4.6']])
  })

  const PNG = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  ])
  const PDF = enc('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')
  const RANDOM = Uint8Array.from({ length: 512 }, (_, i) => (i * 131 + 7) % 256)
  const files: [string, Uint8Array, string, string][] = [
    ['a PNG', PNG, 'anh.png', 'EMPLOYEE_FILE_NOT_CSV_OR_XLSX'],
    ['a PNG named .csv', PNG, 'list.csv', 'EMPLOYEE_FILE_NOT_CSV_OR_XLSX'],
    ['a PDF named .xlsx', PDF, 'list.xlsx', 'EMPLOYEE_FILE_NOT_CSV_OR_XLSX'],
    ['random bytes', RANDOM, 'list.dat', 'EMPLOYEE_FILE_NOT_CSV_OR_XLSX'],
    [
      'an old .xls',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'a.xls',
      'EMPLOYEE_FILE_NOT_CSV_OR_XLSX',
    ],
    [
      'a CSV in Windows-1258',
      Uint8Array.from([...enc('H'), 0xe7, 0x20, 0x74, 0xea, 0x6e]),
      'list.csv',
      'EMPLOYEE_FILE_NOT_UTF8',
    ],
    ['a CSV in UTF-16', Uint8Array.from([0xff, 0xfe, 0x48, 0]), 'list.csv', 'EMPLOYEE_FILE_NOT_UTF8'],
    [
      'a damaged ZIP',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      'list.xlsx',
      'EMPLOYEE_FILE_XLSX_INVALID',
    ],
    ['an empty file', new Uint8Array(0), 'list.csv', 'EMPLOYEE_FILE_EMPTY'],
    ['only blank lines and a BOM', enc('\uFEFF\r\n\r\n  \n'), 'list.csv', 'EMPLOYEE_FILE_EMPTY'],
  ]
  it.each(files)('refuses %s with one clear file error', async (_, bytes, name, code) => {
    const issues = await failure(bytes, name)
    expect(issues.map((i) => [i.line, i.code])).toEqual([[0, code]])
  })

  it('refuses a ZIP that is not a workbook, and a workbook with nothing in it', async () => {
    const zip = storedZip({ 'readme.txt': 'Họ và tên,Ngày sinh' })
    expect((await failure(zip, 'list.xlsx')).map((i) => i.code)).toEqual(['EMPLOYEE_FILE_XLSX_INVALID'])
    expect((await failure(await workbook([]), 'list.xlsx')).map((i) => i.code)).toEqual([
      'EMPLOYEE_FILE_EMPTY',
    ])
  })

  it('refuses a ZIP that would unpack to far more than its size', async () => {
    const bomb = storedZip({ 'xl/workbook.xml': 'x' }, 0x7fffffff)
    expect((await failure(bomb, 'list.xlsx')).map((i) => i.code)).toEqual(['EMPLOYEE_FILE_TOO_LARGE'])
  })

  it('too many rows (CSV and XLSX), and too large a file', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `P${i},15/03/1990,Nam,00109000000${i},X`)
    const csv = enc(`${HEADER}\n${rows.join('\n')}\n`)
    expect((await failure(csv, 'list.csv', { maxRows: 5 })).map((i) => i.code)).toEqual([
      'EMPLOYEE_FILE_TOO_MANY_ROWS',
    ])
    await expect(parse(csv, 'list.csv', { maxRows: 6 })).resolves.toBeDefined()
    const xlsx = await workbook([HEADER.split(','), ...rows.map((r) => r.split(','))])
    expect((await failure(xlsx, 'list.xlsx', { maxRows: 5 })).map((i) => i.code)).toEqual([
      'EMPLOYEE_FILE_TOO_MANY_ROWS',
    ])
    expect((await failure(csv, 'list.csv', { maxBytes: 100 })).map((i) => i.code)).toEqual([
      'EMPLOYEE_FILE_TOO_LARGE',
    ])
  })

  it('the default limit is 10,000 rows', async () => {
    const row = (i: number) => `P,15/03/1990,Nam,001090${String(i).padStart(6, '0')},X`
    const many = (n: number) => enc(`${HEADER}\n${Array.from({ length: n }, (_, i) => row(i)).join('\n')}\n`)
    expect((await parse(many(10_000))).employees).toHaveLength(10_000)
    expect((await failure(many(10_001))).map((i) => i.code)).toEqual(['EMPLOYEE_FILE_TOO_MANY_ROWS'])
  })

  it('never echoes an ID number in a message (they end up in logs)', async () => {
    const issues = await failure(enc(`${HEADER}\nA,15/03/1990,Nam,0010900000019999999999,X\n`))
    expect(JSON.stringify(issues)).not.toContain('0010900000019999999999')
  })
})

/** A ZIP of stored (uncompressed) entries; `claimedSize` overrides the size the central directory declares. */
function storedZip(files: Record<string, string>, claimedSize?: number): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name)
    const data = Buffer.from(content)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(claimedSize ?? data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(Object.keys(files).length, 8)
  eocd.writeUInt16LE(Object.keys(files).length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]))
}
