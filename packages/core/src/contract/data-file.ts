// The structured data as an eContract embeds it in the signed PDF, and as the Platform reads it back: a file
// named DATA_FILE_NAME in the /EmbeddedFiles name tree holding the RFC 8785 canonical JSON of the
// NFC-normalised document. The Platform recomputes these bytes from the submitted data and compares them.
import { createHash } from 'node:crypto'
import { canonicalJson, type JsonValue } from '../canonical-json.ts'
import { normalizeText } from '../validate/normalize-text.ts'

export const DATA_FILE_NAME = 'hop-dong-lao-dong.json'

export function canonicalDataBytes(data: unknown): Buffer {
  return Buffer.from(canonicalJson(normalizeText(data).value as JsonValue), 'utf8')
}

export function canonicalDataHash(data: unknown): string {
  return createHash('sha256').update(canonicalDataBytes(data)).digest('hex')
}
