// A log monitor: follows the log's checkpoints and, for each new one, checks that it is signed by the log,
// that it extends the last one it saw (consistency, from tiles authenticated against the signed root), and
// that every new entry hashes to its leaf in the tree. Anything else is an alarm with a code.

import { parseEntryBundle } from '../log/ledger-http.ts'
import {
  hashEqual,
  hashLeaf,
  isMerkleError,
  proveConsistency,
  storedHashIndex,
  TILE_WIDTH,
  TileHashReader,
  verifyConsistency,
} from '../merkle/index.ts'
import { decodeBase64, encodeBase64, type NoteVerifier, openCheckpoint } from '../note/index.ts'
import { type HttpLogClient, LogFetchError } from './http-tile-reader.ts'

export interface MonitorState {
  origin: string
  size: number
  /** Root hash, base64. */
  root: string
  checkpoint: string
}

export type AlarmCode =
  | 'LOG_CHECKPOINT_INVALID'
  | 'LOG_ORIGIN_CHANGED'
  | 'LOG_ROLLBACK'
  | 'LOG_FORK'
  | 'LOG_TILE_INCONSISTENT'
  | 'LOG_ENTRY_MISMATCH'
  | 'LOG_UNREACHABLE'

export class MonitorAlarm extends Error {
  constructor(
    readonly code: AlarmCode,
    message: string,
  ) {
    super(message)
  }
}

export interface CheckResult {
  state: MonitorState
  /** New entries (beyond `previous`) whose leaf hashes were recomputed in this check. */
  checkedEntries: number
}

/**
 * An alarm for an error met while reading or checking the log; `where` names the sizes and indexes
 * involved, so the message says what failed. A failed fetch is LOG_UNREACHABLE (the CLI retries it)
 * rather than `otherwise`: a network hiccup while fetching a tile must not be reported as a fork.
 */
function alarmFrom(e: unknown, where: string, otherwise: AlarmCode): MonitorAlarm {
  const why = e instanceof Error ? e.message : String(e)
  if (e instanceof LogFetchError) return new MonitorAlarm('LOG_UNREACHABLE', `${where}: ${why}`)
  if (isMerkleError(e, 'TILE_INCONSISTENT') || isMerkleError(e, 'TILE_WRONG_LENGTH'))
    return new MonitorAlarm('LOG_TILE_INCONSISTENT', `${where}: ${why}`)
  return new MonitorAlarm(otherwise, `${where}: ${why}`)
}

async function fetchCheckpoint(client: HttpLogClient, logKey: NoteVerifier) {
  let note: string
  try {
    note = await client.checkpoint()
  } catch (e) {
    throw new MonitorAlarm('LOG_UNREACHABLE', `cannot read the checkpoint: ${(e as Error).message}`)
  }
  try {
    return { note, checkpoint: openCheckpoint(note, [logKey]).checkpoint }
  } catch (e) {
    throw new MonitorAlarm('LOG_CHECKPOINT_INVALID', `checkpoint rejected: ${(e as Error).message}`)
  }
}

/** One round: fetch the checkpoint, compare with `previous`, audit what is new. */
export async function checkLog(
  client: HttpLogClient,
  logKey: NoteVerifier,
  previous?: MonitorState,
): Promise<CheckResult> {
  const { note, checkpoint } = await fetchCheckpoint(client, logKey)
  const size = Number(checkpoint.size)
  const state: MonitorState = {
    origin: checkpoint.origin,
    size,
    root: encodeBase64(checkpoint.rootHash),
    checkpoint: note,
  }
  if (previous) {
    if (previous.origin !== checkpoint.origin)
      throw new MonitorAlarm(
        'LOG_ORIGIN_CHANGED',
        `origin changed from ${previous.origin} to ${checkpoint.origin}`,
      )
    if (size < previous.size)
      throw new MonitorAlarm('LOG_ROLLBACK', `the log went back from size ${previous.size} to ${size}`)
    if (size === previous.size) {
      if (state.root !== previous.root)
        throw new MonitorAlarm(
          'LOG_FORK',
          `two different roots signed for size ${size}: ${previous.root} and ${state.root}`,
        )
      return { state: previous, checkedEntries: 0 }
    }
  }
  const reader = new TileHashReader({ size, root: checkpoint.rootHash }, client)
  if (previous && previous.size > 0) {
    let proof: Uint8Array[]
    try {
      proof = await proveConsistency(size, previous.size, reader)
    } catch (e) {
      throw alarmFrom(e, `proving that size ${size} extends size ${previous.size}`, 'LOG_FORK')
    }
    try {
      verifyConsistency(
        BigInt(previous.size),
        checkpoint.size,
        decodeBase64(previous.root) ?? new Uint8Array(0),
        checkpoint.rootHash,
        proof,
      )
    } catch (e) {
      throw new MonitorAlarm(
        'LOG_FORK',
        `size ${size} (root ${state.root}) does not extend size ${previous.size} (root ${previous.root}): ${(e as Error).message}`,
      )
    }
  }
  const from = previous?.size ?? 0
  await auditEntries(client, reader, from, size)
  return { state, checkedEntries: size - from }
}

/**
 * Recomputes the leaf hash of every entry in [from, to) and compares it with the authenticated tree. The
 * first bundle may start before `from`: its older entries, already fetched, are checked again too, since
 * the log must go on serving the same bytes for them.
 */
async function auditEntries(client: HttpLogClient, reader: TileHashReader, from: number, to: number) {
  for (let n = Math.floor(from / TILE_WIDTH); n * TILE_WIDTH < to; n++) {
    const start = n * TILE_WIDTH
    const width = Math.min(TILE_WIDTH, to - start)
    const where = `entries ${start}-${start + width - 1} of the checkpoint of size ${to}`
    let entries: Uint8Array[]
    try {
      entries = parseEntryBundle(await client.entryBundle(n, width))
    } catch (e) {
      throw alarmFrom(e, `${where} (entry bundle ${n})`, 'LOG_ENTRY_MISMATCH')
    }
    if (entries.length !== width)
      throw new MonitorAlarm(
        'LOG_ENTRY_MISMATCH',
        `${where}: entry bundle ${n} holds ${entries.length} entries, expected ${width}`,
      )
    const indexes = entries.map((_, k) => start + k)
    let leaves: Uint8Array[]
    try {
      leaves = await reader.readHashes(indexes.map((i) => storedHashIndex(0, i)))
    } catch (e) {
      throw alarmFrom(e, where, 'LOG_TILE_INCONSISTENT')
    }
    indexes.forEach((i, k) => {
      if (!hashEqual(hashLeaf(entries[k] as Uint8Array), leaves[k] as Uint8Array))
        throw new MonitorAlarm(
          'LOG_ENTRY_MISMATCH',
          `entry ${i} does not hash to its leaf in the signed tree of size ${to}`,
        )
    })
  }
}
