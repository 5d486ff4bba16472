// Test helpers for the checkers nobody here wrote (pdfsig, mutool, qpdf, openssl): spawned without
// blocking, since the simulator they query runs in the same process.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ToolResult {
  code: number
  stdout: string
  stderr: string
}

export function run(command: string, args: string[], timeoutMs = 60_000): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Which of the given commands are missing, so a test can say why it does not run. */
export async function missingTools(...commands: string[]): Promise<string[]> {
  const found = await Promise.all(commands.map((c) => run('sh', ['-c', `command -v ${c}`])))
  return commands.filter((_, i) => found[i]?.code !== 0)
}

export interface TempDir {
  path(name: string): string
  write(name: string, data: Uint8Array | string): Promise<string>
  remove(): Promise<void>
}

export async function tempDir(prefix = 'elc-pki-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return {
    path: (name) => join(dir, name),
    async write(name, data) {
      await writeFile(join(dir, name), data)
      return join(dir, name)
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}

/** An NSS database trusting `rootPem`, for pdfsig's -nssdir. */
export async function nssTrusting(dir: TempDir, rootPem: string): Promise<string> {
  const db = `sql:${dir.path('nss')}`
  await run('mkdir', ['-p', dir.path('nss')])
  const created = await run('certutil', ['-N', '-d', db, '--empty-password'])
  if (created.code !== 0) throw new Error(`certutil -N: ${created.stderr}`)
  const root = await dir.write('nss-root.pem', rootPem)
  const added = await run('certutil', ['-A', '-d', db, '-n', 'elc-sim-root', '-t', 'CT,C,C', '-i', root])
  if (added.code !== 0) throw new Error(`certutil -A: ${added.stderr}`)
  return db
}
