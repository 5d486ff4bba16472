// Storage failures as ElcError with stable codes; none of them reveals a path, a key or a secret to a client.
import { ElcError, text } from '@elc/core'

export function blobTooLarge(size: number, maxBytes: number): ElcError {
  return new ElcError(
    'BLOB_TOO_LARGE',
    text(
      `Tệp có ${size} byte, vượt giới hạn ${maxBytes} byte.`,
      `The document has ${size} bytes, over the limit of ${maxBytes} bytes.`,
    ),
    { status: 413 },
  )
}

export function blobKeyInvalid(): ElcError {
  return new ElcError(
    'BLOB_KEY_INVALID',
    text(
      'Mã tệp phải là 64 ký tự thập lục phân (SHA-256).',
      'A document key must be 64 hexadecimal characters (SHA-256).',
    ),
  )
}

export function blobCorrupted(sha256: string, cause?: unknown): ElcError {
  return new ElcError(
    'BLOB_CORRUPTED',
    text(
      `Tệp ${sha256} trong kho lưu trữ đã bị hỏng: nội dung không khớp mã băm.`,
      `Stored document ${sha256} is corrupted: its content does not match its hash.`,
    ),
    { status: 500, cause },
  )
}

export function blobStoreUnavailable(detail: string, cause?: unknown): ElcError {
  return new ElcError(
    'BLOB_STORE_UNAVAILABLE',
    text(`Kho lưu trữ tệp không phản hồi đúng (${detail}).`, `The document store failed (${detail}).`),
    { status: 503, cause },
  )
}

export function blobStoreAuthFailed(detail: string): ElcError {
  return new ElcError(
    'BLOB_STORE_AUTH_FAILED',
    text(
      `Kho lưu trữ tệp từ chối thông tin xác thực (${detail}); kiểm tra khóa truy cập và khóa bí mật.`,
      `The document store refused the credentials (${detail}); check the access key id and secret.`,
    ),
    { status: 503 },
  )
}

export function blobStoreConfigInvalid(detail: string): ElcError {
  return new ElcError(
    'BLOB_STORE_CONFIG_INVALID',
    text(
      `Cấu hình kho lưu trữ tệp không hợp lệ: ${detail}`,
      `Invalid document store configuration: ${detail}`,
    ),
    { status: 500 },
  )
}

export function piiKeysMissing(variable: string): ElcError {
  return new ElcError(
    'PII_KEYS_MISSING',
    text(
      `Chưa cấu hình khóa mã hóa dữ liệu cá nhân (${variable}).`,
      `No personal-data encryption key is configured (${variable}).`,
    ),
    { status: 500 },
  )
}

export function piiKeyMalformed(detail: string): ElcError {
  return new ElcError(
    'PII_KEY_MALFORMED',
    text(
      `Khóa mã hóa dữ liệu cá nhân không hợp lệ: ${detail}. Mỗi khóa có dạng "mã-khóa:base64 của 32 byte".`,
      `Malformed personal-data encryption key: ${detail}. Each key is "key-id:base64 of 32 bytes".`,
    ),
    { status: 500 },
  )
}

export function piiKeyUnknown(keyId: string): ElcError {
  return new ElcError(
    'PII_KEY_UNKNOWN',
    text(
      `Dữ liệu được mã hóa bằng khóa "${keyId}" không còn được cấu hình.`,
      `The data was encrypted with key "${keyId}", which is no longer configured.`,
    ),
    { status: 500 },
  )
}

export function piiCiphertextInvalid(cause?: unknown): ElcError {
  return new ElcError(
    'PII_DECRYPT_FAILED',
    text(
      'Không giải mã được dữ liệu cá nhân: dữ liệu bị sửa, sai khóa hoặc sai cột.',
      'Personal data failed to decrypt: it was altered, or belongs to another key or column.',
    ),
    { status: 500, cause },
  )
}
