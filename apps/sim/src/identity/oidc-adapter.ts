// oidc-provider's storage in the simulator's database (its in-memory adapter is for development only):
// every model in one table keyed by (kind, id), with the columns the lookups need. Clients are the
// registered relying parties of sim_identity_client.
import type { Kysely } from '@elc/db'
import { sql } from '@elc/db'
import type { Adapter, AdapterPayload } from 'oidc-provider'
import type { SimCaDatabase } from '../ca/schema.ts'

/** Expired records are deleted this long after they expire, at most once a minute. */
const RETENTION_MS = 24 * 3_600_000
const PRUNE_INTERVAL_MS = 60_000

export function oidcAdapterFactory(db: Kysely<SimCaDatabase>): (name: string) => Adapter {
  const pruner = { last: 0 }
  return (name: string) =>
    name === 'Client' ? new ClientAdapter(db) : new OidcRecordAdapter(db, name, pruner)
}

export class OidcRecordAdapter implements Adapter {
  constructor(
    private readonly db: Kysely<SimCaDatabase>,
    private readonly kind: string,
    private readonly pruner: { last: number } = { last: 0 },
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    await this.prune()
    const values = {
      payload: JSON.stringify(payload),
      grant_id: payload.grantId ?? null,
      // Sessions are found by their uid; the other models carry no uid worth indexing.
      uid: this.kind === 'Session' ? (payload.uid ?? null) : null,
      user_code: payload.userCode ?? null,
      expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    }
    await this.db
      .insertInto('sim_identity_oidc_record')
      .values({ kind: this.kind, id, consumed_at: null, ...values })
      .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(values))
      .execute()
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findBy('id', id)
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy('uid', uid)
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy('user_code', userCode)
  }

  async consume(id: string): Promise<void> {
    await this.db
      .updateTable('sim_identity_oidc_record')
      .set({ consumed_at: new Date() })
      .where('kind', '=', this.kind)
      .where('id', '=', id)
      .execute()
  }

  async destroy(id: string): Promise<void> {
    await this.db
      .deleteFrom('sim_identity_oidc_record')
      .where('kind', '=', this.kind)
      .where('id', '=', id)
      .execute()
  }

  /** Every record of the grant, whatever its model: codes, access and refresh tokens … */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('sim_identity_oidc_record').where('grant_id', '=', grantId).execute()
  }

  private async findBy(
    column: 'id' | 'uid' | 'user_code',
    value: string,
  ): Promise<AdapterPayload | undefined> {
    if (typeof value !== 'string') return undefined
    const row = await this.db
      .selectFrom('sim_identity_oidc_record')
      .select(['payload', 'consumed_at'])
      .where('kind', '=', this.kind)
      .where(column, '=', value)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
      .executeTakeFirst()
    if (!row) return undefined
    const payload = row.payload as AdapterPayload
    return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : payload
  }

  private async prune(): Promise<void> {
    const now = Date.now()
    if (now - this.pruner.last < PRUNE_INTERVAL_MS) return
    this.pruner.last = now
    await this.db
      .deleteFrom('sim_identity_oidc_record')
      .where('expires_at', '<', new Date(now - RETENTION_MS))
      .execute()
  }
}

/** Registered relying parties; the admin API writes them (dynamic registration is off). */
class ClientAdapter implements Adapter {
  constructor(private readonly db: Kysely<SimCaDatabase>) {}

  async upsert(id: string, payload: AdapterPayload): Promise<void> {
    const metadata = JSON.stringify(payload)
    await this.db
      .insertInto('sim_identity_client')
      .values({ client_id: id, metadata })
      .onConflict((oc) => oc.column('client_id').doUpdateSet({ metadata }))
      .execute()
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (typeof id !== 'string') return undefined
    const row = await this.db
      .selectFrom('sim_identity_client')
      .select('metadata')
      .where('client_id', '=', id)
      .executeTakeFirst()
    return row?.metadata as AdapterPayload | undefined
  }

  async findByUid(): Promise<undefined> {
    return undefined
  }

  async findByUserCode(): Promise<undefined> {
    return undefined
  }

  async consume(): Promise<void> {}

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('sim_identity_client').where('client_id', '=', id).execute()
  }

  async revokeByGrantId(): Promise<void> {}
}

/** Sessions of an account, with the relying parties each one signed in to (for back-channel logout). */
export async function sessionsOfAccount(
  db: Kysely<SimCaDatabase>,
  accountId: string,
): Promise<{ id: string; payload: AdapterPayload }[]> {
  const rows = await db
    .selectFrom('sim_identity_oidc_record')
    .select(['id', 'payload'])
    .where('kind', '=', 'Session')
    .where(sql<string>`payload->>'accountId'`, '=', accountId)
    .execute()
  return rows.map((r) => ({ id: r.id, payload: r.payload as AdapterPayload }))
}
