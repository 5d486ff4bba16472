// Integrates appended entries into the tree in batches: one transaction per batch, and an append is
// acknowledged only after the transaction that holds it has committed (durable before acknowledged).
// The tree row is locked inside each batch, so a second sequencer waits instead of forking the tree.
import { setImmediate } from 'node:timers/promises'
import type { Kysely } from '@elc/db'
import {
  type Hash,
  type HashReader,
  hashLeaf,
  storedHashCount,
  storedHashesForRecord,
  treeHash,
} from '../merkle/index.ts'
import type { LedgerTables } from './ledger-tables.ts'
import { insertEntries, insertHashes, lockTree, readHashes, writeTree } from './log-store.ts'

export interface Appended {
  index: number
  leafHash: Hash
}

/**
 * Work that must commit with the entry or not at all (e.g. the decision the entry records), run inside
 * the batch's transaction. If it throws, its entry is refused with that error and the rest of the batch
 * is integrated again without it: one caller's refusal (say, a decision another process already made)
 * never costs the others their entries.
 */
export type Within = (trx: Kysely<unknown>, index: number) => Promise<void>

interface Pending {
  data: Uint8Array
  leafHash: Hash
  within: Within | undefined
  resolve: (a: Appended) => void
  reject: (e: unknown) => void
}

export interface SequencerOptions {
  /** Most entries per transaction. */
  maxBatch?: number
  /** How long the first entry of a batch may wait for company. */
  maxDelayMs?: number
  /** Called after each committed batch with the new tree size. */
  onIntegrated?: (size: number) => void
}

/** Committed stored hashes never change, so they can be kept; bounded, oldest dropped first. */
class HashCache {
  private readonly map = new Map<number, Hash>()
  constructor(private readonly limit: number) {}
  get(i: number) {
    return this.map.get(i)
  }
  set(i: number, h: Hash) {
    this.map.set(i, h)
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as number)
  }
}

export class Sequencer {
  private queue: Pending[] = []
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private readonly cache = new HashCache(262_144)
  private closed = false
  private readonly maxBatch: number
  private readonly maxDelayMs: number

  constructor(
    private readonly db: Kysely<LedgerTables>,
    private readonly options: SequencerOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 4096
    this.maxDelayMs = options.maxDelayMs ?? 20
  }

  /** Queues `data` (an encoded entry); resolves with its leaf index once it is committed. */
  append(data: Uint8Array, within?: Within): Promise<Appended> {
    if (this.closed) return Promise.reject(new Error('ledger is closed'))
    return new Promise((resolve, reject) => {
      this.queue.push({ data, leafHash: hashLeaf(data), within, resolve, reject })
      if (this.queue.length >= this.maxBatch) void this.flush()
      else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs)
    })
  }

  /** Integrates everything queued so far; batches run one after another. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.flushing = this.flushing.then(async () => {
      while (this.queue.length > 0) {
        // Embedded PGlite answers through microtasks alone: yield between batches, or a steady stream of
        // appends would starve timers and I/O (checkpoint publishing, HTTP) forever.
        await setImmediate()
        await this.integrate(this.queue.splice(0, this.maxBatch))
      }
    })
    return this.flushing
  }

  async close(): Promise<void> {
    this.closed = true
    await this.flush()
  }

  /** Reads stored hashes: this batch's new ones, then the cache, then the database. */
  private reader(db: Kysely<LedgerTables>, fresh: Map<number, Hash>): HashReader {
    return {
      readHashes: async (indexes: number[]) => {
        const missing = indexes.filter((i) => !fresh.has(i) && !this.cache.get(i))
        const loaded = await readHashes(db, missing)
        return indexes.map((i) => {
          const h = fresh.get(i) ?? this.cache.get(i) ?? loaded.get(i)
          if (!h) throw new Error(`ledger: stored hash ${i} is missing`)
          return h
        })
      },
    }
  }

  private async integrate(batch: Pending[]): Promise<void> {
    const fresh = new Map<number, Hash>()
    let first = 0
    let size = 0
    let refused: Pending | undefined
    try {
      await this.db.transaction().execute(async (trx) => {
        fresh.clear()
        const tree = await lockTree(trx)
        first = tree.size
        const reader = this.reader(trx as unknown as Kysely<LedgerTables>, fresh)
        const firstHash = storedHashCount(first)
        const hashes: Hash[] = []
        for (let k = 0; k < batch.length; k++) {
          for (const h of await storedHashesForRecord(first + k, (batch[k] as Pending).leafHash, reader)) {
            fresh.set(firstHash + hashes.length, h)
            hashes.push(h)
          }
        }
        size = first + batch.length
        await insertEntries(
          trx,
          first,
          batch.map((p) => p.data),
        )
        await insertHashes(trx, firstHash, hashes)
        await writeTree(trx, { size, root: await treeHash(size, reader) })
        for (const [k, p] of batch.entries()) {
          refused = p
          await p.within?.(trx as unknown as Kysely<unknown>, first + k)
        }
        refused = undefined
      })
    } catch (e) {
      if (refused?.within && batch.length > 1) {
        refused.reject(e)
        return this.integrate(batch.filter((p) => p !== refused))
      }
      for (const p of batch) p.reject(e)
      return
    }
    for (const [i, h] of fresh) this.cache.set(i, h)
    for (const [k, p] of batch.entries()) p.resolve({ index: first + k, leafHash: p.leafHash })
    this.options.onIntegrated?.(size)
  }
}
