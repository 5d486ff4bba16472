// Every change of a connection agreement becomes a ledger entry (`connection.changed`). The change commits
// first; the entry follows, marked on the change row in the entry's own transaction, so a crash in
// between is mended by the next sweep and nothing is recorded twice.
import type { Kysely } from '@elc/db'
import type { Ledger } from '@elc/ledger'
import type { ProvidersDatabase } from './schema.ts'

export class ConnectionLedger {
  private running: Promise<number> = Promise.resolve(0)
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly db: Kysely<ProvidersDatabase>,
    private readonly ledger: Ledger,
    intervalMs = 1_000,
  ) {
    this.timer = setInterval(() => void this.sweep().catch(() => {}), intervalMs)
    this.timer.unref()
  }

  /** Appends every change not yet in the ledger; one sweep at a time, oldest first. */
  sweep(): Promise<number> {
    this.running = this.running.catch(() => 0).then(() => this.publish())
    return this.running
  }

  private async publish(): Promise<number> {
    const pending = await this.db
      .selectFrom('connection_agreement_event as e')
      .innerJoin('connection_agreement as a', 'a.id', 'e.agreement_id')
      .select([
        'e.id',
        'e.agreement_id',
        'a.provider_id',
        'e.from_status',
        'e.to_status',
        'e.reason',
        'e.at',
        'e.effective_notice_end',
      ])
      .where('e.ledger_index', 'is', null)
      .orderBy('e.id')
      .limit(200)
      .execute()
    for (const e of pending)
      await this.ledger.append(
        {
          type: 'connection.changed',
          at: e.at.toISOString(),
          data: {
            provider: e.provider_id,
            agreement: e.agreement_id,
            from: e.from_status,
            to: e.to_status,
            reason: e.reason,
            noticeEnd: e.effective_notice_end?.toISOString() ?? null,
          },
        },
        async (trx, index) => {
          await (trx as Kysely<ProvidersDatabase>)
            .updateTable('connection_agreement_event')
            .set({ ledger_index: BigInt(index) })
            .where('id', '=', e.id)
            .execute()
        },
      )
    return pending.length
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running.catch(() => {})
  }
}
