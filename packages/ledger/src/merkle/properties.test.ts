// Property tests over one tree of 2,048 + 300 leaves (every smaller tree is a prefix of its storage).
// Builders are compared with the RFC 6962 definitions written out recursively (test-support.ts).
//
// On "changing a size must fail": an RFC 9162 root does not commit to the tree size, so the same
// hashes can be a correct proof for another (index, size) whose proof has the same shape — e.g. leaf
// 0's proof [b, c] in a 3-leaf tree also verifies as "leaf 0 of 4 leaves" against the same root. A
// checkpoint signs size and root together, which is what rules that out. So the properties are:
// with the other size's genuine root, verification always fails; with the original root it fails
// exactly when the RFC 6962 proof shapes differ.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Hash } from './hash.ts'
import { proveConsistency, proveInclusion } from './prove.ts'
import {
  buildTree,
  consistencyShape,
  flipBit,
  inclusionShape,
  naiveConsistency,
  naivePath,
  naiveRoot,
  outcome,
} from './test-support.ts'
import { treeHash } from './tree-hash.ts'
import { consistencyProofLength, verifyConsistency } from './verify-consistency.ts'
import { inclusionProofLength, verifyInclusion } from './verify-inclusion.ts'

const MAX = 2348
const { store, leaves } = buildTree(MAX)
const rootCache = new Map<number, Hash>()
async function root(size: number): Promise<Hash> {
  let r = rootCache.get(size)
  if (!r) {
    r = await treeHash(size, store)
    rootCache.set(size, r)
  }
  return r
}

const sizeAndIndex = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1)))
const oldAndNew = fc
  .integer({ min: 1, max: MAX })
  .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)))
const sizeChange = fc.oneof(
  fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0),
  fc.constantFrom(-64, -1, 1, 64),
  fc.integer({ min: -MAX, max: MAX }).filter((d) => d !== 0),
)

describe('treeHash', () => {
  it('equals the recursive MTH for every size 1…300 and random larger ones', async () => {
    for (let n = 1; n <= 300; n++) expect(await root(n)).toEqual(naiveRoot(leaves.slice(0, n)))
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 301, max: MAX }), async (n) => {
        expect(await root(n)).toEqual(naiveRoot(leaves.slice(0, n)))
      }),
      { numRuns: 30 },
    )
  })
})

describe('inclusion proofs', () => {
  it('equal RFC 6962 PATH, have the computed length, and verify', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, async ([n, m]) => {
        const proof = await proveInclusion(n, m, store)
        expect(proof).toEqual(naivePath(m, leaves.slice(0, n)))
        expect(proof.length).toBe(inclusionProofLength(BigInt(m), BigInt(n)))
        verifyInclusion(leaves[m] as Hash, m, n, proof, await root(n))
      }),
      { numRuns: 300 },
    )
  })

  it('fail when any single bit of the proof, leaf hash or root is flipped', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, fc.nat(), fc.nat(255), async ([n, m], which, bit) => {
        const proof = await proveInclusion(n, m, store)
        const all = [...proof, leaves[m] as Hash, await root(n)]
        const k = which % all.length
        const bad = all.map((h, i) => (i === k ? flipBit(h, bit) : h))
        const got = outcome(() =>
          verifyInclusion(bad.at(-2) as Hash, m, n, bad.slice(0, -2), bad.at(-1) as Hash),
        )
        expect(got).toBe('ROOT_MISMATCH')
      }),
      { numRuns: 500 },
    )
  })

  it('fail for every one of the 256 × (length + 2) single-bit flips of some proofs', async () => {
    for (const [n, m] of [
      [MAX, 0],
      [MAX, MAX - 1],
      [1000, 555],
      [2, 1],
    ] as const) {
      const proof = await proveInclusion(n, m, store)
      const all = [...proof, leaves[m] as Hash, await root(n)]
      for (let k = 0; k < all.length; k++)
        for (let bit = 0; bit < 256; bit++) {
          const bad = all.map((h, i) => (i === k ? flipBit(h, bit) : h))
          expect(
            outcome(() => verifyInclusion(bad.at(-2) as Hash, m, n, bad.slice(0, -2), bad.at(-1) as Hash)),
          ).toBe('ROOT_MISMATCH')
        }
    }
  })

  it('fail for a changed size or index against that tree’s real root, always', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, sizeChange, fc.boolean(), async ([n, m], d, changeIndex) => {
        const proof = await proveInclusion(n, m, store)
        const [m2, n2] = changeIndex ? [m + d, n] : [m, n + d]
        fc.pre(n2 >= 1 && n2 <= MAX && m2 >= 0 && m2 < n2)
        const r2 = await root(n2)
        expect(outcome(() => verifyInclusion(leaves[m] as Hash, m2, n2, proof, r2))).not.toBe('OK')
      }),
      { numRuns: 300 },
    )
  })

  it('against the original root, a changed size or index passes exactly when the proof shape is unchanged', async () => {
    let sameShape = 0
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, sizeChange, fc.boolean(), async ([n, m], d, changeIndex) => {
        const proof = await proveInclusion(n, m, store)
        const [m2, n2] = changeIndex ? [m + d, n] : [m, n + d]
        const r = await root(n)
        const got = outcome(() => verifyInclusion(leaves[m] as Hash, m2, n2, proof, r))
        if (n2 < 0) expect(got).toBe('SIZES_INVALID')
        else if (m2 < 0 || m2 >= n2) expect(got).toBe('INDEX_OUT_OF_RANGE')
        else {
          const same = inclusionShape(m2, n2) === inclusionShape(m, n)
          if (same) sameShape++
          const lengthOk = proof.length === inclusionProofLength(BigInt(m2), BigInt(n2))
          expect(got).toBe(same ? 'OK' : lengthOk ? 'ROOT_MISMATCH' : 'PROOF_WRONG_LENGTH')
        }
      }),
      { numRuns: 1000 },
    )
    // The example from the header: leaf 0 of 3 and leaf 0 of 4 share the shape RR.
    expect([inclusionShape(0, 3), inclusionShape(0, 4)]).toEqual(['RR', 'RR'])
    expect(sameShape, 'the accepting side of the property was exercised').toBeGreaterThan(0)
  })
})

describe('consistency proofs', () => {
  it('equal RFC 6962 PROOF, have the computed length, and verify', async () => {
    await fc.assert(
      fc.asyncProperty(oldAndNew, async ([m, n]) => {
        const proof = await proveConsistency(n, m, store)
        expect(proof).toEqual(naiveConsistency(m, leaves.slice(0, n)))
        expect(proof.length).toBe(consistencyProofLength(BigInt(m), BigInt(n)))
        verifyConsistency(m, n, await root(m), await root(n), proof)
      }),
      { numRuns: 300 },
    )
  })

  it('fail when any single bit of the proof or either root is flipped', async () => {
    await fc.assert(
      fc.asyncProperty(oldAndNew, fc.nat(), fc.nat(255), async ([m, n], which, bit) => {
        const proof = await proveConsistency(n, m, store)
        const all = [...proof, await root(m), await root(n)]
        const k = which % all.length
        const bad = all.map((h, i) => (i === k ? flipBit(h, bit) : h))
        const got = outcome(() =>
          verifyConsistency(m, n, bad.at(-2) as Hash, bad.at(-1) as Hash, bad.slice(0, -2)),
        )
        expect(got).toBe('ROOT_MISMATCH')
      }),
      { numRuns: 500 },
    )
  })

  it('fail for changed sizes against those trees’ real roots, always', async () => {
    await fc.assert(
      fc.asyncProperty(oldAndNew, sizeChange, fc.boolean(), async ([m, n], d, changeOld) => {
        const proof = await proveConsistency(n, m, store)
        const [m2, n2] = changeOld ? [m + d, n] : [m, n + d]
        fc.pre(m2 >= 1 && m2 <= n2 && n2 <= MAX)
        const [r1, r2] = [await root(m2), await root(n2)]
        expect(outcome(() => verifyConsistency(m2, n2, r1, r2, proof))).not.toBe('OK')
      }),
      { numRuns: 300 },
    )
  })

  it('against the original roots, changed sizes pass exactly when the proof shape is unchanged', async () => {
    let sameShape = 0
    await fc.assert(
      fc.asyncProperty(oldAndNew, sizeChange, fc.boolean(), async ([m, n], d, changeOld) => {
        const proof = await proveConsistency(n, m, store)
        const [m2, n2] = changeOld ? [m + d, n] : [m, n + d]
        const [r1, r2] = [await root(m), await root(n)]
        const got = outcome(() => verifyConsistency(m2, n2, r1, r2, proof))
        if (m2 < 1 || m2 > n2) expect(got).toBe('SIZES_INVALID')
        else {
          const same = consistencyShape(m2, n2) === consistencyShape(m, n)
          if (same) sameShape++
          const lengthOk = proof.length === consistencyProofLength(BigInt(m2), BigInt(n2))
          expect(got).toBe(same ? 'OK' : lengthOk ? 'ROOT_MISMATCH' : 'PROOF_WRONG_LENGTH')
        }
      }),
      { numRuns: 1000 },
    )
    // E.g. from 1 leaf to 3 and to 4: both proofs are [leaf 1, right subtree], shape SRR.
    expect([consistencyShape(1, 3), consistencyShape(1, 4)]).toEqual(['SRR', 'SRR'])
    expect(sameShape, 'the accepting side of the property was exercised').toBeGreaterThan(0)
  })
})
