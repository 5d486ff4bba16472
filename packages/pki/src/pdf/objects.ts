// The PDF object model (ISO 32000-1 §7.3) shared by the parser, the incremental writer and the
// signature code. Strings stay bytes: PDF strings are not text until a caller decides how to decode.

export class PdfName {
  /** The name without its slash, with #xx escapes resolved (as a binary "latin1" string). */
  constructor(readonly value: string) {}
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    /** Written as <hex> rather than (literal); kept so a rewritten dictionary looks the same. */
    readonly hex = false,
  ) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  toString(): string {
    return `${this.num} ${this.gen} R`
  }
}

export class PdfDict {
  readonly entries: Map<string, PdfObject>
  constructor(entries?: Iterable<[string, PdfObject]> | Record<string, PdfObject>) {
    this.entries = new Map(
      entries === undefined
        ? []
        : Symbol.iterator in entries
          ? (entries as Iterable<[string, PdfObject]>)
          : Object.entries(entries),
    )
  }
  get(key: string): PdfObject | undefined {
    return this.entries.get(key)
  }
  set(key: string, value: PdfObject): this {
    this.entries.set(key, value)
    return this
  }
  has(key: string): boolean {
    return this.entries.has(key)
  }
  delete(key: string): void {
    this.entries.delete(key)
  }
  /** A shallow copy, for rewriting an object in an incremental update without touching the parsed one. */
  clone(): PdfDict {
    return new PdfDict(this.entries)
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The stream's bytes as stored (still encoded by its /Filter). */
    readonly data: Uint8Array,
  ) {}
}

/** Bytes the writer copies verbatim: signature placeholders whose size must be known in advance. */
export class PdfRaw {
  constructor(readonly bytes: Uint8Array) {}
}

export type PdfObject =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfDict
  | PdfStream
  | PdfRaw
  | PdfObject[]

export const name = (value: string): PdfName => new PdfName(value)

/** A text string (§7.9.2.2): PDFDocEncoding-safe ASCII stays bytes, anything else UTF-16BE with BOM. */
export function textString(value: string): PdfString {
  const nfc = value.normalize('NFC')
  if (/^[\x20-\x7e]*$/.test(nfc)) return new PdfString(Buffer.from(nfc, 'latin1'))
  const utf16 = Buffer.from(nfc, 'utf16le').swap16()
  return new PdfString(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16]), true)
}

/** Decodes a text string: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), otherwise PDFDocEncoding as Latin-1. */
export function decodeTextString(value: PdfString): string {
  const b = Buffer.from(value.bytes)
  if (b[0] === 0xfe && b[1] === 0xff)
    return Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)))
      .swap16()
      .toString('utf16le')
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8')
  return b.toString('latin1')
}

export function isName(value: PdfObject | undefined, expected?: string): value is PdfName {
  return value instanceof PdfName && (expected === undefined || value.value === expected)
}
