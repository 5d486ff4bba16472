import type { Kysely } from '@elc/db'
import type { Hash, HashReader } from '../merkle/index.ts'
import type { LedgerTables } from './ledger-tables.ts'
import { readHashes } from './log-store.ts'

/** Stored hashes straight from the database, for proofs over committed trees. */
export function dbHashReader(db: Kysely<LedgerTables>): HashReader {
  return {
    async readHashes(indexes: number[]): Promise<Hash[]> {
      const found = await readHashes(db, [...new Set(indexes)])
      return indexes.map((i) => {
        const h = found.get(i)
        if (!h) throw new Error(`ledger: stored hash ${i} is missing`)
        return h
      })
    },
  }
}
