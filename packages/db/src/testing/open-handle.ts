// A second, independent handle on a suite's schema: on PostgreSQL its own connection pool, as another
// process would have; on PGlite another Kysely over the shared embedded instance.

import { Kysely } from 'kysely'
import { createDatabase } from '../create-database.ts'
import { PGliteDialect } from '../pglite-dialect.ts'
import { type DatabaseTestContext, postgresTestUrl } from './describe-each-database.ts'
import { sharedPGlite } from './shared-pglite.ts'

export async function openHandle(
  ctx: DatabaseTestContext<unknown>,
  schema = ctx.schema,
): Promise<{ db: Kysely<unknown>; close: () => Promise<void> }> {
  if (ctx.kind === 'pglite') {
    const db = new Kysely<unknown>({
      dialect: new PGliteDialect({ pglite: await sharedPGlite(), searchPath: `"${schema}"` }),
    })
    return { db, close: () => db.destroy() }
  }
  const url = new URL(postgresTestUrl() as string)
  url.searchParams.set('options', `-c search_path=${schema}`)
  const database = await createDatabase<unknown>({ url: url.toString(), poolSize: 4 })
  return { db: database.db, close: database.close }
}
