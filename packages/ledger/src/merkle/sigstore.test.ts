// Our inclusion proofs checked by sigstore-js's own Merkle inclusion verifier (npm @sigstore/verify,
// dist/tlog/merkle.js), which hashes the leaf itself from the entry body.
import { readFileSync } from 'node:fs'
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Hash } from './hash.ts'
import { proveInclusion } from './prove.ts'
import { buildTree, flipBit, fromBase64, fromHex, leafData, VECTORS } from './test-support.ts'
import { treeHash } from './tree-hash.ts'

type Entry = Parameters<typeof verifyMerkleInclusion>[0]
type Checkpoint = Parameters<typeof verifyMerkleInclusion>[1]

/** Calls sigstore with the fields its inclusion check reads; true if it accepts. */
function sigstoreAccepts(
  body: Uint8Array,
  index: bigint,
  size: bigint,
  proof: readonly Uint8Array[],
  root: Uint8Array,
) {
  const entry = {
    canonicalizedBody: Buffer.from(body),
    inclusionProof: { logIndex: index.toString(), hashes: proof.map((h) => Buffer.from(h)) },
  } as unknown as Entry
  const checkpoint = { logSize: size, logHash: Buffer.from(root) } as unknown as Checkpoint
  try {
    verifyMerkleInclusion(entry, checkpoint)
    return true
  } catch (e) {
    if ((e as { code?: string }).code !== 'TLOG_INCLUSION_PROOF_ERROR') throw e
    return false
  }
}

const MAX = 2500
const { store } = buildTree(MAX)

describe('@sigstore/verify accepts our inclusion proofs', () => {
  it('the shared real-world Rekor v2 vector is accepted (the harness calls sigstore correctly)', () => {
    const v = JSON.parse(readFileSync(new URL('rfc6962-merkle.json', VECTORS), 'utf8')).realWorldInclusion[0]
    const args = [fromBase64(v.leafInputBase64), BigInt(v.leafIndex), BigInt(v.treeSize)] as const
    expect(sigstoreAccepts(...args, v.proof.map(fromHex), fromHex(v.root))).toBe(true)
    expect(sigstoreAccepts(...args, v.proof.map(fromHex), flipBit(fromHex(v.root), 0))).toBe(false)
  })

  it('for random trees up to 2,500 leaves, and refuses the proof with one bit flipped', async () => {
    const roots = new Map<number, Hash>()
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: MAX })
          .chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1), fc.nat())),
        async ([size, index, r]) => {
          const root = roots.get(size) ?? (await treeHash(size, store))
          roots.set(size, root)
          const proof = await proveInclusion(size, index, store)
          expect(sigstoreAccepts(leafData(index), BigInt(index), BigInt(size), proof, root)).toBe(true)
          const all = [...proof, root]
          const pick = r % all.length
          const bad = all.map((h, i) => (i === pick ? flipBit(h, r % 256) : h))
          expect(
            sigstoreAccepts(
              leafData(index),
              BigInt(index),
              BigInt(size),
              bad.slice(0, -1),
              bad.at(-1) as Hash,
            ),
          ).toBe(false)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('at the edges: first and last leaf of sizes around powers of two', async () => {
    for (const size of [1, 2, 3, 4, 5, 127, 128, 129, 1023, 1024, 1025, MAX]) {
      const root = await treeHash(size, store)
      for (const index of [0, size - 1, size >> 1]) {
        const proof = await proveInclusion(size, index, store)
        expect(
          sigstoreAccepts(leafData(index), BigInt(index), BigInt(size), proof, root),
          `${index}/${size}`,
        ).toBe(true)
      }
    }
  })
})
