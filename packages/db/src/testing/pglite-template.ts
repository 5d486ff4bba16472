/**
 * A cached, freshly initialised PGlite data directory, so test processes skip initdb.
 *
 * A new PGlite database runs initdb inside WebAssembly (~3.5 s here); starting from a dumped data
 * directory takes ~0.6 s. The tarball lives in the OS temp directory, keyed by PGlite version, and
 * is written atomically (temp file + rename) so parallel workers can race to create it safely.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'

function pgliteVersion(): string {
  // The package's exports map hides package.json; find it beside the resolved entry point.
  const require = createRequire(import.meta.url)
  const entry = require.resolve('@electric-sql/pglite')
  const pkg = require(join(dirname(entry), '..', 'package.json')) as { version: string }
  return pkg.version
}

export function templatePath(): string {
  return join(tmpdir(), 'elc-db', `pglite-${pgliteVersion()}-template.tar`)
}

/** The cached template, or undefined when there is none yet. */
export async function readTemplate(): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(templatePath())])
  } catch {
    return undefined
  }
}

/** Dumps a PGlite that nothing has touched yet and stores it as the template. */
export async function writeTemplate(pristine: PGlite): Promise<void> {
  const tarball = await pristine.dumpDataDir('none')
  const path = templatePath()
  await mkdir(dirname(path), { recursive: true })
  const partial = `${path}.${process.pid}.${Date.now()}.partial`
  await writeFile(partial, new Uint8Array(await tarball.arrayBuffer()))
  await rename(partial, path)
}

/** Creates the template if missing; for a vitest globalSetup, so workers never run initdb. */
export async function ensureTemplate(): Promise<void> {
  if (await readTemplate()) return
  const pristine = await PGlite.create()
  try {
    await writeTemplate(pristine)
  } finally {
    await pristine.close()
  }
}

export async function deleteTemplate(): Promise<void> {
  await rm(templatePath(), { force: true })
}
