// The log over HTTP as C2SP tlog-tiles lays it out: `/checkpoint`, `/tile/<L>/<N>[.p/<W>]` and
// `/tile/entries/<N>[.p/<W>]`. Tiles never change once served, so they are cacheable forever; only data
// covered by the latest published checkpoint is served. Framework-free: apps mount `ledgerHttpResponse`.
import { createServer, type Server } from 'node:http'
import { parseTilePath, TILE_HEIGHT, TILE_WIDTH, tileHashes } from '../merkle/index.ts'
import type { Ledger } from './ledger.ts'

export interface LedgerHttpResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array | string
}

const IMMUTABLE = 'public, max-age=31536000, immutable'

function text(status: number, body: string): LedgerHttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body,
  }
}

/** Entries prefixed by their big-endian 16-bit length, one after another (tlog-tiles entry bundle). */
export function entryBundle(entries: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0))
  let at = 0
  for (const e of entries) {
    out[at] = e.length >> 8
    out[at + 1] = e.length & 0xff
    out.set(e, at + 2)
    at += 2 + e.length
  }
  return out
}

export function parseEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = []
  let at = 0
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new Error('entry bundle: truncated length')
    const len = ((bundle[at] as number) << 8) | (bundle[at + 1] as number)
    if (at + 2 + len > bundle.length) throw new Error('entry bundle: truncated entry')
    out.push(bundle.subarray(at + 2, at + 2 + len))
    at += 2 + len
  }
  return out
}

export async function ledgerHttpResponse(ledger: Ledger, path: string): Promise<LedgerHttpResponse> {
  if (path === '/checkpoint') {
    const checkpoint = await ledger.latestCheckpoint()
    if (!checkpoint) return text(404, 'no checkpoint yet\n')
    return text(200, checkpoint.note)
  }
  if (!path.startsWith('/tile/')) return text(404, 'not found\n')
  let parsed: ReturnType<typeof parseTilePath>
  try {
    parsed = parseTilePath(path.slice(1))
  } catch (e) {
    return text(400, `${(e as Error).message}\n`)
  }
  const size = await ledger.publishedSize()
  if (parsed.kind === 'entries') {
    if (parsed.n * TILE_WIDTH + parsed.width > size) return text(404, 'beyond the latest checkpoint\n')
    const from = parsed.n * TILE_WIDTH
    const body = entryBundle(await ledger.entries(from, from + parsed.width))
    return {
      status: 200,
      headers: { 'content-type': 'application/octet-stream', 'cache-control': IMMUTABLE },
      body,
    }
  }
  const nodesAtLevel = Math.floor(size / 2 ** (parsed.level * TILE_HEIGHT))
  if (parsed.n * TILE_WIDTH + parsed.width > nodesAtLevel) return text(404, 'beyond the latest checkpoint\n')
  const body = await tileHashes(parsed, ledger.hashReader)
  return {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', 'cache-control': IMMUTABLE },
    body,
  }
}

/** A standalone HTTP server for the log (the witness, monitors and tests use it; the Platform mounts the same). */
export function serveLedger(ledger: Ledger): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end()
      return
    }
    ledgerHttpResponse(ledger, new URL(req.url ?? '/', 'http://x').pathname).then(
      (r) => res.writeHead(r.status, r.headers).end(r.body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n'),
    )
  })
}
