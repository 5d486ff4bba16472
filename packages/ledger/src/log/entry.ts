// A ledger entry: one event in the life of a contract or of the Platform, as canonical versioned JSON
// (D13.1.đ, R1.24đ: access, operations, the chain of events, data messages, times, IDs, metadata).
import { canonicalJson, type JsonValue } from '@elc/core'

export const ENTRY_VERSION = 1

/** What the Platform records. New types are added here; old entries keep their meaning forever. */
export const ENTRY_TYPES = [
  'submission.received',
  'contract_id.issued',
  'submission.refused',
  'lifecycle.attached',
  'connection.changed',
  'data_access.batch',
  'ledger.key_rotated',
] as const
export type EntryType = (typeof ENTRY_TYPES)[number]

export interface LedgerEvent {
  type: EntryType
  /** When it happened, RFC 3339 UTC with milliseconds. */
  at: string
  /** Event-specific facts: IDs, digests, counts. Personal data goes in by keyed hash, never in clear. */
  data: { [key: string]: JsonValue }
}

/** C2SP tlog-tiles entry bundles prefix each entry with a 16-bit length. */
export const MAX_ENTRY_BYTES = 65_535

export class EntryError extends Error {
  constructor(
    readonly code:
      | 'ENTRY_TYPE_UNKNOWN'
      | 'ENTRY_TIME_INVALID'
      | 'ENTRY_TOO_LARGE'
      | 'ENTRY_NOT_CANONICAL_JSON',
    message: string,
  ) {
    super(message)
  }
}

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

function isRealInstant(at: string): boolean {
  const ms = Date.parse(at)
  return !Number.isNaN(ms) && new Date(ms).toISOString() === at
}

/** The bytes that are hashed into the tree: `{"at":…,"data":…,"type":…,"v":1}` in canonical form. */
export function encodeEntry(event: LedgerEvent): Uint8Array {
  if (!(ENTRY_TYPES as readonly string[]).includes(event.type))
    throw new EntryError('ENTRY_TYPE_UNKNOWN', `unknown entry type: ${event.type}`)
  // The round trip refuses dates V8 parses by rolling over (2026-02-30 → 2026-03-02, 24:00 → next day).
  if (!TIME_RE.test(event.at) || !isRealInstant(event.at))
    throw new EntryError(
      'ENTRY_TIME_INVALID',
      `entry time must be RFC 3339 UTC with milliseconds: ${event.at}`,
    )
  let text: string
  try {
    text = canonicalJson({ v: ENTRY_VERSION, type: event.type, at: event.at, data: event.data })
  } catch (e) {
    throw new EntryError('ENTRY_NOT_CANONICAL_JSON', (e as Error).message)
  }
  const bytes = new TextEncoder().encode(text)
  if (bytes.length > MAX_ENTRY_BYTES)
    throw new EntryError('ENTRY_TOO_LARGE', `entry is ${bytes.length} bytes, at most ${MAX_ENTRY_BYTES}`)
  return bytes
}

export function decodeEntry(bytes: Uint8Array): LedgerEvent & { v: number } {
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
}
