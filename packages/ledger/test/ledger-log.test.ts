// The log end to end on a real database (PGlite, and PostgreSQL when DATABASE_URL names one): concurrent
// appends, the signed root against a recomputation from the entries alone, proofs, offline receipts,
// canonical entries, refused appends, two writers on one database, and a key rotation.
import { describeEachDatabase, openHandle } from '@elc/db/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  type Appended,
  decodeEntry,
  EntryError,
  encodeEntry,
  entryBundle,
  type Ledger,
  type LedgerEvent,
  MAX_ENTRY_BYTES,
  parseEntryBundle,
  type Receipt,
  verifyReceipt,
} from '../src/log/index.ts'
import {
  hashLeaf,
  hashToHex,
  proveInclusion,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from '../src/merkle/index.ts'
import { signCheckpoint, signNote } from '../src/note/index.ts'
import {
  countRows,
  event,
  expectStoredHashesMatch,
  grow,
  independentTree,
  newKey,
  openedCheckpoint,
  openLedger,
  type TestKey,
  thrown,
  treeRow,
} from './support.ts'

const ORIGIN = 'ledger.test.elc/log'
const hex = hashToHex
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

/** A small deterministic PRNG, so the sampled indexes are the same on every run. */
function sampler(seed: number) {
  let x = seed
  return (below: number) => {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0
    return x % below
  }
}

describeEachDatabase('ledger log', (ctx) => {
  let key: TestKey = newKey()
  let ledger: Ledger
  const N = 1000

  beforeAll(async () => {
    // Small, odd batches: 1,000 appends cross many batch, tile and subtree boundaries.
    ledger = await openLedger(ctx.db(), ORIGIN, key, { maxBatch: 97, maxDelayMs: 2 })
  })

  afterAll(async () => {
    await ledger?.close()
  })

  it('acknowledges 1,000 concurrent appends at unique, contiguous indexes; the signed root is recomputed from the entries', async () => {
    const acked: { event: LedgerEvent; appended: Appended }[] = []
    const append = async (e: LedgerEvent) => acked.push({ event: e, appended: await ledger.append(e) })
    // A burst of 520 at once, and 8 writers that each wait for their groups of 5 while the burst integrates.
    const burst = Array.from({ length: 520 }, (_, i) => append(event(i, 'burst')))
    const writer = async (w: number) => {
      for (let j = 0; j < 60; j += 5)
        await Promise.all(Array.from({ length: 5 }, (_, k) => append(event(j + k, `writer-${w}`))))
    }
    await Promise.all([...burst, ...Array.from({ length: 8 }, (_, w) => writer(w))])
    await ledger.flush()
    const published = await ledger.publishCheckpoint()

    expect(acked).toHaveLength(N)
    const indexes = acked.map((a) => a.appended.index).sort((a, b) => a - b)
    expect(indexes).toEqual(Array.from({ length: N }, (_, i) => i))
    expect(published?.size).toBe(N)

    const { entries, store, root } = await independentTree(ledger, N)
    // Each acknowledged index holds exactly the acknowledged event, in its canonical bytes.
    const wrong = acked.filter(
      ({ event: e, appended: a }) =>
        !same(entries[a.index] as Uint8Array, encodeEntry(e)) ||
        hex(a.leafHash) !== hex(hashLeaf(entries[a.index] as Uint8Array)),
    )
    expect(wrong.map((w) => w.appended.index)).toEqual([])

    // The checkpoint opens with the verifier key alone, for this origin, and signs the recomputed root.
    const signed = openedCheckpoint(published?.note ?? '', key.verifier, ORIGIN)
    expect(signed.size).toBe(N)
    expect(hex(signed.root)).toBe(hex(root))
    expect(hex((await treeRow(ctx.db())).root)).toBe(hex(root))
    // Not just the root: every stored node hash equals the one rebuilt outside the log.
    await expectStoredHashesMatch(ctx.db(), store)

    expect((await ledger.latestCheckpoint())?.note).toBe(published?.note)
    expect(await ledger.checkpointAt(N)).toBe(published?.note)
    // Nothing new: publishing again hands back the same checkpoint instead of signing another.
    expect(await ledger.publishCheckpoint()).toEqual(published)
  })

  it('proves inclusion of sampled entries and consistency between many sizes; the proofs fail for anything else', async () => {
    const latest = await ledger.latestCheckpoint()
    const { size, root } = openedCheckpoint(latest?.note ?? '', key.verifier, ORIGIN)
    expect(size).toBe(N)
    const { entries, store } = await independentTree(ledger, size)
    const leaf = (i: number) => hashLeaf(entries[i] as Uint8Array)

    const next = sampler(9162)
    const sample = [0, 1, 2, 3, 254, 255, 256, 257, 511, 512, 513, 767, 768, 998, 999]
    for (let k = 0; k < 25; k++) sample.push(next(size))
    for (const i of sample) {
      const proof = await ledger.inclusionProof(i, size)
      verifyInclusion(leaf(i), i, size, proof, root)
      // The same path the independent tree gives.
      expect(proof.map(hex)).toEqual((await proveInclusion(size, i, store)).map(hex))
      // Another entry at this index, or this entry at another index, does not verify.
      expect(thrown(() => verifyInclusion(leaf((i + 1) % size), i, size, proof, root)).code).toBe(
        'ROOT_MISMATCH',
      )
      const j = i === 0 ? 1 : i - 1
      expect(thrown(() => verifyInclusion(leaf(i), j, size, proof, root)).code).toMatch(
        /^(ROOT_MISMATCH|PROOF_WRONG_LENGTH)$/,
      )
    }
    // Inclusion in older trees, against roots computed independently for those sizes.
    for (const [i, m] of [
      [0, 1],
      [5, 6],
      [300, 513],
      [700, 701],
    ] as const)
      verifyInclusion(leaf(i), i, m, await ledger.inclusionProof(i, m), await treeHash(m, store))

    const sizes = [1, 2, 3, 7, 8, 9, 255, 256, 257, 511, 512, 513, 700, 999, 1000]
    const roots = new Map<number, Uint8Array>()
    for (const m of sizes) roots.set(m, await treeHash(m, store))
    expect(hex(roots.get(N) as Uint8Array)).toBe(hex(root))
    let checked = 0
    for (const m of sizes)
      for (const n of sizes) {
        if (m > n) continue
        const proof = await ledger.consistencyProof(m, n)
        verifyConsistency(m, n, roots.get(m) as Uint8Array, roots.get(n) as Uint8Array, proof)
        checked++
        if (m === n) continue
        // The same proof does not link the old tree to a different new root (here: size 1's root, or 2's).
        const other = roots.get(n === 1 ? 2 : 1) as Uint8Array
        expect(thrown(() => verifyConsistency(m, n, roots.get(m) as Uint8Array, other, proof)).code).toBe(
          'ROOT_MISMATCH',
        )
      }
    expect(checked).toBe((sizes.length * (sizes.length + 1)) / 2)
  })

  it('hands out receipts that verify offline with the log key alone, and refuses altered ones with a coded error', async () => {
    const size = (await ledger.latestCheckpoint())?.size ?? 0
    const [other] = await ledger.entries(7, 8)
    const forger = newKey() // same key name, other key: a forger's or a rotated one
    const stranger = newKey('stranger.example')
    for (const index of [0, 500, size - 1]) {
      // What the provider stores: JSON, checked later without the log or its database.
      const receipt = JSON.parse(JSON.stringify(await ledger.receipt(index))) as Receipt
      const ok = verifyReceipt(receipt, key.verifier)
      expect(ok.origin).toBe(ORIGIN)
      expect(same(ok.entry, (await ledger.entries(index, index + 1))[0] as Uint8Array)).toBe(true)
      expect(receipt).toMatchObject({ format: 'elc-ledger-receipt/v1', index, treeSize: size })

      const proof = receipt.inclusionProof
      const flipped = Buffer.from(proof[0] as string, 'base64')
      flipped[5] = (flipped[5] as number) ^ 0x40
      const entryBytes = Buffer.from(receipt.entry, 'base64')
      entryBytes[entryBytes.length - 3] = (entryBytes[entryBytes.length - 3] as number) ^ 1
      const [cpText] = receipt.checkpoint.split('\n\n') as [string]
      const rootLine = cpText.split('\n')[2] as string
      const otherRoot = b64(hashLeaf(new Uint8Array([1])))
      const altered: [string, Record<string, unknown>, string][] = [
        ['another entry', { entry: b64(other as Uint8Array) }, 'ROOT_MISMATCH'],
        ['one entry byte changed', { entry: entryBytes.toString('base64') }, 'ROOT_MISMATCH'],
        ['entry not base64', { entry: 'not base64!' }, 'RECEIPT_MALFORMED'],
        ['index beyond the tree', { index: size }, 'INDEX_OUT_OF_RANGE'],
        ['negative index', { index: -1 }, 'RECEIPT_MALFORMED'],
        ['index not an integer', { index: index + 0.5 }, 'RECEIPT_MALFORMED'],
        [
          'a proof hash changed',
          { inclusionProof: [flipped.toString('base64'), ...proof.slice(1)] },
          'ROOT_MISMATCH',
        ],
        ['a proof hash dropped', { inclusionProof: proof.slice(1) }, 'PROOF_WRONG_LENGTH'],
        ['a proof hash added', { inclusionProof: [...proof, proof[0]] }, 'PROOF_WRONG_LENGTH'],
        [
          'a proof hash of 31 bytes',
          { inclusionProof: [b64(new Uint8Array(31)), ...proof.slice(1)] },
          'HASH_NOT_32_BYTES',
        ],
        ['tree size changed', { treeSize: size - 1 }, 'RECEIPT_SIZE_MISMATCH'],
        [
          'checkpoint root edited, signature kept',
          { checkpoint: receipt.checkpoint.replace(rootLine, otherRoot) },
          'NOTE_BAD_SIGNATURE',
        ],
        [
          'checkpoint re-signed by another key of the same name',
          { checkpoint: signNote(`${cpText}\n`, [forger.signer]) },
          'NOTE_UNKNOWN_KEY',
        ],
        [
          'checkpoint signed by a stranger',
          { checkpoint: signNote(`${cpText}\n`, [stranger.signer]) },
          'NOTE_NO_VERIFIED_SIGNATURE',
        ],
        [
          'a genuine checkpoint of the same size over another tree',
          {
            checkpoint: signCheckpoint(
              { origin: ORIGIN, size: BigInt(size), rootHash: hashLeaf(new Uint8Array([2])) },
              [key.signer],
            ),
          },
          'ROOT_MISMATCH',
        ],
        ['another format', { format: 'elc-ledger-receipt/v0' }, 'RECEIPT_MALFORMED'],
        ['no checkpoint', { checkpoint: undefined }, 'RECEIPT_MALFORMED'],
      ]
      if (index !== 0) altered.push(['index moved by one', { index: index - 1 }, 'ROOT_MISMATCH'])
      for (const [what, change, code] of altered) {
        const error = thrown(() => verifyReceipt({ ...receipt, ...change }, key.verifier))
        expect({ what, code: error.code }).toEqual({ what, code })
      }
      // A genuine receipt still verifies (nothing above mutated it).
      verifyReceipt(receipt, key.verifier)
    }
    await expect(ledger.receipt(size)).rejects.toThrow(`entry ${size} is not yet covered by a checkpoint`)
  })

  it('encodes entries as canonical JSON: the same event gives the same bytes, keys sorted, NFC text', async () => {
    const at = '2026-11-23T01:02:03.456Z'
    const name = 'Nguyễn Thị Ánh'
    const one: LedgerEvent = {
      type: 'contract_id.issued',
      at,
      data: { b: [true, null, 'x'], a: 1, ê: name, nested: { z: 0, y: -0 }, '\u{1F600}': 1, '\uFFFD': 2 },
    }
    const reordered: LedgerEvent = {
      data: { '\uFFFD': 2, nested: { y: 0, z: 0 }, ê: name, '\u{1F600}': 1, a: 1, b: [true, null, 'x'] },
      at,
      type: 'contract_id.issued',
    }
    const bytes = encodeEntry(one)
    // Keys in UTF-16 code-unit order (RFC 8785): U+1F600 (D83D DE00) sorts before U+FFFD.
    expect(new TextDecoder().decode(bytes)).toBe(
      `{"at":"${at}","data":{"a":1,"b":[true,null,"x"],"nested":{"y":0,"z":0},"ê":"${name}","\u{1F600}":1,"\uFFFD":2},"type":"contract_id.issued","v":1}`,
    )
    expect(same(encodeEntry(reordered), bytes)).toBe(true)

    // Through the log: two appends of the same event are two entries with identical bytes and leaf hash.
    const [a, b] = await Promise.all([ledger.append(one), ledger.append(reordered), ledger.flush()])
    expect(b.index).toBe(a.index + 1)
    expect(hex(a.leafHash)).toBe(hex(b.leafHash))
    const stored = await ledger.entries(a.index, b.index + 1)
    expect(stored.map((e) => same(e, bytes))).toEqual([true, true])
    expect(decodeEntry(stored[0] as Uint8Array)).toEqual({
      v: 1,
      ...one,
      data: { ...one.data, nested: { y: 0, z: 0 } },
    })

    // NFC is required, in values and in keys: the NFD spelling of the same name is refused.
    const nfd = name.normalize('NFD')
    expect(nfd).not.toBe(name)
    for (const data of [
      { name: nfd },
      { [nfd]: 1 },
      { list: ['ok', { deep: nfd }] },
    ] as LedgerEvent['data'][])
      await expect(ledger.append({ type: 'contract_id.issued', at, data })).rejects.toMatchObject({
        code: 'ENTRY_NOT_CANONICAL_JSON',
        message: expect.stringMatching(/must be NFC/),
      })
  })

  it('refuses bad appends with an EntryError code and writes nothing', async () => {
    await ledger.flush()
    const before = { tree: await treeRow(ctx.db()), entries: await countRows(ctx.db(), 'ledger_entries') }
    const at = '2026-11-23T01:02:03.456Z'
    const good = (data: Record<string, unknown>) => ({ type: 'submission.received', at, data }) as LedgerEvent
    const base = encodeEntry(good({ pad: '' })).length
    const bad: [string, LedgerEvent, EntryError['code']][] = [
      ['unknown type', { ...good({}), type: 'contract.deleted' as never }, 'ENTRY_TYPE_UNKNOWN'],
      ['date only', { ...good({}), at: '2026-11-23' }, 'ENTRY_TIME_INVALID'],
      ['no milliseconds', { ...good({}), at: '2026-11-23T01:02:03Z' }, 'ENTRY_TIME_INVALID'],
      ['local offset', { ...good({}), at: '2026-11-23T08:02:03.456+07:00' }, 'ENTRY_TIME_INVALID'],
      ['30 February', { ...good({}), at: '2026-02-30T00:00:00.000Z' }, 'ENTRY_TIME_INVALID'],
      ['31 April', { ...good({}), at: '2026-04-31T10:00:00.000Z' }, 'ENTRY_TIME_INVALID'],
      ['hour 24', { ...good({}), at: '2026-11-23T24:00:00.000Z' }, 'ENTRY_TIME_INVALID'],
      ['month 13', { ...good({}), at: '2026-13-01T00:00:00.000Z' }, 'ENTRY_TIME_INVALID'],
      ['a float', good({ amount: 1.5 }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['NaN', good({ amount: Number.NaN }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['beyond safe integers', good({ amount: 2 ** 53 }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['a bigint', good({ amount: 10n }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['undefined', good({ amount: undefined }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['a Date object', good({ when: new Date() }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['bytes', good({ digest: new Uint8Array([1, 2]) }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['NFD text', good({ name: 'Lê Văn Tám'.normalize('NFD') }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['an unpaired surrogate', good({ name: 'ab\uD800cd' }), 'ENTRY_NOT_CANONICAL_JSON'],
      ['65,536 bytes', good({ pad: 'a'.repeat(MAX_ENTRY_BYTES + 1 - base) }), 'ENTRY_TOO_LARGE'],
      ['1 MB', good({ pad: 'ư'.repeat(500_000) }), 'ENTRY_TOO_LARGE'],
    ]
    // A good event appended among them is integrated: a refusal does not poison the batch.
    const goodOne = ledger.append(good({ among: 'the bad ones' }))
    for (const [what, e, code] of bad) {
      const error = await ledger.append(e).then(
        () => undefined,
        (err: unknown) => err,
      )
      expect({ what, error }).toEqual({ what, error: expect.any(EntryError) })
      expect({ what, code: (error as EntryError).code }).toEqual({ what, code })
    }
    await ledger.flush()
    const { index } = await goodOne
    expect(index).toBe(before.tree.size)
    expect(await countRows(ctx.db(), 'ledger_entries')).toBe(before.entries + 1)
    expect((await treeRow(ctx.db())).size).toBe(before.tree.size + 1)

    // The limit itself is fine: an entry of exactly 65,535 bytes is stored and served in an entry bundle.
    const largest = good({ pad: 'a'.repeat(MAX_ENTRY_BYTES - base) })
    expect(encodeEntry(largest).length).toBe(MAX_ENTRY_BYTES)
    const [appended] = await Promise.all([ledger.append(largest), ledger.flush()])
    const [stored] = await ledger.entries(appended.index, appended.index + 1)
    expect(stored?.length).toBe(MAX_ENTRY_BYTES)
    const [roundTrip] = parseEntryBundle(entryBundle([stored as Uint8Array]))
    expect(same(roundTrip as Uint8Array, encodeEntry(largest))).toBe(true)
    const published = await ledger.publishCheckpoint()
    verifyReceipt(await ledger.receipt(appended.index), key.verifier)
    expect(published?.size).toBe(appended.index + 1)
  })

  it('two Ledger instances on the same database, appending concurrently, never fork', async () => {
    await ledger.flush()
    const base = (await treeRow(ctx.db())).size
    const second = await openHandle(ctx)
    // Each with its own sequencer, caches and (on PostgreSQL) connection pool, as two processes would be.
    const a = await openLedger(ctx.db(), ORIGIN, key, { maxBatch: 16, maxDelayMs: 1 })
    const b = await openLedger(second.db, ORIGIN, key, { maxBatch: 16, maxDelayMs: 1 })
    const acked: { tag: string; seq: number; index: number }[] = []
    const published: string[] = []
    try {
      let writing = true
      const writer = async (log: Ledger, tag: string) => {
        for (let seq = 0; seq < 150; seq += 3)
          await Promise.all(
            [seq, seq + 1, seq + 2].map(async (s) =>
              acked.push({ tag, seq: s, index: (await log.append(event(s, tag))).index }),
            ),
          )
      }
      const publisher = async (log: Ledger) => {
        while (writing) {
          const cp = await log.publishCheckpoint()
          if (cp) published.push(cp.note)
          await new Promise((r) => setTimeout(r, 3))
        }
      }
      const publishers = [publisher(a), publisher(b)]
      let written: PromiseSettledResult<void>[]
      try {
        written = await Promise.allSettled(
          ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((tag) => writer(tag[0] === 'a' ? a : b, tag)),
        )
      } finally {
        writing = false
        // Settled, not raced: nothing may still be writing once the handles close.
        await Promise.allSettled(publishers)
      }
      expect(written.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))).toEqual([])
      await Promise.all(publishers)
      await Promise.all([a.flush(), b.flush()])
      const final = await b.publishCheckpoint()
      published.push(final?.note ?? '')

      const total = 6 * 150
      expect(acked).toHaveLength(total)
      // Every acknowledged index is unique across both instances, and together they fill the range.
      const indexes = acked.map((x) => x.index).sort((x, y) => x - y)
      expect(indexes).toEqual(Array.from({ length: total }, (_, i) => base + i))
      const size = base + total
      expect((await treeRow(ctx.db())).size).toBe(size)

      const { entries, store, root } = await independentTree(ledger, size)
      const misplaced = acked.filter(
        (x) => !same(entries[x.index] as Uint8Array, encodeEntry(event(x.seq, x.tag))),
      )
      expect(misplaced).toEqual([])
      expect(hex((await treeRow(ctx.db())).root)).toBe(hex(root))
      await expectStoredHashesMatch(ctx.db(), store)

      // Every checkpoint either instance signed is a prefix of the final tree: no fork, ever.
      expect(published.length).toBeGreaterThan(2)
      const last = openedCheckpoint(final?.note ?? '', key.verifier, ORIGIN)
      expect(last.size).toBe(size)
      expect(hex(last.root)).toBe(hex(root))
      for (const note of published) {
        const cp = openedCheckpoint(note, key.verifier, ORIGIN)
        expect(hex(cp.root)).toBe(hex(await treeHash(cp.size, store)))
        if (cp.size === 0) continue // the empty tree: a prefix of every tree, with nothing to prove
        verifyConsistency(cp.size, size, cp.root, root, await a.consistencyProof(cp.size, size))
      }
    } finally {
      await a.close()
      await b.close()
      await second.close()
    }
  })

  it('rotates the signing key: same origin, a ledger.key_rotated entry, then checkpoints verify with the new key only and extend the old ones', async () => {
    const oldKey = key
    const newer = newKey()
    const before = await ledger.latestCheckpoint()
    const keptReceipt = await ledger.receipt(0)

    // The old key announces the new one: the rotation entry is covered by an old-key checkpoint.
    const rotation = await ledger.append({
      type: 'ledger.key_rotated',
      at: new Date().toISOString(),
      data: { origin: ORIGIN, from: oldKey.verifierKey, to: newer.verifierKey },
    })
    await ledger.flush()
    const announced = await ledger.publishCheckpoint()
    const announcement = verifyReceipt(await ledger.receipt(rotation.index), oldKey.verifier)
    expect(decodeEntry(announcement.entry)).toMatchObject({
      type: 'ledger.key_rotated',
      data: { to: newer.verifierKey },
    })
    await ledger.close()

    // The same log, on the same database, under the new key.
    ledger = await openLedger(ctx.db(), ORIGIN, newer)
    key = newer
    const { checkpoint } = await grow(ledger, 20, 'after-rotation')
    const latest = openedCheckpoint(checkpoint.note, newer.verifier, ORIGIN)
    expect(latest.size).toBe((announced?.size ?? 0) + 20)
    expect(thrown(() => openedCheckpoint(checkpoint.note, oldKey.verifier, ORIGIN)).code).toBe(
      'NOTE_UNKNOWN_KEY',
    )
    expect(thrown(() => verifyReceipt(keptReceipt, newer.verifier)).code).toBe('NOTE_UNKNOWN_KEY')

    // Consistent with every checkpoint the old key signed.
    for (const old of [before?.note ?? '', announced?.note ?? '']) {
      const cp = openedCheckpoint(old, oldKey.verifier, ORIGIN)
      verifyConsistency(
        cp.size,
        latest.size,
        cp.root,
        latest.root,
        await ledger.consistencyProof(cp.size, latest.size),
      )
    }
    // New receipts need the new key; the one issued before the rotation still verifies with the old key.
    const fresh = await ledger.receipt(latest.size - 1)
    verifyReceipt(fresh, newer.verifier)
    expect(thrown(() => verifyReceipt(fresh, oldKey.verifier)).code).toBe('NOTE_UNKNOWN_KEY')
    verifyReceipt(keptReceipt, oldKey.verifier)
    const { root } = await independentTree(ledger, latest.size)
    expect(hex(latest.root)).toBe(hex(root))
  })
})
