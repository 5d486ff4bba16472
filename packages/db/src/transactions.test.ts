import { sql } from 'kysely'
import { beforeAll, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from './testing/index.ts'

interface Tables {
  entry: { id: number; note: string }
  counter: { id: number; n: number }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describeEachDatabase<Tables>('transactions', (ctx) => {
  beforeAll(async () => {
    await sql`create table entry (id int primary key, note text not null)`.execute(ctx.db())
    await sql`create table counter (id int primary key, n int not null)`.execute(ctx.db())
  })

  beforeEach(async () => {
    await sql`truncate entry, counter`.execute(ctx.db())
  })

  const ids = async () =>
    (await ctx.db().selectFrom('entry').select('id').orderBy('id').execute()).map((row) => row.id)

  it('an exception thrown after some writes rolls all of them back', async () => {
    const db = ctx.db()
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('entry').values({ id: 1, note: 'first' }).execute()
        await trx.insertInto('entry').values({ id: 2, note: 'second' }).execute()
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await ids()).toEqual([])
  })

  it('a failing statement rolls back the statements before it', async () => {
    const db = ctx.db()
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('entry').values({ id: 1, note: 'first' }).execute()
        await trx.insertInto('entry').values({ id: 1, note: 'duplicate' }).execute()
      }),
    ).rejects.toThrow(/duplicate key/)
    expect(await ids()).toEqual([])
    // And the database is usable afterwards (no aborted transaction left behind).
    await db.insertInto('entry').values({ id: 3, note: 'after' }).execute()
    expect(await ids()).toEqual([3])
  })

  it('a committed transaction keeps everything; affected-row counts are reported', async () => {
    const db = ctx.db()
    const result = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('entry')
        .values([
          { id: 1, note: 'a' },
          { id: 2, note: 'b' },
        ])
        .execute()
      return trx.updateTable('entry').set({ note: 'c' }).executeTakeFirst()
    })
    expect(result.numUpdatedRows).toBe(2n)
    expect(await ids()).toEqual([1, 2])
  })

  it('a rolled-back savepoint undoes only its own writes', async () => {
    const db = ctx.db()
    const trx = await db.startTransaction().execute()
    await trx.insertInto('entry').values({ id: 1, note: 'kept' }).execute()
    const inner = await trx.savepoint('inner').execute()
    await inner.insertInto('entry').values({ id: 2, note: 'undone' }).execute()
    await inner.rollbackToSavepoint('inner').execute()
    await trx.commit().execute()
    expect(await ids()).toEqual([1])
  })

  it('queries from outside a transaction never land inside it', async () => {
    const db = ctx.db()
    const events: string[] = []
    let outsideRead: Promise<number> | undefined
    let outsideWrite: Promise<unknown> | undefined

    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('entry').values({ id: 1, note: 'uncommitted' }).execute()
        // Fired while the transaction is open, and not awaited inside it.
        outsideRead = db
          .selectFrom('entry')
          .select((eb) => eb.fn.countAll<bigint>().as('n'))
          .where('id', 'in', [1, 3])
          .executeTakeFirstOrThrow()
          .then((row) => {
            events.push('outside read done')
            return Number(row.n)
          })
        outsideWrite = db
          .insertInto('entry')
          .values({ id: 2, note: 'outside' })
          .execute()
          .then(() => events.push('outside write done'))
        await sleep(50) // give the outside queries every chance to interleave
        await trx.insertInto('entry').values({ id: 3, note: 'uncommitted too' }).execute()
        events.push('rolling back')
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    events.push('rolled back')

    // Had the outside read run inside the transaction, it would have seen row 1 or 3; had the outside
    // write run inside it, the rollback would have erased row 2.
    expect(await outsideRead).toBe(0)
    await outsideWrite
    expect(await ids()).toEqual([2])
    if (ctx.kind === 'pglite') {
      // One backend: the outside queries waited for the transaction's turn to end.
      expect(events.slice(0, 2)).toEqual(['rolling back', 'rolled back'])
    }
  })

  it('concurrent transactions and queries all complete without losing an update', async () => {
    const db = ctx.db()
    await db.insertInto('counter').values({ id: 1, n: 0 }).execute()
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        i % 5 === 0
          ? db.selectFrom('counter').selectAll().execute()
          : db.transaction().execute(async (trx) => {
              await trx
                .updateTable('counter')
                .set((eb) => ({ n: eb('n', '+', 1) }))
                .where('id', '=', 1)
                .execute()
              await trx
                .insertInto('entry')
                .values({ id: i, note: `t${i}` })
                .execute()
            }),
      ),
    )
    const { n } = await db.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow()
    expect(n).toBe(20)
    expect((await ids()).length).toBe(20)
  })
})
