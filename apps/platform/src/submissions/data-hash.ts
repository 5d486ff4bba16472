// The structured data as the eContract embeds it in the PDF: RFC 8785 canonical JSON of the NFC-normalised
// document, so the Platform can recompute the bytes from the submitted data and compare their hash.
import { createHash } from 'node:crypto'
import { canonicalJson, type JsonValue } from '@elc/ledger'

export function canonicalDataBytes(data: unknown): Buffer {
  return Buffer.from(canonicalJson(nfc(data) as JsonValue), 'utf8')
}

export function canonicalDataHash(data: unknown): string {
  return createHash('sha256').update(canonicalDataBytes(data)).digest('hex')
}

function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC')
  if (Array.isArray(value)) return value.map(nfc)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v)]))
  return value
}
