// The typesetting primitives every document shares, over pdfkit: Vietnamese first, English beneath in
// smaller grey type; label/value rows; numbered articles; the two signature blocks. Every string is NFC
// before it is measured or drawn. Coordinates are pdfkit's (origin top left) until a signature box is
// handed out, which is in PDF user space (origin bottom left), the way the signing step places it.
import type { Text } from '@elc/core'
import type PDFDocument from 'pdfkit'
import { FONT } from './fonts.ts'
import { nfc } from './format.ts'

type Pdf = InstanceType<typeof PDFDocument>

export const PAGE = { width: 595.28, height: 841.89, top: 56, bottom: 62, left: 68, right: 56 }

const INK = '#000000'
const GREY = '#6b6b6b'
const RULE = '#9a9a9a'
const SIZE = { body: 10.5, en: 7.5, heading: 11.5, headingEn: 8.5 }
const LABEL_WIDTH = 168
const BOX = { width: 210, height: 84 }
/** Role, English role, "digital signature", the blank area, the name and title beneath. */
export const SIGNATURE_BLOCK_HEIGHT = 44 + BOX.height + 40
const COLUMN_GAP = 10

/** Where a party signs: the page (0-based) and rectangle [x1, y1, x2, y2] in PDF user space. */
export interface SignatureBox {
  page: number
  rect: [number, number, number, number]
}

export interface SignatureSlot {
  role: Text
  /** Printed under the blank area: who signs, and in what capacity. */
  name?: string
  detail?: string
}

export class Layout {
  /** 0-based index of the page being written. */
  page = -1
  private article = 0

  constructor(readonly pdf: Pdf) {
    pdf.on('pageAdded', () => {
      this.page++
    })
  }

  get left(): number {
    return PAGE.left
  }
  get width(): number {
    return PAGE.width - PAGE.left - PAGE.right
  }
  private get bottom(): number {
    return PAGE.height - PAGE.bottom
  }

  newPage(): void {
    this.pdf.addPage()
    this.pdf.x = this.left
    this.pdf.y = PAGE.top
  }

  /** Starts a new page unless `height` still fits on this one; taller than a page, it flows from here. */
  ensure(height: number): void {
    const need = height > this.bottom - PAGE.top ? 40 : height
    if (this.pdf.y + need > this.bottom) this.newPage()
  }

  space(points: number): void {
    this.pdf.y += points
  }

  private font(bold: boolean, size: number, color = INK): Pdf {
    return this.pdf
      .font(bold ? FONT.bold : FONT.regular)
      .fontSize(size)
      .fillColor(color)
  }

  private height(value: string, bold: boolean, size: number, width: number): number {
    if (!value) return 0
    return this.font(bold, size).heightOfString(value, { width })
  }

  /** Vietnamese, then its English beneath in grey; centred or left. Kept together on one page. */
  bilingual(
    t: Text,
    options: { size?: number; enSize?: number; bold?: boolean; align?: 'left' | 'center' | 'right' } = {},
  ): void {
    const size = options.size ?? SIZE.body
    const enSize = options.enSize ?? SIZE.en
    const bold = options.bold ?? false
    const align = options.align ?? 'left'
    const vi = nfc(t.vi)
    const en = nfc(t.en)
    this.ensure(this.height(vi, bold, size, this.width) + this.height(en, false, enSize, this.width))
    if (vi) this.font(bold, size).text(vi, this.left, this.pdf.y, { width: this.width, align })
    if (en) this.font(false, enSize, GREY).text(en, this.left, this.pdf.y, { width: this.width, align })
  }

  /** A document title: large, bold, centred, English beneath. */
  title(t: Text): void {
    this.bilingual(t, { size: 15, enSize: 9.5, bold: true, align: 'center' })
  }

  /** "Điều n. …" with "Article n. …" beneath; numbered in order of appearance. */
  heading(t: Text): void {
    this.article++
    this.space(8)
    // A heading is never the last thing on a page.
    this.ensure(60)
    this.bilingual(
      { vi: `Điều ${this.article}. ${t.vi}`, en: `Article ${this.article}. ${t.en}` },
      { size: SIZE.heading, enSize: SIZE.headingEn, bold: true },
    )
    this.space(3)
  }

  /** An unnumbered section heading (the parties). */
  section(t: Text): void {
    this.space(6)
    this.ensure(50)
    this.bilingual(t, { size: SIZE.heading, enSize: SIZE.headingEn, bold: true })
    this.space(3)
  }

  /** Running text; long text flows on to the next page. */
  paragraph(value: string, options: { bold?: boolean; size?: number; color?: string } = {}): void {
    const v = nfc(value)
    const size = options.size ?? SIZE.body
    this.ensure(Math.min(this.height(v, options.bold ?? false, size, this.width), 40))
    this.font(options.bold ?? false, size, options.color).text(v, this.left, this.pdf.y, {
      width: this.width,
      align: 'justify',
    })
    this.space(2)
  }

  /** A label (Vietnamese over English) beside its value; the value may itself be bilingual. */
  field(labelText: Text, value: string | Text, options: { bold?: boolean } = {}): void {
    const labelVi = `${nfc(labelText.vi)}:`
    const labelEn = nfc(labelText.en)
    const valueVi = nfc(typeof value === 'string' ? value : value.vi)
    const valueEn = typeof value === 'string' ? '' : nfc(value.en)
    const valueX = this.left + LABEL_WIDTH + COLUMN_GAP
    const valueWidth = this.width - LABEL_WIDTH - COLUMN_GAP
    const bold = options.bold ?? false
    const labelHeight = this.height(labelVi, false, SIZE.body, LABEL_WIDTH)
    const valueHeight = this.height(valueVi, bold, SIZE.body, valueWidth)
    const rowHeight = Math.max(
      labelHeight + this.height(labelEn, false, SIZE.en, LABEL_WIDTH),
      valueHeight + (valueEn && valueEn !== valueVi ? this.height(valueEn, false, SIZE.en, valueWidth) : 0),
    )
    this.ensure(rowHeight)
    const y = this.pdf.y
    const startPage = this.page
    this.font(false, SIZE.body).text(labelVi, this.left, y, { width: LABEL_WIDTH })
    this.font(false, SIZE.en, GREY).text(labelEn, this.left, this.pdf.y, { width: LABEL_WIDTH })
    this.font(bold, SIZE.body).text(valueVi, valueX, y, { width: valueWidth })
    if (valueEn && valueEn !== valueVi)
      this.font(false, SIZE.en, GREY).text(valueEn, valueX, this.pdf.y, { width: valueWidth })
    // A value longer than a page flowed on; otherwise the row is as tall as its taller column.
    if (this.page === startPage) this.pdf.y = Math.max(this.pdf.y, y + rowHeight)
    this.pdf.x = this.left
    this.space(3)
  }

  /** A framed, shaded line: the contract ID a lifecycle document belongs to (R1.30). */
  callout(t: Text): void {
    const vi = nfc(t.vi)
    const en = nfc(t.en)
    const pad = 7
    const inner = this.width - 2 * pad
    const h = this.height(vi, true, 12, inner) + this.height(en, false, SIZE.headingEn, inner) + 2 * pad
    this.ensure(h + 6)
    const y = this.pdf.y
    this.pdf.save().lineWidth(0.8).rect(this.left, y, this.width, h).fillAndStroke('#f1f1f1', RULE).restore()
    this.font(true, 12).text(vi, this.left + pad, y + pad, { width: inner, align: 'center' })
    this.font(false, SIZE.headingEn, GREY).text(en, this.left + pad, this.pdf.y, {
      width: inner,
      align: 'center',
    })
    this.pdf.y = y + h + 6
    this.pdf.x = this.left
  }

  /** A short centred rule, as under the national motto. */
  rule(width: number): void {
    const y = this.pdf.y + 2
    const x = this.left + (this.width - width) / 2
    this.pdf
      .save()
      .lineWidth(0.8)
      .strokeColor(INK)
      .moveTo(x, y)
      .lineTo(x + width, y)
      .stroke()
      .restore()
    this.space(6)
  }

  /**
   * The signature blocks side by side, kept together on one page, each with a blank area where the
   * signing step places the visible signature. Returns those areas in PDF user space.
   */
  signatures(slots: SignatureSlot[], boxSize = BOX): SignatureBox[] {
    const columns = Math.max(1, slots.length)
    const columnWidth = this.width / columns
    const blockHeight = SIGNATURE_BLOCK_HEIGHT
    this.space(14)
    this.ensure(blockHeight)
    const top = this.pdf.y
    const boxes: SignatureBox[] = []
    slots.forEach((slot, i) => {
      const x = this.left + i * columnWidth
      const w = columnWidth - 8
      this.font(true, SIZE.body).text(nfc(slot.role.vi).toUpperCase(), x, top, { width: w, align: 'center' })
      this.font(false, SIZE.en, GREY).text(nfc(slot.role.en), x, this.pdf.y, { width: w, align: 'center' })
      this.font(false, SIZE.en, GREY).text('(Ký số / Digital signature)', x, this.pdf.y, {
        width: w,
        align: 'center',
      })
      const boxTop = top + 44
      const boxX = x + (w - Math.min(boxSize.width, w)) / 2
      const boxW = Math.min(boxSize.width, w)
      boxes.push({
        page: this.page,
        rect: [boxX, PAGE.height - (boxTop + boxSize.height), boxX + boxW, PAGE.height - boxTop].map(
          (v) => Math.round(v * 100) / 100,
        ) as [number, number, number, number],
      })
      let y = boxTop + boxSize.height + 6
      if (slot.name) {
        this.font(true, SIZE.body).text(nfc(slot.name), x, y, { width: w, align: 'center' })
        y = this.pdf.y
      }
      if (slot.detail)
        this.font(false, SIZE.en + 1, GREY).text(nfc(slot.detail), x, y, { width: w, align: 'center' })
    })
    this.pdf.x = this.left
    this.pdf.y = top + blockHeight
    return boxes
  }

  /** Page numbers and the contract ID on every page, written once the page count is known. */
  footers(caption: string): void {
    const range = this.pdf.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      this.pdf.switchToPage(i)
      const margin = this.pdf.page.margins.bottom
      // Writing inside the bottom margin must not make pdfkit start a new page.
      this.pdf.page.margins.bottom = 0
      const y = PAGE.height - PAGE.bottom + 22
      this.pdf.save().lineWidth(0.4).strokeColor(RULE)
      this.pdf
        .moveTo(this.left, y - 6)
        .lineTo(this.left + this.width, y - 6)
        .stroke()
      this.pdf.restore()
      this.font(false, SIZE.en, GREY).text(nfc(caption), this.left, y, {
        width: this.width * 0.75,
        lineBreak: false,
      })
      this.font(false, SIZE.en, GREY).text(
        `Trang ${i + 1}/${range.count} · Page ${i + 1} of ${range.count}`,
        this.left,
        y,
        {
          width: this.width,
          align: 'right',
          lineBreak: false,
        },
      )
      this.pdf.page.margins.bottom = margin
    }
  }
}
