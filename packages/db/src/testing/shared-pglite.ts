/**
 * The one PGlite instance of this test process. Starting PGlite costs seconds, so every suite in
 * the process shares it and is isolated by its own schema instead.
 */
import type { PGlite } from '@electric-sql/pglite'
import { openPGlite } from '../open-pglite.ts'
import { deleteTemplate, readTemplate, writeTemplate } from './pglite-template.ts'

let shared: Promise<PGlite> | undefined

/** Milliseconds the shared instance took to start, and whether it came from the template. */
export const sharedPGliteStartup = { ms: 0, fromTemplate: false }

export function sharedPGlite(): Promise<PGlite> {
  shared ??= start()
  return shared
}

async function start(): Promise<PGlite> {
  const started = performance.now()
  const template = await readTemplate()
  let pglite: PGlite | undefined
  if (template) {
    try {
      pglite = await openPGlite({ loadDataDir: template })
      sharedPGliteStartup.fromTemplate = true
    } catch {
      // A damaged or incompatible template: fall back to initdb and replace it below.
      await deleteTemplate()
    }
  }
  if (!pglite) {
    pglite = await openPGlite()
    // Still pristine: nothing but our session settings has run, so it can seed later processes.
    await writeTemplate(pglite)
  }
  sharedPGliteStartup.ms = performance.now() - started
  return pglite
}
