// A receipt: one entry, its leaf index, an inclusion proof and the signed checkpoint it is proved
// against. A provider keeps it and can check it offline with the log's public key alone.
import { hashLeaf, verifyInclusion } from '../merkle/index.ts'
import { decodeBase64, type NoteVerifier, openNote, parseCheckpoint } from '../note/index.ts'

export const RECEIPT_FORMAT = 'elc-ledger-receipt/v1'

export interface Receipt {
  format: typeof RECEIPT_FORMAT
  /** The entry bytes, base64. */
  entry: string
  index: number
  treeSize: number
  /** Sibling hashes, base64, leaf to root. */
  inclusionProof: string[]
  /** The signed checkpoint note of size `treeSize`. */
  checkpoint: string
}

export class ReceiptError extends Error {
  constructor(
    readonly code: 'RECEIPT_MALFORMED' | 'RECEIPT_SIZE_MISMATCH',
    message: string,
  ) {
    super(message)
  }
}

function bytes(text: unknown, what: string): Uint8Array {
  const decoded = typeof text === 'string' ? decodeBase64(text) : undefined
  if (!decoded) throw new ReceiptError('RECEIPT_MALFORMED', `${what} is not base64`)
  return decoded
}

/**
 * Verifies a receipt: the checkpoint is signed by the log's key, its size is the receipt's, and the entry
 * is included at `index`. Returns the entry bytes; throws a coded error otherwise.
 */
export function verifyReceipt(receipt: unknown, logKey: NoteVerifier): { entry: Uint8Array; origin: string } {
  if (receipt === null || typeof receipt !== 'object')
    throw new ReceiptError('RECEIPT_MALFORMED', 'not an object')
  const r = receipt as Partial<Receipt>
  if (r.format !== RECEIPT_FORMAT)
    throw new ReceiptError('RECEIPT_MALFORMED', `format must be ${RECEIPT_FORMAT}`)
  if (typeof r.checkpoint !== 'string' || !Array.isArray(r.inclusionProof))
    throw new ReceiptError('RECEIPT_MALFORMED', 'checkpoint and inclusionProof are required')
  for (const [name, v] of [
    ['index', r.index],
    ['treeSize', r.treeSize],
  ] as const)
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      throw new ReceiptError('RECEIPT_MALFORMED', `${name} must be a non-negative integer`)
  const opened = openNote(r.checkpoint, [logKey])
  const checkpoint = parseCheckpoint(opened.text)
  if (BigInt(r.treeSize as number) !== checkpoint.size)
    throw new ReceiptError('RECEIPT_SIZE_MISMATCH', 'treeSize differs from the checkpoint size')
  const entry = bytes(r.entry, 'entry')
  verifyInclusion(
    hashLeaf(entry),
    r.index as number,
    checkpoint.size,
    r.inclusionProof.map((p, i) => bytes(p, `inclusionProof[${i}]`)),
    checkpoint.rootHash,
  )
  return { entry, origin: checkpoint.origin }
}
