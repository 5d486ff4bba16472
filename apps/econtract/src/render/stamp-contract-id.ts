// After the Platform issues the ID (R1.29) the signed, certified PDF carries it without breaking any
// signature: an incremental update rewrites only the document information dictionary, which the
// verifier classifies as an allowed metadata change (changes-after-signing.ts). The ID is issued once and
// never changes (R1.30): stamping the same ID again is a no-op, a different one is refused.
import { CONTRACT_ID_PATTERN, ElcError, text } from '@elc/core'
import {
  decodeTextString,
  IncrementalUpdate,
  PdfDict,
  PdfDocument,
  PdfRef,
  PdfString,
  textString,
} from '@elc/pki'
import { contractIdSubject, ID_INFO_KEY } from './contract-id-info.ts'

export function stampContractId(pdf: Uint8Array, contractId: string): Uint8Array {
  if (!CONTRACT_ID_PATTERN.test(contractId))
    throw new ElcError(
      'CONTRACT_ID_INVALID',
      text(
        `Mã hợp đồng "${contractId}" không đúng định dạng (A, B hoặc C và 12 chữ số).`,
        `Contract ID "${contractId}" is malformed (A, B or C and 12 digits).`,
      ),
      { ruleId: 'R1.29' },
    )
  const doc = PdfDocument.parse(pdf)
  const infoRef = doc.trailer.get('Info')
  const info = infoRef instanceof PdfRef ? doc.dict(infoRef) : undefined
  // Rewriting the existing object is what keeps the change "metadata"; a new one would not be seen as such.
  if (!(infoRef instanceof PdfRef) || !info)
    throw new ElcError(
      'PDF_INFO_MISSING',
      text(
        'Tài liệu không có từ điển thông tin để ghi mã hợp đồng.',
        'The document has no information dictionary to carry the contract ID.',
      ),
      { ruleId: 'R1.29', status: 422 },
    )
  const current = doc.resolve(info.get(ID_INFO_KEY))
  const stamped = current instanceof PdfString ? decodeTextString(current) : undefined
  if (stamped === contractId) return pdf
  if (stamped !== undefined)
    throw new ElcError(
      'CONTRACT_ID_ALREADY_STAMPED',
      text(
        `Tài liệu đã mang mã hợp đồng ${stamped}; mã hợp đồng không thay đổi được.`,
        `The document already carries contract ID ${stamped}; a contract ID never changes.`,
      ),
      { ruleId: 'R1.30', status: 409 },
    )
  const updated = new PdfDict(info.entries)
    .set('Subject', textString(contractIdSubject(contractId)))
    .set(ID_INFO_KEY, textString(contractId))
  const update = new IncrementalUpdate(doc)
  update.set(infoRef, updated)
  return new Uint8Array(update.write().bytes)
}
