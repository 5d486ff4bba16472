// The log's side of c2sp.org/tlog-witness: push the latest checkpoint to each witness with a consistency
// proof from the size the log believes that witness last cosigned, check what comes back, and store the
// witness's cosignature line with the checkpoint so `ledger.latestCheckpoint()` serves it.
//
// The believed size starts at 0 (the spec: "If a client doesn't have information on the latest cosigned
// checkpoint, it MAY initially make a request with a old size of zero to obtain it") and is remembered per
// ledger and witness in memory; a 409 with a text/x.tlog.size body corrects it and the request is retried
// once. A cosignature is stored only after verifyCosignature accepted it with the configured witness key.
import type { Ledger } from '../log/index.ts'
import { NoteError, type NoteVerifier, parseWitnessVerifierKey, verifyCosignature } from '../note/index.ts'
import { ADD_CHECKPOINT_PATH, formatAddCheckpointBody, parseSizeBody, SIZE_CONTENT_TYPE } from './protocol.ts'

export interface WitnessEndpoint {
  /** The name the cosignature is stored under (normally the witness key's name). */
  name: string
  /** The witness's submission prefix (…/add-checkpoint is appended unless already there). */
  url: string
  /** The witness's verifier key, type 0x04. */
  verifierKey: string
}

export type CosignatureResult =
  | {
      witness: string
      status: 'ok'
      /** The checkpoint size cosigned. */
      size: number
      /** The stored cosignature line, without its newline. */
      line: string
      /** The cosignature's time, POSIX seconds. */
      timestamp: bigint
    }
  | {
      witness: string
      status: 'refused'
      reason: string
      /** The witness's HTTP status, when it answered. */
      httpStatus?: number
    }

export interface RequestCosignaturesOptions {
  /** Per HTTP request (default 10 s). */
  timeoutMs?: number
  /** Accept cosignature timestamps up to this far ahead of our clock (default 5 minutes). */
  maxClockSkewMs?: number
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>

/** Largest witness answer read; a few cosignature lines are a few hundred bytes. */
const MAX_RESPONSE_BYTES = 64 * 1024

/** What each ledger believes each witness last cosigned, by witness URL and name. */
const believed = new WeakMap<Ledger, Map<string, number>>()

/**
 * Asks every witness to cosign the ledger's latest checkpoint, concurrently; never throws for a witness's
 * failure (it becomes a 'refused' result). Verified cosignatures are stored with ledger.addCosignature.
 */
export async function requestCosignatures(
  ledger: Ledger,
  witnesses: readonly WitnessEndpoint[],
  fetchImpl: Fetch = fetch,
  options: RequestCosignaturesOptions = {},
): Promise<CosignatureResult[]> {
  const latest = await ledger.latestCheckpoint()
  const note = latest && (await ledger.checkpointAt(latest.size))
  if (!latest || !note)
    return witnesses.map((w) => ({
      witness: w.name,
      status: 'refused',
      reason: 'the ledger has no checkpoint yet',
    }))
  const known = believed.get(ledger) ?? new Map<string, number>()
  believed.set(ledger, known)
  return Promise.all(
    witnesses.map((w) =>
      requestOne(ledger, w, latest.size, note, known, fetchImpl, options).catch(
        (e): CosignatureResult => ({ witness: w.name, status: 'refused', reason: describe(e) }),
      ),
    ),
  )
}

async function requestOne(
  ledger: Ledger,
  w: WitnessEndpoint,
  size: number,
  note: string,
  known: Map<string, number>,
  fetchImpl: Fetch,
  options: RequestCosignaturesOptions,
): Promise<CosignatureResult> {
  const refused = (reason: string, httpStatus?: number): CosignatureResult =>
    httpStatus === undefined
      ? { witness: w.name, status: 'refused', reason }
      : { witness: w.name, status: 'refused', reason, httpStatus }
  let verifier: NoteVerifier
  try {
    verifier = parseWitnessVerifierKey(w.verifierKey)
  } catch (e) {
    return refused(`bad witness verifier key: ${describe(e)}`)
  }
  const url = w.url.endsWith(ADD_CHECKPOINT_PATH)
    ? w.url
    : `${w.url.replace(/\/+$/, '')}${ADD_CHECKPOINT_PATH}`
  const key = `${w.name} ${url}`
  let oldSize = known.get(key) ?? 0

  for (let attempt = 0; ; attempt++) {
    if (oldSize > size)
      return refused(
        `the witness has cosigned size ${oldSize}, beyond this log's latest checkpoint (${size}): ` +
          'the log rolled back or another tree was shown to the witness',
      )
    // No proof from 0 (the spec) or from a size to itself.
    const proof = oldSize === 0 || oldSize === size ? [] : await ledger.consistencyProof(oldSize, size)
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: formatAddCheckpointBody(oldSize, proof, note),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    })
    const body = await readBounded(res)
    if (res.status === 409 && mediaType(res.headers.get('content-type')) === SIZE_CONTENT_TYPE) {
      const theirs = parseSizeBody(body)
      if (theirs === undefined) return refused(`409 with a malformed ${SIZE_CONTENT_TYPE} body`, 409)
      if (theirs > BigInt(Number.MAX_SAFE_INTEGER)) return refused(`the witness claims size ${theirs}`, 409)
      known.set(key, Number(theirs))
      if (attempt === 0 && Number(theirs) !== oldSize) {
        oldSize = Number(theirs)
        continue
      }
      return refused(`the witness still expects old size ${theirs}`, 409)
    }
    if (res.status !== 200) return refused(`HTTP ${res.status}: ${body.trim().slice(0, 300)}`, res.status)

    const line = findCosignature(note, body, verifier, options.maxClockSkewMs ?? 5 * 60_000)
    if ('error' in line) return refused(line.error, 200)
    await ledger.addCosignature(size, w.name, line.line)
    known.set(key, size)
    return { witness: w.name, status: 'ok', size, line: line.line, timestamp: line.timestamp }
  }
}

/** The response line that verifies, with the configured witness key, as a cosignature of `note`. */
function findCosignature(
  note: string,
  body: string,
  verifier: NoteVerifier,
  skewMs: number,
): { line: string; timestamp: bigint } | { error: string } {
  if (!body.endsWith('\n')) return { error: 'the response does not end with a newline' }
  const lines = body.slice(0, -1).split('\n')
  if (!lines.every((l) => l.startsWith('\u2014 ')))
    return { error: 'the response holds a line that is not a signature' }
  let failure = `no cosignature from ${verifier.name} in the response`
  for (const line of lines) {
    try {
      // The witness signed our checkpoint text, so the line must verify appended to our own note.
      const v = verifyCosignature(`${note}${line}\n`, verifier, { now: new Date(Date.now() + skewMs) })
      return { line, timestamp: v.timestamp }
    } catch (e) {
      // Lines from other keys of the witness are ignored ("The client MUST ignore any cosignatures from
      // unknown keys"); a line from our key that fails is remembered as the reason.
      if (!(e instanceof NoteError)) throw e
      if (e.code !== 'NOTE_NO_VERIFIED_SIGNATURE' && e.code !== 'NOTE_UNKNOWN_KEY')
        failure = `the cosignature does not verify: ${e.code}: ${e.message}`
    }
  }
  return { error: failure }
}

async function readBounded(res: Response): Promise<string> {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => {})
      throw new Error(`the witness answered more than ${MAX_RESPONSE_BYTES} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message
  return String(e)
}
