// Our proofs and roots for random trees, checked by Go's golang.org/x/mod/sumdb/tlog through
// ../shared/tools/tlogvfy.go. Besides plain bit flips (must fail), sizes and indexes are mutated and
// the expected verdict is OUR verifier's: Go and we must agree on every case, accepted or not.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { runTlogvfy, tlogvfy } from '../testing/tlogvfy.ts'
import { type Hash, hashToHex } from './hash.ts'
import { MemoryHashStore } from './memory-store.ts'
import { proveConsistency, proveInclusion } from './prove.ts'
import { flipBit, outcome, toBase64 } from './test-support.ts'
import { treeHash } from './tree-hash.ts'
import { verifyConsistency } from './verify-consistency.ts'
import { verifyInclusion } from './verify-inclusion.ts'

const checker = tlogvfy()
if (!checker.path) console.warn(`SKIPPING Go tlog cross-checks (tlogvfy.test.ts): ${checker.reason}`)

const MAX = 3000
const seed = Number(process.env.MERKLE_SEED ?? Date.now() % 2 ** 31)
const data: Uint8Array[] = []
const store = new MemoryHashStore()
const leaves: Hash[] = []
for (let i = 0; i < MAX; i++) {
  data.push(new Uint8Array(randomBytes(i % 65)))
  leaves.push(store.appendRecord(data[i] as Uint8Array))
}

const dir = mkdtempSync(join(tmpdir(), 'elc-tlogvfy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileCount = 0
function write(obj: object): string {
  const f = join(dir, `case-${fileCount++}.json`)
  writeFileSync(f, JSON.stringify(obj))
  return f
}

function runAll(mode: 'incl' | 'cons', files: string[]): void {
  const r = runTlogvfy([mode, ...files])
  expect(r.status, r.stderr).toBe(0)
  const last = r.stdout.trim().split('\n').at(-1)
  expect(r.stdout, `seed ${seed}`).not.toContain('DISAGREE')
  expect(last).toBe(`agree=${files.length} disagree=0`)
}

const sizesAndIndexes = fc.sample(
  fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1))),
  { seed, numRuns: 250 },
)
const edges: [number, number][] = [1, 2, 3, 255, 256, 257, 1024, 2047, MAX].flatMap(
  (s): [number, number][] => [
    [s, 0],
    [s, s - 1],
    [s, Math.floor(s / 2)],
  ],
)
const sizePairs = fc.sample(
  fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
  { seed, numRuns: 250 },
)
const edgePairs: [number, number][] = [
  [1, 1],
  [1, 2],
  [1, MAX],
  [255, 256],
  [256, 257],
  [256, 512],
  [1000, 1000],
  [MAX - 1, MAX],
  [2047, 2048],
  [2048, MAX],
]

describe.skipIf(!checker.path)('Go sumdb/tlog agrees with our proofs (tlogvfy)', () => {
  it('inclusion: valid proofs accepted, bit flips refused, size/index changes judged alike', async () => {
    const files: string[] = []
    const roots = new Map<number, Hash>()
    const rootOf = async (n: number) =>
      roots.get(n) ?? (roots.set(n, await treeHash(n, store)).get(n) as Hash)
    for (const [size, index] of [...edges, ...sizesAndIndexes]) {
      const proof = await proveInclusion(size, index, store)
      const root = await rootOf(size)
      const leaf = leaves[index] as Hash
      const c = { leafIdx: index, treeSize: size, root, leafHash: leaf, proof }
      const json = (x: typeof c, wantErr: boolean, desc: string) =>
        write({
          ...x,
          root: toBase64(x.root),
          leafHash: toBase64(x.leafHash),
          proof: x.proof.map(toBase64),
          wantErr,
          desc,
        })
      verifyInclusion(leaf, index, size, proof, root)
      files.push(json(c, false, `valid ${index}/${size}`))
      // One flipped bit anywhere (proof, leaf or root) must fail for both.
      const all = [...proof, leaf, root]
      const pick = (index * 7919 + size) % all.length
      const bit = (index * 31 + size) % 256
      const flipped = all.map((h, i) => (i === pick ? flipBit(h, bit) : h))
      const m = {
        ...c,
        proof: flipped.slice(0, -2),
        leafHash: flipped.at(-2) as Hash,
        root: flipped.at(-1) as Hash,
      }
      expect(outcome(() => verifyInclusion(m.leafHash, index, size, m.proof, m.root))).not.toBe('OK')
      files.push(json(m, true, `flip ${index}/${size}`))
      // Changed size or index: Go's verdict must equal ours (some such changes are still valid proofs).
      for (const [i2, s2] of [
        [index, size + 1],
        [index, size * 2],
        [index, size - 1],
        [index + 1, size],
        [index ^ 2, size],
      ] as [number, number][]) {
        const ok = outcome(() => verifyInclusion(leaf, i2, s2, proof, root)) === 'OK'
        files.push(
          json({ ...c, leafIdx: i2, treeSize: s2 }, !ok, `mutated ${i2}/${s2} from ${index}/${size}`),
        )
      }
    }
    runAll('incl', files)
  })

  it('consistency: valid proofs accepted, bit flips refused, size changes judged alike', async () => {
    const files: string[] = []
    for (const [m, n] of [...edgePairs, ...sizePairs]) {
      const proof = await proveConsistency(n, m, store)
      const root1 = await treeHash(m, store)
      const root2 = await treeHash(n, store)
      const c = { size1: m, size2: n, root1, root2, proof }
      const json = (x: typeof c, wantErr: boolean, desc: string) =>
        write({
          ...x,
          root1: toBase64(x.root1),
          root2: toBase64(x.root2),
          proof: x.proof.map(toBase64),
          wantErr,
          desc,
        })
      verifyConsistency(m, n, root1, root2, proof)
      files.push(json(c, false, `valid ${m}→${n}`))
      const all = [...proof, root1, root2]
      const pick = (m * 7919 + n) % all.length
      const flipped = all.map((h, i) => (i === pick ? flipBit(h, (m + n) % 256) : h))
      const f = {
        ...c,
        proof: flipped.slice(0, -2),
        root1: flipped.at(-2) as Hash,
        root2: flipped.at(-1) as Hash,
      }
      expect(outcome(() => verifyConsistency(m, n, f.root1, f.root2, f.proof))).not.toBe('OK')
      files.push(json(f, true, `flip ${m}→${n}`))
      for (const [m2, n2] of [
        [m, n + 1],
        [m, n - 1],
        [m + 1, n],
        [m - 1, n],
        [m, n * 2],
      ] as [number, number][]) {
        const ok = outcome(() => verifyConsistency(m2, n2, root1, root2, proof)) === 'OK'
        files.push(json({ ...c, size1: m2, size2: n2 }, !ok, `mutated ${m2}→${n2} from ${m}→${n}`))
      }
    }
    runAll('cons', files)
  })

  it('tree roots equal Go tlog.TreeHash for sizes 1…1000', async () => {
    for (const size of [1, 2, 3, 5, 8, 13, 255, 256, 257, 1000]) {
      const r = runTlogvfy(['root', ...data.slice(0, size).map((d) => Buffer.from(d).toString('hex'))])
      expect(r.stdout.trim(), `size ${size}`).toBe(hashToHex(await treeHash(size, store)))
    }
  })
})
