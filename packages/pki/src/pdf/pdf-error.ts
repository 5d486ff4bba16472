// One error for every way a PDF can be unreadable: a verdict for the caller, never a crash.
import { ElcError, text } from '@elc/core'

export const PDF_LIMITS = {
  /** Nesting of arrays and dictionaries; real files stay under 10. */
  maxDepth: 64,
  /** A decoded stream (xref or object stream); guards against zip bombs. */
  maxDecodedStream: 64 * 1024 * 1024,
  /** Sections followed through /Prev; each signature adds one or two. */
  maxXrefSections: 512,
  /** Object numbers; guards against absurd /Size and /Index values. */
  maxObjectNumber: 8_388_607,
} as const

export class PdfError extends ElcError {
  constructor(
    en: string,
    vi: string,
    readonly offset?: number,
  ) {
    super(
      'PDF_MALFORMED',
      text(
        `Tệp PDF bị hỏng hoặc không hợp lệ: ${vi}${offset === undefined ? '' : ` (vị trí ${offset})`}.`,
        `The PDF is malformed: ${en}${offset === undefined ? '' : ` (at byte ${offset})`}.`,
      ),
      { status: 422 },
    )
  }
}
