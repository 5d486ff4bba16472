// The appearance checked the way a relying party sees it: qpdf for structure, poppler for fonts, text and
// rendering, mutool as a second text extractor. Missing tools are reported, not silently passed.
import { execFile } from 'node:child_process'
import { accessSync, constants, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { isName, PdfDict, type PdfObject, PdfRef, PdfStream } from '../pdf/objects.ts'
import { type AppearanceLine, createSignatureAppearance } from './appearance.ts'
import { loadAppearanceFont } from './font.ts'
import { buildTestPdf } from './test-pdf.ts'
import { appearanceTextLines } from './text-lines.ts'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'elc-pki-appearance-'))
let fileCount = 0

function hasTool(tool: string): boolean {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(d, tool), constants.X_OK)
      return true
    } catch {}
  }
  console.warn(`${tool} is not installed (poppler-utils / qpdf / mupdf-tools): this check did not run`)
  return false
}

function writePdf(pdf: Buffer): string {
  const path = join(dir, `appearance-${++fileCount}.pdf`)
  writeFileSync(path, pdf)
  return path
}

const SIGNING_TIME = new Date(Date.UTC(2026, 10, 23, 3, 15))
const VIETNAMESE: AppearanceLine[] = [
  { text: 'Ký bởi: Nguyễn Thị Hồng Nhung', bold: true },
  { text: 'Thời gian: 23/11/2026 10:15 (GMT+7)' },
  { text: 'Số định danh: 001190012345' },
  { text: 'Nguyễn Văn Ánh — Công ty TNHH Bình Minh ₫' },
  { text: 'Trường Sơn, Hữu Nghị, Đặng Thị Ngọc Hường, ủy quyền' },
  { text: 'Signed by: Nguyễn Thị Hồng Nhung' },
]
const BOX = { width: 280, height: 110 }

const inflate = (stream: PdfStream) => inflateSync(stream.data).toString('latin1')

function objectOf(objects: Array<[PdfRef, PdfObject]>, ref: PdfObject | undefined): PdfObject {
  if (!(ref instanceof PdfRef)) throw new Error('expected a reference')
  const found = objects.find(([r]) => r.num === ref.num && r.gen === ref.gen)
  if (found === undefined) throw new Error(`object ${ref.num} is not in objects`)
  return found[1]
}

function dictOf(objects: Array<[PdfRef, PdfObject]>, ref: PdfObject | undefined): PdfDict {
  const value = objectOf(objects, ref)
  if (!(value instanceof PdfDict)) throw new Error('expected a dictionary')
  return value
}

describe('signature appearance, checked by independent tools', () => {
  const { pdf } = buildTestPdf({ ...BOX, lines: VIETNAMESE })
  const path = writePdf(pdf)

  it('passes qpdf --check', async () => {
    if (!hasTool('qpdf')) return
    const { stdout } = await run('qpdf', ['--check', path])
    expect(stdout).toContain('No syntax or stream encoding errors found')
  })

  it('embeds both weights as subset CID TrueType fonts with Identity-H and ToUnicode (pdffonts)', async () => {
    if (!hasTool('pdffonts')) return
    const { stdout } = await run('pdffonts', [path])
    const rows = stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '')
    expect(rows).toHaveLength(2)
    for (const [i, weight] of ['Regular', 'Bold'].entries()) {
      const row = rows[i] ?? ''
      expect(row).toMatch(
        new RegExp(`^[A-Z]{6}\\+BeVietnamPro-${weight} +CID TrueType +Identity-H +yes yes yes `),
      )
    }
  })

  it('extracts exactly the Vietnamese lines (pdftotext)', async () => {
    if (!hasTool('pdftotext')) return
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-'])
    expect(stdout.replace(/\f/g, '').trimEnd().split('\n')).toEqual(VIETNAMESE.map((l) => l.text))
  })

  it('extracts the same lines with a second extractor (mutool)', async () => {
    if (!hasTool('mutool')) return
    const { stdout } = await run('mutool', ['draw', '-q', '-F', 'txt', path])
    expect(stdout.trimEnd().split('\n')).toEqual(VIETNAMESE.map((l) => l.text))
  })

  it('renders to PNG, with ink inside the box and none outside (pdftoppm)', async () => {
    if (!hasTool('pdftoppm')) return
    const out = join(dir, 'render')
    await run('pdftoppm', ['-r', '72', '-png', '-singlefile', path, out])
    const png = readFileSync(`${out}.png`)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([595, 842])

    // The same page as 8-bit grey PGM, which is simple to read here.
    await run('pdftoppm', ['-r', '72', '-gray', '-singlefile', path, out])
    const pgm = readFileSync(`${out}.pgm`)
    const header = pgm
      .subarray(0, 20)
      .toString('latin1')
      .match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)
    if (header === null) throw new Error('not an 8-bit PGM')
    const w = Number(header[1])
    const pixels = pgm.subarray(header[0].length)
    // Box at (50, 650) in PDF space: rows from 842 - 650 - 110 = 82 to 192 in image space.
    let inside = 0
    let outside = 0
    for (let y = 0; y < 842; y++)
      for (let x = 0; x < w; x++) {
        if ((pixels[y * w + x] ?? 255) >= 128) continue
        if (x >= 49 && x <= 331 && y >= 81 && y <= 193) inside++
        else outside++
      }
    expect(inside).toBeGreaterThan(500)
    expect(outside).toBe(0)
  })
})

describe('createSignatureAppearance', () => {
  it('gives byte-identical output for NFD and NFC input', () => {
    const nfd = VIETNAMESE.map((l) => ({ ...l, text: l.text.normalize('NFD') }))
    expect(nfd[0]?.text).not.toBe(VIETNAMESE[0]?.text)
    expect(
      buildTestPdf({ ...BOX, lines: nfd }).pdf.equals(buildTestPdf({ ...BOX, lines: VIETNAMESE }).pdf),
    ).toBe(true)
  })

  it('is a Form XObject whose resources name the fonts it created', () => {
    const handed: PdfRef[] = []
    const { appearance, objects } = createSignatureAppearance({
      ...BOX,
      lines: VIETNAMESE,
      alloc: () => {
        const ref = new PdfRef(100 + handed.length, 0)
        handed.push(ref)
        return ref
      },
    })
    expect(objects.map(([ref]) => ref)).toEqual(handed)
    expect(handed).toHaveLength(10)
    const d = appearance.dict
    expect(isName(d.get('Type'), 'XObject') && isName(d.get('Subtype'), 'Form')).toBe(true)
    expect(isName(d.get('Filter'), 'FlateDecode')).toBe(true)
    expect(d.get('BBox')).toEqual([0, 0, 280, 110])
    const fonts = (d.get('Resources') as PdfDict).get('Font') as PdfDict
    expect([...fonts.entries.keys()]).toEqual(['F1', 'F2'])

    const type0 = dictOf(objects, fonts.get('F1'))
    expect(isName(type0.get('Subtype'), 'Type0') && isName(type0.get('Encoding'), 'Identity-H')).toBe(true)
    const baseFont = type0.get('BaseFont')
    expect(isName(baseFont) && /^[A-Z]{6}\+BeVietnamPro-Regular$/.test(baseFont.value)).toBe(true)
    const cidFont = dictOf(objects, (type0.get('DescendantFonts') as PdfObject[])[0])
    expect(isName(cidFont.get('Subtype'), 'CIDFontType2')).toBe(true)
    expect(isName(cidFont.get('CIDToGIDMap'), 'Identity')).toBe(true)
    const descriptor = dictOf(objects, cidFont.get('FontDescriptor'))
    expect(descriptor.get('FontName')).toEqual(baseFont)
    expect(objectOf(objects, descriptor.get('FontFile2'))).toBeInstanceOf(PdfStream)

    const cmap = inflate(objectOf(objects, type0.get('ToUnicode')) as PdfStream)
    // 'ễ' (U+1EC5) and 'ị' (U+1ECB) are mapped back from their CIDs.
    expect(cmap).toMatch(/<[0-9A-F]{4}> <1EC5>/)
    expect(cmap).toMatch(/<[0-9A-F]{4}> <1ECB>/)

    const content = inflate(appearance)
    expect(content).toMatch(/re S/)
    expect(content).toMatch(/\/F2 [\d.]+ Tf/)
  })

  it('embeds a subset much smaller than the full font', () => {
    const { objects } = createSignatureAppearance({ ...BOX, lines: VIETNAMESE, alloc: counter() })
    const fontFiles = objects
      .map(([, value]) => value)
      .filter((v): v is PdfStream => v instanceof PdfStream && v.dict.has('Length1'))
    expect(fontFiles).toHaveLength(2)
    const full = statSync(new URL('../../fonts/BeVietnamPro-Regular.ttf', import.meta.url)).size
    for (const file of fontFiles) {
      const ttf = inflateSync(file.data)
      expect(ttf.length).toBe(file.dict.get('Length1'))
      expect(ttf.length).toBeLessThan(full / 4)
      expect(file.data.length).toBeLessThan(full / 8)
    }
  })

  it('embeds only the regular weight when no line is bold', () => {
    const { appearance, objects } = createSignatureAppearance({
      ...BOX,
      lines: [{ text: 'Ký bởi: Nguyễn Thị Hồng Nhung' }],
      alloc: counter(),
    })
    const fonts = (appearance.dict.get('Resources') as PdfDict).get('Font') as PdfDict
    expect([...fonts.entries.keys()]).toEqual(['F1'])
    expect(objects).toHaveLength(5)
  })

  it('uses the largest size for short lines and shrinks for long ones', () => {
    const short = createSignatureAppearance({ ...BOX, lines: [{ text: 'Ký bởi: An' }], alloc: counter() })
    expect(short.fontSize).toBe(10)
    const long = createSignatureAppearance({
      ...BOX,
      lines: [{ text: 'Ký bởi: Nguyễn Thị Hồng Nhung, Công ty TNHH Thương mại Dịch vụ Bình Minh' }],
      alloc: counter(),
    })
    expect(long.fontSize).toBeLessThan(10)
    expect(long.fontSize).toBeGreaterThanOrEqual(5)
    expect(long.wrapped || long.clipped).toBe(false)
    // The line's advance at that size fills the usable width (box less 3 pt padding each side).
    const font = loadAppearanceFont('regular')
    const text = 'Ký bởi: Nguyễn Thị Hồng Nhung, Công ty TNHH Thương mại Dịch vụ Bình Minh'
    const advance = (font.layout(text).advanceWidth / font.unitsPerEm) * long.fontSize
    expect(advance).toBeCloseTo(BOX.width - 6, 3)
  })

  it('wraps at spaces at the minimum size, keeping every word', async () => {
    const lines = [{ text: 'Ký bởi: Nguyễn Thị Hồng Nhung, Công ty TNHH Thương mại Dịch vụ Bình Minh' }]
    const { pdf, appearance } = buildTestPdf({ width: 80, height: 60, lines })
    expect(appearance.fontSize).toBe(5)
    expect(appearance.wrapped).toBe(true)
    expect(appearance.clipped).toBe(false)
    if (!hasTool('pdftotext')) return
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', writePdf(pdf), '-'])
    const extracted = stdout.replace(/\f/g, '').trim().split('\n')
    expect(extracted.length).toBeGreaterThan(1)
    expect(extracted.join(' ')).toBe(lines[0]?.text)
  })

  it('reports clipping when the lines overflow the height at the minimum size', () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({ text: `Dòng ${i + 1}` }))
    const result = createSignatureAppearance({ width: 120, height: 30, lines, alloc: counter() })
    expect(result.fontSize).toBe(5)
    expect(result.clipped).toBe(true)
  })

  it('places combining marks with GPOS offsets when no precomposed glyph exists', () => {
    // x + tilde + acute has no precomposed form; the acute is offset above the tilde (mkmk).
    const { appearance } = createSignatureAppearance({
      ...BOX,
      lines: [{ text: 'x\u0303\u0301' }],
      alloc: counter(),
    })
    const content = inflate(appearance)
    expect(content).toMatch(/[\d.]+ Ts\n\[-?[\d.]+ <[0-9A-F]{4}>\] TJ\n0 Ts/)
  })

  it('loads each font once per process', () => {
    expect(loadAppearanceFont('regular')).toBe(loadAppearanceFont('regular'))
    expect(loadAppearanceFont('bold')).not.toBe(loadAppearanceFont('regular'))
  })

  it('rejects an empty box', () => {
    expect(() => createSignatureAppearance({ width: 0, height: 50, lines: [], alloc: counter() })).toThrow(
      RangeError,
    )
  })

  it('lays out the lines from appearanceTextLines', async () => {
    const lines = appearanceTextLines({
      signerName: 'Nguyễn Thị Hồng Nhung',
      signingTime: SIGNING_TIME,
      idNumber: '001190012345',
    })
    const { pdf } = buildTestPdf({ width: 220, height: 80, lines })
    if (!hasTool('pdftotext')) return
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', writePdf(pdf), '-'])
    expect(stdout.replace(/\f/g, '').trimEnd().split('\n')).toEqual([
      'Ký bởi: Nguyễn Thị Hồng Nhung',
      'Số định danh: 001190012345',
      'Thời gian: 23/11/2026 10:15 (GMT+7)',
      'Signed by: Nguyễn Thị Hồng Nhung',
      'Date: 23/11/2026 10:15 (GMT+7)',
    ])
  })
})

function counter(): () => PdfRef {
  let next = 10
  return () => new PdfRef(next++, 0)
}
