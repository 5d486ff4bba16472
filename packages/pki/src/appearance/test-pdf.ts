// Test support: a complete one-page PDF around an appearance, so independent tools (qpdf, poppler,
// mutool) can check what a viewer would see. Classic xref table, no incremental update.
import { name, PdfDict, type PdfObject, PdfRef, PdfStream } from '../pdf/objects.ts'
import { serializeIndirect } from '../pdf/serialize.ts'
import { createSignatureAppearance, type SignatureAppearanceOptions } from './appearance.ts'

export interface TestPdf {
  pdf: Buffer
  /** The appearance's own result, for checks on the objects. */
  appearance: ReturnType<typeof createSignatureAppearance>
}

/** Places the appearance at (x, y) on an A4 page. */
export function buildTestPdf(
  options: Omit<SignatureAppearanceOptions, 'alloc'>,
  at: { x: number; y: number } = { x: 50, y: 650 },
): TestPdf {
  const catalogRef = new PdfRef(1, 0)
  const pagesRef = new PdfRef(2, 0)
  const pageRef = new PdfRef(3, 0)
  const contentRef = new PdfRef(4, 0)
  const xobjectRef = new PdfRef(5, 0)
  let next = 6
  const appearance = createSignatureAppearance({ ...options, alloc: () => new PdfRef(next++, 0) })

  const content = Buffer.from(`q 1 0 0 1 ${at.x} ${at.y} cm /Sig Do Q\n`, 'latin1')
  const objects: Array<[PdfRef, PdfObject]> = [
    [catalogRef, new PdfDict({ Type: name('Catalog'), Pages: pagesRef })],
    [pagesRef, new PdfDict({ Type: name('Pages'), Kids: [pageRef], Count: 1 })],
    [
      pageRef,
      new PdfDict({
        Type: name('Page'),
        Parent: pagesRef,
        MediaBox: [0, 0, 595, 842],
        Resources: new PdfDict({ XObject: new PdfDict({ Sig: xobjectRef }) }),
        Contents: contentRef,
      }),
    ],
    [contentRef, new PdfStream(new PdfDict(), content)],
    [xobjectRef, appearance.appearance],
    ...appearance.objects,
  ]
  objects.sort(([a], [b]) => a.num - b.num)

  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let length = chunks[0]?.length ?? 0
  const offsets = new Map<number, number>()
  for (const [ref, value] of objects) {
    offsets.set(ref.num, length)
    const bytes = serializeIndirect(ref, value)
    chunks.push(bytes)
    length += bytes.length
  }
  const size = next
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`
  for (let num = 1; num < size; num++) {
    const offset = offsets.get(num)
    if (offset === undefined) throw new Error(`object ${num} was allocated but not written`)
    xref += `${String(offset).padStart(10, '0')} 00000 n \n`
  }
  xref += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`
  chunks.push(Buffer.from(xref, 'latin1'))
  return { pdf: Buffer.concat(chunks), appearance }
}
