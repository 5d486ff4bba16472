// Edits a stored entry or hash behind the log's back (raw SQL on its tables, as an insider with database
// access could) and shows that monitor and proof verification catch it. After each edit the log process is
// restarted, so it serves what its database now holds rather than anything it still remembers.
import { sql } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { decodeEntry, verifyReceipt } from '../src/log/index.ts'
import {
  hashLeaf,
  inclusionProofIndexes,
  MemoryHashStore,
  storedHashIndex,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from '../src/merkle/index.ts'
import { checkLog, type MonitorState } from '../src/verifier/index.ts'
import {
  expectAlarm,
  flipStoredHash,
  grow,
  independentTree,
  newKey,
  openedCheckpoint,
  RunningLog,
  setEntryByte,
  setStoredHash,
  storedHashes,
  thrown,
  treeRow,
} from './support.ts'

const ORIGIN = 'ledger.test.elc/tamper'
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')

/** Where the first digit of an entry's amount is (10,000,000 + seq): changing it to 9 adds 80 million VND. */
function amountDigit(entry: Uint8Array): number {
  const at = Buffer.from(entry).indexOf('"amount":1')
  expect(at).toBeGreaterThan(0)
  return at + '"amount":'.length
}

const NINE = '9'.charCodeAt(0)

/** Which of `indexes`' inclusion proofs in a tree of `size` read stored hash `stored`. */
function proofsUsing(stored: number, size: number, indexes: number[]): number[] {
  return indexes.filter((j) => inclusionProofIndexes(size, j).includes(stored))
}

/** Leaves whose inclusion proof (tree of `size`) fails against `root`; every other one must verify. */
async function failingProofs(log: RunningLog, size: number, root: Uint8Array, indexes: number[]) {
  const entries = await log.ledger.entries(0, size)
  const failing: number[] = []
  for (const j of indexes) {
    const proof = await log.ledger.inclusionProof(j, size)
    try {
      verifyInclusion(hashLeaf(entries[j] as Uint8Array), j, size, proof, root)
    } catch (e) {
      expect((e as { code?: string }).code).toBe('ROOT_MISMATCH')
      failing.push(j)
    }
  }
  return failing
}

const SAMPLE = [0, 1, 98, 99, 100, 101, 102, 103, 127, 128, 255, 256, 300, 511, 512, 590, 598, 599]

describeEachDatabase('ledger tamper: an edited entry', (ctx) => {
  const key = newKey()
  let log: RunningLog

  beforeAll(async () => {
    log = await RunningLog.start(ctx.db(), ORIGIN, key)
    await grow(log.ledger, 600)
  })

  afterAll(async () => {
    await log?.stop()
  })

  it('(a) one ledger_entries row changed: the monitor from scratch raises LOG_ENTRY_MISMATCH for it, and its receipt fails', async () => {
    const clean = await checkLog(log.client(), key.verifier)
    expect(clean.checkedEntries).toBe(600)
    const k = 300
    const kept = await log.ledger.receipt(k) // the provider's receipt, from before the edit
    const [original] = (await log.ledger.entries(k, k + 1)) as [Uint8Array]
    const at = amountDigit(original)

    await setEntryByte(ctx.db(), k, at, NINE)
    await log.restart()
    const [edited] = (await log.ledger.entries(k, k + 1)) as [Uint8Array]
    // Still a well-formed entry, one byte apart: 90,000,300 VND instead of 10,000,300.
    expect(decodeEntry(edited).data.amount).toBe(90_000_300)
    expect(edited.filter((b, i) => b !== original[i])).toHaveLength(1)

    const alarm = await expectAlarm(checkLog(log.client(), key.verifier), 'LOG_ENTRY_MISMATCH')
    expect(alarm.message).toBe('entry 300 does not hash to its leaf in the signed tree of size 600')

    // A receipt for it, issued now, no longer verifies; its neighbours' still do.
    const receipt = await log.ledger.receipt(k)
    expect(thrown(() => verifyReceipt(receipt, key.verifier))).toMatchObject({ code: 'ROOT_MISMATCH' })
    verifyReceipt(await log.ledger.receipt(k - 1), key.verifier)
    verifyReceipt(await log.ledger.receipt(k + 1), key.verifier)
    // The receipt kept from before still verifies and holds the original bytes: evidence of the edit.
    expect(same(verifyReceipt(kept, key.verifier).entry, original)).toBe(true)

    // Undone, the log passes again: the alarm was about this edit and nothing else.
    await setEntryByte(ctx.db(), k, at, original[at] as number)
    await log.restart()
    expect((await checkLog(log.client(), key.verifier)).state).toEqual(clean.state)
  })

  it('(c) a monitor that saw the log before an entry was edited alarms when the log publishes its next checkpoint', async () => {
    const seen = (await checkLog(log.client(), key.verifier)).state
    expect(seen.size).toBe(600)
    // Entry 590 is in bundle 2 (512…767), still partial at size 600, so the monitor's next round reads it again.
    const k = 590
    const [original] = (await log.ledger.entries(k, k + 1)) as [Uint8Array]
    await setEntryByte(ctx.db(), k, amountDigit(original), NINE)
    await log.restart()
    await grow(log.ledger, 10, 'after-edit', 600)

    const alarm = await expectAlarm(checkLog(log.client(), key.verifier, seen), 'LOG_ENTRY_MISMATCH')
    expect(alarm.message).toBe('entry 590 does not hash to its leaf in the signed tree of size 610')
    const fromScratch = await expectAlarm(checkLog(log.client(), key.verifier), 'LOG_ENTRY_MISMATCH')
    expect(fromScratch.message).toBe(alarm.message)
  })
})

describeEachDatabase('ledger tamper: an edited stored hash', (ctx) => {
  const key = newKey()
  let log: RunningLog
  let clean: MonitorState
  let root: Uint8Array

  beforeAll(async () => {
    log = await RunningLog.start(ctx.db(), ORIGIN, key)
    const { checkpoint } = await grow(log.ledger, 600)
    root = openedCheckpoint(checkpoint.note, key.verifier, ORIGIN).root
    clean = (await checkLog(log.client(), key.verifier)).state
  })

  afterAll(async () => {
    await log?.stop()
  })

  it('(b) one ledger_hashes row (leaf 100) changed: LOG_TILE_INCONSISTENT, and the proof that uses it fails against the signed root', async () => {
    const edited = storedHashIndex(0, 100)
    const original = await flipStoredHash(ctx.db(), edited)
    await log.restart()

    const alarm = await expectAlarm(checkLog(log.client(), key.verifier), 'LOG_TILE_INCONSISTENT')
    expect(alarm.message).toBe(
      'entries 0-255 of the checkpoint of size 600: tile tile/0/000 does not agree with the trusted tree head',
    )
    // Leaf 100's hash is read only by the proof of its sibling, leaf 101 (leaf 100's own proof starts
    // from the entry); exactly that proof fails, and so does 101's receipt.
    expect(proofsUsing(edited, 600, SAMPLE)).toEqual([101])
    expect(await failingProofs(log, 600, root, SAMPLE)).toEqual([101])
    const receipt = await log.ledger.receipt(101)
    expect(thrown(() => verifyReceipt(receipt, key.verifier))).toMatchObject({ code: 'ROOT_MISMATCH' })
    verifyReceipt(await log.ledger.receipt(100), key.verifier)

    await setStoredHash(ctx.db(), edited, original)
    await log.restart()
    expect((await checkLog(log.client(), key.verifier)).state).toEqual(clean)
    expect(await failingProofs(log, 600, root, SAMPLE)).toEqual([])
  })

  it('(b) a level-8 hash (leaves 256…511, published in tile/1/000.p/2) changed: LOG_TILE_INCONSISTENT, and proofs through it fail', async () => {
    const edited = storedHashIndex(8, 1)
    const original = await flipStoredHash(ctx.db(), edited)
    await log.restart()

    const alarm = await expectAlarm(checkLog(log.client(), key.verifier), 'LOG_TILE_INCONSISTENT')
    expect(alarm.message).toBe(
      'entries 0-255 of the checkpoint of size 600: tile tile/1/000.p/2 does not agree with the trusted tree head',
    )
    // Every leaf under its sibling (0…255) has it in its proof.
    const using = SAMPLE.filter((j) => j < 256)
    expect(proofsUsing(edited, 600, SAMPLE)).toEqual(using)
    expect(await failingProofs(log, 600, root, SAMPLE)).toEqual(using)

    await setStoredHash(ctx.db(), edited, original)
    await log.restart()
    expect((await checkLog(log.client(), key.verifier)).state).toEqual(clean)
  })
})

describeEachDatabase('ledger tamper: seen before, alarmed after', (ctx) => {
  const key = newKey()
  let log: RunningLog

  beforeAll(async () => {
    log = await RunningLog.start(ctx.db(), ORIGIN, key)
    await grow(log.ledger, 600)
  })

  afterAll(async () => {
    await log?.stop()
  })

  it('(c) a leaf hash at the right edge changed, the log goes on: its next checkpoint alarms the monitor that saw it clean', async () => {
    const seen = (await checkLog(log.client(), key.verifier)).state
    const edited = storedHashIndex(0, 599)
    const original = await flipStoredHash(ctx.db(), edited)
    await log.restart()
    const { checkpoint } = await grow(log.ledger, 10, 'after-edit', 600)
    expect(checkpoint.size).toBe(610)

    const alarm = await expectAlarm(checkLog(log.client(), key.verifier, seen), 'LOG_TILE_INCONSISTENT')
    expect(alarm.message).toBe(
      'proving that size 610 extends size 600: tile tile/1/000.p/2 does not agree with the trusted tree head',
    )

    await setStoredHash(ctx.db(), edited, original)
    await log.restart()
    expect((await checkLog(log.client(), key.verifier, seen)).state.size).toBe(610)
  })

  it('(c) an interior hash no tile carries changed: tiles still agree, proofs through it fail, and the next checkpoint built on it alarms', async () => {
    const seen = (await checkLog(log.client(), key.verifier)).state
    expect(seen.size).toBe(610)
    const signedRoot = Buffer.from(seen.root, 'base64')
    // Leaves 576…607 (level 5): a subtree of every root from 608 to 639, kept in ledger_hashes only
    // (tiles carry levels 0, 8, 16…, and rebuild the ones in between).
    const edited = storedHashIndex(5, 18)
    await flipStoredHash(ctx.db(), edited)
    await log.restart()

    // What the log serves is still its signed tree: a monitor cannot see the edit yet...
    expect((await checkLog(log.client(), key.verifier)).state).toEqual(seen)
    // ...but every proof that reads the edited hash fails against the signed root.
    const sample = [0, 255, 511, 512, 575, 576, 600, 607, 608, 609]
    const using = proofsUsing(edited, 610, sample)
    expect(using).toEqual([0, 255, 511, 512, 575, 608, 609])
    expect(await failingProofs(log, 610, signedRoot, sample)).toEqual(using)

    // The log signs its next tree from the edited hash: the root no longer matches its own entries.
    const { checkpoint } = await grow(log.ledger, 5, 'after-edit', 610)
    const { root } = await independentTree(log.ledger, 615)
    expect(b64((await treeRow(ctx.db())).root)).not.toBe(b64(root))
    const alarm = await expectAlarm(checkLog(log.client(), key.verifier, seen), 'LOG_TILE_INCONSISTENT')
    expect(alarm.message).toBe(
      'proving that size 615 extends size 610: tile tile/1/000.p/2 does not agree with the trusted tree head',
    )
    expect(checkpoint.size).toBe(615)
    await expectAlarm(checkLog(log.client(), key.verifier), 'LOG_TILE_INCONSISTENT')
  })
})

describeEachDatabase('ledger tamper: a rewritten history', (ctx) => {
  const key = newKey()
  let log: RunningLog

  beforeAll(async () => {
    log = await RunningLog.start(ctx.db(), ORIGIN, key)
    await grow(log.ledger, 600)
  })

  afterAll(async () => {
    await log?.stop()
  })

  it('(c) an entry rewritten with every hash above it and the root: a newcomer sees a clean log, the monitor that saw it raises LOG_FORK', async () => {
    const seen = (await checkLog(log.client(), key.verifier)).state
    const k = 123
    const kept = await log.ledger.receipt(k)
    const entries = await log.ledger.entries(0, 600)
    const original = entries[k] as Uint8Array
    const at = amountDigit(original)
    const rewritten = Uint8Array.from(original)
    rewritten[at] = NINE
    entries[k] = rewritten

    // The insider recomputes the whole tree over the rewritten entry and writes back whatever differs.
    const store = new MemoryHashStore()
    for (const e of entries) store.appendRecord(e)
    const stored = await storedHashes(ctx.db())
    const mine = store.readHashesSync(stored.map((_, i) => i))
    const changed = stored.flatMap((h, i) => (same(h, mine[i] as Uint8Array) ? [] : [i]))
    // The leaf and the nine complete subtrees above it (up to leaves 0…511).
    expect(changed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => storedHashIndex(level, k >> level)))
    await setEntryByte(ctx.db(), k, at, NINE)
    for (const i of changed) await setStoredHash(ctx.db(), i, mine[i] as Uint8Array)
    const forgedRoot = await treeHash(600, store)
    await sql`update ledger_tree set root = ${forgedRoot} where id = 1`.execute(ctx.db())
    await log.restart()
    const { checkpoint } = await grow(log.ledger, 10, 'after-rewrite', 600)

    // Self-consistent: someone auditing it for the first time finds nothing wrong.
    expect(await checkLog(log.client(), key.verifier)).toMatchObject({
      checkedEntries: 610,
      state: { size: 610 },
    })
    // The monitor that saw size 600 does.
    const latest = openedCheckpoint(checkpoint.note, key.verifier, ORIGIN)
    const alarm = await expectAlarm(checkLog(log.client(), key.verifier, seen), 'LOG_FORK')
    expect(alarm.message).toMatch(
      `size 610 (root ${b64(latest.root)}) does not extend size 600 (root ${seen.root}): `,
    )
    // Two receipts for entry 123, both signed by the log, with different bytes: proof of the rewrite.
    const now = verifyReceipt(await log.ledger.receipt(k), key.verifier)
    expect(same(now.entry, rewritten)).toBe(true)
    expect(same(verifyReceipt(kept, key.verifier).entry, original)).toBe(true)
    // And the log cannot prove its new tree extends the one it signed before.
    const before = openedCheckpoint(seen.checkpoint, key.verifier, ORIGIN)
    const proof = await log.ledger.consistencyProof(600, 610)
    expect(thrown(() => verifyConsistency(600, 610, before.root, latest.root, proof)).code).toBe(
      'ROOT_MISMATCH',
    )
  })
})
