/**
 * The one database factory every app uses: PostgreSQL when a postgres:// URL is given (production,
 * CI), otherwise embedded PGlite (development, the demo, tests) — with the same types both ways.
 */
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Kysely } from 'kysely'
import { lockDataDir } from './data-dir-lock.ts'
import { openPGlite } from './open-pglite.ts'
import { createPostgresDialect } from './open-postgres.ts'
import { PGliteDialect } from './pglite-dialect.ts'

export type DatabaseKind = 'pglite' | 'postgres'

export interface DatabaseOptions {
  /**
   * Where the data lives; defaults to `process.env.DATABASE_URL`.
   * `postgres://…` / `postgresql://…`: PostgreSQL. `memory://`: in-memory PGlite.
   * `file:///path` or unset: file-backed PGlite. Any other scheme is an error, so a mistyped
   * production URL cannot silently fall back to a local database.
   */
  url?: string
  /** Directory of the file-backed PGlite database; defaults to `./data/<name>`. */
  dataDir?: string
  /** Names the default data directory, e.g. 'platform'; defaults to 'elc'. */
  name?: string
  /** PostgreSQL pool size (pg's default 10). */
  poolSize?: number
  /** Called when an idle PostgreSQL connection fails; the pool replaces it. */
  onError?: (error: Error) => void
}

export interface Database<DB> {
  db: Kysely<DB>
  kind: DatabaseKind
  /** Waits for in-flight queries and transactions, then closes; safe to call twice. */
  close(): Promise<void>
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | undefined }

/** Decides the backend from the options alone; exported so the rule can be tested without I/O. */
export function resolveDatabaseTarget(options: DatabaseOptions = {}): DatabaseTarget {
  const url = options.url ?? process.env.DATABASE_URL ?? ''
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url }
  if (url === 'memory://') return { kind: 'pglite', dataDir: undefined }
  if (url.startsWith('file://')) return { kind: 'pglite', dataDir: fileURLToPath(url) }
  if (url !== '') {
    throw new Error(
      `Unsupported database URL scheme in "${redact(url)}": use postgres://, postgresql://, memory:// or file://`,
    )
  }
  return { kind: 'pglite', dataDir: resolve(options.dataDir ?? `./data/${options.name ?? 'elc'}`) }
}

export async function createDatabase<DB>(options: DatabaseOptions = {}): Promise<Database<DB>> {
  const target = resolveDatabaseTarget(options)
  if (target.kind === 'postgres') {
    const db = new Kysely<DB>({
      dialect: createPostgresDialect({
        url: target.url,
        ...(options.poolSize ? { max: options.poolSize } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
      }),
    })
    return { db, kind: 'postgres', close: once(() => db.destroy()) }
  }
  let unlock = async () => {}
  if (target.dataDir) {
    await mkdir(target.dataDir, { recursive: true })
    unlock = await lockDataDir(target.dataDir)
  }
  let db: Kysely<DB>
  try {
    const pglite = await openPGlite(target.dataDir ? { dataDir: target.dataDir } : {})
    db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: true }) })
  } catch (error) {
    await unlock()
    throw error
  }
  return {
    db,
    kind: 'pglite',
    close: once(async () => {
      try {
        await db.destroy()
      } finally {
        await unlock()
      }
    }),
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined
  return () => {
    closing ??= fn()
    return closing
  }
}

/** Error messages must not carry a password from the URL. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@')
}
