// The letter of authorisation (giấy ủy quyền) is kept as the PDF the employer uploaded (R4.9): only a PDF, and
// a small one, since it is evidence to read, not a place to store arbitrary files.
import { ElcError, text } from '@elc/core'

/** 10 MiB: a scanned letter of a few pages fits with room to spare. */
export const MAX_AUTHORISATION_PDF_BYTES = 10 * 1024 * 1024

const MAGIC = Buffer.from('%PDF-', 'latin1')

export function authorisationTooLarge(): ElcError {
  return new ElcError(
    'EMPLOYER_AUTHORISATION_TOO_LARGE',
    text(
      `Giấy ủy quyền quá lớn; tối đa ${MAX_AUTHORISATION_PDF_BYTES} byte.`,
      `The letter of authorisation is too large; the limit is ${MAX_AUTHORISATION_PDF_BYTES} bytes.`,
    ),
    { ruleId: 'R4.9', status: 413 },
  )
}

/** Refuses anything that is not a PDF by its bytes (the name and declared type are the sender's word). */
export function checkAuthorisationPdf(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_AUTHORISATION_PDF_BYTES) throw authorisationTooLarge()
  // PDF 1.7 §7.5.2: the header may follow up to 1 KiB of leading bytes in practice; the file ends in %%EOF.
  const head = Buffer.from(bytes.subarray(0, 1024))
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString('latin1')
  if (head.indexOf(MAGIC) < 0 || !tail.includes('%%EOF'))
    throw new ElcError(
      'EMPLOYER_AUTHORISATION_NOT_PDF',
      text('Giấy ủy quyền phải là tệp PDF.', 'The letter of authorisation must be a PDF file.'),
      { ruleId: 'R4.9', status: 415 },
    )
}
