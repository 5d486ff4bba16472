// Reads an uploaded employee file into rows of cells, telling CSV from XLSX by content (an XLSX is a ZIP),
// never by the name alone. Anything else, and anything damaged, is refused as an import error.
import { text } from '@elc/core'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { fileError } from './import-error.ts'

export type Cell = string | number | boolean | Date | undefined

export interface RawRow {
  /** Line (CSV) or row number (XLSX) as the user sees it. */
  line: number
  cells: Cell[]
}

export interface RawTable {
  format: 'csv' | 'xlsx'
  header: RawRow
  rows: RawRow[]
}

export interface ReadLimits {
  maxBytes: number
  maxRows: number
  /** Sum of the uncompressed sizes inside an XLSX: a small ZIP must not expand without bound. */
  maxUnzippedBytes: number
}

const MAGIC: { bytes: number[]; name: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'PNG' },
  { bytes: [0xff, 0xd8, 0xff], name: 'JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'GIF' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: 'Excel 97–2003 (.xls)' },
]
const ZIP = [0x50, 0x4b, 0x03, 0x04]

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

function notCsvOrXlsx(name: string, detected?: string) {
  const fileName = shortName(name)
  const what = detected ? ` (${detected})` : ''
  return fileError(
    'EMPLOYEE_FILE_NOT_CSV_OR_XLSX',
    text(
      `Tệp "${fileName}"${what} không phải CSV hay XLSX; hãy tải lên bảng tính Excel (.xlsx) hoặc tệp CSV UTF-8.`,
      `The file "${fileName}"${what} is neither CSV nor XLSX; upload an Excel workbook (.xlsx) or a UTF-8 CSV file.`,
    ),
  )
}

export async function readTable(bytes: Uint8Array, fileName: string, limits: ReadLimits): Promise<RawTable> {
  if (bytes.length === 0) throw emptyFile()
  if (bytes.length > limits.maxBytes)
    throw fileError(
      'EMPLOYEE_FILE_TOO_LARGE',
      text(
        `Tệp quá lớn (${bytes.length} byte); tối đa ${limits.maxBytes} byte.`,
        `The file is too large (${bytes.length} bytes); the limit is ${limits.maxBytes} bytes.`,
      ),
    )
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, fileName, limits)
  const known = MAGIC.find((m) => startsWith(bytes, m.bytes))
  if (known) throw notCsvOrXlsx(fileName, known.name)
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw fileError(
      'EMPLOYEE_FILE_NOT_UTF8',
      text(
        'Tệp CSV mã hóa UTF-16; hãy lưu lại dưới dạng "CSV UTF-8".',
        'The CSV file is UTF-16; save it again as "CSV UTF-8".',
      ),
    )
  let decoded: string
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw /\.csv$/i.test(fileName)
      ? fileError(
          'EMPLOYEE_FILE_NOT_UTF8',
          text(
            'Tệp CSV không mã hóa UTF-8; hãy lưu lại dưới dạng "CSV UTF-8".',
            'The CSV file is not UTF-8; save it again as "CSV UTF-8".',
          ),
        )
      : notCsvOrXlsx(fileName)
  }
  // Text files have no control characters besides tab and line breaks; binary data that happens to be UTF-8 does.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decoded)) throw notCsvOrXlsx(fileName)
  return readCsv(decoded, limits)
}

const shortName = (name: string) => {
  const nfc = name.normalize('NFC')
  return nfc.length > 80 ? `${nfc.slice(0, 77)}...` : nfc
}

function emptyFile() {
  return fileError(
    'EMPLOYEE_FILE_EMPTY',
    text('Tệp trống: không có dòng tiêu đề nào.', 'The file is empty: there is no header row.'),
  )
}

function tooManyRows(limits: ReadLimits) {
  return fileError(
    'EMPLOYEE_FILE_TOO_MANY_ROWS',
    text(
      `Tệp có quá nhiều dòng; mỗi lần nhập tối đa ${limits.maxRows} nhân viên, hãy chia thành nhiều tệp.`,
      `The file has too many rows; at most ${limits.maxRows} employees per import, split it into several files.`,
    ),
  )
}

const isEmptyCell = (c: Cell) => c === undefined || (typeof c === 'string' && c.trim() === '')

/** Header is the first row with anything in it; empty rows after it are skipped, as a person would. */
function toTable(format: RawTable['format'], all: RawRow[], limits: ReadLimits): RawTable {
  const filled = all.filter((r) => !r.cells.every(isEmptyCell))
  const [header, ...rows] = filled
  if (!header) throw emptyFile()
  if (rows.length > limits.maxRows) throw tooManyRows(limits)
  return { format, header, rows }
}

// Comma or semicolon (Excel in a Vietnamese or European locale writes semicolons): the one the header uses.
function delimiterOf(content: string): ',' | ';' {
  const firstLine = content.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  const outside = firstLine.replace(/"[^"]*"/g, '')
  const count = (c: string) => outside.split(c).length - 1
  return count(';') > count(',') ? ';' : ','
}

function readCsv(decoded: string, limits: ReadLimits): RawTable {
  const content = decoded.replace(/^\uFEFF/, '')
  if (content.trim() === '') throw emptyFile()
  let records: { record: string[]; info: { lines: number }; raw: string }[]
  try {
    // With `info` and `raw` each record comes wrapped with its position; the typings do not say so.
    records = parseCsv(content, {
      delimiter: delimiterOf(content),
      relax_column_count: true,
      info: true,
      raw: true,
      // Stop early on a huge file; the header and empty lines are why a little more than maxRows is read.
      to: limits.maxRows + 1000,
    }) as unknown as typeof records
  } catch (e) {
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as { lines: number }).lines : 0
    throw fileError(
      'EMPLOYEE_FILE_CSV_INVALID',
      text(
        `Tệp CSV bị lỗi cú pháp ở dòng ${line} (thường do dấu ngoặc kép không đóng).`,
        `The CSV file has a syntax error at line ${line} (often an unclosed double quote).`,
      ),
      line,
    )
  }
  const rows = records.map(({ record, info, raw }) => {
    // info.lines is where the record ends; a quoted field with line breaks starts it earlier.
    const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '')
    const breaks = body.split('\n').length - 1
    return { line: info.lines - breaks, cells: record as Cell[] }
  })
  if (records.length >= limits.maxRows + 1000) throw tooManyRows(limits)
  return toTable('csv', rows, limits)
}

async function readXlsx(bytes: Uint8Array, fileName: string, limits: ReadLimits): Promise<RawTable> {
  const name = shortName(fileName)
  const unreadable = () =>
    fileError(
      'EMPLOYEE_FILE_XLSX_INVALID',
      text(
        `Không đọc được bảng tính "${name}": tệp bị hỏng hoặc không phải XLSX.`,
        `The workbook "${name}" cannot be read: it is damaged or not an XLSX file.`,
      ),
    )
  const unzipped = zipUncompressedSize(bytes)
  if (unzipped === undefined) throw unreadable()
  if (unzipped > limits.maxUnzippedBytes)
    throw fileError(
      'EMPLOYEE_FILE_TOO_LARGE',
      text(
        'Bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp.',
        'The workbook is too large once unpacked; split it into several files.',
      ),
    )
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never)
  } catch {
    throw unreadable()
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadable()
  if (sheet.actualRowCount > limits.maxRows + 1000) throw tooManyRows(limits)
  const rows: RawRow[] = []
  try {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : []
      rows.push({ line: row.number, cells: Array.from(values, cellOf) })
    })
  } catch {
    throw unreadable()
  }
  return toTable('xlsx', rows, limits)
}

/** A cell's value as the person sees it: rich text as its text, a link as its text, a formula as its result. */
export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value !== 'object') return undefined
  const v = value as Record<string, unknown>
  if (Array.isArray(v.richText))
    return v.richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('')
  if ('formula' in v || 'sharedFormula' in v) return cellOf(v.result)
  if ('hyperlink' in v || 'text' in v) return cellOf(v.text)
  if (typeof v.error === 'string') return v.error
  return undefined
}

/**
 * Sum of the uncompressed sizes in a ZIP's central directory, or undefined when there is none to read.
 * ZIP64 archives are refused (undefined): a list of employees never needs one.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const EOCD = 0x06054b50
  const CDH = 0x02014b50
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  if (eocd < 0) return undefined
  const entries = view.getUint16(eocd + 10, true)
  const offset = view.getUint32(eocd + 16, true)
  let p = offset
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CDH) return undefined
    const size = view.getUint32(p + 24, true)
    if (size === 0xffffffff) return undefined
    total += size
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  return total
}
