// A document timestamp (PAdES B-LTA, ETSI EN 319 142-1 §5.4.3): an RFC 3161 token over the whole
// document as it stands, in its own signature field with SubFilter ETSI.RFC3161.
import type { DigestAlgorithm } from '../cms/index.ts'
import { PdfDocument } from '../pdf/pdf-document.ts'
import type { TimestampAuthority } from '../tsa/timestamp-authority.ts'
import { digestChunks } from './sign-pdf.ts'
import { embedContents, placeSignature, signedChunks } from './signature-field.ts'

export async function addDocumentTimestamp(
  pdf: Uint8Array,
  tsa: TimestampAuthority,
  options: { fieldName?: string; digestAlgorithm?: DigestAlgorithm; contentsSize?: number } = {},
): Promise<Buffer> {
  const doc = PdfDocument.parse(pdf)
  const digestAlgorithm = options.digestAlgorithm ?? 'SHA-256'
  const placed = placeSignature(doc, {
    kind: 'document-timestamp',
    fieldName: options.fieldName ?? `DocumentTimestamp${doc.fields().length + 1}`,
    contentsSize: options.contentsSize ?? 16 * 1024,
  })
  const imprint = digestChunks(digestAlgorithm, signedChunks(placed.bytes, placed.byteRange))
  return embedContents(placed, await tsa.timestamp(imprint, digestAlgorithm))
}
