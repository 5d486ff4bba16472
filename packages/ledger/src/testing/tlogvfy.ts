// The independent checker ../shared/tools/tlogvfy.go (Go's golang.org/x/mod/sumdb/{tlog,note}), built once
// into .tmp/ and run from tests. Without a Go toolchain the tests that need it are skipped with this reason.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const SOURCE = join(ROOT, '../shared/tools/tlogvfy.go')
const WORK = join(ROOT, '.tmp/tlogvfy')
const BINARY = join(WORK, 'tlogvfy')

let built: { path?: string; reason?: string } | undefined

function build(): { path?: string; reason?: string } {
  if (existsSync(BINARY)) return { path: BINARY }
  if (!existsSync(SOURCE)) return { reason: `${SOURCE} not found` }
  if (spawnSync('go', ['version']).status !== 0)
    return { reason: 'no Go toolchain (apt-get install golang-go golang-golang-x-mod-dev)' }
  try {
    mkdirSync(join(WORK, 'src/tlogvfy'), { recursive: true })
    copyFileSync(SOURCE, join(WORK, 'src/tlogvfy/main.go'))
    execFileSync('go', ['build', '-o', BINARY, 'tlogvfy'], {
      cwd: WORK,
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH: `${WORK}:/usr/share/gocode`,
        GOCACHE: join(WORK, 'cache'),
      },
      stdio: 'pipe',
    })
    return { path: BINARY }
  } catch (e) {
    return { reason: `go build failed: ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}` }
  }
}

/** The path of the built checker, or the reason it cannot be had here. */
export function tlogvfy(): { path?: string; reason?: string } {
  built ??= build()
  return built
}

/** Runs the checker; returns its exit status and output. */
export function runTlogvfy(args: string[]): { status: number; stdout: string; stderr: string } {
  const { path, reason } = tlogvfy()
  if (!path) throw new Error(`tlogvfy unavailable: ${reason}`)
  const r = spawnSync(path, args, { encoding: 'utf8' })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
