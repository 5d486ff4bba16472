// A parsed PDF: its xref chain, lazy object lookup (including object streams), the page tree and the
// form fields. Read-only; changes are written as an incremental update (incremental-update.ts).
import { decodeStream } from './filters.ts'
import { ObjectParser } from './object-parser.ts'
import { decodeTextString, isName, PdfDict, type PdfObject, PdfRef, PdfStream, PdfString } from './objects.ts'
import { PDF_LIMITS, PdfError } from './pdf-error.ts'
import { findStartXref, readXrefChain, type XrefEntry, type XrefSection } from './xref.ts'

export interface PageRef {
  ref: PdfRef
  dict: PdfDict
}

export interface FieldRef {
  ref: PdfRef
  dict: PdfDict
  /** The fully qualified field name (§12.7.3.2), parents joined by dots. */
  name: string
}

export class PdfDocument {
  private readonly cache = new Map<number, PdfObject>()
  private readonly loading = new Set<number>()
  private readonly objectStreams = new Map<
    number,
    { numbers: number[]; offsets: number[]; data: Uint8Array; first: number }
  >()
  readonly xref = new Map<number, XrefEntry>()

  private constructor(
    readonly bytes: Uint8Array,
    readonly startXref: number,
    /** Newest first. */
    readonly sections: XrefSection[],
    private readonly sharedWith?: PdfDocument,
  ) {
    for (const section of sections)
      for (const [num, entry] of section.entries) if (!this.xref.has(num)) this.xref.set(num, entry)
  }

  /**
   * `sharedWith`: a document whose bytes start with these (an earlier revision is a prefix of the file);
   * objects stored at the same offset in both are the same bytes, so they are parsed once.
   */
  static parse(bytes: Uint8Array, sharedWith?: PdfDocument): PdfDocument {
    if (!looksLikePdf(bytes)) throw new PdfError('no %PDF- header', 'không có tiêu đề %PDF-', 0)
    const start = findStartXref(bytes)
    const sections = readXrefChain(bytes, start, sharedWith?.sections)
    const doc = new PdfDocument(bytes, start, sections, sharedWith)
    if (!(doc.catalog instanceof PdfDict))
      throw new PdfError('no document catalog', 'không có danh mục tài liệu')
    return doc
  }

  get trailer(): PdfDict {
    return this.sections[0]?.trailer ?? new PdfDict()
  }

  /** The next free object number (trailer /Size, or past every known number). */
  get size(): number {
    const size = this.trailer.get('Size')
    const max = Math.max(0, ...this.xref.keys()) + 1
    return typeof size === 'number' && size >= max ? size : max
  }

  get catalogRef(): PdfRef {
    const root = this.trailer.get('Root')
    if (!(root instanceof PdfRef)) throw new PdfError('trailer has no /Root', 'trailer thiếu /Root')
    return root
  }

  get catalog(): PdfDict {
    const catalog = this.resolve(this.catalogRef)
    if (!(catalog instanceof PdfDict))
      throw new PdfError('/Root is not a dictionary', '/Root không phải từ điển')
    return catalog
  }

  /** Follows references until a direct object; unknown or free objects are null (§7.3.10). */
  resolve(value: PdfObject | undefined): PdfObject {
    let current = value ?? null
    for (let hops = 0; current instanceof PdfRef; hops++) {
      if (hops > 32) throw new PdfError('reference loop', 'vòng lặp tham chiếu')
      current = this.getObject(current.num)
    }
    return current
  }

  dict(value: PdfObject | undefined): PdfDict | undefined {
    const v = this.resolve(value)
    return v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : undefined
  }

  getObject(num: number): PdfObject {
    const cached = this.cache.get(num)
    if (cached !== undefined) return cached
    const entry = this.xref.get(num)
    if (!entry || entry.type === 'free') return null
    if (this.loading.has(num))
      throw new PdfError('object refers to itself while loading', 'đối tượng tự tham chiếu')
    this.loading.add(num)
    try {
      const value =
        entry.type === 'offset'
          ? (this.fromShared(num, entry.offset) ?? this.readAt(num, entry.offset))
          : this.readCompressed(num, entry)
      this.cache.set(num, value)
      return value
    } finally {
      this.loading.delete(num)
    }
  }

  private fromShared(num: number, offset: number): PdfObject | undefined {
    const other = this.sharedWith
    if (!other || other.offsetOf(num) !== offset) return undefined
    const value = other.getObject(num)
    // A stream's extent may depend on an indirect /Length, which the two revisions could store apart.
    const length = value instanceof PdfStream ? value.dict.get('Length') : undefined
    if (length instanceof PdfRef && other.offsetOf(length.num) !== this.offsetOf(length.num)) return undefined
    return value
  }

  /** Where object `num` starts in the file, when it is stored uncompressed. */
  offsetOf(num: number): number | undefined {
    const entry = this.xref.get(num)
    return entry?.type === 'offset' ? entry.offset : undefined
  }

  private readAt(num: number, offset: number): PdfObject {
    if (offset >= this.bytes.length)
      throw new PdfError(`object ${num} lies outside the file`, `đối tượng ${num} nằm ngoài tệp`, offset)
    const parser = new ObjectParser(this.bytes, offset, (ref) => {
      const length = ref.num === num ? undefined : this.resolve(ref)
      return typeof length === 'number' ? length : undefined
    })
    const { ref, value } = parser.parseIndirectObject()
    if (ref.num !== num)
      throw new PdfError(
        `xref for object ${num} points at ${ref.num}`,
        `xref của đối tượng ${num} sai`,
        offset,
      )
    return value
  }

  private readCompressed(num: number, entry: { stream: number; index: number }): PdfObject {
    let objStm = this.objectStreams.get(entry.stream)
    if (!objStm) {
      const stream = this.getObject(entry.stream)
      if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'ObjStm'))
        throw new PdfError(`object stream ${entry.stream} missing`, `thiếu luồng đối tượng ${entry.stream}`)
      const n = stream.dict.get('N')
      const first = stream.dict.get('First')
      if (typeof n !== 'number' || typeof first !== 'number' || n < 0 || n > PDF_LIMITS.maxObjectNumber)
        throw new PdfError('bad object stream header', 'tiêu đề luồng đối tượng không hợp lệ')
      const data = decodeStream(stream)
      const header = new ObjectParser(data, 0)
      const numbers: number[] = []
      const offsets: number[] = []
      for (let i = 0; i < n; i++) {
        numbers.push(header.readInteger())
        offsets.push(header.readInteger())
      }
      objStm = { numbers, offsets, data, first }
      this.objectStreams.set(entry.stream, objStm)
    }
    const at = objStm.offsets[entry.index]
    if (at === undefined || objStm.numbers[entry.index] !== num)
      throw new PdfError(`object ${num} not in its object stream`, `đối tượng ${num} không có trong luồng`)
    return new ObjectParser(objStm.data, objStm.first + at).parseObject(0)
  }

  /** Leaf pages in order, with inherited-attribute lookups left to the caller. */
  pages(): PageRef[] {
    const out: PageRef[] = []
    this.walkPages(this.catalog.get('Pages'), 0, new Set(), out)
    return out
  }

  private walkPages(ref: PdfObject | undefined, depth: number, seen: Set<number>, out: PageRef[]): void {
    if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > PDF_LIMITS.maxDepth) return
    seen.add(ref.num)
    const node = this.dict(ref)
    if (!node) return
    if (isName(node.get('Type'), 'Page')) out.push({ ref, dict: node })
    else {
      const kids = this.resolve(node.get('Kids'))
      if (Array.isArray(kids)) for (const kid of kids) this.walkPages(kid, depth + 1, seen, out)
    }
  }

  acroForm(): PdfDict | undefined {
    return this.dict(this.catalog.get('AcroForm'))
  }

  /** Every terminal form field, walking /Fields and /Kids. */
  fields(): FieldRef[] {
    const out: FieldRef[] = []
    const seen = new Set<number>()
    const fields = this.resolve(this.acroForm()?.get('Fields'))
    if (Array.isArray(fields)) for (const f of fields) this.walkFields(f, '', 0, seen, out)
    return out
  }

  private walkFields(
    ref: PdfObject,
    prefix: string,
    depth: number,
    seen: Set<number>,
    out: FieldRef[],
  ): void {
    if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > PDF_LIMITS.maxDepth) return
    seen.add(ref.num)
    const dict = this.dict(ref)
    if (!dict) return
    const t = this.resolve(dict.get('T'))
    const partial = t instanceof PdfString ? decodeTextString(t) : ''
    const name = partial ? (prefix ? `${prefix}.${partial}` : partial) : prefix
    const kids = this.resolve(dict.get('Kids'))
    const fieldKids: PdfObject[] = []
    if (Array.isArray(kids)) for (const k of kids) if (this.dict(k)?.has('T')) fieldKids.push(k)
    if (fieldKids.length > 0) for (const kid of fieldKids) this.walkFields(kid, name, depth + 1, seen, out)
    else out.push({ ref, dict, name })
  }
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  // §7.5.2 puts the header first; readers accept it within the first KiB.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).indexOf('%PDF-') >= 0
}

/** One revision of the file: where its `%%EOF` ends, and where its line break after it ends. */
export interface Revision {
  eof: number
  end: number
}

/** Every revision, oldest first. Signers differ on whether the line break belongs to the signed part. */
export function revisions(bytes: Uint8Array): Revision[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const out: Revision[] = []
  for (let at = buf.indexOf('%%EOF', 0, 'latin1'); at >= 0; at = buf.indexOf('%%EOF', at + 5, 'latin1')) {
    const eof = at + 5
    let end = eof
    if (buf[end] === 0x0d) end++
    if (buf[end] === 0x0a) end++
    out.push({ eof, end })
  }
  return out
}
