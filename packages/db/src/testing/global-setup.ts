/**
 * Optional vitest globalSetup: creates the PGlite template once before any worker starts, so no
 * worker pays for initdb. Without it the first worker to start creates the template instead.
 * Enable with `globalSetup: ['packages/db/src/testing/global-setup.ts']` in vitest.config.ts.
 */
import { ensureTemplate } from './pglite-template.ts'

export default async function setup(): Promise<void> {
  await ensureTemplate()
}
