import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { availableDatabaseKinds, describeEachDatabase, postgresTestUrl } from './index.ts'
import { sharedPGliteStartup } from './shared-pglite.ts'

const schemasSeen: string[] = []
const ranOn: string[] = []

describe('availableDatabaseKinds', () => {
  it('is PGlite, plus PostgreSQL exactly when DATABASE_URL names one', () => {
    expect(availableDatabaseKinds()).toEqual(postgresTestUrl() ? ['pglite', 'postgres'] : ['pglite'])
  })
})

describeEachDatabase('first suite', (ctx) => {
  it('gets a fresh schema that is the only one on its search_path', async () => {
    ranOn.push(ctx.kind)
    schemasSeen.push(ctx.schema)
    const { rows } = await sql<{ schema: string; path: string; tables: bigint }>`
      select current_schema() as schema, current_setting('search_path') as path,
        (select count(*) from information_schema.tables where table_schema = current_schema()) as tables
    `.execute(ctx.db())
    expect(rows).toEqual([{ schema: ctx.schema, path: `"${ctx.schema}"`, tables: 0n }])
  })

  it('unqualified tables are created in the suite schema', async () => {
    await sql`create table shared_name (v text)`.execute(ctx.db())
    await sql`insert into shared_name values (${ctx.schema})`.execute(ctx.db())
    const { rows } = await sql<{ table_schema: string }>`
      select table_schema from information_schema.tables where table_name = 'shared_name'
    `.execute(ctx.db())
    expect(rows.map((row) => row.table_schema)).toContain(ctx.schema)
  })

  it('sessions run in UTC whatever the server default', async () => {
    const { rows } = await sql<{ tz: string }>`select current_setting('TimeZone') as tz`.execute(ctx.db())
    expect(rows).toEqual([{ tz: 'UTC' }])
  })
})

describeEachDatabase('second suite', (ctx) => {
  it('does not see the first suite’s tables, and the first suite’s schema was dropped', async () => {
    expect(schemasSeen.length).toBeGreaterThan(0)
    expect(schemasSeen).not.toContain(ctx.schema)
    await expect(sql`select * from shared_name`.execute(ctx.db())).rejects.toThrow(/does not exist/)
    const { rows } = await sql<{ nspname: string }>`
      select nspname from pg_namespace where nspname = any(${schemasSeen})
    `.execute(ctx.db())
    expect(rows).toEqual([])
  })
})

describe('describeEachDatabase', () => {
  it('ran each suite once per available database', () => {
    expect(ranOn).toEqual(availableDatabaseKinds())
  })

  it('shared PGlite start-up was measured', () => {
    // Not a performance assertion, only that the figure exists for the report below.
    expect(sharedPGliteStartup.ms).toBeGreaterThan(0)
    console.info(
      `shared PGlite started in ${sharedPGliteStartup.ms.toFixed(0)} ms (${
        sharedPGliteStartup.fromTemplate ? 'from cached template' : 'initdb'
      })`,
    )
  })
})
