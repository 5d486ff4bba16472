// The witness's memory: for each log origin, the latest checkpoint it cosigned. Kept in one JSON file,
// replaced atomically (write a temporary file beside it, fsync, rename, fsync the directory), so a crash
// leaves either the old state or the new one, never a mix. Losing this file would let the witness cosign
// a rollback or a fork, so a file that exists but does not read back cleanly stops the witness from
// starting rather than being treated as empty.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { hashEqual } from '../merkle/index.ts'
import { encodeBase64, parseCheckpoint } from '../note/index.ts'
import { parseHashLine, parseSize } from './protocol.ts'

export const WITNESS_STATE_FORMAT = 'elc-witness-state/v1'

/** The latest checkpoint a witness cosigned for one origin. */
export interface CosignedCheckpoint {
  origin: string
  size: bigint
  rootHash: Uint8Array
  /** The checkpoint text that was cosigned. */
  checkpoint: string
  /** The signed note as the log submitted it (its log signature verified): evidence for later. */
  note: string
  /** When the witness cosigned it. */
  cosignedAt: Date
}

export type WitnessState = ReadonlyMap<string, CosignedCheckpoint>

interface StoredLog {
  size: string
  rootHash: string
  checkpoint: string
  note: string
  cosignedAt: string
}

interface StoredState {
  format: typeof WITNESS_STATE_FORMAT
  logs: Record<string, StoredLog>
}

/** Reads the state file; a missing file is an empty state, anything unreadable throws. */
export function readWitnessState(file: string): Map<string, CosignedCheckpoint> {
  let raw: string
  try {
    raw = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw e
  }
  const fail = (why: string): never => {
    throw new Error(`witness state ${file}: ${why}; refusing to start without a trustworthy state`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return fail('not JSON')
  }
  if (!isObject(parsed) || parsed.format !== WITNESS_STATE_FORMAT || !isObject(parsed.logs))
    return fail(`not a ${WITNESS_STATE_FORMAT} document`)
  const out = new Map<string, CosignedCheckpoint>()
  for (const [origin, value] of Object.entries(parsed.logs)) {
    if (!isObject(value)) return fail(`entry for ${JSON.stringify(origin)} is not an object`)
    const { size, rootHash, checkpoint, note, cosignedAt } = value
    if (
      typeof size !== 'string' ||
      typeof rootHash !== 'string' ||
      typeof checkpoint !== 'string' ||
      typeof note !== 'string' ||
      typeof cosignedAt !== 'string'
    )
      return fail(`entry for ${JSON.stringify(origin)} lacks a field`)
    const n = parseSize(size)
    const root = parseHashLine(rootHash)
    const at = new Date(cosignedAt)
    if (n === undefined || !root || Number.isNaN(at.getTime()))
      return fail(`entry for ${JSON.stringify(origin)} has a bad size, root or time`)
    let cp: ReturnType<typeof parseCheckpoint>
    try {
      cp = parseCheckpoint(checkpoint)
    } catch {
      return fail(`entry for ${JSON.stringify(origin)} holds a malformed checkpoint`)
    }
    if (cp.origin !== origin || cp.size !== n || !hashEqual(cp.rootHash, root))
      return fail(`entry for ${JSON.stringify(origin)} does not match its checkpoint text`)
    if (!note.startsWith(`${checkpoint}\n`))
      return fail(`entry for ${JSON.stringify(origin)} has a note over another text`)
    out.set(origin, { origin, size: n, rootHash: root, checkpoint, note, cosignedAt: at })
  }
  return out
}

/** Replaces the state file atomically and durably; resolves only once the new state is on disk. */
export async function writeWitnessState(file: string, state: WitnessState): Promise<void> {
  // fromEntries defines own properties, so even an origin named "__proto__" is stored as data.
  const logs: Record<string, StoredLog> = Object.fromEntries(
    [...state]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([origin, c]) => [
        origin,
        {
          size: c.size.toString(),
          rootHash: encodeBase64(c.rootHash),
          checkpoint: c.checkpoint,
          note: c.note,
          cosignedAt: c.cosignedAt.toISOString(),
        },
      ]),
  )
  const doc: StoredState = { format: WITNESS_STATE_FORMAT, logs }
  const dir = dirname(file)
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const fh = await open(temp, 'wx', 0o600)
    try {
      await fh.writeFile(`${JSON.stringify(doc, null, 2)}\n`, 'utf8')
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(temp, file)
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {})
    throw e
  }
  await syncDirectory(dir)
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a directory, which is fine there. */
async function syncDirectory(dir: string): Promise<void> {
  let fh: Awaited<ReturnType<typeof open>> | undefined
  try {
    fh = await open(dir, 'r')
    await fh.sync()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw e
  } finally {
    await fh?.close()
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
