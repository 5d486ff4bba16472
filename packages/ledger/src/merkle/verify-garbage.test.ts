// The verifiers face untrusted input: every malformed call must end in a MerkleError with the right
// code, never in acceptance and never in a TypeError or RangeError.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MerkleErrorCode } from './errors.ts'
import { type Hash, hashEqual, isHash } from './hash.ts'
import { proveConsistency, proveInclusion } from './prove.ts'
import { buildTree, expectCode, outcome } from './test-support.ts'
import { treeHash } from './tree-hash.ts'
import { verifyConsistency } from './verify-consistency.ts'
import { verifyInclusion } from './verify-inclusion.ts'

const { store, leaves } = buildTree(13)
let root13: Hash
let root6: Hash
let incl: Hash[] // leaf 5 in 13
let cons: Hash[] // 6 → 13

beforeAll(async () => {
  root13 = await treeHash(13, store)
  root6 = await treeHash(6, store)
  incl = await proveInclusion(13, 5, store)
  cons = await proveConsistency(13, 6, store)
})

const leaf5 = leaves[5] as Hash
const sameHash = (a: unknown, b: unknown) => isHash(a) && isHash(b) && hashEqual(a, b)
const h32 = () => new Uint8Array(32)
const vi = (leaf: unknown, index: unknown, size: unknown, proof: unknown, root: unknown) => () =>
  verifyInclusion(leaf as Hash, index as bigint, size as bigint, proof as Hash[], root as Hash)
const vc = (m: unknown, n: unknown, r1: unknown, r2: unknown, proof: unknown) => () =>
  verifyConsistency(m as bigint, n as bigint, r1 as Hash, r2 as Hash, proof as Hash[])

describe('verifyInclusion refuses garbage with a typed error', () => {
  it('accepts the genuine proof, as number and as bigint', () => {
    verifyInclusion(leaf5, 5, 13, incl, root13)
    verifyInclusion(leaf5, 5n, 13n, incl, root13)
  })

  const cases: [string, () => Parameters<typeof vi>, MerkleErrorCode][] = [
    ['index = size', () => [leaf5, 13, 13, incl, root13], 'INDEX_OUT_OF_RANGE'],
    ['index > size', () => [leaf5, 14n, 13n, incl, root13], 'INDEX_OUT_OF_RANGE'],
    ['negative index', () => [leaf5, -1, 13, incl, root13], 'INDEX_OUT_OF_RANGE'],
    ['fractional index', () => [leaf5, 5.5, 13, incl, root13], 'INDEX_OUT_OF_RANGE'],
    ['NaN index', () => [leaf5, Number.NaN, 13, incl, root13], 'INDEX_OUT_OF_RANGE'],
    ['string index', () => [leaf5, '5', 13, incl, root13], 'INDEX_OUT_OF_RANGE'],
    ['size 0', () => [leaf5, 0, 0, [], root13], 'INDEX_OUT_OF_RANGE'],
    ['negative size', () => [leaf5, 0n, -13n, incl, root13], 'SIZES_INVALID'],
    ['size Infinity', () => [leaf5, 5, Number.POSITIVE_INFINITY, incl, root13], 'SIZES_INVALID'],
    ['size 2^63', () => [leaf5, 5n, 1n << 63n, incl, root13], 'SIZE_TOO_LARGE'],
    ['index 2^64 − 1', () => [leaf5, (1n << 64n) - 1n, 13n, incl, root13], 'SIZE_TOO_LARGE'],
    ['unsafe number size 2^60', () => [leaf5, 5, 2 ** 60, incl, root13], 'SIZE_TOO_LARGE'],
    ['31-byte leaf', () => [leaf5.subarray(1), 5, 13, incl, root13], 'HASH_NOT_32_BYTES'],
    ['33-byte root', () => [leaf5, 5, 13, incl, new Uint8Array(33)], 'HASH_NOT_32_BYTES'],
    ['root as hex string', () => [leaf5, 5, 13, incl, 'ab'.repeat(32)], 'HASH_NOT_32_BYTES'],
    [
      'proof element 31 bytes',
      () => [leaf5, 5, 13, [incl[0]?.subarray(1), ...incl.slice(1)], root13],
      'HASH_NOT_32_BYTES',
    ],
    [
      'proof element a number array',
      () => [leaf5, 5, 13, [Array.from(incl[0] ?? []), ...incl.slice(1)], root13],
      'HASH_NOT_32_BYTES',
    ],
    ['proof element null', () => [leaf5, 5, 13, [null, ...incl.slice(1)], root13], 'HASH_NOT_32_BYTES'],
    ['proof not an array', () => [leaf5, 5, 13, 'proof', root13], 'PROOF_WRONG_LENGTH'],
    ['proof undefined', () => [leaf5, 5, 13, undefined, root13], 'PROOF_WRONG_LENGTH'],
    [
      'proof of 10,000 hashes',
      () => [leaf5, 5, 13, new Array(10_000).fill(h32()), root13],
      'PROOF_WRONG_LENGTH',
    ],
    ['missing last hash', () => [leaf5, 5, 13, incl.slice(0, -1), root13], 'PROOF_WRONG_LENGTH'],
    ['missing first hash', () => [leaf5, 5, 13, incl.slice(1), root13], 'PROOF_WRONG_LENGTH'],
    ['extra trailing hash', () => [leaf5, 5, 13, [...incl, h32()], root13], 'PROOF_WRONG_LENGTH'],
    ['extra leading hash', () => [leaf5, 5, 13, [h32(), ...incl], root13], 'PROOF_WRONG_LENGTH'],
    ['empty proof', () => [leaf5, 5, 13, [], root13], 'PROOF_WRONG_LENGTH'],
    ['hashes swapped', () => [leaf5, 5, 13, [incl[1], incl[0], ...incl.slice(2)], root13], 'ROOT_MISMATCH'],
    ['wrong leaf', () => [leaves[6], 5, 13, incl, root13], 'ROOT_MISMATCH'],
    ['root of another size', () => [leaf5, 5, 13, incl, root6], 'ROOT_MISMATCH'],
    ['root used as leaf', () => [root13, 5, 13, incl, root13], 'ROOT_MISMATCH'],
  ]
  it.each(cases)('%s → %s', (_name, args, code) => {
    expectCode(vi(...args()), code)
  })
})

describe('verifyConsistency refuses garbage with a typed error', () => {
  it('accepts the genuine proof, and equal sizes with an empty proof', () => {
    verifyConsistency(6, 13, root6, root13, cons)
    verifyConsistency(6n, 13n, root6, root13, cons)
    verifyConsistency(13, 13, root13, root13, [])
  })

  const cases: [string, () => Parameters<typeof vc>, MerkleErrorCode][] = [
    ['size1 > size2', () => [13, 6, root13, root6, cons], 'SIZES_INVALID'],
    ['size1 = 0', () => [0, 13, root6, root13, cons], 'SIZES_INVALID'],
    ['both 0', () => [0, 0, root6, root6, []], 'SIZES_INVALID'],
    ['negative size1', () => [-6n, 13n, root6, root13, cons], 'SIZES_INVALID'],
    ['fractional size', () => [6.5, 13, root6, root13, cons], 'SIZES_INVALID'],
    ['bigint-looking string', () => ['6', 13, root6, root13, cons], 'SIZES_INVALID'],
    ['size2 2^63', () => [6n, 1n << 63n, root6, root13, cons], 'SIZE_TOO_LARGE'],
    ['size2 2^64 − 1', () => [6n, (1n << 64n) - 1n, root6, root13, cons], 'SIZE_TOO_LARGE'],
    ['unsafe number', () => [6, 2 ** 53, root6, root13, cons], 'SIZE_TOO_LARGE'],
    [
      '12-byte roots, equal sizes',
      () => [1, 1, new Uint8Array(12), new Uint8Array(12), []],
      'HASH_NOT_32_BYTES',
    ],
    ['old root 33 bytes', () => [6, 13, new Uint8Array(33), root13, cons], 'HASH_NOT_32_BYTES'],
    [
      'proof element 0 bytes',
      () => [6, 13, root6, root13, [new Uint8Array(0), ...cons.slice(1)]],
      'HASH_NOT_32_BYTES',
    ],
    ['proof not an array', () => [6, 13, root6, root13, { length: 3 }], 'PROOF_WRONG_LENGTH'],
    ['equal sizes, non-empty proof', () => [13, 13, root13, root13, [root13]], 'PROOF_WRONG_LENGTH'],
    ['equal sizes, different roots', () => [13, 13, root13, root6, []], 'ROOT_MISMATCH'],
    ['empty proof', () => [6, 13, root6, root13, []], 'PROOF_WRONG_LENGTH'],
    ['truncated', () => [6, 13, root6, root13, cons.slice(0, -1)], 'PROOF_WRONG_LENGTH'],
    ['extra trailing', () => [6, 13, root6, root13, [...cons, h32()]], 'PROOF_WRONG_LENGTH'],
    ['old root prepended', () => [6, 13, root6, root13, [root6, ...cons]], 'PROOF_WRONG_LENGTH'],
    ['roots swapped', () => [6, 13, root13, root6, cons], 'ROOT_MISMATCH'],
    ['wrong new root', () => [6, 13, root6, root6, cons], 'ROOT_MISMATCH'],
    ['reversed proof', () => [6, 13, root6, root13, [...cons].reverse()], 'ROOT_MISMATCH'],
  ]
  it.each(cases)('%s → %s', (_name, args, code) => {
    expectCode(vc(...args()), code)
  })
})

describe('arbitrary values never crash a verifier or pass', () => {
  const anyHashish = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 40 }),
    fc.constantFrom(leaf5, new Uint8Array(32)),
    fc.anything(),
  )
  const anySize = fc.oneof(
    fc.bigInt({ min: -(1n << 65n), max: 1n << 65n }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, 1, 13, 13n, 2 ** 53, -0, null, undefined, '13'),
  )
  const anyProof = fc.oneof(fc.array(anyHashish, { maxLength: 70 }), fc.anything())

  it('verifyInclusion', () => {
    fc.assert(
      fc.property(anyHashish, anySize, anySize, anyProof, anyHashish, (leaf, index, size, proof, root) => {
        // The only proof random values can form is the trivial one: a one-leaf tree whose root is the leaf.
        if (outcome(vi(leaf, index, size, proof, root)) === 'OK')
          expect([BigInt(index as bigint), BigInt(size as bigint), proof, sameHash(leaf, root)]).toEqual([
            0n,
            1n,
            [],
            true,
          ])
      }),
      { numRuns: 3000 },
    )
  })

  it('verifyConsistency', () => {
    fc.assert(
      fc.property(anySize, anySize, anyHashish, anyHashish, anyProof, (m, n, r1, r2, proof) => {
        // The only proof random values can form is the trivial one: equal sizes, equal roots, no hashes.
        if (outcome(vc(m, n, r1, r2, proof)) === 'OK')
          expect([BigInt(m as bigint) === BigInt(n as bigint), proof, sameHash(r1, r2)]).toEqual([
            true,
            [],
            true,
          ])
      }),
      { numRuns: 3000 },
    )
  })
})
