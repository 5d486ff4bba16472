// Work committed with an entry (`within`): both land, or neither does, whatever else is in the batch.

import { sql } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Ledger } from '../src/index.ts'
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

  it('a failing piece of work leaves neither the entry nor any work of its batch', async () => {
    const before = (await ledger.entries(0, 1_000_000)).length
    const results = await Promise.allSettled([
      ledger.append(event('b'), async (trx, index) => {
        await sql`insert into decision (id, ledger_index) values ('b', ${index})`.execute(trx)
      }),
      ledger.append(event('c'), async () => {
        throw new Error('refused')
      }),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect((await ledger.entries(0, 1_000_000)).length).toBe(before)
    const { rows } = await sql`select id from decision where id = 'b'`.execute(ctx.db())
    expect(rows).toEqual([])
  })
})
