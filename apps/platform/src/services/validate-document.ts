// Validates a contract or lifecycle document against the labor-code rules, before any signature exists.
import { ElcError, text, type ValidationReport, validateDocument } from '@elc/core'

export function validateSubmittedDocument(body: unknown): Omit<ValidationReport, 'document'> {
  const report = validateDocument(body)
  if (!report.recognised)
    throw new ElcError(
      'DOCUMENT_NOT_RECOGNISED',
      text(
        'Nội dung không phải hợp đồng lao động hay văn bản kèm theo (thiếu hoặc sai trường "kind").',
        'The body is not a labor contract or lifecycle document (missing or unknown "kind").',
      ),
      { status: 422 },
    )
  const { document: _document, ...rest } = report
  return rest
}
