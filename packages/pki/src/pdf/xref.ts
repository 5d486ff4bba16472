// Cross-reference sections (§7.5.4 tables, §7.5.8 streams) and the /Prev chain that incremental
// updates build. Newest section first; an object's newest entry wins.
import { decodeStream } from './filters.ts'
import { isRegular, ObjectParser } from './object-parser.ts'
import { isName, PdfDict, type PdfObject, PdfStream } from './objects.ts'
import { PDF_LIMITS, PdfError } from './pdf-error.ts'

export type XrefEntry =
  | { type: 'free' }
  | { type: 'offset'; offset: number; gen: number }
  | { type: 'compressed'; stream: number; index: number }

export interface XrefSection {
  /** Byte offset of `xref` or of the xref stream object. */
  offset: number
  kind: 'table' | 'stream'
  trailer: PdfDict
  entries: Map<number, XrefEntry>
}

/** The offset after the last `startxref` keyword. */
export function findStartXref(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const at = buf.lastIndexOf('startxref', Math.max(0, bytes.length - 1), 'latin1')
  if (at < 0) throw new PdfError('no startxref', 'không có startxref')
  const parser = new ObjectParser(bytes, at + 'startxref'.length)
  const offset = parser.readInteger()
  if (offset >= bytes.length)
    throw new PdfError('startxref points past the end', 'startxref trỏ ra ngoài tệp', at)
  return offset
}

// Where each section's text ends: an earlier revision holding those bytes would read the same section.
const sectionEnds = new WeakMap<XrefSection, number>()

/**
 * Follows /Prev from the last section; loops and absurd chains are errors. `known`: sections already
 * read from a file these bytes are a prefix of.
 */
export function readXrefChain(
  bytes: Uint8Array,
  start: number,
  known: readonly XrefSection[] = [],
): XrefSection[] {
  const sections: XrefSection[] = []
  const seen = new Set<number>()
  let offset: number | undefined = start
  while (offset !== undefined) {
    if (seen.has(offset)) throw new PdfError('xref /Prev loop', 'vòng lặp /Prev trong bảng xref', offset)
    if (sections.length >= PDF_LIMITS.maxXrefSections)
      throw new PdfError('too many xref sections', 'quá nhiều phần xref', offset)
    seen.add(offset)
    const section: XrefSection = reusable(known, offset, bytes.length) ?? readXrefSection(bytes, offset)
    // Hybrid files (§7.5.8.4): the table's /XRefStm adds entries the table does not list.
    const stm = section.trailer.get('XRefStm')
    if (section.kind === 'table' && typeof stm === 'number' && !seen.has(stm)) {
      seen.add(stm)
      for (const [num, entry] of readXrefSection(bytes, stm).entries)
        if (!section.entries.has(num)) section.entries.set(num, entry)
    }
    sections.push(section)
    const prev: PdfObject | undefined = section.trailer.get('Prev')
    offset = typeof prev === 'number' && Number.isInteger(prev) && prev >= 0 ? prev : undefined
  }
  return sections
}

// Reading an xref stream may peek at a keyword past its end; a table ends with its trailer's `>>`.
const LOOKAHEAD = 32

/** A section read from the same bytes, unless it is hybrid (its merge depends on the chain walked). */
function reusable(known: readonly XrefSection[], offset: number, length: number): XrefSection | undefined {
  for (const section of known) {
    if (section.offset !== offset) continue
    const end = sectionEnds.get(section)
    const margin = section.kind === 'table' ? 0 : LOOKAHEAD
    if (end === undefined || end + margin > length || section.trailer.has('XRefStm')) return undefined
    return section
  }
  return undefined
}

export function readXrefSection(bytes: Uint8Array, offset: number): XrefSection {
  if (offset < 0 || offset >= bytes.length)
    throw new PdfError('xref offset outside the file', 'vị trí xref nằm ngoài tệp', offset)
  const parser = new ObjectParser(bytes, offset)
  const section = parser.peekKeyword() === 'xref' ? readTable(parser, offset) : readStream(parser, offset)
  sectionEnds.set(section, parser.pos)
  return section
}

function readTable(parser: ObjectParser, offset: number): XrefSection {
  parser.expectKeyword('xref')
  const entries = new Map<number, XrefEntry>()
  while (parser.peekKeyword() !== 'trailer') {
    const first = parser.readInteger()
    const count = parser.readInteger()
    if (first + count > PDF_LIMITS.maxObjectNumber)
      throw new PdfError('xref subsection too large', 'phần xref quá lớn', parser.pos)
    for (let i = 0; i < count; i++) {
      const entry = fixedEntry(parser) ?? generalEntry(parser)
      if (!entries.has(first + i)) entries.set(first + i, entry)
    }
  }
  parser.expectKeyword('trailer')
  const trailer = parser.parseObject(0)
  if (!(trailer instanceof PdfDict))
    throw new PdfError('trailer is not a dictionary', 'trailer không phải từ điển')
  return { offset, kind: 'table', trailer, entries }
}

function generalEntry(parser: ObjectParser): XrefEntry {
  const field = parser.readInteger()
  const gen = parser.readInteger()
  const flag = parser.peekKeyword()
  if (flag !== 'n' && flag !== 'f') throw new PdfError('bad xref entry', 'mục xref không hợp lệ', parser.pos)
  parser.pos += 1
  return flag === 'n' ? { type: 'offset', offset: field, gen } : { type: 'free' }
}

/** The usual `nnnnnnnnnn ggggg n` entry read in place; anything else is left to generalEntry. */
function fixedEntry(parser: ObjectParser): XrefEntry | undefined {
  parser.skipWhitespace()
  const b = parser.bytes
  const p = parser.pos
  if (p + 18 > b.length || b[p + 10] !== 0x20 || b[p + 16] !== 0x20) return undefined
  const flag = b[p + 17]
  if ((flag !== 0x6e && flag !== 0x66) || isRegular(b[p + 18])) return undefined
  const offset = digits(b, p, 10)
  const gen = digits(b, p + 11, 5)
  if (offset < 0 || gen < 0) return undefined
  parser.pos = p + 18
  return flag === 0x6e ? { type: 'offset', offset, gen } : { type: 'free' }
}

function digits(b: Uint8Array, at: number, count: number): number {
  let v = 0
  for (let i = at; i < at + count; i++) {
    const d = (b[i] as number) - 0x30
    if (d < 0 || d > 9) return -1
    v = v * 10 + d
  }
  return v
}

function readStream(parser: ObjectParser, offset: number): XrefSection {
  const { value } = parser.parseIndirectObject()
  if (!(value instanceof PdfStream) || !isName(value.dict.get('Type'), 'XRef'))
    throw new PdfError('startxref does not point at an xref', 'startxref không trỏ tới bảng xref', offset)
  const dict = value.dict
  const w = dict.get('W')
  if (!Array.isArray(w) || w.length !== 3 || !w.every((n) => typeof n === 'number' && n >= 0 && n <= 8))
    throw new PdfError('bad xref stream /W', '/W của luồng xref không hợp lệ', offset)
  const [w0, w1, w2] = w as [number, number, number]
  const size = dict.get('Size')
  const index = dict.get('Index') ?? [0, typeof size === 'number' ? size : 0]
  if (!Array.isArray(index) || index.length % 2 || !index.every((n) => typeof n === 'number' && n >= 0))
    throw new PdfError('bad xref stream /Index', '/Index của luồng xref không hợp lệ', offset)
  const data = decodeStream(value)
  const rowLength = w0 + w1 + w2
  const entries = new Map<number, XrefEntry>()
  let pos = 0
  for (let i = 0; i < index.length; i += 2) {
    const first = index[i] as number
    const count = index[i + 1] as number
    if (first + count > PDF_LIMITS.maxObjectNumber)
      throw new PdfError('xref stream too large', 'luồng xref quá lớn', offset)
    for (let k = 0; k < count && pos + rowLength <= data.length; k++, pos += rowLength) {
      const type = w0 === 0 ? 1 : field(data, pos, w0)
      const a = field(data, pos + w0, w1)
      const b = field(data, pos + w0 + w1, w2)
      const num = first + k
      if (entries.has(num)) continue
      if (type === 0) entries.set(num, { type: 'free' })
      else if (type === 1) entries.set(num, { type: 'offset', offset: a, gen: b })
      else if (type === 2) entries.set(num, { type: 'compressed', stream: a, index: b })
    }
  }
  return { offset, kind: 'stream', trailer: dict, entries }
}

function field(data: Uint8Array, at: number, width: number): number {
  let v = 0
  for (let i = 0; i < width; i++) v = v * 256 + (data[at + i] as number)
  return v
}
