// The wire format of c2sp.org/tlog-witness `add-checkpoint`, shared by the witness and the log:
//
//   POST <submission prefix>/add-checkpoint
//
//   old <size>\n                 the size the client believes the witness last cosigned (0: none yet)
//   <base64 hash>\n ...          zero to 63 consistency proof lines, old size → checkpoint size
//   \n                           an empty line
//   <signed checkpoint note>     text, blank line, signature lines
//
// 200: one or more cosignature lines ("— <name> <base64>\n"). 409 with Content-Type text/x.tlog.size:
// the body is the size the witness last cosigned, in decimal, then a newline.
import { decodeBase64, encodeBase64, MAX_CHECKPOINT_SIZE } from '../note/index.ts'

export const ADD_CHECKPOINT_PATH = '/add-checkpoint'
/** Content-Type of a 409 answer whose body is the witness's latest cosigned size. */
export const SIZE_CONTENT_TYPE = 'text/x.tlog.size'
/** "The client MUST NOT send more than 63 consistency proof lines." */
export const MAX_PROOF_LINES = 63
/** Default bound on a request body; a checkpoint note is at most 1,000,000 bytes (MAX_NOTE_BYTES). */
export const DEFAULT_MAX_BODY_BYTES = 1 << 20

const HASH_BYTES = 32
const DECIMAL = /^(?:0|[1-9][0-9]{0,18})$/

export interface AddCheckpointRequest {
  oldSize: bigint
  proof: Uint8Array[]
  /** The signed checkpoint note, as sent (signatures included). */
  note: string
}

/** A request the witness refuses before looking at any state: always a 400. */
export class AddCheckpointSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AddCheckpointSyntaxError'
  }
}

/** Decimal without leading zeroes, 0 ≤ n < 2^63, or undefined. */
export function parseSize(s: string): bigint | undefined {
  if (!DECIMAL.test(s)) return undefined
  const n = BigInt(s)
  return n <= MAX_CHECKPOINT_SIZE ? n : undefined
}

/** Canonical standard base64 of exactly 32 bytes, or undefined. */
export function parseHashLine(s: string): Uint8Array | undefined {
  const b = decodeBase64(s)
  return b && b.length === HASH_BYTES ? Uint8Array.from(b) : undefined
}

/** The request body, byte for byte as the spec lays it out. */
export function formatAddCheckpointBody(
  oldSize: bigint | number,
  proof: readonly Uint8Array[],
  note: string,
): string {
  const old = BigInt(oldSize)
  if (old < 0n || old > MAX_CHECKPOINT_SIZE) throw new RangeError(`old size ${old} is out of range`)
  if (proof.length > MAX_PROOF_LINES) throw new RangeError(`a proof has at most ${MAX_PROOF_LINES} hashes`)
  const lines = proof.map((h) => {
    if (!(h instanceof Uint8Array) || h.length !== HASH_BYTES)
      throw new RangeError('a proof hash is 32 bytes')
    return `${encodeBase64(h)}\n`
  })
  return `old ${old}\n${lines.join('')}\n${note}`
}

/** Parses a request body strictly; throws AddCheckpointSyntaxError with the reason. */
export function parseAddCheckpointBody(body: Uint8Array): AddCheckpointRequest {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    throw new AddCheckpointSyntaxError('the body is not valid UTF-8')
  }
  let at = 0
  const nextLine = (what: string): string => {
    const end = text.indexOf('\n', at)
    if (end < 0) throw new AddCheckpointSyntaxError(`the body ends before ${what}`)
    const line = text.slice(at, end)
    at = end + 1
    return line
  }
  const first = nextLine('the end of the old size line')
  if (!first.startsWith('old ')) throw new AddCheckpointSyntaxError('the first line must be "old <size>"')
  const oldSize = parseSize(first.slice(4))
  if (oldSize === undefined)
    throw new AddCheckpointSyntaxError('the old size must be decimal without leading zeroes, below 2^63')
  const proof: Uint8Array[] = []
  for (;;) {
    const line = nextLine('the empty line after the consistency proof')
    if (line === '') break
    if (proof.length === MAX_PROOF_LINES)
      throw new AddCheckpointSyntaxError(`more than ${MAX_PROOF_LINES} consistency proof lines`)
    const hash = parseHashLine(line)
    if (!hash)
      throw new AddCheckpointSyntaxError(
        `consistency proof line ${proof.length + 1} is not canonical base64 of a 32-byte hash`,
      )
    proof.push(hash)
  }
  const note = text.slice(at)
  if (note === '') throw new AddCheckpointSyntaxError('the body holds no checkpoint')
  return { oldSize, proof, note }
}

/** The size in a 409 text/x.tlog.size body ("<decimal>\n"), or undefined if it is not one. */
export function parseSizeBody(body: string): bigint | undefined {
  return body.endsWith('\n') ? parseSize(body.slice(0, -1)) : undefined
}
