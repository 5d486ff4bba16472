// Writes a signature (or document timestamp) into an incremental update: the signature dictionary with
// fixed-size /ByteRange and /Contents placeholders, its field and widget, and the AcroForm and page
// entries that point at them (§12.7.4.5, §12.8.1). Only those objects change, which is what the
// verifier's modification check allows after a signature.
import { IncrementalUpdate } from '../pdf/incremental-update.ts'
import { name, PdfDict, type PdfObject, PdfRaw, PdfRef, type PdfStream, textString } from '../pdf/objects.ts'
import type { PdfDocument } from '../pdf/pdf-document.ts'
import { PdfError } from '../pdf/pdf-error.ts'
import { pdfDate } from './pdf-date.ts'

/** Width of each ByteRange number; 10 digits covers files up to 9.3 GiB. */
const RANGE_DIGITS = 10
const BYTE_RANGE_PLACEHOLDER = `[0 ${'9'.repeat(RANGE_DIGITS)} ${'9'.repeat(RANGE_DIGITS)} ${'9'.repeat(RANGE_DIGITS)}]`

export interface SignatureFieldOptions {
  kind: 'signature' | 'document-timestamp'
  fieldName: string
  /** Bytes reserved for the CMS (hex doubles it in the file). */
  contentsSize: number
  signingTime?: Date
  signerName?: string
  reason?: string
  location?: string
  /** A visible appearance: the page (0-based) and rectangle, with its Form XObject and resources. */
  visible?: {
    page: number
    rect: [number, number, number, number]
    appearance: (alloc: () => PdfRef) => { appearance: PdfStream; objects: Array<[PdfRef, PdfObject]> }
  }
}

export interface PlacedSignature {
  /** The document with the placeholder, ByteRange already filled in. */
  bytes: Buffer
  byteRange: [number, number, number, number]
  /** Offset of the first hex digit inside /Contents <…>, and the number of hex digits. */
  contentsStart: number
  contentsHexLength: number
}

export function placeSignature(doc: PdfDocument, options: SignatureFieldOptions): PlacedSignature {
  if (doc.fields().some((f) => f.name === options.fieldName))
    throw new PdfError(
      `a field named ${options.fieldName} exists`,
      `đã có trường ký tên ${options.fieldName}`,
    )
  const update = new IncrementalUpdate(doc)
  const sig = new PdfDict({ Type: name(options.kind === 'signature' ? 'Sig' : 'DocTimeStamp') })
  sig.set('Filter', name('Adobe.PPKLite'))
  sig.set('SubFilter', name(options.kind === 'signature' ? 'ETSI.CAdES.detached' : 'ETSI.RFC3161'))
  sig.set('ByteRange', new PdfRaw(Buffer.from(BYTE_RANGE_PLACEHOLDER)))
  sig.set('Contents', new PdfRaw(Buffer.from(`<${'0'.repeat(options.contentsSize * 2)}>`)))
  if (options.signingTime) sig.set('M', pdfDate(options.signingTime))
  if (options.signerName) sig.set('Name', textString(options.signerName))
  if (options.reason) sig.set('Reason', textString(options.reason))
  if (options.location) sig.set('Location', textString(options.location))
  const sigRef = update.add(sig)

  const pages = doc.pages()
  const pageIndex = options.visible?.page ?? pages.length - 1
  const page = pages[pageIndex < 0 ? pages.length + pageIndex : pageIndex]
  if (!page) throw new PdfError(`no page ${pageIndex + 1}`, `không có trang ${pageIndex + 1}`)

  // Print (4) + Locked (128): shown when printed, not movable. Invisible fields get an empty rectangle.
  const widget = new PdfDict({
    Type: name('Annot'),
    Subtype: name('Widget'),
    FT: name('Sig'),
    T: textString(options.fieldName),
    V: sigRef,
    F: 132,
    P: page.ref,
    Rect: options.visible?.rect ?? [0, 0, 0, 0],
  })
  if (options.visible) {
    const { appearance, objects } = options.visible.appearance(() => update.alloc())
    for (const [ref, value] of objects) update.set(ref, value)
    widget.set('AP', new PdfDict({ N: update.add(appearance) }))
  }
  const widgetRef = update.add(widget)

  addToArray(update, page.ref, 'Annots', widgetRef)
  addField(update, doc, widgetRef)

  const { bytes, offsets } = update.write()
  return fillByteRange(bytes, offsets.get(sigRef.num) as number)
}

/** Appends `ref` to the array at dict[key], rewriting the dictionary or the array object that holds it. */
function addToArray(update: IncrementalUpdate, holder: PdfRef, key: string, ref: PdfRef): void {
  const dict = asDict(update.current(holder)).clone()
  const current = dict.get(key)
  if (current instanceof PdfRef) {
    const array = update.current(current)
    update.set(current, [...(Array.isArray(array) ? array : []), ref])
  } else {
    dict.set(key, [...(Array.isArray(current) ? current : []), ref])
    update.set(holder, dict)
  }
}

function addField(update: IncrementalUpdate, doc: PdfDocument, widgetRef: PdfRef): void {
  const catalogRef = doc.catalogRef
  const catalog = asDict(update.current(catalogRef)).clone()
  const form = catalog.get('AcroForm')
  // SigFlags 3: the document has signatures and is append-only (§12.7.2).
  if (form instanceof PdfRef) {
    const dict = asDict(update.current(form)).clone().set('SigFlags', 3)
    update.set(form, dict)
    addToArray(update, form, 'Fields', widgetRef)
    return
  }
  const dict = form instanceof PdfDict ? form.clone() : new PdfDict()
  dict.set('SigFlags', 3)
  const formRef = update.add(dict)
  catalog.set('AcroForm', formRef)
  update.set(catalogRef, catalog)
  addToArray(update, formRef, 'Fields', widgetRef)
}

function asDict(value: PdfObject): PdfDict {
  if (!(value instanceof PdfDict)) throw new PdfError('expected a dictionary', 'cần một từ điển')
  return value
}

function fillByteRange(bytes: Buffer, sigOffset: number): PlacedSignature {
  const rangeAt = bytes.indexOf(BYTE_RANGE_PLACEHOLDER, sigOffset, 'latin1')
  const contentsAt = bytes.indexOf('/Contents <', sigOffset, 'latin1')
  if (rangeAt < 0 || contentsAt < 0) throw new Error('signature placeholders not found in written update')
  const open = contentsAt + '/Contents '.length
  const close = bytes.indexOf('>', open, 'latin1')
  const byteRange: [number, number, number, number] = [0, open, close + 1, bytes.length - close - 1]
  const text = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ')
  bytes.write(text, rangeAt, 'latin1')
  return { bytes, byteRange, contentsStart: open + 1, contentsHexLength: close - open - 1 }
}

/** Writes the CMS into the reserved /Contents; the rest of the file is left exactly as signed. */
export function embedContents(
  placed: { bytes: Uint8Array; contentsStart: number; contentsHexLength: number },
  cms: Uint8Array,
): Buffer {
  const hex = Buffer.from(cms).toString('hex').toUpperCase()
  if (hex.length > placed.contentsHexLength)
    throw new PdfError(
      `the signature (${cms.length} bytes) is larger than the space reserved (${placed.contentsHexLength / 2})`,
      `chữ ký (${cms.length} byte) lớn hơn chỗ dành sẵn (${placed.contentsHexLength / 2} byte)`,
    )
  const out = Buffer.from(placed.bytes)
  out.write(hex, placed.contentsStart, 'latin1')
  return out
}

/** The signed bytes: everything but the /Contents value. */
export function signedChunks(bytes: Uint8Array, byteRange: readonly number[]): Uint8Array[] {
  const [a = 0, b = 0, c = 0, d = 0] = byteRange
  return [bytes.subarray(a, a + b), bytes.subarray(c, c + d)]
}
