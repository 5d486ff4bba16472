export { CanonicalJsonError, canonicalJson, type JsonValue } from '@elc/core'
export {
  decodeEntry,
  ENTRY_TYPES,
  ENTRY_VERSION,
  EntryError,
  type EntryType,
  encodeEntry,
  type LedgerEvent,
  MAX_ENTRY_BYTES,
} from './entry.ts'
export { Ledger, type LedgerOptions, type PublishedCheckpoint } from './ledger.ts'
export {
  entryBundle,
  type LedgerHttpResponse,
  ledgerHttpResponse,
  parseEntryBundle,
  serveLedger,
} from './ledger-http.ts'
export type { LedgerTables } from './ledger-tables.ts'
export { ledgerMigrations } from './migrations.ts'
export { RECEIPT_FORMAT, type Receipt, ReceiptError, verifyReceipt } from './receipt.ts'
export type { Appended, SequencerOptions, Within } from './sequencer.ts'
