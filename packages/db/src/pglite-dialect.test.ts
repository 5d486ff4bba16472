import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PGliteDialect } from './pglite-dialect.ts'
import { sharedPGlite } from './testing/shared-pglite.ts'

// Behaviour specific to sharing one PGlite backend between Kysely instances.
describe('PGliteDialect on a shared backend', () => {
  const schemas = ['dialect_a', 'dialect_b'] as const
  const dbs: Kysely<{ t: { v: string } }>[] = []

  beforeAll(async () => {
    const pglite = await sharedPGlite()
    for (const schema of schemas) {
      await pglite.exec(`drop schema if exists ${schema} cascade; create schema ${schema};
        create table ${schema}.t (v text); insert into ${schema}.t values ('${schema}')`)
      dbs.push(new Kysely({ dialect: new PGliteDialect({ pglite, searchPath: schema }) }))
    }
  })

  afterAll(async () => {
    for (const db of dbs) await db.destroy()
    const pglite = await sharedPGlite()
    expect(pglite.closed).toBe(false) // destroying a dialect without closeOnDestroy leaves it open
    await pglite.exec(`drop schema ${schemas[0]} cascade; drop schema ${schemas[1]} cascade`)
  })

  it('each Kysely instance sees its own search_path, even when their queries interleave', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const db = dbs[i % 2] as Kysely<{ t: { v: string } }>
        return i % 4 < 2
          ? db.selectFrom('t').select('v').executeTakeFirstOrThrow()
          : db.transaction().execute((trx) => trx.selectFrom('t').select('v').executeTakeFirstOrThrow())
      }),
    )
    expect(results.map((row) => row.v)).toEqual(Array.from({ length: 40 }, (_, i) => schemas[i % 2]))
  })

  it('a transaction left open by raw SQL is rolled back when the connection is released', async () => {
    const db = dbs[0] as Kysely<{ t: { v: string } }>
    await sql`begin`.execute(db)
    await sql`insert into t values ('stranded')`.execute(db) // a new turn: the begin was ended
    const pglite = await sharedPGlite()
    expect(pglite.isInTransaction()).toBe(false)
    expect((await db.selectFrom('t').select('v').execute()).map((row) => row.v)).toEqual([
      'dialect_a',
      'stranded',
    ])
  })

  it('a connection cannot be used after it was released', async () => {
    const db = dbs[0] as Kysely<{ t: { v: string } }>
    let leaked: Kysely<{ t: { v: string } }> | undefined
    await db.connection().execute(async (conn) => {
      leaked = conn
    })
    await expect(sql`select 1`.execute(leaked as Kysely<{ t: { v: string } }>)).rejects.toThrow(
      /used after it was released/,
    )
  })

  it('streams a result (read whole, yielded in chunks)', async () => {
    const db = dbs[1] as Kysely<{ t: { v: string } }>
    await db
      .insertInto('t')
      .values(['x1', 'x2', 'x3', 'x4'].map((v) => ({ v })))
      .execute()
    const streamed: string[] = []
    for await (const row of db.selectFrom('t').select('v').orderBy('v').stream(3)) streamed.push(row.v)
    expect(streamed).toEqual(['dialect_b', 'x1', 'x2', 'x3', 'x4'])
  })
})
