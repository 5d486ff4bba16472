// A C2SP tlog-witness (c2sp.org/tlog-witness, add-checkpoint): it cosigns a log's checkpoint only if the
// log signed it and it extends, by a verified RFC 6962 consistency proof, the last checkpoint the witness
// cosigned for that origin. It therefore never cosigns a rollback or two different roots for one size, so
// a log that shows different trees to different people gets caught by whoever collects cosignatures.
//
// Status codes (tlog-witness v1.0.0, checks in the spec's order):
//   400  malformed body or note, or old size > checkpoint size
//   404  unknown origin
//   403  no signature from a trusted key of the origin, or a trusted key's signature fails
//   409  old size is not the size last cosigned: body "<size>\n", Content-Type text/x.tlog.size
//   422  the consistency proof does not verify (also: a proof where none is due, a size-0 checkpoint whose
//        root is not the empty-tree root — both from the editor's draft)
//   409  same size as the one last cosigned but another root (plain text: a fork)
//   200  the cosignature line (cosignature/v1, Ed25519, type 0x04), after the new state is on disk
// and, for HTTP itself: 404 other paths, 405 other methods, 413 a body over the limit, 500 internal errors.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { EMPTY_ROOT, hashEqual, isMerkleError, verifyConsistency } from '../merkle/index.ts'
import {
  cosignCheckpoint,
  formatVerifierKey,
  NoteError,
  type NoteVerifier,
  type OpenedCheckpoint,
  openCheckpoint,
  parseVerifierKey,
  parseWitnessSignerKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
} from '../note/index.ts'
import {
  ADD_CHECKPOINT_PATH,
  type AddCheckpointRequest,
  AddCheckpointSyntaxError,
  DEFAULT_MAX_BODY_BYTES,
  parseAddCheckpointBody,
  SIZE_CONTENT_TYPE,
} from './protocol.ts'
import { type CosignedCheckpoint, readWitnessState, writeWitnessState } from './witness-state.ts'

export interface WitnessLogConfig {
  /** The checkpoint origin line that names the log. */
  origin: string
  /** The log's verifier key(s), type 0x01; several while a log rotates its key. */
  verifierKey: string | readonly string[]
}

/** Why a request was refused; handed to `onRefusal`, e.g. to keep a log's misbehaviour as evidence. */
export interface WitnessRefusal {
  status: number
  reason: string
  origin?: string
  /**
   * The submitted note when its log signature verified but the witness would not cosign it (409, 422): if
   * the log signed something inconsistent with what the witness cosigned, this is the proof of it.
   */
  signedNote?: string
}

export interface WitnessOptions {
  /** The witness name; must be the name in `signerKey`. */
  name: string
  /** The witness's signer key string (type 0x04, cosignature/v1). */
  signerKey: string
  logs: readonly WitnessLogConfig[]
  /** JSON file holding the latest cosigned checkpoint per origin; replaced atomically. */
  stateFile: string
  /** Largest request body accepted (default 1 MiB). */
  maxBodyBytes?: number
  /** The clock for cosignature timestamps (default: the system clock). */
  now?: () => Date
  onRefusal?: (refusal: WitnessRefusal) => void
}

export interface WitnessResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** The witness without HTTP: what `createWitness` serves, for mounting in another server. */
export interface WitnessHandler {
  readonly name: string
  /** The witness's verifier key (type 0x04), for the logs and verifiers that trust it. */
  readonly verifierKey: string
  readonly maxBodyBytes: number
  /** Handles one add-checkpoint request body. Never rejects: failures become a 500 response. */
  addCheckpoint(body: Uint8Array): Promise<WitnessResponse>
  /** The latest checkpoint cosigned for `origin`, if any. */
  cosigned(origin: string): CosignedCheckpoint | undefined
}

const TEXT = 'text/plain; charset=utf-8'

function reply(status: number, body: string, contentType = TEXT): WitnessResponse {
  return { status, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body }
}

/** Codes openCheckpoint throws when no trusted signature verifies or a trusted key's signature fails. */
const FORBIDDEN_CODES = new Set(['NOTE_NO_VERIFIED_SIGNATURE', 'NOTE_UNKNOWN_KEY', 'NOTE_BAD_SIGNATURE'])

export function createWitnessHandler(options: WitnessOptions): WitnessHandler {
  const signer = parseWitnessSignerKey(options.signerKey)
  if (signer.name !== options.name)
    throw new Error(`witness: the signer key is named ${signer.name}, not ${options.name}`)
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1)
    throw new Error('witness: maxBodyBytes must be a positive integer')
  const now = options.now ?? (() => new Date())
  const stateFile = options.stateFile

  const logs = new Map<string, NoteVerifier[]>()
  for (const log of options.logs) {
    if (typeof log.origin !== 'string' || log.origin === '' || /[\n]/.test(log.origin))
      throw new Error('witness: a log origin must be one non-empty line')
    if (logs.has(log.origin)) throw new Error(`witness: log ${log.origin} is configured twice`)
    const keys = typeof log.verifierKey === 'string' ? [log.verifierKey] : [...log.verifierKey]
    if (keys.length === 0) throw new Error(`witness: log ${log.origin} has no verifier key`)
    // parseVerifierKey takes type 0x01 only, so a witness (0x04) key can never pass as a log key.
    logs.set(log.origin, keys.map(parseVerifierKey))
  }

  // Read synchronously so the witness never answers before it knows what it cosigned.
  let state: ReadonlyMap<string, CosignedCheckpoint> = readWitnessState(stateFile)
  /** Set when the state on disk may differ from memory and could not be re-read: fail closed. */
  let broken: unknown
  let tail: Promise<unknown> = Promise.resolve()

  /** Check-then-persist runs one request at a time (the spec's rollback race). */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn)
    tail = run.catch(() => {})
    return run
  }

  function refuse(r: WitnessRefusal, response: WitnessResponse): WitnessResponse {
    try {
      options.onRefusal?.(r)
    } catch {
      // A failing observer must not change the answer.
    }
    return response
  }

  async function update(req: AddCheckpointRequest, opened: OpenedCheckpoint): Promise<WitnessResponse> {
    if (broken) return reply(500, 'witness state unavailable; restart the witness\n')
    const cp = opened.checkpoint
    const origin = cp.origin
    const prev = state.get(origin)
    const known = prev?.size ?? 0n
    const evidence = { origin, signedNote: req.note }
    // "The witness MUST check that the old size matches the size of the latest checkpoint it cosigned
    // for the checkpoint's origin (or zero if it never cosigned a checkpoint for that origin)."
    if (req.oldSize !== known)
      return refuse(
        { status: 409, reason: `old size ${req.oldSize} is not the latest cosigned size ${known}`, origin },
        reply(409, `${known}\n`, SIZE_CONTENT_TYPE),
      )
    // Editor's draft: a size-0 checkpoint must carry the empty tree's root.
    if (cp.size === 0n && !hashEqual(cp.rootHash, EMPTY_ROOT)) {
      const reason = 'a checkpoint of size 0 must have the empty-tree root hash'
      return refuse({ status: 422, reason, ...evidence }, reply(422, `${reason}\n`))
    }
    if (req.oldSize === 0n || req.oldSize === cp.size) {
      // "The proof MUST be empty if the old size is zero"; from a size to itself the proof is empty too.
      if (req.proof.length > 0) {
        const reason = `the consistency proof from ${req.oldSize} to ${cp.size} must be empty`
        return refuse({ status: 422, reason, ...evidence }, reply(422, `${reason}\n`))
      }
      // "If the old size matches the checkpoint size, the witness MUST check that the root hashes are
      // also identical. If they don't match, the witness MUST respond with a 409 Conflict."
      if (prev && req.oldSize !== 0n && !hashEqual(prev.rootHash, cp.rootHash)) {
        const reason = `a different root hash for size ${cp.size} was already cosigned: the log forked`
        return refuse({ status: 409, reason, ...evidence }, reply(409, `${reason}\n`))
      }
    } else {
      // prev exists: oldSize equals its size and is not zero.
      const base = prev as CosignedCheckpoint
      try {
        verifyConsistency(base.size, cp.size, base.rootHash, cp.rootHash, req.proof)
      } catch (e) {
        if (!isMerkleError(e)) throw e
        const reason = `the consistency proof from ${base.size} to ${cp.size} does not verify: ${e.message}`
        return refuse({ status: 422, reason, ...evidence }, reply(422, `${reason}\n`))
      }
    }

    const cosignature = cosignCheckpoint(opened.text, signer, now())
    // "The cosignature MUST NOT omit the timestamp, i.e. the timestamp MUST NOT be zero."
    if (cosignature.timestamp <= 0n) throw new Error('witness: the clock reads 1970')
    if (prev?.checkpoint !== opened.text) {
      const next = new Map(state)
      next.set(origin, {
        origin,
        size: cp.size,
        rootHash: Uint8Array.from(cp.rootHash),
        checkpoint: opened.text,
        note: req.note,
        cosignedAt: new Date(Number(cosignature.timestamp) * 1000),
      })
      // "The witness MUST persist the new checkpoint before responding."
      try {
        await writeWitnessState(stateFile, next)
      } catch (e) {
        // The rename may or may not have happened: take the file's word for what was cosigned.
        try {
          state = readWitnessState(stateFile)
        } catch (reread) {
          broken = reread
        }
        throw e
      }
      state = next
    }
    return reply(200, cosignature.line)
  }

  async function addCheckpoint(body: Uint8Array): Promise<WitnessResponse> {
    let req: AddCheckpointRequest
    try {
      req = parseAddCheckpointBody(body)
    } catch (e) {
      if (!(e instanceof AddCheckpointSyntaxError)) throw e
      return refuse({ status: 400, reason: e.message }, reply(400, `${e.message}\n`))
    }
    // The origin decides which keys to trust, so it is read before any signature is checked.
    const split = req.note.lastIndexOf('\n\n')
    const firstLine = req.note.indexOf('\n')
    if (split < 0 || firstLine < 1) {
      const reason = 'the checkpoint is not a signed note (text, blank line, signature lines)'
      return refuse({ status: 400, reason }, reply(400, `${reason}\n`))
    }
    const origin = req.note.slice(0, firstLine)
    const verifiers = logs.get(origin)
    if (!verifiers) {
      const reason = `unknown log origin ${JSON.stringify(origin.slice(0, 100))}`
      return refuse({ status: 404, reason }, reply(404, `${reason}\n`))
    }
    let opened: OpenedCheckpoint
    try {
      opened = openCheckpoint(req.note, verifiers, { origin })
    } catch (e) {
      if (!(e instanceof NoteError)) throw e
      const status = FORBIDDEN_CODES.has(e.code) ? 403 : 400
      const reason = `${e.code}: ${e.message}`
      return refuse({ status, reason, origin }, reply(status, `${reason}\n`))
    }
    // "The old size MUST be equal to or lower than the checkpoint size. Otherwise ... 400 Bad Request."
    if (req.oldSize > opened.checkpoint.size) {
      const reason = `old size ${req.oldSize} is larger than the checkpoint size ${opened.checkpoint.size}`
      return refuse({ status: 400, reason, origin }, reply(400, `${reason}\n`))
    }
    return exclusive(() => update(req, opened))
  }

  return {
    name: signer.name,
    verifierKey: formatVerifierKey(signer.name, SIGNATURE_TYPE_COSIGNATURE_V1, signer.publicKey),
    maxBodyBytes,
    addCheckpoint: (body) =>
      addCheckpoint(body).catch(() => reply(500, 'internal error; nothing was cosigned\n')),
    cosigned: (origin) => state.get(origin),
  }
}

/** The witness as a plain node:http server: POST /add-checkpoint. Call `listen` on it. */
export function createWitness(options: WitnessOptions): Server {
  const witness = createWitnessHandler(options)
  const server = createServer((req, res) => {
    serve(witness, req, res).catch(() => {
      if (!res.headersSent) send(res, reply(500, 'internal error\n'))
      else res.destroy()
    })
  })
  // Unparseable HTTP: answer 400 if the socket still can, never throw.
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })
  server.requestTimeout = 60_000
  return server
}

async function serve(witness: WitnessHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.on('error', () => {})
  let path: string
  try {
    path = new URL(req.url ?? '/', 'http://witness').pathname
  } catch {
    return send(res, reply(400, 'bad request target\n'), true)
  }
  if (path !== ADD_CHECKPOINT_PATH) return send(res, reply(404, 'not found\n'), true)
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return send(res, reply(405, 'add-checkpoint takes POST\n'), true)
  }
  const body = await readBody(req, witness.maxBodyBytes)
  if (body === 'too large')
    return send(res, reply(413, `the body is larger than ${witness.maxBodyBytes} bytes\n`), true)
  if (body === 'aborted') return void res.destroy()
  send(res, await witness.addCheckpoint(body))
}

function send(res: ServerResponse, r: WitnessResponse, close = false): void {
  if (res.headersSent || res.destroyed) return
  // When the request body was not read, closing the connection spares reading it.
  const headers = close ? { ...r.headers, connection: 'close' } : r.headers
  res.writeHead(r.status, headers).end(r.body)
}

/** The body, or 'too large' as soon as it passes `max` bytes (it is then left unread). */
function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | 'too large' | 'aborted'> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > max) return Promise.resolve('too large')
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (v: Uint8Array | 'too large' | 'aborted') => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onAbort)
      req.off('aborted', onAbort)
      resolve(v)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        req.pause()
        done('too large')
      } else chunks.push(chunk)
    }
    const onEnd = () => done(new Uint8Array(Buffer.concat(chunks, size)))
    const onAbort = () => done('aborted')
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onAbort)
    req.on('aborted', onAbort)
  })
}
