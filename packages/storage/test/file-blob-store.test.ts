// FileBlobStore: content addressing, integrity on read, and crash safety of the write path.
import { spawn } from 'node:child_process'
import { createCipheriv, createHash } from 'node:crypto'
import { existsSync, mkdtempSync } from 'node:fs'
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ElcError } from '@elc/core'
import { describe, expect, it } from 'vitest'
import { FileBlobStore } from '../src/file-blob-store.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const STORE_MODULE = pathToFileURL(resolve(ROOT, 'packages/storage/src/file-blob-store.ts')).href

const freshDir = () => mkdtempSync(join(tmpdir(), 'elc-blobs-'))
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const bytes = (s: string) => new TextEncoder().encode(s)

/** Deterministic pseudo-random bytes (AES-CTR keystream), so a child process and the test agree on them. */
function patternBytes(seed: string, size: number): Buffer {
  const key = createHash('sha256').update(seed).digest()
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size))
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<ElcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ElcError)
  expect((error as ElcError).code).toBe(code)
  return error as ElcError
}

describe('FileBlobStore', () => {
  it('stores bytes under their SHA-256 in sharded directories and reads them back', async () => {
    const dir = freshDir()
    const store = new FileBlobStore(dir)
    const content = bytes('Hợp đồng lao động điện tử — bản ký số')
    const ref = await store.put(content)
    expect(ref).toEqual({ sha256: sha256(content), size: content.byteLength })
    expect(existsSync(join(dir, ref.sha256.slice(0, 2), ref.sha256.slice(2, 4), ref.sha256))).toBe(true)
    expect(await store.has(ref.sha256)).toBe(true)
    expect(Buffer.from((await store.get(ref.sha256)) as Uint8Array)).toEqual(Buffer.from(content))
  })

  it('answers undefined and false for an absent blob, and refuses keys that are not a SHA-256', async () => {
    const store = new FileBlobStore(freshDir())
    const absent = sha256(bytes('never stored'))
    expect(await store.get(absent)).toBeUndefined()
    expect(await store.has(absent)).toBe(false)
    await expectCode(store.get('../../etc/passwd'), 'BLOB_KEY_INVALID')
    await expectCode(store.has(absent.toUpperCase()), 'BLOB_KEY_INVALID')
  })

  it('keeps one copy of the same bytes and does not rewrite it', async () => {
    const dir = freshDir()
    const store = new FileBlobStore(dir)
    const content = bytes('same contract twice')
    const first = await store.put(content)
    const before = await stat(store.pathOf(first.sha256))
    const second = await store.put(Uint8Array.from(content))
    expect(second).toEqual(first)
    const after = await stat(store.pathOf(first.sha256))
    expect(after.ino).toBe(before.ino)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(await listFiles(dir)).toHaveLength(1)
  })

  it('enforces the configured size limit', async () => {
    const store = new FileBlobStore(freshDir(), { maxBytes: 10 })
    expect((await store.put(new Uint8Array(10))).size).toBe(10)
    const error = await expectCode(store.put(new Uint8Array(11)), 'BLOB_TOO_LARGE')
    expect(error.status).toBe(413)
    expect(error.text.vi).toContain('vượt giới hạn')
  })

  it('detects a blob altered on disk instead of returning it', async () => {
    const store = new FileBlobStore(freshDir())
    const ref = await store.put(patternBytes('flip', 4096))
    const path = store.pathOf(ref.sha256)
    const onDisk = await readFile(path)
    onDisk[1234] = (onDisk[1234] as number) ^ 0x01
    await writeFile(path, onDisk)
    const error = await expectCode(store.get(ref.sha256), 'BLOB_CORRUPTED')
    expect(error.status).toBe(500)

    await writeFile(path, onDisk.subarray(0, 100))
    await expectCode(store.get(ref.sha256), 'BLOB_CORRUPTED')
  })

  it('ignores a temporary file left by a dead writer and sweeps it once it is stale', async () => {
    const dir = freshDir()
    const store = new FileBlobStore(dir)
    const content = patternBytes('left-behind', 10_000)
    const key = sha256(content)
    const shard = dirname(store.pathOf(key))
    await store.put(bytes('something else, so the tree exists'))
    await mkdir(shard, { recursive: true })
    const temp = join(shard, '.tmp-deadbeefdeadbeef')
    await writeFile(temp, content.subarray(0, 5000))

    expect(await store.has(key)).toBe(false)
    expect(await store.get(key)).toBeUndefined()
    // A fresh temporary file may belong to a put still running elsewhere: left alone.
    expect(await store.sweepTemporaryFiles()).toBe(0)
    expect(existsSync(temp)).toBe(true)
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000)
    await utimes(temp, old, old)
    expect(await store.sweepTemporaryFiles()).toBe(1)
    expect(existsSync(temp)).toBe(false)
    // The real blob still goes in afterwards.
    expect((await store.put(content)).sha256).toBe(key)
    expect(Buffer.from((await store.get(key)) as Uint8Array)).toEqual(content)
  })

  it('is safe under concurrent puts of the same content, with readers never seeing a partial blob', async () => {
    const dir = freshDir()
    const store = new FileBlobStore(dir)
    const content = patternBytes('concurrent', 3 * 1024 * 1024 + 17)
    const key = sha256(content)
    const work: Promise<unknown>[] = []
    for (let i = 0; i < 12; i++) {
      work.push(store.put(Buffer.from(content)))
      work.push(
        store.get(key).then((got) => {
          if (got !== undefined) expect(sha256(got)).toBe(key)
        }),
      )
    }
    const results = await Promise.all(work)
    for (let i = 0; i < results.length; i += 2)
      expect(results[i]).toEqual({ sha256: key, size: content.length })
    expect(await listFiles(dir)).toEqual([store.pathOf(key)])
  })

  it('is safe under concurrent puts of the same content from several processes', async () => {
    const dir = freshDir()
    const size = 2 * 1024 * 1024
    const children = Array.from({ length: 3 }, () =>
      runChild(dir, 'put', 'multi-process', size).then(({ code, stdout }) => {
        expect(code).toBe(0)
        return stdout.trim()
      }),
    )
    const keys = await Promise.all(children)
    const content = patternBytes('multi-process', size)
    expect(new Set(keys)).toEqual(new Set([sha256(content)]))
    const store = new FileBlobStore(dir)
    expect(await listFiles(dir)).toEqual([store.pathOf(sha256(content))])
    expect(Buffer.from((await store.get(sha256(content))) as Uint8Array)).toEqual(content)
  }, 90_000)

  it('never leaves a partial blob under its final name when the writer is SIGKILLed mid-write', async () => {
    const dir = freshDir()
    const size = 32 * 1024 * 1024
    const content = patternBytes('killed', size)
    const key = sha256(content)
    const store = new FileBlobStore(dir)
    const final = store.pathOf(key)
    const shard = dirname(final)

    const child = startChild(dir, 'slow-put', 'killed', size)
    // Kill once a quarter of the blob is in the temporary file: well inside the write.
    let temp: string | undefined
    const deadline = Date.now() + 20_000
    while (!temp && Date.now() < deadline) {
      const names = existsSync(shard) ? await readdir(shard) : []
      const name = names.find((n) => n.startsWith('.tmp-'))
      const written = name ? ((await stat(join(shard, name)).catch(() => undefined))?.size ?? 0) : 0
      if (name && written >= size / 4) temp = join(shard, name)
      else await new Promise((r) => setTimeout(r, 2))
    }
    child.process.kill('SIGKILL')
    const { signal } = await child.done
    expect(signal).toBe('SIGKILL')
    expect(temp).toBeDefined()

    expect(existsSync(final)).toBe(false)
    expect(existsSync(temp as string)).toBe(true)
    expect((await stat(temp as string)).size).toBeLessThan(size)
    expect(await store.has(key)).toBe(false)
    expect(await store.get(key)).toBeUndefined()

    expect(await store.sweepTemporaryFiles(0)).toBe(1)
    expect(await listFiles(dir)).toEqual([])
    expect(await store.put(content)).toEqual({ sha256: key, size })
    expect(sha256((await store.get(key)) as Uint8Array)).toBe(key)
  }, 90_000)
})

// The child regenerates the same pattern bytes and puts them; in `slow-put` each write() is delayed so the
// kill lands mid-write on any disk, like a slow or busy device would.
const CHILD = `
import { createCipheriv, createHash } from 'node:crypto'
const [dir, mode, seed, size] = process.argv.slice(-4)
const { FileBlobStore } = await import(${JSON.stringify(STORE_MODULE)})
const key = createHash('sha256').update(seed).digest()
const content = createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(Number(size)))
if (mode === 'slow-put') {
  const { open } = await import('node:fs/promises')
  const probe = await open(process.argv[1], 'r')
  const proto = Object.getPrototypeOf(probe)
  await probe.close()
  const write = proto.write
  proto.write = async function (...args) {
    await new Promise((r) => setTimeout(r, 25))
    return write.apply(this, args)
  }
}
const ref = await new FileBlobStore(dir).put(content)
process.stdout.write(ref.sha256 + '\\n')
`

function startChild(dir: string, mode: string, seed: string, size: number) {
  const script = join(mkdtempSync(join(tmpdir(), 'elc-blob-child-')), 'child.mjs')
  const ready = writeFile(script, CHILD)
  let stdout = ''
  const child = { process: undefined as unknown as ReturnType<typeof spawn> }
  const done = ready.then(
    () =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
        (resolveDone, reject) => {
          const proc = spawn(process.execPath, ['--import', 'tsx', script, dir, mode, seed, String(size)], {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'inherit'],
          })
          child.process = proc
          proc.stdout?.on('data', (d: Buffer) => {
            stdout += d.toString()
          })
          proc.on('error', reject)
          proc.on('exit', (code, signal) => resolveDone({ code, signal, stdout }))
        },
      ),
  )
  return {
    get process() {
      return child.process
    },
    done,
  }
}

function runChild(dir: string, mode: string, seed: string, size: number) {
  return startChild(dir, mode, seed, size).done
}
