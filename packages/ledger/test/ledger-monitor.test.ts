// The monitor against a real log served over HTTP (serveLedger on 127.0.0.1): a full audit, then incremental
// ones; the tile layout and its caching; forks, rollbacks and untrusted checkpoints; and alarms that say
// which size and which entry they are about, with outages kept apart from misbehaviour.
import { sql } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Ledger } from '../src/log/index.ts'
import { entryBundle, parseEntryBundle } from '../src/log/index.ts'
import { storedHashIndex, TILE_WIDTH } from '../src/merkle/index.ts'
import { checkLog, type Fetch, HttpLogClient, type MonitorState } from '../src/verifier/index.ts'
import { expectAlarm, extraSchema, grow, independentTree, newKey, openLedger, serve } from './support.ts'

const ORIGIN = 'ledger.test.elc/monitor'
const IMMUTABLE = 'public, max-age=31536000, immutable'
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

/** A fetch that changes what the log answers for paths `when` selects (a bad mirror, a flaky network). */
function intercept(
  when: (path: string) => boolean,
  answer: (res: Response, path: string) => Promise<Response>,
): Fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname
    const res = await fetch(input, init)
    return when(path) ? answer(res, path) : res
  }) as Fetch
}

describeEachDatabase('ledger monitor', (ctx) => {
  const key = newKey()
  let ledger: Ledger
  let http: Awaited<ReturnType<typeof serve>>
  let seq = 0

  /** Appends `n` more events and publishes; returns the new size. */
  const more = async (n: number, tag = 'main') => {
    const { checkpoint } = await grow(ledger, n, tag, seq)
    seq += n
    return checkpoint.size
  }

  beforeAll(async () => {
    ledger = await openLedger(ctx.db(), ORIGIN, key)
    http = await serve(ledger)
  })

  afterAll(async () => {
    await http?.close()
    await ledger?.close()
  })

  it('audits the whole log from scratch over HTTP, then only what is new after more appends', async () => {
    const paths: string[] = []
    const client = new HttpLogClient(http.url, (input, init) => {
      paths.push(new URL(String(input)).pathname)
      return fetch(input, init)
    })
    const bundles = () => paths.filter((p) => p.startsWith('/tile/entries/')).sort()

    expect(await more(1000)).toBe(1000)
    const first = await checkLog(client, key.verifier)
    const { root } = await independentTree(ledger, 1000)
    expect(first).toEqual({
      checkedEntries: 1000,
      state: {
        origin: ORIGIN,
        size: 1000,
        root: b64(root),
        checkpoint: (await ledger.latestCheckpoint())?.note,
      },
    })
    expect(bundles()).toEqual([
      '/tile/entries/000',
      '/tile/entries/001',
      '/tile/entries/002',
      '/tile/entries/003.p/232',
    ])

    paths.length = 0
    expect(await more(300)).toBe(1300)
    const second = await checkLog(client, key.verifier, first.state)
    expect(second).toMatchObject({ checkedEntries: 300, state: { origin: ORIGIN, size: 1300 } })
    // Only the bundles holding new entries: 768…1023 (it has 1000…1023), 1024…1279, 1280…1299.
    expect(bundles()).toEqual(['/tile/entries/003', '/tile/entries/004', '/tile/entries/005.p/20'])

    // Nothing new: one request, the checkpoint.
    paths.length = 0
    expect(await checkLog(client, key.verifier, second.state)).toEqual({
      state: second.state,
      checkedEntries: 0,
    })
    expect(paths).toEqual(['/checkpoint'])

    // A newcomer auditing everything agrees with the monitor that followed along.
    expect((await checkLog(new HttpLogClient(http.url), key.verifier)).state).toEqual(second.state)

    // One more entry, inside a partial tile.
    expect(await more(1)).toBe(1301)
    expect(await checkLog(client, key.verifier, second.state)).toMatchObject({
      checkedEntries: 1,
      state: { size: 1301 },
    })
  })

  it('serves tiles of the right sizes with immutable cache headers, and nothing beyond the checkpoint', async () => {
    const get = async (path: string, method = 'GET') => {
      const res = await fetch(`${http.url}${path}`, { method })
      return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) }
    }
    const size = (await ledger.latestCheckpoint())?.size as number
    expect(size).toBe(1301)
    const { entries, store } = await independentTree(ledger, size)

    const checkpoint = await get('/checkpoint')
    expect(checkpoint.status).toBe(200)
    expect(checkpoint.headers.get('cache-control')).toBe('no-store')
    expect(new TextDecoder().decode(checkpoint.body)).toBe((await ledger.latestCheckpoint())?.note)

    const level0 = (n: number, w: number) =>
      store.readHashesSync(Array.from({ length: w }, (_, i) => storedHashIndex(0, n * TILE_WIDTH + i)))
    const level8 = (w: number) =>
      store.readHashesSync(Array.from({ length: w }, (_, i) => storedHashIndex(8, i)))
    const concat = (hs: Uint8Array[]) => Buffer.concat(hs)
    // [path, bytes expected]: full and partial hash tiles at levels 0 and 1 (1301 = 5·256 + 21).
    const tiles: [string, Buffer][] = [
      ['/tile/0/000', concat(level0(0, 256))],
      ['/tile/0/004', concat(level0(4, 256))],
      ['/tile/0/005.p/21', concat(level0(5, 21))],
      ['/tile/0/000.p/7', concat(level0(0, 7))],
      ['/tile/1/000.p/5', concat(level8(5))],
    ]
    for (const [path, want] of tiles) {
      const res = await get(path)
      expect({ path, status: res.status, length: res.body.length }).toEqual({
        path,
        status: 200,
        length: want.length,
      })
      expect(same(res.body, want)).toBe(true)
      expect(res.headers.get('cache-control')).toBe(IMMUTABLE)
      expect(res.headers.get('content-type')).toBe('application/octet-stream')
    }
    for (const [path, from, width] of [
      ['/tile/entries/000', 0, 256],
      ['/tile/entries/005.p/21', 1280, 21],
    ] as const) {
      const res = await get(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe(IMMUTABLE)
      const got = parseEntryBundle(res.body)
      expect(got).toHaveLength(width)
      expect(got.every((e, i) => same(e, entries[from + i] as Uint8Array))).toBe(true)
    }

    const beyond = [
      '/tile/0/005.p/22',
      '/tile/0/005',
      '/tile/0/006.p/1',
      '/tile/0/x001/000',
      '/tile/1/000.p/6',
      '/tile/1/000',
      '/tile/2/000.p/1',
      '/tile/entries/005.p/22',
      '/tile/entries/005',
      '/tile/entries/006.p/1',
    ]
    // Integrated but not yet covered by a checkpoint: still not served.
    await Promise.all([
      ledger.append({ type: 'connection.changed', at: new Date().toISOString(), data: { n: 1 } }),
      ledger.flush(),
    ])
    expect(await ledger.entries(1301, 1302)).toHaveLength(1)
    for (const path of beyond) {
      const res = await get(path)
      expect({ path, status: res.status, cache: res.headers.get('cache-control') }).toEqual({
        path,
        status: 404,
        cache: 'no-store',
      })
    }
    await ledger.publishCheckpoint()
    expect((await get('/tile/entries/005.p/22')).status).toBe(200)
    seq += 1

    const malformed = [
      '/tile/0/000.p/256',
      '/tile/0/000.p/0',
      '/tile/0/000.p/05',
      '/tile/0/000.p/',
      '/tile/0/x000/001',
      '/tile/0/0000',
      '/tile/0/00',
      '/tile/0/-01',
      '/tile/01/000',
      '/tile/64/000',
      '/tile/x/000',
      '/tile/0/000/',
      '/tile/entries/000.p/0',
      '/tile/entries/x000/000',
      '/tile/entries/000.p/256',
    ]
    for (const path of malformed) {
      const res = await get(path)
      expect({ path, status: res.status }).toEqual({ path, status: 400 })
      expect(new TextDecoder().decode(res.body)).toMatch(/malformed tile path/)
    }
    expect((await get('/')).status).toBe(404)
    expect((await get('/tile')).status).toBe(404)
    expect((await get('/checkpoint', 'POST')).status).toBe(405)
  })

  it('detects a fork and a rollback: states from another log with the same origin and key', async () => {
    const client = new HttpLogClient(http.url)
    const main = (await checkLog(client, key.verifier)).state
    const size = main.size
    const extra = await extraSchema(ctx, 'fork')
    const other = await openLedger(extra.db, ORIGIN, key)
    const otherHttp = await serve(other)
    try {
      const otherClient = new HttpLogClient(otherHttp.url)
      // The other log is genuine on its own: signed by the same key, for the same origin, and it audits clean.
      await grow(other, 700, 'fork')
      const smaller = (await checkLog(otherClient, key.verifier)).state
      expect(smaller).toMatchObject({ origin: ORIGIN, size: 700 })

      const fork = await expectAlarm(checkLog(client, key.verifier, smaller), 'LOG_FORK')
      expect(fork.message).toMatch(
        new RegExp(
          `^size ${size} \\(root ${esc(main.root)}\\) does not extend size 700 \\(root ${esc(smaller.root)}\\)`,
        ),
      )

      await grow(other, size - 700, 'fork', 700)
      const sameSize = (await checkLog(otherClient, key.verifier, smaller)).state
      const fork2 = await expectAlarm(checkLog(client, key.verifier, sameSize), 'LOG_FORK')
      expect(fork2.message).toBe(
        `two different roots signed for size ${size}: ${sameSize.root} and ${main.root}`,
      )

      await grow(other, 50, 'fork', size)
      const larger = (await checkLog(otherClient, key.verifier, sameSize)).state
      const rollback = await expectAlarm(checkLog(client, key.verifier, larger), 'LOG_ROLLBACK')
      expect(rollback.message).toBe(`the log went back from size ${size + 50} to ${size}`)

      // A real rollback: the other log loses its newest checkpoint (restored from an old backup, say).
      await sql`delete from ledger_checkpoints where size = ${size + 50}::bigint`.execute(extra.db)
      const rollback2 = await expectAlarm(checkLog(otherClient, key.verifier, larger), 'LOG_ROLLBACK')
      expect(rollback2.message).toBe(`the log went back from size ${size + 50} to ${size}`)

      // The genuine state still checks out against the genuine log.
      expect(await checkLog(client, key.verifier, main)).toEqual({ state: main, checkedEntries: 0 })
    } finally {
      await otherHttp.close()
      await other.close()
      await extra.drop()
    }
  })

  it('refuses a checkpoint from another key, a changed origin, and reports an unreachable log as such', async () => {
    const client = new HttpLogClient(http.url)
    const invalid = await expectAlarm(checkLog(client, newKey().verifier), 'LOG_CHECKPOINT_INVALID')
    expect(invalid.message).toMatch(/^checkpoint rejected: .*not a trusted key/)

    const state = (await checkLog(client, key.verifier)).state
    const moved: MonitorState = { ...state, origin: 'ledger.test.elc/elsewhere' }
    const origin = await expectAlarm(checkLog(client, key.verifier, moved), 'LOG_ORIGIN_CHANGED')
    expect(origin.message).toBe(`origin changed from ledger.test.elc/elsewhere to ${ORIGIN}`)

    const closed = await serve(ledger)
    await closed.close()
    const down = await expectAlarm(
      checkLog(new HttpLogClient(closed.url), key.verifier, state),
      'LOG_UNREACHABLE',
    )
    expect(down.message).toMatch(/^cannot read the checkpoint: GET http:\/\/127\.0\.0\.1:\d+\/checkpoint/)
  })

  it('tells an outage from misbehaviour: failed fetches are LOG_UNREACHABLE, bad tiles and entries alarm, naming size and index', async () => {
    const before = (await checkLog(new HttpLogClient(http.url), key.verifier)).state
    const size = await more(600)
    const checkWith = (f: Fetch, previous?: MonitorState) =>
      checkLog(new HttpLogClient(http.url, f), key.verifier, previous)
    const status503 = async () => new Response('busy\n', { status: 503 })
    const isHashTile = (p: string) => /^\/tile\/\d+\//.test(p)
    const isBundle = (p: string) => p.startsWith('/tile/entries/')

    // Hash tiles unavailable while proving consistency: an outage, not a fork.
    const tiles503 = await expectAlarm(checkWith(intercept(isHashTile, status503), before), 'LOG_UNREACHABLE')
    expect(tiles503.message).toMatch(
      new RegExp(`^proving that size ${size} extends size ${before.size}: GET \\S+/tile/\\S+: HTTP 503$`),
    )
    const reset = intercept(isHashTile, async () => {
      throw new TypeError('fetch failed')
    })
    expect((await expectAlarm(checkWith(reset, before), 'LOG_UNREACHABLE')).message).toMatch(/fetch failed/)
    // An entry bundle unavailable: an outage, not a mismatch.
    const bundle503 = await expectAlarm(checkWith(intercept(isBundle, status503), before), 'LOG_UNREACHABLE')
    expect(bundle503.message).toMatch(
      new RegExp(
        `^entries 1280-1535 of the checkpoint of size ${size} \\(entry bundle 5\\): GET \\S+: HTTP 503$`,
      ),
    )

    // A mirror serving a short tile, or one with a changed hash: the tiles do not agree with the signed root.
    const short = intercept(
      (p) => p === '/tile/0/000',
      async (r) => new Response((await r.arrayBuffer()).slice(0, 32 * 255)),
    )
    const shortAlarm = await expectAlarm(checkWith(short), 'LOG_TILE_INCONSISTENT')
    expect(shortAlarm.message).toMatch(
      /^entries 0-255 of the checkpoint of size \d+: tile\/0\/000: 8160 bytes, expected 8192$/,
    )
    const flipped = intercept(
      (p) => p === '/tile/0/002',
      async (r) => {
        const body = new Uint8Array(await r.arrayBuffer())
        body[32 * 17] = (body[32 * 17] as number) ^ 1
        return new Response(body)
      },
    )
    const flipAlarm = await expectAlarm(checkWith(flipped), 'LOG_TILE_INCONSISTENT')
    expect(flipAlarm.message).toBe(
      `entries 512-767 of the checkpoint of size ${size}: tile tile/0/002 does not agree with the trusted tree head`,
    )

    // A mirror changing one entry (one digit of an amount), or dropping one: the entry alarms by index.
    const edited = intercept(
      (p) => p === '/tile/entries/002',
      async (r) => {
        const body = new Uint8Array(await r.arrayBuffer())
        const entries = parseEntryBundle(body)
        const e = entries[88] as Uint8Array // entry 600
        const at = Buffer.from(e).indexOf('"amount":1') + '"amount":'.length
        e[at] = '9'.charCodeAt(0)
        return new Response(body)
      },
    )
    const entryAlarm = await expectAlarm(checkWith(edited), 'LOG_ENTRY_MISMATCH')
    expect(entryAlarm.message).toBe(`entry 600 does not hash to its leaf in the signed tree of size ${size}`)
    const dropped = intercept(
      (p) => p === '/tile/entries/001',
      async (r) =>
        new Response(entryBundle(parseEntryBundle(new Uint8Array(await r.arrayBuffer())).slice(0, -1))),
    )
    const dropAlarm = await expectAlarm(checkWith(dropped), 'LOG_ENTRY_MISMATCH')
    expect(dropAlarm.message).toBe(
      `entries 256-511 of the checkpoint of size ${size}: entry bundle 1 holds 255 entries, expected 256`,
    )

    // And the log itself, read straight, is fine.
    expect((await checkWith(fetch, before)).state.size).toBe(size)
  })
})

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
