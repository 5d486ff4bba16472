// The witness against a real ledger (PGlite, and PostgreSQL when DATABASE_URL names one), over real HTTP.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { Ledger } from '../log/index.ts'
import { hashLeaf, MemoryHashStore, treeHash } from '../merkle/index.ts'
import {
  cosignCheckpoint,
  generateNoteKey,
  generateWitnessKey,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  signCheckpoint,
  signNote,
  verifyCosignature,
} from '../note/index.ts'
import {
  type CosignatureResult,
  createWitness,
  formatAddCheckpointBody,
  requestCosignatures,
  SIZE_CONTENT_TYPE,
  type WitnessEndpoint,
  type WitnessRefusal,
} from './index.ts'

const ORIGIN = 'nentang-hdld.example.vn/ledger'
const WITNESS_NAME = 'witness.example.vn/w1'
const logKey = generateNoteKey(ORIGIN)
const witnessKey = generateWitnessKey(WITNESS_NAME)
const logVerifier = parseVerifierKey(logKey.verifierKey)
const witnessVerifier = parseWitnessVerifierKey(witnessKey.verifierKey)
const witnessSigner = parseWitnessSignerKey(witnessKey.signerKey)

interface Running {
  server: Server
  url: string
  stateFile: string
  endpoint: WitnessEndpoint
  refusals: WitnessRefusal[]
}

interface Answer {
  status: number
  contentType: string | null
  body: string
}

let dir: string
const servers: Server[] = []
let stateCounter = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elc-witness-'))
})

afterEach(async () => {
  await Promise.all(servers.splice(0).map(stop))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function stop(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

function newStateFile(): string {
  stateCounter += 1
  return join(dir, `state-${stateCounter}.json`)
}

async function startWitness(
  stateFile = newStateFile(),
  extra: { maxBodyBytes?: number } = {},
): Promise<Running> {
  const refusals: WitnessRefusal[] = []
  const server = createWitness({
    name: WITNESS_NAME,
    signerKey: witnessKey.signerKey,
    logs: [{ origin: ORIGIN, verifierKey: logKey.verifierKey }],
    stateFile,
    onRefusal: (r) => refusals.push(r),
    ...extra,
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    server,
    url,
    stateFile,
    endpoint: { name: WITNESS_NAME, url, verifierKey: witnessKey.verifierKey },
    refusals,
  }
}

async function post(url: string, body: string | Uint8Array, path = '/add-checkpoint'): Promise<Answer> {
  const res = await fetch(`${url}${path}`, { method: 'POST', body })
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() }
}

/** Appends `n` events and publishes a checkpoint; returns the new size. */
async function grow(ledger: Ledger, n: number, tag = 'main'): Promise<number> {
  const appended = Array.from({ length: n }, (_, i) =>
    ledger.append({ type: 'submission.received', at: new Date().toISOString(), data: { n: i, tag } }),
  )
  await ledger.flush()
  await Promise.all(appended)
  const published = await ledger.publishCheckpoint()
  if (!published) throw new Error('no checkpoint published')
  return published.size
}

/** A raw add-checkpoint body for the ledger's checkpoint at `size`, with a proof from `old`. */
async function bodyFor(ledger: Ledger, old: number, size: number): Promise<string> {
  const note = await ledger.checkpointAt(size)
  if (!note) throw new Error(`no checkpoint at ${size}`)
  const proof = old === 0 || old === size ? [] : await ledger.consistencyProof(old, size)
  return formatAddCheckpointBody(old, proof, note)
}

async function stateOf(stateFile: string): Promise<Record<string, { size: string; rootHash: string }>> {
  return (
    JSON.parse(await readFile(stateFile, 'utf8')) as {
      logs: Record<string, { size: string; rootHash: string }>
    }
  ).logs
}

function ok(r: CosignatureResult | undefined): Extract<CosignatureResult, { status: 'ok' }> {
  if (r?.status !== 'ok') throw new Error(`expected a cosignature, got ${JSON.stringify(r)}`)
  return r
}

function refused(r: CosignatureResult | undefined): Extract<CosignatureResult, { status: 'refused' }> {
  if (r?.status !== 'refused') throw new Error(`expected a refusal, got ${JSON.stringify(r)}`)
  return r
}

describeEachDatabase('witness cosignatures', (ctx) => {
  let ledger: Ledger

  beforeAll(async () => {
    ledger = await Ledger.open({
      db: ctx.db() as never,
      origin: ORIGIN,
      signer: parseSignerKey(logKey.signerKey),
      checkpointIntervalMs: 0,
    })
  })

  afterAll(async () => {
    await ledger?.close()
  })

  it('cosigns the first checkpoint (old 0), then the next one over a verified consistency proof', async () => {
    const w = await startWitness()
    const first = await grow(ledger, 5)
    const bodies: string[] = []
    const spyFetch = vi.fn((input: string, init: RequestInit) => {
      bodies.push(String(init.body))
      return fetch(input, init)
    })

    const [r1] = await requestCosignatures(ledger, [w.endpoint], spyFetch)
    expect(ok(r1).size).toBe(first)
    expect(bodies[0]?.startsWith('old 0\n\n')).toBe(true)
    // Persisted before the answer: the file already says what was cosigned.
    expect((await stateOf(w.stateFile))[ORIGIN]?.size).toBe(String(first))

    let latest = await ledger.latestCheckpoint()
    expect(latest?.size).toBe(first)
    const note1 = latest?.note ?? ''
    expect(openCheckpoint(note1, [logVerifier], { origin: ORIGIN }).checkpoint.size).toBe(BigInt(first))
    const cosig1 = verifyCosignature(note1, witnessVerifier, { now: new Date(Date.now() + 1000) })
    expect(cosig1.name).toBe(WITNESS_NAME)
    expect(cosig1.checkpoint.size).toBe(BigInt(first))
    expect(note1.endsWith(`${ok(r1).line}\n`)).toBe(true)

    const second = await grow(ledger, 7)
    const [r2] = await requestCosignatures(ledger, [w.endpoint], spyFetch)
    expect(ok(r2).size).toBe(second)
    // The log remembered the witness's size and sent a non-empty proof from it.
    const sent = bodies[1] ?? ''
    expect(sent.startsWith(`old ${first}\n`)).toBe(true)
    const proofLines = sent.split('\n\n')[0]?.split('\n').slice(1) ?? []
    expect(proofLines.length).toBeGreaterThan(0)
    expect(spyFetch).toHaveBeenCalledTimes(2)

    latest = await ledger.latestCheckpoint()
    const note2 = latest?.note ?? ''
    expect(openCheckpoint(note2, [logVerifier]).checkpoint.size).toBe(BigInt(second))
    expect(verifyCosignature(note2, witnessVerifier).checkpoint.size).toBe(BigInt(second))
    expect((await stateOf(w.stateFile))[ORIGIN]?.size).toBe(String(second))
    // Without the log's own signature line, the witness's line does not make it a log checkpoint.
    const logLine = note2.split('\n').find((l) => l.startsWith(`\u2014 ${ORIGIN} `))
    expect(logLine).toBeDefined()
    expect(() => openCheckpoint(note2.replace(`${logLine}\n`, ''), [logVerifier])).toThrow()
  })

  it('refuses a checkpoint signed by another key (403) and cosigns nothing', async () => {
    const w = await startWitness()
    const size = await grow(ledger, 2)
    const genuine = await ledger.checkpointAt(size)
    const cp = openCheckpoint(genuine ?? '', [logVerifier]).checkpoint
    // Same origin and key name, another key: NOTE_UNKNOWN_KEY; another name: no trusted signature at all.
    for (const forger of [generateNoteKey(ORIGIN), generateNoteKey('attacker.example')]) {
      const forged = signCheckpoint({ origin: ORIGIN, size: cp.size, rootHash: cp.rootHash }, [
        parseSignerKey(forger.signerKey),
      ])
      const a = await post(w.url, formatAddCheckpointBody(0, [], forged))
      expect(a.status).toBe(403)
    }
    // The log's signature over other text (a signature line moved onto a forged root) fails: also 403.
    const sigLine = (genuine ?? '').slice((genuine ?? '').lastIndexOf('\n\n') + 2)
    const otherRoot = Buffer.alloc(32, 7).toString('base64')
    const moved = `${ORIGIN}\n${size}\n${otherRoot}\n\n${sigLine}`
    expect((await post(w.url, formatAddCheckpointBody(0, [], moved))).status).toBe(403)
    // An origin the witness does not know: 404.
    const stranger = generateNoteKey('other.example/log')
    const unknown = signCheckpoint({ origin: 'other.example/log', size: 1n, rootHash: cp.rootHash }, [
      parseSignerKey(stranger.signerKey),
    ])
    expect((await post(w.url, formatAddCheckpointBody(0, [], unknown))).status).toBe(404)
    // Nothing was cosigned or written.
    await expect(readFile(w.stateFile)).rejects.toThrow(/ENOENT/)
    expect(w.refusals.map((r) => r.status)).toEqual([403, 403, 403, 404])
    // The genuine one is fine.
    expect((await post(w.url, await bodyFor(ledger, 0, size))).status).toBe(200)
  })

  it('refuses a rollback to a checkpoint smaller than the one it cosigned', async () => {
    const w = await startWitness()
    const small = await grow(ledger, 3)
    const big = await grow(ledger, 4)
    expect((await post(w.url, await bodyFor(ledger, 0, big))).status).toBe(200)

    // old = what it cosigned, but a smaller checkpoint: old > size is a 400.
    const smallNote = (await ledger.checkpointAt(small)) ?? ''
    const a = await post(w.url, formatAddCheckpointBody(big, [], smallNote))
    expect(a.status).toBe(400)
    // Any other old size: 409 with the size it cosigned.
    for (const old of [0, small]) {
      const b = await post(w.url, formatAddCheckpointBody(old, [], smallNote))
      expect(b).toEqual({ status: 409, contentType: SIZE_CONTENT_TYPE, body: `${big}\n` })
    }
    expect((await stateOf(w.stateFile))[ORIGIN]?.size).toBe(String(big))
  })

  it('answers 409 with its size to a wrong old size, and the client recovers with one retry', async () => {
    const w = await startWitness()
    const a = await grow(ledger, 3)
    expect(ok((await requestCosignatures(ledger, [w.endpoint]))[0]).size).toBe(a)
    // Someone else (another instance of the log) moves the witness on without this client knowing.
    const b = await grow(ledger, 5)
    expect((await post(w.url, await bodyFor(ledger, a, b))).status).toBe(200)
    const c = await grow(ledger, 2)

    const answers: Answer[] = []
    const spyFetch = vi.fn(async (input: string, init: RequestInit) => {
      const res = await fetch(input, init)
      answers.push({
        status: res.status,
        contentType: res.headers.get('content-type'),
        body: await res.clone().text(),
      })
      return res
    })
    const [r] = await requestCosignatures(ledger, [w.endpoint], spyFetch)
    expect(ok(r).size).toBe(c)
    expect(answers[0]).toEqual({ status: 409, contentType: SIZE_CONTENT_TYPE, body: `${b}\n` })
    expect(answers[1]?.status).toBe(200)
    expect(spyFetch).toHaveBeenCalledTimes(2)
    expect(String(spyFetch.mock.calls[1]?.[1].body).startsWith(`old ${b}\n`)).toBe(true)
    expect(
      verifyCosignature((await ledger.latestCheckpoint())?.note ?? '', witnessVerifier).checkpoint.size,
    ).toBe(BigInt(c))
  })

  it('gives up after one retry when the witness keeps moving', async () => {
    const w = await startWitness()
    const size = await grow(ledger, 1)
    // A fake witness that always answers 409 with another size.
    let calls = 0
    const fake = async () => {
      calls += 1
      return new Response(`${calls}\n`, { status: 409, headers: { 'content-type': SIZE_CONTENT_TYPE } })
    }
    const [r] = await requestCosignatures(ledger, [{ ...w.endpoint, name: 'fake' }], fake)
    expect(refused(r).httpStatus).toBe(409)
    expect(calls).toBe(2)
    expect(size).toBeGreaterThan(2)
  })

  it('refuses a tampered, truncated or unexpected consistency proof (422) and cosigns nothing', async () => {
    const w = await startWitness()
    const a = await grow(ledger, 6)
    expect((await post(w.url, await bodyFor(ledger, 0, a))).status).toBe(200)
    const b = await grow(ledger, 5)
    const note = (await ledger.checkpointAt(b)) ?? ''
    const proof = await ledger.consistencyProof(a, b)
    expect(proof.length).toBeGreaterThan(1)

    const flipped = proof.map((h, i) => (i === 0 ? Uint8Array.from(h, (x, j) => (j === 0 ? x ^ 1 : x)) : h))
    const attempts = [
      formatAddCheckpointBody(a, flipped, note),
      formatAddCheckpointBody(a, proof.slice(1), note),
      formatAddCheckpointBody(a, [...proof, proof[0] as Uint8Array], note),
      formatAddCheckpointBody(a, [...proof].reverse(), note),
    ]
    for (const body of attempts) {
      const r = await post(w.url, body)
      expect(r.status).toBe(422)
    }
    expect(w.refusals.every((r) => r.status === 422 && r.signedNote === note)).toBe(true)
    expect((await stateOf(w.stateFile))[ORIGIN]?.size).toBe(String(a))
    // With the genuine proof it goes through.
    expect((await post(w.url, formatAddCheckpointBody(a, proof, note))).status).toBe(200)

    // Old size 0 takes no proof (on a fresh witness).
    const fresh = await startWitness()
    const r = await post(fresh.url, formatAddCheckpointBody(0, [proof[0] as Uint8Array], note))
    expect(r.status).toBe(422)
  })

  it('keeps its state across a restart and still refuses a rollback', async () => {
    const stateFile = newStateFile()
    const w1 = await startWitness(stateFile)
    const small = await grow(ledger, 2)
    const big = await grow(ledger, 3)
    expect((await post(w1.url, await bodyFor(ledger, 0, big))).status).toBe(200)
    await stop(w1.server)

    const w2 = await startWitness(stateFile)
    const smallNote = (await ledger.checkpointAt(small)) ?? ''
    expect(await post(w2.url, formatAddCheckpointBody(0, [], smallNote))).toEqual({
      status: 409,
      contentType: SIZE_CONTENT_TYPE,
      body: `${big}\n`,
    })
    expect((await post(w2.url, formatAddCheckpointBody(big, [], smallNote))).status).toBe(400)
    // The same size with a proof from what it remembers is fine; a client that knows nothing recovers.
    const next = await grow(ledger, 1)
    const [r] = await requestCosignatures(ledger, [w2.endpoint])
    expect(ok(r).size).toBe(next)
    await stop(w2.server)

    // A state file that does not read back stops the witness from starting.
    await writeFile(stateFile, '{"format":"elc-witness-state/v1","logs":{"x":{"size":"01"}}}')
    expect(() =>
      createWitness({
        name: WITNESS_NAME,
        signerKey: witnessKey.signerKey,
        logs: [{ origin: ORIGIN, verifierKey: logKey.verifierKey }],
        stateFile,
      }),
    ).toThrow(/refusing to start/)
  })

  it('answers 500 and cosigns nothing when it cannot persist its state', async () => {
    const w = await startWitness(join(dir, 'no-such-dir', 'state.json'))
    const size = await grow(ledger, 1)
    const r = await post(w.url, await bodyFor(ledger, 0, size))
    expect(r.status).toBe(500)
    expect(r.body).not.toMatch(/\u2014/)
  })

  it('takes concurrent requests one at a time: of two with the same old size, one gets a 409', async () => {
    const w = await startWitness()
    const a = await grow(ledger, 2)
    const b = await grow(ledger, 2)
    const answers = await Promise.all([
      post(w.url, await bodyFor(ledger, 0, a)),
      post(w.url, await bodyFor(ledger, 0, b)),
    ])
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409])
    const won = answers[0]?.status === 200 ? a : b
    expect(answers.find((x) => x.status === 409)?.body).toBe(`${won}\n`)
    expect((await stateOf(w.stateFile))[ORIGIN]?.size).toBe(String(won))
  })

  it('answers garbage with 400 and a reason, and keeps serving', async () => {
    const w = await startWitness(newStateFile(), { maxBodyBytes: 64 * 1024 })
    const size = await grow(ledger, 1)
    const note = (await ledger.checkpointAt(size)) ?? ''
    const hash = Buffer.alloc(32).toString('base64')
    const garbage: (string | Uint8Array)[] = [
      '',
      'hello',
      'old 0',
      'old 0\n',
      'old\n\n',
      'old -1\n\n',
      'old 01\n\n',
      'old 99999999999999999999\n\n',
      'OLD 0\n\n',
      'old 0 \n\n',
      'old 0\nnot base64!\n\n',
      `old 0\n${hash.slice(0, -4)}\n\n`,
      `old 0\n${hash}\n`,
      `old 0\n${`${hash}\n`.repeat(64)}\n${note}`,
      'old 0\n\n',
      'old 0\n\nnot a note',
      `old 0\n\n${note.slice(0, note.indexOf('\n\n') + 1)}`,
      `old 0\n\n${note}\u0000`,
      Uint8Array.from([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff, 0xfe, 0x0a]),
      // Signed by the log, but not a checkpoint.
      `old 0\n\n${signNote(`${ORIGIN}\n1\nnot-a-root\n`, [parseSignerKey(logKey.signerKey)])}`,
    ]
    for (const body of garbage) {
      const r = await post(w.url, body)
      expect({ body: String(body).slice(0, 40), status: r.status }).toEqual({
        body: String(body).slice(0, 40),
        status: 400,
      })
      expect(r.body.trim().length).toBeGreaterThan(0)
      expect(r.contentType).toMatch(/^text\/plain/)
    }
    // Oversized, wrong method, wrong path.
    expect((await post(w.url, 'x'.repeat(64 * 1024 + 1))).status).toBe(413)
    expect((await fetch(`${w.url}/add-checkpoint`)).status).toBe(405)
    expect((await post(w.url, await bodyFor(ledger, 0, size), '/other')).status).toBe(404)
    // Broken HTTP on a raw socket.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect((w.server.address() as AddressInfo).port, '127.0.0.1', () => {
        socket.write('POST /add-checkpoint HTTP/1.1\r\nContent-Length: nope\r\n\r\n')
      })
      let got = ''
      socket.on('data', (d) => {
        got += d.toString()
      })
      socket.on('end', () => resolve(got))
      socket.on('error', reject)
    })
    expect(raw).toMatch(/^HTTP\/1\.1 400/)
    // Still serving.
    const good = await post(w.url, await bodyFor(ledger, 0, size))
    expect(good.status).toBe(200)
    expect(good.body).toMatch(new RegExp(`^\u2014 ${WITNESS_NAME} [A-Za-z0-9+/=]+\n$`))
  })

  it('refuses configuration mistakes', () => {
    const base = {
      name: WITNESS_NAME,
      signerKey: witnessKey.signerKey,
      logs: [{ origin: ORIGIN, verifierKey: logKey.verifierKey }],
      stateFile: newStateFile(),
    }
    expect(() => createWitness({ ...base, name: 'another.example/w' })).toThrow(/named/)
    // A log key (type 0x01) cannot cosign, and a witness key (0x04) cannot stand for a log.
    expect(() => createWitness({ ...base, name: ORIGIN, signerKey: logKey.signerKey })).toThrow()
    expect(() =>
      createWitness({ ...base, logs: [{ origin: ORIGIN, verifierKey: witnessKey.verifierKey }] }),
    ).toThrow()
    expect(() => createWitness({ ...base, logs: [...base.logs, ...base.logs] })).toThrow(/twice/)
  })

  it('refuses a cosignature that does not verify with the configured witness key', async () => {
    const w = await startWitness()
    await grow(ledger, 1)
    const impostor = { ...w.endpoint, verifierKey: generateWitnessKey(WITNESS_NAME).verifierKey }
    const before = (await ledger.latestCheckpoint())?.note
    const [r] = await requestCosignatures(ledger, [impostor])
    expect(refused(r).reason).toMatch(/no cosignature from/)
    // The right key, but over another checkpoint (a replayed line): the signature fails.
    const elsewhere = signCheckpoint({ origin: ORIGIN, size: 1n, rootHash: new Uint8Array(32) }, [
      parseSignerKey(logKey.signerKey),
    ])
    const replayed = cosignCheckpoint(
      elsewhere.slice(0, elsewhere.indexOf('\n\n') + 1),
      witnessSigner,
      new Date(),
    )
    const replay = async () => new Response(replayed.line, { status: 200 })
    const [r2] = await requestCosignatures(ledger, [w.endpoint], replay)
    expect(refused(r2).reason).toMatch(/does not verify: NOTE_BAD_SIGNATURE/)
    // Not a signature line at all.
    const junk = async () => new Response('hello\n', { status: 200 })
    expect(refused((await requestCosignatures(ledger, [w.endpoint], junk))[0]).reason).toMatch(
      /not a signature/,
    )
    expect((await ledger.latestCheckpoint())?.note).toBe(before)
  })

  describeEachDatabase('fork ledger', (forkCtx) => {
    it('refuses a fork: same origin and key, other entries, same size (409), then larger (422)', async () => {
      const w = await startWitness()
      const size = await grow(ledger, 3)
      expect(ok((await requestCosignatures(ledger, [w.endpoint]))[0]).size).toBe(size)
      const cosigned = (await stateOf(w.stateFile))[ORIGIN]

      const fork = await Ledger.open({
        db: forkCtx.db() as never,
        origin: ORIGIN,
        signer: parseSignerKey(logKey.signerKey),
        checkpointIntervalMs: 0,
      })
      try {
        expect(await grow(fork, size, 'fork')).toBe(size)
        const forkNote = (await fork.checkpointAt(size)) ?? ''
        // Both are validly signed by the log for the same size, with different roots.
        const mainRoot = openCheckpoint((await ledger.checkpointAt(size)) ?? '', [logVerifier]).checkpoint
          .rootHash
        const forkRoot = openCheckpoint(forkNote, [logVerifier]).checkpoint.rootHash
        expect(Buffer.from(forkRoot).equals(Buffer.from(mainRoot))).toBe(false)

        const raw = await post(w.url, formatAddCheckpointBody(size, [], forkNote))
        expect(raw.status).toBe(409)
        expect(raw.contentType).not.toBe(SIZE_CONTENT_TYPE)
        expect(raw.body).toMatch(/fork/)
        expect(w.refusals.at(-1)).toMatchObject({ status: 409, origin: ORIGIN, signedNote: forkNote })

        // Through the client: 409 with the size, retry at that size, 409 for the root.
        const [r1] = await requestCosignatures(fork, [w.endpoint])
        expect(refused(r1).httpStatus).toBe(409)
        expect((await fork.latestCheckpoint())?.note).toBe(forkNote)

        // The fork grows: its proof from `size` does not lead from the cosigned root.
        await grow(fork, 2, 'fork')
        const [r2] = await requestCosignatures(fork, [w.endpoint])
        expect(refused(r2).httpStatus).toBe(422)
        expect((await stateOf(w.stateFile))[ORIGIN]).toEqual(cosigned)
      } finally {
        await fork.close()
      }

      // The genuine log carries on.
      const more = await grow(ledger, 1)
      expect(ok((await requestCosignatures(ledger, [w.endpoint]))[0]).size).toBe(more)
    })
  })
})

describe('witness without a database', () => {
  it('never cosigns two roots for one size, even for a tree it never saw grow', async () => {
    // Two in-memory trees of the same size, both signed by the log key.
    const signer = parseSignerKey(logKey.signerKey)
    const noteOf = async (tag: string, n: number) => {
      const store = new MemoryHashStore()
      for (let i = 0; i < n; i++) store.appendLeafHash(hashLeaf(new TextEncoder().encode(`${tag}-${i}`)))
      return signCheckpoint({ origin: ORIGIN, size: BigInt(n), rootHash: await treeHash(n, store) }, [signer])
    }
    const w = await startWitness()
    expect((await post(w.url, formatAddCheckpointBody(0, [], await noteOf('a', 4)))).status).toBe(200)
    const other = await noteOf('b', 4)
    expect((await post(w.url, formatAddCheckpointBody(4, [], other))).status).toBe(409)
    expect((await post(w.url, formatAddCheckpointBody(0, [], other))).status).toBe(409)
    // A size-0 checkpoint must carry the empty root.
    const w0 = await startWitness()
    const bogusEmpty = signCheckpoint({ origin: ORIGIN, size: 0n, rootHash: new Uint8Array(32) }, [signer])
    expect((await post(w0.url, formatAddCheckpointBody(0, [], bogusEmpty))).status).toBe(422)
  })
})
