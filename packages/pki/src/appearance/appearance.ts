// The visible signature appearance (ISO 32000-1 §12.7.4.5, PAdES): a Form XObject with a thin border and
// the signer's lines in Be Vietnam Pro, embedded as a subset so every Vietnamese diacritic renders the
// same in any viewer and extracts back to the exact text.
//
// Sizing: the font shrinks (from maxFontSize) until the longest line fits the width and all lines fit the
// height. Below minFontSize the size stays at the minimum, lines wrap at spaces (a word longer than the
// width breaks between glyphs) and whatever still overflows the height is clipped by the BBox.
import { name, PdfDict, type PdfObject, type PdfRef, type PdfStream } from '../pdf/objects.ts'
import { type FontWeight, flateStream, type PlacedGlyph, SubsetFontBuilder } from './font.ts'

export interface AppearanceLine {
  text: string
  bold?: boolean
}

export interface SignatureAppearanceOptions {
  /** BBox size in PDF points. */
  width: number
  height: number
  lines: AppearanceLine[]
  /** Hands out object numbers for the font objects. */
  alloc: () => PdfRef
  /** Largest font size used when the box has room (default 10). */
  maxFontSize?: number
  /** Below this the lines wrap instead of shrinking further (default 5). */
  minFontSize?: number
  /** Draw the thin frame (default true). */
  border?: boolean
}

export interface SignatureAppearance {
  /** The Form XObject; the caller makes it an indirect object (the widget's /AP /N). */
  appearance: PdfStream
  /** Every indirect object created, with the refs from `alloc`. */
  objects: Array<[PdfRef, PdfObject]>
  /** The font size chosen, in points. */
  fontSize: number
  /** True when, at the minimum size, some line was broken to fit the width. */
  wrapped: boolean
  /** True when, at the minimum size, the lines overflow the height and the last ones are cut off. */
  clipped: boolean
}

const RESOURCE_NAMES: Record<FontWeight, string> = { regular: 'F1', bold: 'F2' }
const BORDER_WIDTH = 0.5

interface ShapedLine {
  weight: FontWeight
  glyphs: PlacedGlyph[]
}

export function createSignatureAppearance(options: SignatureAppearanceOptions): SignatureAppearance {
  const { width, height, alloc } = options
  if (!(Number.isFinite(width) && width > 0 && Number.isFinite(height) && height > 0))
    throw new RangeError(`appearance size must be positive, got ${width}×${height}`)
  const maxFontSize = options.maxFontSize ?? 10
  const minFontSize = Math.min(options.minFontSize ?? 5, maxFontSize)

  const builders = new Map<FontWeight, SubsetFontBuilder>()
  const builder = (weight: FontWeight) => {
    let b = builders.get(weight)
    if (b === undefined) {
      b = new SubsetFontBuilder(weight)
      builders.set(weight, b)
    }
    return b
  }

  const shaped: ShapedLine[] = options.lines.map((line) => {
    const weight: FontWeight = line.bold ? 'bold' : 'regular'
    // NFC first so decomposed input shapes to the same precomposed glyphs; controls would be .notdef boxes.
    const text = line.text.normalize('NFC').replace(/\p{Cc}/gu, ' ')
    return { weight, glyphs: builder(weight).shape(text) }
  })

  // One family, so regular and bold share vertical metrics; the fallback only matters with no lines.
  const metrics = builders.values().next().value?.metrics ?? { ascent: 1000, descent: -265 }
  const lineFactor = (metrics.ascent - metrics.descent) / 1000

  const pad = Math.min(3, width / 10, height / 10)
  const availW = width - 2 * pad
  const availH = height - 2 * pad
  const widest = Math.max(0, ...shaped.map((l) => advance(l.glyphs))) / 1000
  let fontSize = Math.min(
    maxFontSize,
    widest > 0 ? availW / widest : maxFontSize,
    shaped.length > 0 ? availH / (shaped.length * lineFactor) : maxFontSize,
  )
  let lines = shaped
  let wrapped = false
  if (fontSize < minFontSize) {
    fontSize = minFontSize
    const maxUnits = (availW / fontSize) * 1000
    lines = shaped.flatMap((l) => wrap(l.glyphs, maxUnits).map((glyphs) => ({ weight: l.weight, glyphs })))
    wrapped = lines.length !== shaped.length
  }

  const leading = fontSize * lineFactor
  const blockH = lines.length * leading
  const clipped = blockH > availH + 1e-6
  // Centred vertically when it fits; otherwise from the top, so the clipped part is the last lines.
  const top = height - pad - Math.max(0, (availH - blockH) / 2)

  const ops: string[] = []
  if (options.border ?? true) {
    const inset = BORDER_WIDTH / 2
    ops.push(
      `q ${BORDER_WIDTH} w 0.25 0.25 0.25 RG ${num(inset)} ${num(inset)} ${num(width - BORDER_WIDTH)} ${num(height - BORDER_WIDTH)} re S Q`,
    )
  }
  ops.push(`q ${num(pad)} ${num(pad)} ${num(availW)} ${num(availH)} re W n 0 g`)
  lines.forEach((line, i) => {
    if (line.glyphs.length === 0) return
    const baseline = top - (fontSize * metrics.ascent) / 1000 - i * leading
    ops.push(
      'BT',
      `/${RESOURCE_NAMES[line.weight]} ${num(fontSize)} Tf`,
      `1 0 0 1 ${num(pad)} ${num(baseline)} Tm`,
      ...showGlyphs(line.glyphs, fontSize),
      'ET',
    )
  })
  ops.push('Q', '')

  const objects: Array<[PdfRef, PdfObject]> = []
  const fonts = new PdfDict()
  for (const weight of ['regular', 'bold'] as const) {
    const b = builders.get(weight)
    if (b !== undefined) fonts.set(RESOURCE_NAMES[weight], b.build(alloc, objects))
  }

  const appearance = flateStream(Buffer.from(ops.join('\n'), 'latin1'), {
    Type: name('XObject'),
    Subtype: name('Form'),
    FormType: 1,
    BBox: [0, 0, width, height],
    Matrix: [1, 0, 0, 1, 0, 0],
    Resources: new PdfDict(fonts.entries.size > 0 ? { Font: fonts } : {}),
  })
  return { appearance, objects, fontSize, wrapped, clipped }
}

const advance = (glyphs: PlacedGlyph[]) => glyphs.reduce((sum, g) => sum + g.xAdvance, 0)

/** Numbers for the content stream: three decimals, no exponent, no "-0". */
function num(value: number): string {
  const text = value.toFixed(3).replace(/\.?0+$/, '')
  return text === '-0' ? '0' : text
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0')

/**
 * TJ operators reproducing the shaped positions: where the layout's advance or offset differs from the /W
 * width (kerning, mark placement) an adjustment is inserted; vertical mark offsets use the text rise.
 */
function showGlyphs(glyphs: PlacedGlyph[], fontSize: number): string[] {
  const ops: string[] = []
  let items: string[] = []
  let hex = ''
  let pen = 0 // where the layout puts the next origin
  let actual = 0 // where the PDF text position is
  let rise = 0
  const flushHex = () => {
    if (hex) items.push(`<${hex}>`)
    hex = ''
  }
  const flushArray = () => {
    flushHex()
    if (items.length > 0) ops.push(`[${items.join(' ')}] TJ`)
    items = []
  }
  for (const g of glyphs) {
    if (Math.abs(g.yOffset - rise) > 1e-6) {
      flushArray()
      rise = g.yOffset
      ops.push(`${num((rise * fontSize) / 1000)} Ts`)
    }
    const delta = pen + g.xOffset - actual
    if (Math.abs(delta) >= 0.0005) {
      flushHex()
      items.push(num(-delta))
    }
    hex += hex4(g.cid)
    actual = pen + g.xOffset + g.width
    pen += g.xAdvance
  }
  flushArray()
  if (rise !== 0) ops.push('0 Ts')
  return ops
}

/** Greedy wrap at spaces (the breaking spaces are dropped); over-long words break between glyphs. */
function wrap(glyphs: PlacedGlyph[], maxUnits: number): PlacedGlyph[][] {
  const out: PlacedGlyph[][] = []
  let line: PlacedGlyph[] = []
  let lineWidth = 0
  let spaces: PlacedGlyph[] = []
  let word: PlacedGlyph[] = []

  const placeWord = () => {
    if (word.length === 0) return
    const wordWidth = advance(word)
    const gap = advance(spaces)
    if (line.length > 0 && lineWidth + gap + wordWidth <= maxUnits) {
      line.push(...spaces, ...word)
      lineWidth += gap + wordWidth
    } else {
      if (line.length > 0) out.push(line)
      line = []
      lineWidth = 0
      for (const g of word) {
        // Zero-advance marks never overflow, so they stay with their base glyph.
        if (line.length > 0 && lineWidth + g.xAdvance > maxUnits) {
          out.push(line)
          line = []
          lineWidth = 0
        }
        line.push(g)
        lineWidth += g.xAdvance
      }
    }
    spaces = []
    word = []
  }

  for (const g of glyphs) {
    if (g.isSpace) {
      if (word.length > 0) placeWord()
      spaces.push(g)
    } else word.push(g)
  }
  placeWord()
  if (line.length > 0 || out.length === 0) out.push(line)
  return out
}
