// Finds every signature and document timestamp in a PDF: the signature dictionary reached from a
// signature field's /V, with what the verifier needs from it.
import { decodeTextString, isName, type PdfDict, type PdfObject, PdfString } from '../pdf/objects.ts'
import type { PdfDocument } from '../pdf/pdf-document.ts'
import { parsePdfDate } from './pdf-date.ts'

export interface EmbeddedSignature {
  fieldName: string
  kind: 'signature' | 'document-timestamp'
  subFilter: string
  /** As written; checked by checkByteRange before anything trusts it. */
  byteRange: PdfObject
  /** The CMS (or timestamp token), trailing zero padding included. */
  contents: Uint8Array
  /** /M: the signer's claimed time, unproven. */
  claimedTime?: Date
  signerName?: string
  reason?: string
  location?: string
}

export function embeddedSignatures(doc: PdfDocument): EmbeddedSignature[] {
  const out: EmbeddedSignature[] = []
  for (const field of doc.fields()) {
    if (!isName(doc.resolve(field.dict.get('FT')), 'Sig')) continue
    const sig = doc.dict(field.dict.get('V'))
    if (!sig) continue
    const contents = doc.resolve(sig.get('Contents'))
    const subFilter = doc.resolve(sig.get('SubFilter'))
    const isTimestamp =
      isName(doc.resolve(sig.get('Type')), 'DocTimeStamp') || isName(subFilter, 'ETSI.RFC3161')
    out.push({
      fieldName: field.name,
      kind: isTimestamp ? 'document-timestamp' : 'signature',
      subFilter: isName(subFilter) ? subFilter.value : '',
      byteRange: doc.resolve(sig.get('ByteRange')),
      contents: contents instanceof PdfString ? contents.bytes : new Uint8Array(),
      ...optionalText(sig, doc),
    })
  }
  return out
}

function textOf(sig: PdfDict, doc: PdfDocument, key: string): string | undefined {
  const v = doc.resolve(sig.get(key))
  return v instanceof PdfString ? decodeTextString(v).normalize('NFC') : undefined
}

const TEXT_FIELDS = [
  ['Name', 'signerName'],
  ['Reason', 'reason'],
  ['Location', 'location'],
] as const

function optionalText(sig: PdfDict, doc: PdfDocument) {
  const m = textOf(sig, doc, 'M')
  const result: Partial<EmbeddedSignature> = {}
  const claimedTime = m ? parsePdfDate(m) : undefined
  if (claimedTime) result.claimedTime = claimedTime
  for (const [key, prop] of TEXT_FIELDS) {
    const v = textOf(sig, doc, key)
    if (v) result[prop] = v
  }
  return result
}
