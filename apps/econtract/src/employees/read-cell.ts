// Turns one cell into the value of its field: text in NFC, dates from Excel dates or dd/mm/yyyy text, the
// closed vocabularies (sex, ID document kind, nationality) from Vietnamese or English words.
import {
  type CivilDate,
  formatDate,
  ID_DOCUMENT_KINDS,
  type IdDocumentKind,
  parseDate,
  type Sex,
} from '@elc/core'
import { foldKey } from './columns.ts'
import type { Cell } from './read-table.ts'

/** The cell as text, NFC, trimmed, inner runs of spaces folded (Vietnamese typed as NFD becomes NFC). */
export function textOf(cell: Cell): string {
  if (cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString()
  const raw = typeof cell === 'number' ? numberText(cell) : String(cell)
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim()
}

// Whole numbers up to 2^53 print without exponent; that covers every 12-digit ID number typed as a number.
function numberText(n: number): string {
  return Number.isSafeInteger(n) ? n.toFixed(0) : String(n)
}

// Excel day 0 is 1899-12-30 (its 1900 leap-year bug makes that the epoch for every date after Feb 1900).
const EXCEL_EPOCH_DAY = Date.UTC(1899, 11, 30) / 86_400_000
// A bare number below this (1910-01-01) is more likely a year or a typo than a date serial.
const MIN_SERIAL = 3653

/** `YYYY-MM-DD`, or undefined when the cell is not a calendar date. */
export function dateOf(cell: Cell): CivilDate | undefined {
  if (cell === undefined) return undefined
  if (cell instanceof Date) {
    // exceljs gives midnight UTC, sometimes a hair off from floating point; round to the minute.
    const d = new Date(Math.round(cell.getTime() / 60_000) * 60_000)
    return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < MIN_SERIAL || cell >= 2_958_466) return undefined
    const d = new Date((EXCEL_EPOCH_DAY + Math.floor(cell)) * 86_400_000)
    return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
  }
  const s = textOf(cell)
  // Vietnamese order: day, month, year.
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const parts = vn
    ? { year: Number(vn[3]), month: Number(vn[2]), day: Number(vn[1]) }
    : iso
      ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
      : undefined
  if (!parts) return undefined
  const date = formatDate(parts)
  return parseDate(date) ? date : undefined
}

const SEX_WORDS: Record<string, Sex> = {
  nam: 'male',
  male: 'male',
  m: 'male',
  nu: 'female',
  female: 'female',
  f: 'female',
}

export function sexOf(cell: Cell): Sex | undefined {
  return SEX_WORDS[foldKey(textOf(cell))]
}

const KIND_WORDS = new Map<string, IdDocumentKind>([
  ['personal id', 'personal_id'],
  ['so dinh danh ca nhan', 'personal_id'],
  ['dinh danh ca nhan', 'personal_id'],
  ['cccd', 'personal_id'],
  ['can cuoc', 'personal_id'],
  ['the can cuoc', 'personal_id'],
  ['can cuoc cong dan', 'personal_id'],
  ['old id', 'old_id'],
  ['cmnd', 'old_id'],
  ['chung minh nhan dan', 'old_id'],
  ['passport', 'passport'],
  ['ho chieu', 'passport'],
])
for (const kind of ID_DOCUMENT_KINDS.values) {
  KIND_WORDS.set(foldKey(kind), kind)
  KIND_WORDS.set(foldKey(ID_DOCUMENT_KINDS.labels[kind].vi), kind)
  KIND_WORDS.set(foldKey(ID_DOCUMENT_KINDS.labels[kind].en), kind)
}

/** An empty cell is the personal identification number, the document every Vietnamese adult has (R5.1). */
export function idKindOf(cell: Cell): IdDocumentKind | undefined {
  const key = foldKey(textOf(cell))
  return key === '' ? 'personal_id' : KIND_WORDS.get(key)
}

const VIETNAM = new Set(['vn', 'vnm', 'viet nam', 'vietnam', 'nuoc cong hoa xa hoi chu nghia viet nam'])

/** ISO 3166-1 alpha-2; empty means Vietnamese. */
export function nationalityOf(cell: Cell): string | undefined {
  const s = textOf(cell)
  if (s === '' || VIETNAM.has(foldKey(s))) return 'VN'
  return /^[A-Za-z]{2}$/.test(s) ? s.toUpperCase() : undefined
}
