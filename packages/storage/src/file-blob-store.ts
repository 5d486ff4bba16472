// The default BlobStore: one file per blob under a sharded directory tree.
//
// A blob reaches its final name only by rename() of a complete, fsynced temporary file in the same directory,
// so a crash at any point leaves either no blob or the whole blob; at worst a `.tmp-` file that readers never
// look at and sweepTemporaryFiles() removes. Concurrent puts of the same bytes each write their own temporary
// file and the renames replace identical content, which readers cannot tell apart.
import { randomBytes } from 'node:crypto'
import type { Dirent } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  assertBlobKey,
  assertBlobSize,
  type BlobRef,
  type BlobStore,
  DEFAULT_MAX_BLOB_BYTES,
  sha256Hex,
  shardedPath,
} from './blob-store.ts'
import { blobCorrupted } from './errors.ts'

export const TEMP_PREFIX = '.tmp-'

/** Large blobs go down in slices so one write() never has to hold the whole call in the kernel at once. */
const WRITE_CHUNK = 1024 * 1024

export interface FileBlobStoreOptions {
  maxBytes?: number
}

export class FileBlobStore implements BlobStore {
  readonly maxBytes: number

  constructor(
    readonly dir: string,
    options: FileBlobStoreOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES
  }

  pathOf(sha256: string): string {
    assertBlobKey(sha256)
    return join(this.dir, shardedPath(sha256))
  }

  async put(bytes: Uint8Array): Promise<BlobRef> {
    assertBlobSize(bytes.byteLength, this.maxBytes)
    const sha256 = sha256Hex(bytes)
    const ref = { sha256, size: bytes.byteLength }
    const target = this.pathOf(sha256)
    // An existing final file is complete by construction, so it is not rewritten.
    if (await exists(target)) return ref

    const dir = dirname(target)
    await this.ensureDir(dir)
    const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`)
    try {
      const handle = await open(temp, 'wx', 0o640)
      try {
        for (let at = 0; at < bytes.byteLength; ) {
          const { bytesWritten } = await handle.write(bytes, at, Math.min(WRITE_CHUNK, bytes.byteLength - at))
          at += bytesWritten
        }
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temp, target)
    } catch (e) {
      await rm(temp, { force: true })
      throw e
    }
    // The rename is durable only once the directory entry itself is on disk.
    await fsyncDir(dir)
    return ref
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    let bytes: Buffer
    try {
      bytes = await readFile(this.pathOf(sha256))
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
    if (sha256Hex(bytes) !== sha256) throw blobCorrupted(sha256)
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256))
  }

  /**
   * Removes temporary files left by writers that died. Only files older than `olderThanMs` go, so a put
   * still running in another process keeps its file. Returns how many were removed.
   */
  async sweepTemporaryFiles(olderThanMs = 60 * 60 * 1000): Promise<number> {
    const cutoff = Date.now() - olderThanMs
    let removed = 0
    const walk = async (dir: string, depth: number): Promise<void> => {
      let entries: Dirent[]
      try {
        entries = await readdir(dir, { withFileTypes: true })
      } catch (e) {
        if (isNotFound(e)) return
        throw e
      }
      for (const entry of entries) {
        const path = join(dir, entry.name)
        if (entry.isDirectory() && depth < 2) await walk(path, depth + 1)
        else if (entry.isFile() && entry.name.startsWith(TEMP_PREFIX)) {
          const info = await stat(path).catch(() => undefined)
          if (info && info.mtimeMs <= cutoff) {
            await rm(path, { force: true })
            removed++
          }
        }
      }
    }
    await walk(this.dir, 0)
    return removed
  }

  private async ensureDir(dir: string): Promise<void> {
    const created = await mkdir(dir, { recursive: true })
    if (created === undefined) return
    // New shard directories must survive a crash too, or a durable blob could vanish with its parent.
    for (let d = dir; d.length >= created.length; d = dirname(d)) await fsyncDir(dirname(d))
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (e) {
    if (isNotFound(e)) return false
    throw e
  }
}

function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT'
}
