import type { Kysely } from '@elc/db'
import { type Hash, type HashReader, storedHashCount } from '../merkle/index.ts'
import type { LedgerTables } from './ledger-tables.ts'
import { readHashRange, readTree } from './log-store.ts'

const BLOCK = 256

/**
 * Stored hashes from the database, for proofs and tiles over committed trees. Hashes are read in blocks of
 * 256 consecutive indexes (one range scan); a block entirely below the committed tree never changes, so it
 * is cached (LRU, `cacheBlocks` × 8 KiB) and later proofs near it cost no query. Concurrent readers of a
 * block share one load.
 */
export function dbHashReader(db: Kysely<LedgerTables>, cacheBlocks = 4096): HashReader {
  const cache = new Map<number, Map<number, Hash>>()
  const loading = new Map<number, Promise<Map<number, Hash>>>()
  let committed = 0

  async function load(b: number): Promise<Map<number, Hash>> {
    const hashes = await readHashRange(db, b * BLOCK, (b + 1) * BLOCK)
    // Only a full block can be cached, and only once it is below the committed tree.
    if (hashes.size === BLOCK && (b + 1) * BLOCK > committed)
      committed = storedHashCount((await readTree(db)).size)
    if ((b + 1) * BLOCK <= committed && hashes.size === BLOCK) {
      cache.set(b, hashes)
      if (cache.size > cacheBlocks) cache.delete(cache.keys().next().value as number)
    }
    return hashes
  }

  function block(b: number): Promise<Map<number, Hash>> | Map<number, Hash> {
    const hit = cache.get(b)
    if (hit) {
      cache.delete(b) // refresh LRU order
      cache.set(b, hit)
      return hit
    }
    let pending = loading.get(b)
    if (!pending) {
      pending = load(b).finally(() => loading.delete(b))
      loading.set(b, pending)
    }
    return pending
  }

  return {
    async readHashes(indexes: readonly number[]): Promise<Hash[]> {
      const ids = [...new Set(indexes.map((i) => Math.floor(i / BLOCK)))]
      const blocks = new Map(await Promise.all(ids.map(async (b) => [b, await block(b)] as const)))
      return indexes.map((i) => {
        const h = blocks.get(Math.floor(i / BLOCK))?.get(i)
        if (!h) throw new Error(`ledger: stored hash ${i} is missing`)
        return h
      })
    },
  }
}
