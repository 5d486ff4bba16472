// Every case of ../shared/vectors/merkle/rfc6962-merkle.json, both ways: our builder must produce the
// published roots and proofs, and our verifiers must accept them.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hashLeaf, hashToHex } from './hash.ts'
import { MemoryHashStore } from './memory-store.ts'
import { proveConsistency, proveInclusion } from './prove.ts'
import { fromBase64, fromHex, VECTORS } from './test-support.ts'
import { treeHash } from './tree-hash.ts'
import { verifyConsistency } from './verify-consistency.ts'
import { verifyInclusion } from './verify-inclusion.ts'

interface Rfc6962Vectors {
  leafInputs: string[]
  leafHashes: string[]
  roots: { treeSize: number; root: string }[]
  inclusion: { leafIndex: number; treeSize: number; leafHash: string; root: string; proof: string[] }[]
  consistency: { size1: number; size2: number; root1: string; root2: string; proof: string[] }[]
  realWorldInclusion: {
    desc: string
    leafInputBase64: string
    leafIndex: number
    treeSize: number
    leafHash: string
    root: string
    proof: string[]
  }[]
}

const v = JSON.parse(readFileSync(new URL('rfc6962-merkle.json', VECTORS), 'utf8')) as Rfc6962Vectors
const store = new MemoryHashStore()
for (const input of v.leafInputs) store.appendRecord(fromHex(input))

describe('rfc6962-merkle.json', () => {
  it('has the cases this suite expects (9 roots, 18 inclusion, 11 consistency, 1 real-world)', () => {
    expect([v.roots.length, v.inclusion.length, v.consistency.length, v.realWorldInclusion.length]).toEqual([
      9, 18, 11, 1,
    ])
  })

  it.each(v.roots)('root of $treeSize leaves', async ({ treeSize, root }) => {
    expect(hashToHex(await treeHash(treeSize, store))).toBe(root)
  })

  it.each(v.inclusion)('inclusion of leaf $leafIndex in $treeSize: generated and verified', async (c) => {
    const proof = await proveInclusion(c.treeSize, c.leafIndex, store)
    expect(proof.map(hashToHex)).toEqual(c.proof)
    expect(hashToHex(await treeHash(c.treeSize, store))).toBe(c.root)
    verifyInclusion(fromHex(c.leafHash), c.leafIndex, c.treeSize, c.proof.map(fromHex), fromHex(c.root))
    verifyInclusion(fromHex(c.leafHash), BigInt(c.leafIndex), BigInt(c.treeSize), proof, fromHex(c.root))
  })

  it.each(v.consistency)('consistency $size1 → $size2: generated and verified', async (c) => {
    const proof = await proveConsistency(c.size2, c.size1, store)
    expect(proof.map(hashToHex)).toEqual(c.proof)
    verifyConsistency(c.size1, c.size2, fromHex(c.root1), fromHex(c.root2), c.proof.map(fromHex))
    verifyConsistency(BigInt(c.size1), BigInt(c.size2), fromHex(c.root1), fromHex(c.root2), proof)
  })

  it.each(v.realWorldInclusion)('real-world inclusion: $desc', (c) => {
    const leaf = hashLeaf(fromBase64(c.leafInputBase64))
    expect(hashToHex(leaf)).toBe(c.leafHash)
    verifyInclusion(leaf, BigInt(c.leafIndex), BigInt(c.treeSize), c.proof.map(fromHex), fromHex(c.root))
  })
})
