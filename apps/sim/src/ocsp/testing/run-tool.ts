import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ToolResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs an external checker (openssl, python3) and returns its output, never throwing on a non-zero exit. */
export function runTool(cmd: string, args: string[], input?: Uint8Array): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
    if (input) child.stdin?.end(input)
  })
}

/**
 * openssl, asynchronously (tests serve from this process, so a blocking exec would deadlock them):
 * `ok` for exit status 0, `out` for stdout and stderr together.
 */
export async function openssl(...args: string[]): Promise<{ ok: boolean; out: string }> {
  const r = await runTool('openssl', args)
  return { ok: r.code === 0, out: r.stdout + r.stderr }
}

/** A temporary directory with helpers to write files into it. */
export async function tempDir(): Promise<{
  path: (name: string) => string
  write: (name: string, data: string | Uint8Array) => Promise<string>
  remove: () => Promise<void>
}> {
  const dir = await mkdtemp(join(tmpdir(), 'elc-sim-ocsp-tsa-test-'))
  return {
    path: (name) => join(dir, name),
    write: async (name, data) => {
      await writeFile(join(dir, name), data)
      return join(dir, name)
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}
