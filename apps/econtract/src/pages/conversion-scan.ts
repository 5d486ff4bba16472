// The scan of a paper contract (R1.19): a PDF or an image, recognised by its first bytes (the name and
// the declared type are the sender's word only). Its SHA-256 is written into the conversion log's
// `signatureRef` (R1.21), so the employer's signature and timestamp over the converted document also
// seal the scan: a document event would be neither signed nor sent to the Platform.
import { ElcError, text } from '@elc/core'

/** 20 MiB: a multi-page scan at 300 dpi fits; far below the blob store's limit. */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024

export type ScanType = 'application/pdf' | 'image/jpeg' | 'image/png'

const SIGNATURES: Array<{ type: ScanType; magic: number[] }> = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
]

export function scanTypeOf(bytes: Uint8Array): ScanType | undefined {
  return SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b))?.type
}

/** The type of an acceptable scan, or the reason it is refused. */
export function checkScan(bytes: Uint8Array | undefined): ScanType {
  if (!bytes || bytes.length === 0)
    throw new ElcError(
      'SCAN_MISSING',
      text(
        'Chưa chọn tệp: gửi bản quét hợp đồng giấy trong trường "scan".',
        'No file: send the scan of the paper contract in the "scan" field.',
      ),
      { ruleId: 'R1.19', status: 422 },
    )
  if (bytes.length > MAX_SCAN_BYTES) throw scanTooLarge()
  const type = scanTypeOf(bytes)
  if (!type)
    throw new ElcError(
      'SCAN_TYPE_REFUSED',
      text(
        'Bản quét phải là tệp PDF hoặc ảnh JPEG, PNG.',
        'The scan must be a PDF file or a JPEG or PNG image.',
      ),
      { ruleId: 'R1.19', status: 415 },
    )
  return type
}

export function scanTooLarge(): ElcError {
  return new ElcError(
    'SCAN_TOO_LARGE',
    text(
      `Bản quét quá lớn; tối đa ${MAX_SCAN_BYTES / 1024 / 1024} MB.`,
      `The scan is too large; the limit is ${MAX_SCAN_BYTES / 1024 / 1024} MB.`,
    ),
    { status: 413 },
  )
}

const TYPE_NAMES: Record<ScanType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
}

/** R1.21: the reference of what seals the converted file, naming the scan by its hash. */
export function signatureRef(sha256: string, type: ScanType): string {
  return (
    `Bản quét ${TYPE_NAMES[type]} SHA-256 ${sha256}; niêm phong bằng chữ ký số của người sử dụng lao động ` +
    'và dấu thời gian trên văn bản chuyển đổi. / Scan SHA-256 as above, sealed by the employer’s digital ' +
    'signature and timestamp on the converted document.'
  ).normalize('NFC')
}

/** The scan's hash named in a conversion log's `signatureRef`. */
export function scanHashOf(ref: unknown): string | undefined {
  return typeof ref === 'string' ? /SHA-256 ([0-9a-f]{64})\b/.exec(ref)?.[1] : undefined
}
