import type { Kysely } from '@elc/db'
import { sql } from '@elc/db'
import type { SimCaDatabase } from '../ca/schema.ts'

/** Hands out TSTInfo serial numbers; must never repeat for a TSA (RFC 3161 §2.4.2). */
export type SerialSource = () => bigint | Promise<bigint>

/**
 * In-memory monotonic counter seeded from the clock (ms × 2^20), for TSAs without a database (tests):
 * a restart does not repeat serials unless a million tokens were issued per millisecond.
 */
export function monotonicSerial(seed: Date = new Date()): SerialSource {
  let next = BigInt(seed.getTime()) << 20n
  return () => {
    next += 1n
    return next
  }
}

export interface PersistentSerialOptions {
  db: Kysely<SimCaDatabase>
  /** One counter per TSA. */
  tsaId: string
  /** Serials per block as a power of two; default 20 (about a million). */
  blockBits?: number
  now?: () => Date
}

/**
 * Serials from blocks reserved in the database: one round trip per block, not per token. Each new
 * block is above the last one reserved (and at least the current time in ms, which keeps serials above
 * those of the clock-seeded counter this replaces), so serials stay unique and increasing across
 * restarts; the unused rest of a block is skipped. Processes sharing the database get disjoint blocks.
 */
export function persistentSerial(options: PersistentSerialOptions): SerialSource {
  const bits = BigInt(options.blockBits ?? 20)
  const now = options.now ?? (() => new Date())
  let next = 0n
  let end = 0n
  let reserving: Promise<void> | undefined

  async function reserve(): Promise<void> {
    const floor = BigInt(now().getTime())
    const row = await options.db
      .insertInto('sim_tsa_serial_block')
      .values({ tsa_id: options.tsaId, last_block: floor })
      .onConflict((oc) =>
        oc.column('tsa_id').doUpdateSet({
          last_block: sql<bigint>`greatest(sim_tsa_serial_block.last_block + 1, excluded.last_block)`,
        }),
      )
      .returning('last_block')
      .executeTakeFirstOrThrow()
    next = row.last_block << bits
    end = next + (1n << bits)
  }

  return async () => {
    // Concurrent requests share one reservation; the loop covers a block used up while waiting.
    while (next >= end) {
      reserving ??= reserve().finally(() => {
        reserving = undefined
      })
      await reserving
    }
    const serial = next
    next += 1n
    return serial
  }
}
