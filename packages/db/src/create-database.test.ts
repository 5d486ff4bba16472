import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database, resolveDatabaseTarget } from './create-database.ts'
import { postgresTestUrl } from './testing/index.ts'

describe('resolveDatabaseTarget', () => {
  const saved = process.env.DATABASE_URL
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = saved
  })

  it('uses PostgreSQL for postgres:// and postgresql:// URLs', () => {
    expect(resolveDatabaseTarget({ url: 'postgres://u@h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    })
    expect(resolveDatabaseTarget({ url: 'postgresql://h:5433/db' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://h:5433/db',
    })
  })

  it('uses in-memory PGlite for memory://', () => {
    expect(resolveDatabaseTarget({ url: 'memory://', dataDir: '/ignored' })).toEqual({
      kind: 'pglite',
      dataDir: undefined,
    })
  })

  it('uses file-backed PGlite at dataDir, ./data/<name>, or a file:// URL', () => {
    delete process.env.DATABASE_URL
    expect(resolveDatabaseTarget({ dataDir: '/var/elc/db' })).toEqual({
      kind: 'pglite',
      dataDir: '/var/elc/db',
    })
    expect(resolveDatabaseTarget({ name: 'platform' })).toEqual({
      kind: 'pglite',
      dataDir: resolve('data/platform'),
    })
    expect(resolveDatabaseTarget({})).toEqual({ kind: 'pglite', dataDir: resolve('data/elc') })
    expect(resolveDatabaseTarget({ url: 'file:///srv/d%C6%B0/db' })).toEqual({
      kind: 'pglite',
      dataDir: '/srv/dư/db',
    })
  })

  it('reads DATABASE_URL when no url is given', () => {
    process.env.DATABASE_URL = 'postgres://ci@127.0.0.1/test'
    expect(resolveDatabaseTarget({ name: 'platform' }).kind).toBe('postgres')
    process.env.DATABASE_URL = 'memory://'
    expect(resolveDatabaseTarget({ name: 'platform' })).toEqual({ kind: 'pglite', dataDir: undefined })
  })

  it('rejects any other scheme instead of quietly using a local database, without echoing a password', () => {
    expect(() => resolveDatabaseTarget({ url: 'postgre://admin:s3cret@db/prod' })).toThrow(/Unsupported/)
    expect(() => resolveDatabaseTarget({ url: 'postgre://admin:s3cret@db/prod' })).not.toThrow(/s3cret/)
    expect(() => resolveDatabaseTarget({ url: 'mysql://db' })).toThrow(/Unsupported/)
  })
})

describe('createDatabase', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-db-test-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('file-backed PGlite: creates the directory and reopens with the data and types intact', async () => {
    const url = pathToFileURL(join(dir, 'nested', 'platform')).href
    const first = await createDatabase<{ kv: { k: string; big: bigint; at: Date } }>({ url })
    expect(first.kind).toBe('pglite')
    await sql`create table kv (k text primary key, big int8 not null, at timestamptz not null)`.execute(
      first.db,
    )
    const at = new Date('2026-05-01T01:02:03.456Z')
    await first.db
      .insertInto('kv')
      .values({ k: 'Hồng Nhung', big: 2n ** 60n, at })
      .execute()
    await first.close()
    await first.close() // a second close is harmless

    const second = await createDatabase<{ kv: { k: string; big: bigint; at: Date } }>({ url })
    try {
      // PGlite itself would open the directory a second time and let two instances corrupt it.
      await expect(createDatabase({ url })).rejects.toThrow(/already open in this process/)
      expect(await second.db.selectFrom('kv').selectAll().execute()).toStrictEqual([
        { k: 'Hồng Nhung', big: 2n ** 60n, at },
      ])
    } finally {
      await second.close()
    }
  })

  for (const url of ['memory://', ...(postgresTestUrl() ? [postgresTestUrl() as string] : [])]) {
    it(`close() lets an in-flight transaction commit first, then refuses new queries (${url.split(':')[0]})`, async () => {
      const database: Database<{ t: { id: number } }> = await createDatabase({ url })
      const table = `close_test_${process.pid}`
      await sql`create table ${sql.id(table)} (id int)`.execute(database.db)
      let releaseTransaction!: () => void
      const held = new Promise<void>((resolve) => {
        releaseTransaction = resolve
      })
      let entered!: () => void
      const inside = new Promise<void>((resolve) => {
        entered = resolve
      })
      const transaction = database.db.transaction().execute(async (trx) => {
        await sql`insert into ${sql.id(table)} values (1)`.execute(trx)
        entered()
        await held
        await sql`insert into ${sql.id(table)} values (2)`.execute(trx)
      })
      await inside
      const closing = database.close()
      releaseTransaction()
      await transaction // committed, not cut off
      await closing
      await expect(sql`select 1`.execute(database.db)).rejects.toThrow()
      if (url !== 'memory://') {
        const again = await createDatabase({ url })
        try {
          const { rows } = await sql<{ id: number }>`select id from ${sql.id(table)} order by id`.execute(
            again.db,
          )
          expect(rows).toEqual([{ id: 1 }, { id: 2 }])
        } finally {
          await sql`drop table ${sql.id(table)}`.execute(again.db)
          await again.close()
        }
      }
    })
  }

  it('a data directory locked by a live process is refused; a stale lock is taken over', async () => {
    const dataDir = join(dir, 'locked')
    await mkdir(dataDir, { recursive: true })
    await writeFile(join(dataDir, 'elc-db.lock'), String(process.ppid)) // alive: our parent
    await expect(createDatabase({ url: pathToFileURL(dataDir).href })).rejects.toThrow(
      `in use by process ${process.ppid}`,
    )
    await writeFile(join(dataDir, 'elc-db.lock'), '2147483646') // no such process
    const database = await createDatabase({ url: pathToFileURL(dataDir).href })
    expect(await readFile(join(dataDir, 'elc-db.lock'), 'utf8')).toBe(String(process.pid))
    await database.close()
    await expect(readFile(join(dataDir, 'elc-db.lock'), 'utf8')).rejects.toThrow(/ENOENT/)
  })

  const pgUrl = postgresTestUrl()
  if (pgUrl) {
    it('postgres:// gives a PostgreSQL database with the same session settings', async () => {
      const database = await createDatabase({ url: pgUrl })
      try {
        expect(database.kind).toBe('postgres')
        const { rows } = await sql<{ v: string; tz: string }>`
          select version() as v, current_setting('TimeZone') as tz
        `.execute(database.db)
        expect(rows[0]?.v).not.toMatch(/PGlite/)
        expect(rows[0]?.tz).toBe('UTC')
      } finally {
        await database.close()
      }
    })
  }
})
