// Reads PDF objects from bytes (ISO 32000-1 §7.2–7.3). Hostile input is expected: every loop is bounded
// by the buffer, nesting by PDF_LIMITS.maxDepth, and every failure is a PdfError with its offset.
import { trailingRun } from './byte-runs.ts'
import { PdfDict, PdfName, type PdfObject, PdfRef, PdfStream, PdfString } from './objects.ts'
import { PDF_LIMITS, PdfError } from './pdf-error.ts'

// Byte classes as lookup tables: the parser asks for every byte of the file.
const WHITESPACE = 1
const DELIMITER = 2
const CLASS = new Uint8Array(256)
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[b] = WHITESPACE
for (const b of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[b] = DELIMITER
/** Hex digit values, -1 for other bytes. */
const HEX = new Int8Array(256).fill(-1)
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i
}

export const isWhitespace = (b: number | undefined) => b !== undefined && CLASS[b] === WHITESPACE
export const isRegular = (b: number | undefined) => b !== undefined && CLASS[b] === 0
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39

/** Short ASCII runs (keywords, numbers) as a string, without a Buffer. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  let out = ''
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i] as number)
  return out
}

/** Where a hex string's bytes were read from: `<`, digits only, `>`. */
export interface HexSource {
  bytes: Uint8Array
  start: number
  end: number
}

// Lets the ByteRange check see that /Contents was decoded from exactly the gap, without re-reading it.
const hexSources = new WeakMap<Uint8Array, HexSource>()

/** The bytes `<hex>` that `decoded` (a hex string's bytes, as parsed) came from, when plain digits. */
export function hexSourceOf(decoded: Uint8Array): HexSource | undefined {
  return hexSources.get(decoded)
}

/** Looks up a stream's /Length when it is an indirect reference. */
export type LengthResolver = (ref: PdfRef) => number | undefined

export class ObjectParser {
  pos: number
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    private readonly resolveLength?: LengthResolver,
  ) {
    this.pos = start
  }

  skipWhitespace(): void {
    const b = this.bytes
    while (this.pos < b.length) {
      const c = b[this.pos] as number
      if (CLASS[c] === WHITESPACE) this.pos++
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++
      } else break
    }
  }

  /** The next token without consuming it, for keywords such as `obj`, `stream`, `trailer`. */
  peekKeyword(): string {
    this.skipWhitespace()
    let end = this.pos
    while (end < this.bytes.length && isRegular(this.bytes[end]) && end - this.pos < 32) end++
    return latin1(this.bytes, this.pos, end)
  }

  expectKeyword(keyword: string): void {
    if (this.peekKeyword() !== keyword)
      throw new PdfError(`expected "${keyword}"`, `thiếu từ khóa "${keyword}"`, this.pos)
    this.pos += keyword.length
  }

  readInteger(): number {
    this.skipWhitespace()
    const start = this.pos
    while (isDigit(this.bytes[this.pos])) this.pos++
    if (this.pos === start || this.pos - start > 15)
      throw new PdfError('expected an integer', 'thiếu số nguyên', start)
    return Number(latin1(this.bytes, start, this.pos))
  }

  /** `N G obj <object> endobj`; streams are read with their data. */
  parseIndirectObject(): { ref: PdfRef; value: PdfObject } {
    const num = this.readInteger()
    const gen = this.readInteger()
    this.expectKeyword('obj')
    const value = this.parseObject(0)
    if (value instanceof PdfDict && this.peekKeyword() === 'stream') {
      return { ref: new PdfRef(num, gen), value: this.readStream(value) }
    }
    return { ref: new PdfRef(num, gen), value }
  }

  parseObject(depth: number): PdfObject {
    if (depth > PDF_LIMITS.maxDepth)
      throw new PdfError('objects nested too deeply', 'đối tượng lồng nhau quá sâu', this.pos)
    this.skipWhitespace()
    const b = this.bytes
    const c = b[this.pos]
    if (c === undefined) throw new PdfError('unexpected end of file', 'tệp kết thúc đột ngột', this.pos)
    if (c === 0x2f) return this.readName()
    if (c === 0x28) return this.readLiteralString()
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) return this.readDict(depth)
      return this.readHexString()
    }
    if (c === 0x5b) {
      this.pos++
      const items: PdfObject[] = []
      for (;;) {
        this.skipWhitespace()
        if (this.pos >= b.length) throw new PdfError('unterminated array', 'mảng không kết thúc', this.pos)
        if (b[this.pos] === 0x5d) {
          this.pos++
          return items
        }
        items.push(this.parseObject(depth + 1))
      }
    }
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.readNumberOrRef()
    const word = this.peekKeyword()
    this.pos += word.length
    if (word === 'true') return true
    if (word === 'false') return false
    if (word === 'null') return null
    throw new PdfError(
      `unexpected token "${word.slice(0, 16)}"`,
      'ký hiệu không hợp lệ',
      this.pos - word.length,
    )
  }

  private readDict(depth: number): PdfDict {
    this.pos += 2
    const dict = new PdfDict()
    for (;;) {
      this.skipWhitespace()
      if (this.pos >= this.bytes.length)
        throw new PdfError('unterminated dictionary', 'từ điển không kết thúc', this.pos)
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2
        return dict
      }
      const key = this.parseObject(depth + 1)
      if (!(key instanceof PdfName))
        throw new PdfError('dictionary key is not a name', 'khóa từ điển không phải tên', this.pos)
      dict.set(key.value, this.parseObject(depth + 1))
    }
  }

  private readName(): PdfName {
    const b = this.bytes
    this.pos++
    const start = this.pos
    let escaped = false
    while (this.pos < b.length && isRegular(b[this.pos])) {
      if (b[this.pos] === 0x23) escaped = true
      this.pos++
    }
    if (!escaped) return new PdfName(latin1(b, start, this.pos))
    const out: number[] = []
    for (let i = start; i < this.pos; ) {
      const c = b[i] as number
      if (c === 0x23 && isHex(b[i + 1]) && isHex(b[i + 2])) {
        out.push(((HEX[b[i + 1] as number] as number) << 4) | (HEX[b[i + 2] as number] as number))
        i += 3
      } else {
        out.push(c)
        i++
      }
    }
    return new PdfName(Buffer.from(out).toString('latin1'))
  }

  private readNumberOrRef(): number | PdfRef {
    const start = this.pos
    const n = this.readNumber()
    // `N G R`: look ahead for two more tokens without committing.
    if (Number.isInteger(n) && n >= 0 && isDigit(this.bytes[start])) {
      const save = this.pos
      this.skipWhitespace()
      if (isDigit(this.bytes[this.pos])) {
        const genStart = this.pos
        while (isDigit(this.bytes[this.pos])) this.pos++
        const genText = latin1(this.bytes, genStart, Math.min(this.pos, genStart + 8))
        this.skipWhitespace()
        if (this.bytes[this.pos] === 0x52 && !isRegular(this.bytes[this.pos + 1]) && genText.length < 6) {
          this.pos++
          return new PdfRef(n, Number(genText))
        }
      }
      this.pos = save
    }
    return n
  }

  private readNumber(): number {
    const b = this.bytes
    const start = this.pos
    if (b[this.pos] === 0x2b || b[this.pos] === 0x2d) this.pos++
    while (isDigit(b[this.pos]) || b[this.pos] === 0x2e) this.pos++
    const raw = latin1(b, start, Math.min(this.pos, start + 40))
    const value = Number(raw === '-' || raw === '+' || raw === '.' ? Number.NaN : raw)
    if (!Number.isFinite(value) || this.pos - start > 32)
      throw new PdfError(`bad number "${raw.slice(0, 16)}"`, 'số không hợp lệ', start)
    return value
  }

  private readLiteralString(): PdfString {
    const b = this.bytes
    const start = this.pos
    this.pos++
    const out: number[] = []
    let depth = 1
    while (this.pos < b.length) {
      const c = b[this.pos++] as number
      if (c === 0x5c) {
        const e = b[this.pos++]
        if (e === undefined) break
        const simple: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 }
        if (simple[e] !== undefined) out.push(simple[e] as number)
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30
          for (let i = 0; i < 2 && (b[this.pos] ?? 0) >= 0x30 && (b[this.pos] ?? 0) <= 0x37; i++)
            v = v * 8 + ((b[this.pos++] as number) - 0x30)
          out.push(v & 0xff)
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++
        } else if (e !== 0x0a) out.push(e)
      } else if (c === 0x28) {
        depth++
        out.push(c)
      } else if (c === 0x29) {
        if (--depth === 0) return new PdfString(Uint8Array.from(out))
        out.push(c)
      } else out.push(c)
    }
    throw new PdfError('unterminated string', 'chuỗi không kết thúc', start)
  }

  private readHexString(): PdfString {
    const b = this.bytes
    const start = this.pos
    const end = b.indexOf(0x3e, this.pos)
    if (end < 0) throw new PdfError('unterminated hex string', 'chuỗi hex không kết thúc', start)
    const digits = end - start - 1
    // Short ones (document IDs) are cheaper to decode here than through a string.
    if (digits % 2 === 0 && digits < 256) {
      const out = Buffer.allocUnsafe(digits >> 1)
      let i = 0
      for (let at = start + 1; i < out.length; i++, at += 2) {
        const hi = HEX[b[at] as number] as number
        const lo = HEX[b[at + 1] as number] as number
        if (hi < 0 || lo < 0) break
        out[i] = (hi << 4) | lo
      }
      if (i === out.length) {
        this.pos = end + 1
        return new PdfString(out, true)
      }
    } else if (digits % 2 === 0) {
      // Usually nothing but hex digits: node decodes those natively, and stops early at anything else.
      // Signature placeholders are mostly "00" padding: only the digits before it are decoded.
      const head = digits - (trailingRun(b, start + 1, end, 0x30) & ~1)
      const text = Buffer.from(b.buffer, b.byteOffset + start + 1, head).toString('latin1')
      const decoded = Buffer.from(text, 'hex')
      if (decoded.length * 2 === head) {
        this.pos = end + 1
        let out = decoded
        if (head < digits) {
          out = Buffer.alloc(digits >> 1)
          decoded.copy(out)
        }
        hexSources.set(out, { bytes: b, start, end: end + 1 })
        return new PdfString(out, true)
      }
    }
    const out = new Uint8Array((end - start) >> 1)
    let n = 0
    let high = -1
    for (let i = start + 1; i < end; i++) {
      const c = b[i] as number
      const v = HEX[c] as number
      if (v < 0) {
        if (CLASS[c] !== WHITESPACE) throw new PdfError('bad hex string', 'chuỗi hex không hợp lệ', i)
      } else if (high < 0) high = v
      else {
        out[n++] = (high << 4) | v
        high = -1
      }
    }
    // An odd digit count ends as if followed by 0 (§7.3.4.3).
    if (high >= 0) out[n++] = high << 4
    this.pos = end + 1
    return new PdfString(out.subarray(0, n), true)
  }

  private readStream(dict: PdfDict): PdfStream {
    this.pos += 'stream'.length
    const b = this.bytes
    if (b[this.pos] === 0x0d) this.pos++
    if (b[this.pos] === 0x0a) this.pos++
    const start = this.pos
    let length = dict.get('Length')
    if (length instanceof PdfRef) length = this.resolveLength?.(length)
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && start + length <= b.length) {
      this.pos = start + length
      if (this.peekKeyword() === 'endstream') {
        this.pos += 'endstream'.length
        return new PdfStream(dict, b.subarray(start, start + length))
      }
    }
    // A wrong /Length is common in the wild; fall back to the endstream keyword, as readers do.
    const end = Buffer.from(b.buffer, b.byteOffset, b.length).indexOf('endstream', start, 'latin1')
    if (end < 0) throw new PdfError('unterminated stream', 'luồng dữ liệu không kết thúc', start)
    let dataEnd = end
    if (b[dataEnd - 1] === 0x0a) dataEnd--
    if (b[dataEnd - 1] === 0x0d) dataEnd--
    this.pos = end + 'endstream'.length
    return new PdfStream(dict, b.subarray(start, Math.max(start, dataEnd)))
  }
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && (HEX[c] as number) >= 0
}
