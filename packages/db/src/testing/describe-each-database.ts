/**
 * Runs one test suite against every database available: embedded PGlite always, and PostgreSQL
 * too when DATABASE_URL names one (CI). Each suite gets a fresh schema of its own, created before
 * its tests and dropped after, so suites never see each other's tables.
 */
import { randomBytes } from 'node:crypto'
import { Kysely, type Migration } from 'kysely'
import { afterAll, beforeAll, describe } from 'vitest'
import type { DatabaseKind } from '../create-database.ts'
import { migrateToLatest } from '../migrate.ts'
import { createPostgresDialect } from '../open-postgres.ts'
import { PGliteDialect } from '../pglite-dialect.ts'
import { schemaSearchPath } from '../session.ts'
import { sharedPGlite } from './shared-pglite.ts'

export interface DatabaseTestContext<DB> {
  readonly kind: DatabaseKind
  /** The suite's own schema; it is the only one on the search_path. */
  readonly schema: string
  /** The suite's Kysely instance; available in tests and hooks once the suite's beforeAll ran. */
  db(): Kysely<DB>
}

export interface DescribeEachDatabaseOptions {
  /** Applied to the suite's schema before its tests. */
  migrations?: Record<string, Migration>
}

/** PostgreSQL URL from DATABASE_URL, when it names one. */
export function postgresTestUrl(): string | undefined {
  const url = process.env.DATABASE_URL
  return url && /^postgres(ql)?:\/\//i.test(url) ? url : undefined
}

export function availableDatabaseKinds(): DatabaseKind[] {
  return postgresTestUrl() ? ['pglite', 'postgres'] : ['pglite']
}

export function describeEachDatabase<DB = unknown>(
  title: string,
  suite: (ctx: DatabaseTestContext<DB>) => void,
  options: DescribeEachDatabaseOptions = {},
): void {
  for (const kind of availableDatabaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      const schema = uniqueSchemaName(title)
      let db: Kysely<DB> | undefined

      beforeAll(async () => {
        const suiteDb = await openSuiteDatabase<DB>(kind, schema)
        try {
          await suiteDb.schema.createSchema(schema).execute()
          if (options.migrations) await migrateToLatest(suiteDb, options.migrations)
        } catch (error) {
          await suiteDb.destroy()
          throw error
        }
        db = suiteDb
      })

      afterAll(async () => {
        if (!db) return
        try {
          await db.schema.dropSchema(schema).ifExists().cascade().execute()
        } finally {
          await db.destroy()
          db = undefined
        }
      })

      suite({
        kind,
        schema,
        db: () => {
          if (!db) throw new Error(`ctx.db() of "${title}" used outside its tests and hooks`)
          return db
        },
      })
    })
  }
}

async function openSuiteDatabase<DB>(kind: DatabaseKind, schema: string): Promise<Kysely<DB>> {
  const searchPath = schemaSearchPath(schema)
  if (kind === 'pglite') {
    // Shared backend: the dialect sets this suite's search_path whenever the suite takes its turn.
    return new Kysely<DB>({ dialect: new PGliteDialect({ pglite: await sharedPGlite(), searchPath }) })
  }
  const url = postgresTestUrl()
  if (!url) throw new Error('DATABASE_URL does not name a PostgreSQL database')
  // A pool of its own, whose every connection starts with this suite's search_path.
  return new Kysely<DB>({ dialect: createPostgresDialect({ url, searchPath, max: 4 }) })
}

let suiteCounter = 0

/** Lowercase, under PostgreSQL's 63-byte identifier limit, unique across parallel processes. */
function uniqueSchemaName(title: string): string {
  const slug = title
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30)
  suiteCounter += 1
  return `t_${slug}_${process.pid}_${suiteCounter}_${randomBytes(3).toString('hex')}`
}
