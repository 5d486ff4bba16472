/**
 * An exclusive lock on a PGlite data directory. PGlite does not lock its directory (a second open,
 * even from the same process, succeeds), and two PostgreSQL instances writing one directory corrupt
 * it. The lock is a file holding the owner's pid, created exclusively; a lock whose process is gone
 * (a crash, a container restart) is stale and taken over.
 */
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

const LOCK_FILE = 'elc-db.lock'
// Directories this process holds: its own pid in a lock file does not prove it holds the lock.
const heldHere = new Set<string>()

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE)
  if (heldHere.has(path)) throw new Error(`PGlite data directory ${dataDir} is already open in this process`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx')
      await file.writeFile(String(process.pid))
      await file.close()
      heldHere.add(path)
      return async () => {
        heldHere.delete(path)
        await rm(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (owner !== process.pid && isAlive(owner)) {
        throw new Error(`PGlite data directory ${dataDir} is in use by process ${owner}`)
      }
      await rm(path, { force: true }) // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock PGlite data directory ${dataDir}`)
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
