// The Platform's transparency log: append events, publish signed checkpoints, prove inclusion and
// consistency, hand out receipts. Built on the Merkle math (../merkle) and signed notes (../note).
import { type Kysely, migrateToLatest } from '@elc/db'
import { type Hash, type HashReader, proveConsistency, proveInclusion } from '../merkle/index.ts'
import { encodeBase64, formatCheckpoint, type NoteSigner, signNote } from '../note/index.ts'
import { dbHashReader } from './db-hash-reader.ts'
import { encodeEntry, type LedgerEvent } from './entry.ts'
import type { LedgerTables } from './ledger-tables.ts'
import {
  checkpointAt,
  cosignaturesAt,
  insertCheckpoint,
  insertCosignature,
  latestCheckpoint,
  readEntries,
  readTree,
} from './log-store.ts'
import { ledgerMigrations } from './migrations.ts'
import { RECEIPT_FORMAT, type Receipt } from './receipt.ts'
import { type Appended, Sequencer, type SequencerOptions, type Within } from './sequencer.ts'

export interface LedgerOptions {
  db: Kysely<LedgerTables>
  /** The checkpoint origin line, e.g. `nentang-hdld.example.vn/ledger`: stays when the key rotates. */
  origin: string
  signer: NoteSigner
  /** How often a new checkpoint is published when the tree has grown (default 900 ms). */
  checkpointIntervalMs?: number
  sequencer?: SequencerOptions
}

export interface PublishedCheckpoint {
  size: number
  note: string
}

export class Ledger {
  private readonly sequencer: Sequencer
  /** Committed stored hashes, for proofs and tiles. */
  readonly hashReader: HashReader
  private timer: NodeJS.Timeout | undefined
  private publishing: Promise<PublishedCheckpoint | undefined> = Promise.resolve(undefined)

  private constructor(private readonly options: LedgerOptions) {
    this.hashReader = dbHashReader(options.db)
    this.sequencer = new Sequencer(options.db, options.sequencer)
  }

  static async open(options: LedgerOptions): Promise<Ledger> {
    await migrateToLatest(options.db, ledgerMigrations)
    const ledger = new Ledger(options)
    // 900 ms, so consecutive checkpoints stay under a second apart once signing and I/O time are added.
    const interval = options.checkpointIntervalMs ?? 900
    if (interval > 0) {
      ledger.timer = setInterval(() => void ledger.publishCheckpoint().catch(() => {}), interval)
      ledger.timer.unref()
    }
    return ledger
  }

  /**
   * Resolves once the event is durably in the tree, with its leaf index. `within` runs in the same
   * transaction, so what the entry records and the entry itself commit together or not at all.
   */
  append(event: LedgerEvent, within?: Within): Promise<Appended> {
    // encodeEntry throws its EntryError synchronously; hand it back as a rejection, as the signature
    // promises, so `append(e).catch(…)` and `Promise.all([...appends])` see a bad event like any failure.
    try {
      return this.sequencer.append(encodeEntry(event), within)
    } catch (e) {
      return Promise.reject(e)
    }
  }

  flush(): Promise<void> {
    return this.sequencer.flush()
  }

  /** Signs and stores a checkpoint of the current tree if it grew since the last one; one at a time. */
  publishCheckpoint(): Promise<PublishedCheckpoint | undefined> {
    this.publishing = this.publishing.then(async () => {
      const [tree, last] = await Promise.all([readTree(this.options.db), latestCheckpoint(this.options.db)])
      if (last && last.size >= tree.size) return last
      const text = formatCheckpoint({
        origin: this.options.origin,
        size: BigInt(tree.size),
        rootHash: tree.root,
      })
      const note = signNote(text, [this.options.signer])
      await insertCheckpoint(this.options.db, tree.size, note)
      return { size: tree.size, note }
    })
    return this.publishing
  }

  async latestCheckpoint(): Promise<PublishedCheckpoint | undefined> {
    const last = await latestCheckpoint(this.options.db)
    if (!last) return undefined
    const cosignatures = await cosignaturesAt(this.options.db, last.size)
    return { size: last.size, note: cosignatures.length ? appendLines(last.note, cosignatures) : last.note }
  }

  /** Stores a witness's cosignature line for the checkpoint of `size` (the caller has verified it). */
  async addCosignature(size: number, witness: string, line: string): Promise<void> {
    await insertCosignature(this.options.db, size, witness, line)
  }

  /** Size of the latest published checkpoint (0 before the first): all a tile request needs. */
  async publishedSize(): Promise<number> {
    return (await latestCheckpoint(this.options.db))?.size ?? 0
  }

  async checkpointAt(size: number): Promise<string | undefined> {
    return checkpointAt(this.options.db, size)
  }

  inclusionProof(index: number, size: number): Promise<Hash[]> {
    return proveInclusion(size, index, this.hashReader)
  }

  consistencyProof(oldSize: number, newSize: number): Promise<Hash[]> {
    return proveConsistency(newSize, oldSize, this.hashReader)
  }

  async entries(from: number, to: number): Promise<Uint8Array[]> {
    return readEntries(this.options.db, from, to)
  }

  /** Everything a provider needs to check, offline, that entry `index` is in the published log. */
  async receipt(index: number): Promise<Receipt> {
    const checkpoint = await this.latestCheckpoint()
    if (!checkpoint || checkpoint.size <= index)
      throw new Error(`entry ${index} is not yet covered by a checkpoint`)
    const [entry] = await readEntries(this.options.db, index, index + 1)
    if (!entry) throw new Error(`entry ${index} not found`)
    const proof = await this.inclusionProof(index, checkpoint.size)
    return {
      format: RECEIPT_FORMAT,
      entry: encodeBase64(entry),
      index,
      treeSize: checkpoint.size,
      inclusionProof: proof.map(encodeBase64),
      checkpoint: checkpoint.note,
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.sequencer.close()
    await this.publishing
  }
}

/** Adds signature lines (witness cosignatures) after a note's existing ones. */
function appendLines(note: string, lines: string[]): string {
  return `${note}${lines.map((l) => `${l}\n`).join('')}`
}
