// Appends an incremental update (§7.5.6): new and changed objects after the original bytes, a new xref
// section chained to the old one by /Prev, and a new trailer. The original bytes are never touched,
// which is what keeps earlier signatures valid.
import { createHash } from 'node:crypto'
import { PdfDict, PdfName, type PdfObject, PdfRef, PdfStream, PdfString } from './objects.ts'
import type { PdfDocument } from './pdf-document.ts'
import { serializeIndirect, serializeObject } from './serialize.ts'

export interface WrittenUpdate {
  bytes: Buffer
  /** Where each written object starts in `bytes`. */
  offsets: Map<number, number>
}

export class IncrementalUpdate {
  private readonly objects = new Map<number, { ref: PdfRef; value: PdfObject }>()
  private nextNumber: number

  constructor(readonly doc: PdfDocument) {
    this.nextNumber = doc.size
  }

  alloc(): PdfRef {
    return new PdfRef(this.nextNumber++, 0)
  }

  /** Adds a new object, or replaces an existing one in this revision. */
  set(ref: PdfRef, value: PdfObject): this {
    this.objects.set(ref.num, { ref, value })
    return this
  }

  add(value: PdfObject): PdfRef {
    const ref = this.alloc()
    this.set(ref, value)
    return ref
  }

  /** The newest version of an object: this update's if it changed it, else the document's. */
  current(ref: PdfRef): PdfObject {
    return this.objects.get(ref.num)?.value ?? this.doc.getObject(ref.num)
  }

  write(): WrittenUpdate {
    const original = this.doc.bytes
    const chunks: Buffer[] = [Buffer.from(original)]
    let at = original.length
    // A fresh line, in case the original ended without one after %%EOF.
    if (original[original.length - 1] !== 0x0a) {
      chunks.push(Buffer.from('\n'))
      at++
    }
    const offsets = new Map<number, number>()
    const sorted = [...this.objects.values()].sort((a, b) => a.ref.num - b.ref.num)
    for (const { ref, value } of sorted) {
      const bytes = serializeIndirect(ref, value)
      offsets.set(ref.num, at)
      chunks.push(bytes)
      at += bytes.length
    }
    const trailer = this.trailer()
    const xrefAt = at
    if (this.doc.sections[0]?.kind === 'stream') {
      // Keep the file's style: an xref stream after an xref stream.
      const ref = this.alloc()
      offsets.set(ref.num, xrefAt)
      trailer.set('Size', this.nextNumber)
      chunks.push(serializeIndirect(ref, xrefStream(trailer, sorted, offsets, ref, xrefAt)))
    } else {
      chunks.push(Buffer.from(xrefTable(sorted, offsets)), Buffer.from('trailer\n'))
      chunks.push(serializeObject(trailer), Buffer.from('\n'))
    }
    chunks.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`))
    return { bytes: Buffer.concat(chunks), offsets }
  }

  private trailer(): PdfDict {
    const old = this.doc.trailer
    const trailer = new PdfDict({
      Size: this.nextNumber,
      Root: this.doc.catalogRef,
      Prev: this.doc.startXref,
    })
    for (const key of ['Info', 'Encrypt']) {
      const v = old.get(key)
      if (v !== undefined) trailer.set(key, v)
    }
    // §14.4: the first ID stays, the second changes with each update.
    const id = old.get('ID')
    const first = Array.isArray(id) && id[0] instanceof PdfString ? id[0] : undefined
    const fresh = new PdfString(
      createHash('md5').update(String(Date.now())).update(String(this.nextNumber)).digest(),
      true,
    )
    trailer.set('ID', [first ?? fresh, fresh])
    return trailer
  }
}

function xrefTable(sorted: { ref: PdfRef }[], offsets: Map<number, number>): string {
  let out = 'xref\n0 1\n0000000000 65535 f \n'
  let i = 0
  while (i < sorted.length) {
    let j = i
    while (
      j + 1 < sorted.length &&
      (sorted[j + 1] as { ref: PdfRef }).ref.num === (sorted[j] as { ref: PdfRef }).ref.num + 1
    )
      j++
    const run = sorted.slice(i, j + 1)
    out += `${run[0]?.ref.num} ${run.length}\n`
    for (const { ref } of run)
      out += `${String(offsets.get(ref.num)).padStart(10, '0')} ${String(ref.gen).padStart(5, '0')} n \n`
    i = j + 1
  }
  return out
}

function xrefStream(
  trailer: PdfDict,
  sorted: { ref: PdfRef }[],
  offsets: Map<number, number>,
  self: PdfRef,
  selfOffset: number,
): PdfStream {
  const rows = [
    ...sorted.map(({ ref }) => ({ num: ref.num, gen: ref.gen, offset: offsets.get(ref.num) ?? 0 })),
    { num: self.num, gen: 0, offset: selfOffset },
  ]
  const index: number[] = []
  const data = Buffer.alloc(rows.length * 7)
  rows.forEach((row, k) => {
    const prev = rows[k - 1]
    if (!prev || prev.num + 1 !== row.num) index.push(row.num, 0)
    index[index.length - 1] = (index[index.length - 1] as number) + 1
    data.writeUInt8(1, k * 7)
    data.writeUInt32BE(row.offset, k * 7 + 1)
    data.writeUInt16BE(row.gen, k * 7 + 5)
  })
  const dict = trailer.clone()
  dict.set('Type', new PdfName('XRef')).set('W', [1, 4, 2]).set('Index', index)
  return new PdfStream(dict, data)
}
