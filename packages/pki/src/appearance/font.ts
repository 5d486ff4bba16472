// Be Vietnam Pro (SIL OFL) embedded as a subset Type0 / Identity-H font (ISO 32000-1 §9.7): CIDs are the
// subset's glyph ids (/CIDToGIDMap /Identity), so shaping with GSUB/GPOS survives into the PDF, and a
// /ToUnicode CMap gives text extraction the exact Vietnamese text.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import * as fontkit from 'fontkit'
import { name, PdfDict, type PdfObject, type PdfRef, PdfStream, PdfString } from '../pdf/objects.ts'

export type FontWeight = 'regular' | 'bold'

const FONT_FILES: Record<FontWeight, URL> = {
  regular: new URL('../../fonts/BeVietnamPro-Regular.ttf', import.meta.url),
  bold: new URL('../../fonts/BeVietnamPro-Bold.ttf', import.meta.url),
}

const loaded = new Map<FontWeight, fontkit.Font>()

/** Parsed once per process: parsing and fontkit's layout caches are the expensive part. */
export function loadAppearanceFont(weight: FontWeight): fontkit.Font {
  let font = loaded.get(weight)
  if (font === undefined) {
    const parsed = fontkit.create(readFileSync(FONT_FILES[weight]))
    if (!('unitsPerEm' in parsed)) throw new Error(`${FONT_FILES[weight].pathname} is a font collection`)
    font = parsed
    loaded.set(weight, font)
  }
  return font
}

/** One positioned glyph, in 1/1000 text-space units (the unit of /W and TJ). */
export interface PlacedGlyph {
  /** Subset glyph id, which is also the CID. */
  cid: number
  /** The width declared in /W for this CID. */
  width: number
  xAdvance: number
  xOffset: number
  yOffset: number
  /** True for U+0020, where a line may wrap. */
  isSpace: boolean
}

/**
 * Collects the glyphs of one font across all lines, then writes the subset and its PDF objects.
 * Text must already be NFC.
 */
export class SubsetFontBuilder {
  readonly font: fontkit.Font
  private readonly subset: fontkit.Subset
  private readonly widths = new Map<number, number>()
  private readonly unicode = new Map<number, string>()
  private readonly scale: number

  constructor(readonly weight: FontWeight) {
    this.font = loadAppearanceFont(weight)
    this.subset = this.font.createSubset()
    this.scale = 1000 / this.font.unitsPerEm
  }

  /** Shapes one line (GSUB ligatures and compositions, GPOS kerning and mark placement). */
  shape(text: string): PlacedGlyph[] {
    const run = this.font.layout(text)
    return run.glyphs.map((glyph, i) => {
      // fontkit returns the subset glyph id; @types/fontkit declares boolean.
      const cid = this.subset.includeGlyph(glyph) as unknown as number
      const width = Math.round(glyph.advanceWidth * this.scale)
      this.widths.set(cid, width)
      // A glyph reached from several code point sequences keeps the first; .notdef stands for a
      // character the font lacks, which extraction reports as U+FFFD rather than a wrong letter.
      if (!this.unicode.has(cid))
        this.unicode.set(cid, glyph.id === 0 ? '\ufffd' : String.fromCodePoint(...glyph.codePoints))
      const pos = run.positions[i]
      return {
        cid,
        width,
        xAdvance: (pos?.xAdvance ?? glyph.advanceWidth) * this.scale,
        xOffset: (pos?.xOffset ?? 0) * this.scale,
        yOffset: (pos?.yOffset ?? 0) * this.scale,
        isSpace: glyph.codePoints.length === 1 && glyph.codePoints[0] === 0x20,
      }
    })
  }

  /** Font ascent and descent in 1/1000 em, for line spacing. */
  get metrics(): { ascent: number; descent: number } {
    return { ascent: this.font.ascent * this.scale, descent: this.font.descent * this.scale }
  }

  /** Writes the Type0 font and its descendants; returns the Type0 font's ref. */
  build(alloc: () => PdfRef, objects: Array<[PdfRef, PdfObject]>): PdfRef {
    const font = this.font
    const s = this.scale
    const fontFile = Buffer.from(this.subset.encode())
    const cids = [...this.widths.keys()].sort((a, b) => a - b)
    const baseName = `${subsetTag(font.postscriptName, cids)}+${font.postscriptName}`

    const type0Ref = alloc()
    const cidFontRef = alloc()
    const descriptorRef = alloc()
    const fontFileRef = alloc()
    const toUnicodeRef = alloc()

    const type0 = new PdfDict({
      Type: name('Font'),
      Subtype: name('Type0'),
      BaseFont: name(baseName),
      Encoding: name('Identity-H'),
      DescendantFonts: [cidFontRef],
      ToUnicode: toUnicodeRef,
    })
    const cidFont = new PdfDict({
      Type: name('Font'),
      Subtype: name('CIDFontType2'),
      BaseFont: name(baseName),
      CIDSystemInfo: new PdfDict({
        Registry: ascii('Adobe'),
        Ordering: ascii('Identity'),
        Supplement: 0,
      }),
      FontDescriptor: descriptorRef,
      W: widthArray(cids, this.widths),
      CIDToGIDMap: name('Identity'),
    })
    const os2 = font['OS/2']
    const descriptor = new PdfDict({
      Type: name('FontDescriptor'),
      FontName: name(baseName),
      // Symbolic: the glyphs are addressed by CID, not by a standard Latin encoding.
      Flags: 4,
      FontBBox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) =>
        Math.round(v * s),
      ),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.ascent * s),
      Descent: Math.round(font.descent * s),
      CapHeight: Math.round(font.capHeight * s),
      // No stem width in TrueType; the usual estimate from the weight class.
      StemV: Math.round(50 + ((os2?.usWeightClass ?? 400) / 65) ** 2),
      FontFile2: fontFileRef,
    })
    const fontFileStream = flateStream(fontFile, { Length1: fontFile.length })
    const toUnicode = flateStream(Buffer.from(toUnicodeCMap(this.unicode), 'latin1'))

    objects.push(
      [type0Ref, type0],
      [cidFontRef, cidFont],
      [descriptorRef, descriptor],
      [fontFileRef, fontFileStream],
      [toUnicodeRef, toUnicode],
    )
    return type0Ref
  }
}

const ascii = (value: string) => new PdfString(Buffer.from(value, 'latin1'))

export function flateStream(data: Uint8Array, extra: Record<string, PdfObject> = {}): PdfStream {
  return new PdfStream(
    new PdfDict({ ...extra, Filter: name('FlateDecode') }),
    deflateSync(data, { level: 9 }),
  )
}

/** Six uppercase letters (§9.6.4) derived from the glyph set, so equal input gives equal bytes. */
function subsetTag(postscriptName: string, cids: number[]): string {
  const digest = createHash('sha256')
    .update(`${postscriptName}:${cids.join(',')}`)
    .digest()
  let tag = ''
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26))
  return tag
}

/** /W as runs of consecutive CIDs: `c [w1 w2 …]`. */
function widthArray(cids: number[], widths: Map<number, number>): PdfObject[] {
  const out: PdfObject[] = []
  let run: number[] = []
  let start = -1
  for (const cid of cids) {
    if (run.length > 0 && cid !== start + run.length) {
      out.push(start, run)
      run = []
    }
    if (run.length === 0) start = cid
    run.push(widths.get(cid) ?? 0)
  }
  if (run.length > 0) out.push(start, run)
  return out
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0')

function utf16Hex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()
}

/** A ToUnicode CMap (§9.10.3) mapping each 2-byte CID to its UTF-16BE text. */
export function toUnicodeCMap(unicode: Map<number, string>): string {
  const entries = [...unicode.entries()].filter(([, text]) => text.length > 0).sort(([a], [b]) => a - b)
  const blocks: string[] = []
  // At most 100 entries per bfchar block (§9.10.3, PostScript operand stack limit).
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100)
    blocks.push(
      `${chunk.length} beginbfchar\n${chunk.map(([cid, text]) => `<${hex4(cid)}> <${utf16Hex(text)}>`).join('\n')}\nendbfchar`,
    )
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
    '',
  ].join('\n')
}
