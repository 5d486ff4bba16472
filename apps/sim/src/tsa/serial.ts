/** Hands out TSTInfo serial numbers; must never repeat for a TSA (RFC 3161 §2.4.2). */
export type SerialSource = () => bigint | Promise<bigint>

/**
 * In-memory monotonic counter seeded from the clock (ms × 2^20), so a restart does not repeat
 * serials unless a million tokens were issued per millisecond. A persisted counter replaces it later.
 */
export function monotonicSerial(seed: Date = new Date()): SerialSource {
  let next = BigInt(seed.getTime()) << 20n
  return () => {
    next += 1n
    return next
  }
}
