// Each signed range of an incrementally updated PDF is a prefix of the file plus a short tail after
// /Contents. One running hash per algorithm walks the file once; each range's digest forks it at the
// start of its gap and adds the tail, so the shared prefixes are hashed once, not once per signature.
import { createHash, type Hash } from 'node:crypto'
import { DIGESTS } from '../trust/algorithms.ts'

export class RangeDigests {
  readonly #running = new Map<string, { hash: Hash; at: number }>()

  constructor(readonly bytes: Uint8Array) {}

  /** The digest of `[0, b) + [c, c + d)`; undefined when this range cannot use the running hash. */
  digest(oid: string, range: readonly [number, number, number, number]): Uint8Array | undefined {
    const [, b, c, d] = range
    const running = this.#at(oid, b)
    if (!running) return undefined
    const fork = running.copy()
    fork.update(this.bytes.subarray(c, c + d))
    return new Uint8Array(fork.digest())
  }

  /** SHA-256 of the whole file, hex. */
  sha256Hex(): string {
    const running = this.#at('2.16.840.1.101.3.4.2.1', this.bytes.length)
    return (running ?? createHash('sha256').update(this.bytes)).copy().digest('hex')
  }

  /** The running hash advanced to `end`, unless it is already past it. */
  #at(oid: string, end: number): Hash | undefined {
    let running = this.#running.get(oid)
    if (!running) {
      const d = DIGESTS[oid]
      if (!d || d.outputLength) return undefined
      running = { hash: createHash(d.node), at: 0 }
      this.#running.set(oid, running)
    }
    if (running.at > end) return undefined
    running.hash.update(this.bytes.subarray(running.at, end))
    running.at = end
    return running.hash
  }
}
