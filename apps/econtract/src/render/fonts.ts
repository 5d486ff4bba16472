// Be Vietnam Pro (SIL OFL), shipped with @elc/pki: embedded and subset in every document, never a
// standard-14 font (DESIGN §3). Found beside the package, whatever the working directory.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type PDFDocument from 'pdfkit'

const FONTS_DIR = join(dirname(createRequire(import.meta.url).resolve('@elc/pki')), '..', 'fonts')

export const FONT_FILES = {
  regular: join(FONTS_DIR, 'BeVietnamPro-Regular.ttf'),
  bold: join(FONTS_DIR, 'BeVietnamPro-Bold.ttf'),
} as const

/**
 * The names the fonts are registered under: their paths, so that the constructor's default font (the
 * regular face, given instead of pdfkit's Helvetica) and the registered one are one cache entry, parsed once.
 */
export const FONT = FONT_FILES

export function registerFonts(pdf: InstanceType<typeof PDFDocument>): void {
  pdf.registerFont(FONT.regular, FONT_FILES.regular)
  pdf.registerFont(FONT.bold, FONT_FILES.bold)
}
