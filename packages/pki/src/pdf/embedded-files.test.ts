// readEmbeddedFile: the /EmbeddedFiles name tree as pdfkit writes it and as other writers may (/Kids,
// uncompressed streams), and the trees that must not hang or blow up the reader (R1.32).
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { samplePdf } from '../testing/sample-pdf.ts'
import { readEmbeddedFile } from './embedded-files.ts'
import { PdfDocument } from './pdf-document.ts'

/** A classic-xref PDF from object bodies (object n is objects[n - 1]); object 1 is the catalog. */
function rawPdf(objects: Array<string | Buffer>): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n')]
  let at = chunks[0]?.length ?? 0
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(at)
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.from(body),
      Buffer.from('\nendobj\n'),
    ])
    chunks.push(chunk)
    at += chunk.length
  })
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  chunks.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`,
    ),
  )
  return Buffer.concat(chunks)
}

function stream(data: Buffer, flate: boolean): Buffer {
  const body = flate ? deflateSync(data) : data
  return Buffer.concat([
    Buffer.from(
      `<< /Type /EmbeddedFile /Length ${body.length}${flate ? ' /Filter /FlateDecode' : ''} >>\nstream\n`,
    ),
    body,
    Buffer.from('\nendstream'),
  ])
}

const catalog = '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>'
const pages = '<< /Type /Pages /Kids [] /Count 0 >>'

describe('readEmbeddedFile', () => {
  it('reads what pdfkit embeds (FlateDecode), and nothing for a name it does not hold', async () => {
    const data = Buffer.from('{"kind":"contract","worker":"Nguyễn Thị Hồng Nhung"}')
    const pdf = await samplePdf({
      attachments: [
        { name: 'khac.json', data: Buffer.from('{}') },
        { name: 'hop-dong-lao-dong.json', data },
      ],
    })
    const doc = PdfDocument.parse(pdf)
    expect(Buffer.from(readEmbeddedFile(doc, 'hop-dong-lao-dong.json') ?? [])).toEqual(data)
    expect(Buffer.from(readEmbeddedFile(doc, 'khac.json') ?? [])).toEqual(Buffer.from('{}'))
    expect(readEmbeddedFile(doc, 'missing.json')).toBeUndefined()
  })

  it('is undefined for a PDF without embedded files', async () => {
    expect(readEmbeddedFile(PdfDocument.parse(await samplePdf()), 'hop-dong-lao-dong.json')).toBeUndefined()
  })

  it('walks /Kids down to a leaf, compressed or not', () => {
    const pdf = rawPdf([
      catalog,
      pages,
      '<< /Kids [4 0 R] >>',
      '<< /Kids [5 0 R] >>',
      '<< /Limits [(a.json) (data.json)] /Names [(a.json) 6 0 R (data.json) 7 0 R] >>',
      '<< /Type /Filespec /F (a.json) /EF << /F 8 0 R >> >>',
      '<< /Type /Filespec /F (data.json) /EF << /F 9 0 R >> >>',
      stream(Buffer.from('plain'), false),
      stream(Buffer.from('{"a":1}'), true),
    ])
    const doc = PdfDocument.parse(pdf)
    expect(Buffer.from(readEmbeddedFile(doc, 'a.json') ?? []).toString()).toBe('plain')
    expect(Buffer.from(readEmbeddedFile(doc, 'data.json') ?? []).toString()).toBe('{"a":1}')
  })

  it('a node that is its own kid ends the walk instead of looping', () => {
    const pdf = rawPdf([catalog, pages, '<< /Kids [3 0 R 4 0 R] >>', '<< /Kids [3 0 R 4 0 R] >>'])
    expect(readEmbeddedFile(PdfDocument.parse(pdf), 'data.json')).toBeUndefined()
  })

  it.each([
    [10, true],
    [40, false],
  ])('a leaf %i levels down: found %s (depth is bounded)', (levels, found) => {
    // Objects 3 … 3+levels-1 are a chain of /Kids; then the leaf, the file spec and the stream.
    const chain = Array.from({ length: levels }, (_, i) => `<< /Kids [${4 + i} 0 R] >>`)
    const leaf = 3 + levels
    const pdf = rawPdf([
      catalog,
      pages,
      ...chain,
      `<< /Names [(data.json) ${leaf + 1} 0 R] >>`,
      `<< /Type /Filespec /EF << /F ${leaf + 2} 0 R >> >>`,
      stream(Buffer.from('deep'), false),
    ])
    const bytes = readEmbeddedFile(PdfDocument.parse(pdf), 'data.json')
    expect(bytes === undefined ? undefined : Buffer.from(bytes).toString()).toBe(found ? 'deep' : undefined)
  })
})
