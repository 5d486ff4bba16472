// Work committed with an entry (`within`): both land, or neither does, whatever else is in the batch.

import { sql } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { decodeEntry, type Ledger } from '../src/index.ts'
import { newKey, openLedger } from './support.ts'

describeEachDatabase('ledger append within', (ctx) => {
  let ledger: Ledger
  beforeAll(async () => {
    await sql`create table decision (id text primary key, ledger_index bigint not null)`.execute(ctx.db())
    ledger = await openLedger(ctx.db(), 'within.test/ledger', newKey(), { maxBatch: 8, maxDelayMs: 5 })
  })
  afterAll(async () => {
    await ledger?.close()
  })

  const event = (id: string) => ({
    type: 'contract_id.issued' as const,
    at: new Date().toISOString(),
    data: { id },
  })

  it('commits the work with the entry, with the entry’s index', async () => {
    const appended = await ledger.append(event('a'), async (trx, index) => {
      await sql`insert into decision (id, ledger_index) values ('a', ${index})`.execute(trx)
    })
    const { rows } = await sql<{
      ledger_index: bigint
    }>`select ledger_index from decision where id = 'a'`.execute(ctx.db())
    expect(Number(rows[0]?.ledger_index)).toBe(appended.index)
  })

  it('a failing piece of work refuses only its own entry; the rest of its batch lands without a gap', async () => {
    const before = (await ledger.entries(0, 1_000_000)).length
    const results = await Promise.allSettled([
      ledger.append(event('b'), async (trx, index) => {
        await sql`insert into decision (id, ledger_index) values ('b', ${index})`.execute(trx)
      }),
      ledger.append(event('c'), async (trx) => {
        await sql`insert into decision (id, ledger_index) values ('c', -1)`.execute(trx)
        throw new Error('refused')
      }),
      ledger.append(event('d'), async (trx, index) => {
        await sql`insert into decision (id, ledger_index) values ('d', ${index})`.execute(trx)
      }),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'))
    const entries = await ledger.entries(0, 1_000_000)
    expect(entries.length).toBe(before + 2)
    const ids = entries.slice(before).map((e) => (decodeEntry(e).data as { id: string }).id)
    expect(ids).toEqual(['b', 'd'])
    const { rows } = await sql<{ id: string; ledger_index: bigint }>`
      select id, ledger_index from decision where id in ('b', 'c', 'd') order by id`.execute(ctx.db())
    // The refused work left nothing; each other entry's work carries that entry's own index.
    expect(rows.map((r) => [r.id, Number(r.ledger_index)])).toEqual([
      ['b', before],
      ['d', before + 1],
    ])
  })

  it('a failure outside any piece of work still fails the whole batch', async () => {
    const closedLedger = await openLedger(ctx.db(), 'within.test/ledger', newKey(), { maxBatch: 8 })
    await closedLedger.close()
    await expect(closedLedger.append(event('e'))).rejects.toThrow(/closed/)
  })
})
