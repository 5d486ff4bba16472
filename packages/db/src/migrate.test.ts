import { type Kysely, type Migration, sql } from 'kysely'
import { expect, it } from 'vitest'
import { MigrationError, migrateToLatest } from './migrate.ts'
import { type FixtureDatabase, fixtureMigrations } from './test-fixtures/migrations/index.ts'
import { describeEachDatabase } from './testing/index.ts'

async function tablesIn(db: Kysely<unknown>, schema: string): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = ${schema} order by table_name
  `.execute(db)
  return rows.map((row) => row.table_name)
}

describeEachDatabase<FixtureDatabase>('migrateToLatest', (ctx) => {
  it('applies every migration in order, in the suite schema', async () => {
    const applied = await migrateToLatest(ctx.db(), fixtureMigrations)
    expect(applied).toEqual(['0001-create-worker', '0002-create-contract'])
    expect(await tablesIn(ctx.db() as Kysely<unknown>, ctx.schema)).toEqual([
      'contract',
      'kysely_migration',
      'kysely_migration_lock',
      'worker',
    ])
  })

  it('is idempotent: a second run applies nothing and changes nothing', async () => {
    const db = ctx.db()
    const worker = await db
      .insertInto('worker')
      .values({ full_name: 'Nguyễn Thị Hồng Nhung' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(await migrateToLatest(db, fixtureMigrations)).toEqual([])
    const rows = await db.selectFrom('worker').select(['id', 'full_name']).execute()
    expect(rows).toEqual([{ id: worker.id, full_name: 'Nguyễn Thị Hồng Nhung' }])
  })

  it('the multi-statement SQL migration created its constraints and index', async () => {
    const db = ctx.db()
    const { id } = await db
      .insertInto('worker')
      .values({ full_name: 'Trần Văn An' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expect(
      db
        .insertInto('contract')
        .values({ id: 'X000000000001', worker_id: id, monthly_wage_vnd: 5_000_000n, starts_on: '2026-01-01' })
        .execute(),
    ).rejects.toThrow(/check constraint/)
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where schemaname = ${ctx.schema} and tablename = 'contract' order by 1
    `.execute(db)
    expect(rows.map((row) => row.indexname)).toEqual(['contract_pkey', 'contract_worker_idx'])
  })

  it('a later migration that fails throws MigrationError naming it and rolls the whole batch back', async () => {
    const db = ctx.db()
    const broken: Record<string, Migration> = {
      ...fixtureMigrations,
      '0003-add-audit': {
        up: async (trx) => {
          await sql`create table audit (id int primary key)`.execute(trx)
        },
      },
      '0004-broken': {
        up: async (trx) => {
          await sql`alter table no_such_table add column x int`.execute(trx)
        },
      },
    }
    const error = await migrateToLatest(db, broken).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(MigrationError)
    expect((error as MigrationError).migrationName).toBe('0004-broken')
    expect((error as MigrationError).message).toMatch(/Migration "0004-broken" failed.*no_such_table/)
    // 0003 ran in the same transaction, so it is gone too.
    expect(await tablesIn(db as Kysely<unknown>, ctx.schema)).not.toContain('audit')
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
    expect(recorded.rows.map((row) => row.name)).toEqual(['0001-create-worker', '0002-create-contract'])
  })

  it('keeps its bookkeeping per schema even when another schema already has kysely_migration', async () => {
    const db = ctx.db()
    const other = `${ctx.schema}_other`
    await sql`create schema ${sql.id(other)}`.execute(db)
    try {
      // Move to the other schema for one connection: the public schema, a sibling suite and the
      // suite schema all look alike to an unpinned Migrator.
      await db.connection().execute(async (conn) => {
        await sql`select set_config('search_path', ${`"${other}"`}, false)`.execute(conn)
        try {
          expect(await migrateToLatest(conn, fixtureMigrations)).toEqual([
            '0001-create-worker',
            '0002-create-contract',
          ])
        } finally {
          await sql`select set_config('search_path', ${`"${ctx.schema}"`}, false)`.execute(conn)
        }
      })
      expect(await tablesIn(db as Kysely<unknown>, other)).toContain('kysely_migration')
    } finally {
      await sql`drop schema ${sql.id(other)} cascade`.execute(db)
    }
  })
})

describeEachDatabase<FixtureDatabase>(
  'describeEachDatabase with migrations',
  (ctx) => {
    it('runs the migrations before the tests', async () => {
      expect(await tablesIn(ctx.db() as Kysely<unknown>, ctx.schema)).toContain('contract')
    })
  },
  { migrations: fixtureMigrations },
)
