// Test-only helpers: reference implementations written straight from the RFC 6962 definitions
// (recursive MTH, PATH, PROOF), vector loading, and small assertions. Not exported by index.ts.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { isMerkleError, type MerkleErrorCode } from './errors.ts'
import { type Hash, hashChildren } from './hash.ts'
import { MemoryHashStore } from './memory-store.ts'

export const VECTORS = new URL('../../../../../shared/vectors/merkle/', import.meta.url)

/** Deterministic record data for leaf i. */
export function leafData(i: number): Uint8Array {
  return new Uint8Array(
    createHash('sha256')
      .update(`elc-merkle-test-${i}`)
      .digest()
      .subarray(0, 8 + (i % 24)),
  )
}

/** A store holding `size` records leafData(0..size−1), and their leaf hashes. */
export function buildTree(size: number): { store: MemoryHashStore; leaves: Hash[] } {
  const store = new MemoryHashStore()
  const leaves: Hash[] = []
  for (let i = 0; i < size; i++) leaves.push(store.appendRecord(leafData(i)))
  return { store, leaves }
}

function k(n: number): number {
  let x = 1
  while (x * 2 < n) x *= 2
  return x
}

/** RFC 6962 §2.1 MTH(D[lo:hi]) computed recursively from leaf hashes. */
export function naiveRoot(leaves: readonly Hash[], lo = 0, hi = leaves.length): Hash {
  if (hi - lo === 1) return leaves[lo] as Hash
  const s = k(hi - lo)
  return hashChildren(naiveRoot(leaves, lo, lo + s), naiveRoot(leaves, lo + s, hi))
}

/** RFC 6962 §2.1.1 PATH(m, D[lo:hi]). */
export function naivePath(m: number, leaves: readonly Hash[], lo = 0, hi = leaves.length): Hash[] {
  if (hi - lo === 1) return []
  const s = k(hi - lo)
  return m < s
    ? [...naivePath(m, leaves, lo, lo + s), naiveRoot(leaves, lo + s, hi)]
    : [...naivePath(m - s, leaves, lo + s, hi), naiveRoot(leaves, lo, lo + s)]
}

/** RFC 6962 §2.1.2 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
export function naiveConsistency(
  m: number,
  leaves: readonly Hash[],
  lo = 0,
  hi = leaves.length,
  b = true,
): Hash[] {
  const n = hi - lo
  if (m === n) return b ? [] : [naiveRoot(leaves, lo, hi)]
  const s = k(n)
  return m <= s
    ? [...naiveConsistency(m, leaves, lo, lo + s, b), naiveRoot(leaves, lo + s, hi)]
    : [...naiveConsistency(m - s, leaves, lo + s, hi, false), naiveRoot(leaves, lo, lo + s)]
}

/**
 * The shape of PATH(m, D[n]): for each proof hash, whether it is the left (L) or right (R) sibling.
 * Two (index, size) pairs with the same shape combine the same proof hashes in the same way, so an
 * RFC 9162 verifier must give them the same answer (the root hash does not commit to the size).
 */
export function inclusionShape(m: number, n: number): string {
  if (n === 1) return ''
  const s = k(n)
  return m < s ? `${inclusionShape(m, s)}R` : `${inclusionShape(m - s, n - s)}L`
}

/** The shape of PROOF(m, D[n]): S = old root used as seed (not in proof), H = a subtree hash given, L/R siblings. */
export function consistencyShape(m: number, n: number, b = true): string {
  if (m === n) return b ? 'S' : 'H'
  const s = k(n)
  return m <= s ? `${consistencyShape(m, s, b)}R` : `${consistencyShape(m - s, n - s, false)}L`
}

/** Reads a vector file keeping 64-bit numbers exact (JSON.parse would round 2^64 − 1). */
export function readJsonWithBigInts(path: string | URL, fields: readonly string[]): Record<string, unknown> {
  let text = readFileSync(path, 'utf8')
  for (const f of fields) text = text.replace(new RegExp(`"${f}"\\s*:\\s*(\\d+)`, 'g'), `"${f}":"$1"`)
  const obj = JSON.parse(text) as Record<string, unknown>
  for (const f of fields) if (typeof obj[f] === 'string') obj[f] = BigInt(obj[f] as string)
  return obj
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

export function fromBase64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'))
}

export function toBase64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64')
}

/** A copy of `h` with bit `bit` flipped. */
export function flipBit(h: Uint8Array, bit: number): Uint8Array {
  const c = new Uint8Array(h)
  c[bit >> 3] = (c[bit >> 3] as number) ^ (1 << (bit & 7))
  return c
}

/** Runs fn and returns the MerkleError code it threw, or 'OK'; anything else is a test failure. */
export function outcome(fn: () => unknown): MerkleErrorCode | 'OK' {
  try {
    fn()
    return 'OK'
  } catch (e) {
    if (!isMerkleError(e)) throw e
    return e.code
  }
}

export function expectCode(fn: () => unknown, code: MerkleErrorCode): void {
  expect(outcome(fn)).toBe(code)
}
