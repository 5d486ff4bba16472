// SQL of the provider registry, nothing else: rules about who may change what live in the services.
import type { Kysely, Transaction } from '@elc/db'
import type { AgreementStatus, PlatformSigningKeyTable, ProvidersDatabase } from './schema.ts'

export interface ProviderRecord {
  id: string
  name: string
  taxCode: string
  website: string
  serviceName: string
  supportContact: string
  feeScheduleUrl: string
  termsUrl: string
  createdAt: Date
}

export interface AgreementRecord {
  id: string
  providerId: string
  reference: string | null
  status: AgreementStatus
  statusChangedAt: Date
  statusReason: string | null
  notifiedAt: Date | null
  effectiveNoticeEnd: Date | null
}

export interface AgreementEvent {
  fromStatus: AgreementStatus | null
  toStatus: AgreementStatus
  reason: string | null
  actor: string
  at: Date
  notifiedAt: Date | null
  effectiveNoticeEnd: Date | null
}

export interface ProviderKeyRecord {
  kid: string
  jwk: Record<string, unknown>
  addedAt: Date
  retiredAt: Date | null
}

export interface PlatformKeyRecord {
  kid: string
  alg: string
  privateJwk: Record<string, unknown>
  publicJwk: Record<string, unknown>
  createdAt: Date
}

type Db = Kysely<ProvidersDatabase> | Transaction<ProvidersDatabase>

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>

export class ProvidersRepo {
  constructor(readonly db: Kysely<ProvidersDatabase>) {}

  async insertProvider(
    input: Omit<ProviderRecord, 'createdAt'> & { createdAt: Date; createdBy: string },
    agreement: { id: string; reference: string | null },
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('provider')
        .values({
          id: input.id,
          name: input.name,
          tax_code: input.taxCode,
          website: input.website,
          service_name: input.serviceName,
          support_contact: input.supportContact,
          fee_schedule_url: input.feeScheduleUrl,
          terms_url: input.termsUrl,
          created_at: input.createdAt,
          created_by: input.createdBy,
        })
        .execute()
      await trx
        .insertInto('connection_agreement')
        .values({
          id: agreement.id,
          provider_id: input.id,
          reference: agreement.reference,
          status: 'pending',
          status_changed_at: input.createdAt,
          status_reason: null,
          notified_at: null,
          effective_notice_end: null,
          created_at: input.createdAt,
        })
        .execute()
      await trx
        .insertInto('connection_agreement_event')
        .values({
          agreement_id: agreement.id,
          from_status: null,
          to_status: 'pending',
          reason: null,
          actor: input.createdBy,
          at: input.createdAt,
          notified_at: null,
          effective_notice_end: null,
        })
        .execute()
    })
  }

  async providerByTaxCode(taxCode: string): Promise<ProviderRecord | undefined> {
    const row = await this.db
      .selectFrom('provider')
      .selectAll()
      .where('tax_code', '=', taxCode)
      .executeTakeFirst()
    return row && providerOf(row)
  }

  async provider(id: string): Promise<ProviderRecord | undefined> {
    const row = await this.db.selectFrom('provider').selectAll().where('id', '=', id).executeTakeFirst()
    return row && providerOf(row)
  }

  async agreement(
    providerId: string,
    db: Db = this.db,
    forUpdate = false,
  ): Promise<AgreementRecord | undefined> {
    let query = db.selectFrom('connection_agreement').selectAll().where('provider_id', '=', providerId)
    if (forUpdate) query = query.forUpdate()
    const row = await query.executeTakeFirst()
    return (
      row && {
        id: row.id,
        providerId: row.provider_id,
        reference: row.reference,
        status: row.status,
        statusChangedAt: row.status_changed_at,
        statusReason: row.status_reason,
        notifiedAt: row.notified_at,
        effectiveNoticeEnd: row.effective_notice_end,
      }
    )
  }

  async agreementStatus(providerId: string): Promise<AgreementStatus | undefined> {
    const row = await this.db
      .selectFrom('connection_agreement')
      .select('status')
      .where('provider_id', '=', providerId)
      .executeTakeFirst()
    return row?.status
  }

  async history(agreementId: string): Promise<AgreementEvent[]> {
    const rows = await this.db
      .selectFrom('connection_agreement_event')
      .selectAll()
      .where('agreement_id', '=', agreementId)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      fromStatus: r.from_status,
      toStatus: r.to_status,
      reason: r.reason,
      actor: r.actor,
      at: r.at,
      notifiedAt: r.notified_at,
      effectiveNoticeEnd: r.effective_notice_end,
    }))
  }

  /** Reads the agreement under a row lock, lets `decide` choose the change (or throw), and records it. */
  async changeStatus(
    providerId: string,
    decide: (current: AgreementRecord) => Omit<AgreementEvent, 'fromStatus'>,
  ): Promise<AgreementRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const current = await this.agreement(providerId, trx, true)
      if (!current) return undefined
      const change = decide(current)
      await trx
        .updateTable('connection_agreement')
        .set({
          status: change.toStatus,
          status_changed_at: change.at,
          status_reason: change.reason,
          notified_at: change.notifiedAt,
          effective_notice_end: change.effectiveNoticeEnd,
        })
        .where('id', '=', current.id)
        .execute()
      await trx
        .insertInto('connection_agreement_event')
        .values({
          agreement_id: current.id,
          from_status: current.status,
          to_status: change.toStatus,
          reason: change.reason,
          actor: change.actor,
          at: change.at,
          notified_at: change.notifiedAt,
          effective_notice_end: change.effectiveNoticeEnd,
        })
        .execute()
      return {
        ...current,
        status: change.toStatus,
        statusChangedAt: change.at,
        statusReason: change.reason,
        notifiedAt: change.notifiedAt,
        effectiveNoticeEnd: change.effectiveNoticeEnd,
      }
    })
  }

  async activeProviders(): Promise<ProviderRecord[]> {
    const rows = await this.db
      .selectFrom('provider')
      .innerJoin('connection_agreement', 'connection_agreement.provider_id', 'provider.id')
      .selectAll('provider')
      .where('connection_agreement.status', '=', 'active')
      .orderBy('provider.name')
      .execute()
    return rows.map(providerOf)
  }

  /** false when the provider already has a key with this kid. */
  async addKey(input: {
    providerId: string
    kid: string
    jwk: Record<string, unknown>
    at: Date
    by: string
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('provider_key')
      .values({
        provider_id: input.providerId,
        kid: input.kid,
        jwk: JSON.stringify(input.jwk),
        added_at: input.at,
        added_by: input.by,
        retired_at: null,
        retired_by: null,
      })
      .onConflict((oc) => oc.columns(['provider_id', 'kid']).doNothing())
      .returning('kid')
      .executeTakeFirst()
    return result !== undefined
  }

  /** false when there is no such key still in use. */
  async retireKey(input: { providerId: string; kid: string; at: Date; by: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('provider_key')
      .set({ retired_at: input.at, retired_by: input.by })
      .where('provider_id', '=', input.providerId)
      .where('kid', '=', input.kid)
      .where('retired_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async keys(providerId: string, { includeRetired = false } = {}): Promise<ProviderKeyRecord[]> {
    let query = this.db.selectFrom('provider_key').selectAll().where('provider_id', '=', providerId)
    if (!includeRetired) query = query.where('retired_at', 'is', null)
    const rows = await query.orderBy('added_at').execute()
    return rows.map((r) => ({ kid: r.kid, jwk: json(r.jwk), addedAt: r.added_at, retiredAt: r.retired_at }))
  }

  /** Records a client assertion's jti until it expires; false when it was already used (a replay). */
  async useJti(providerId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean> {
    // Expired ids can no longer be replayed (their assertion is refused as expired), so they are dropped here.
    await this.db.deleteFrom('client_assertion_jti').where('expires_at', '<', now).execute()
    const result = await this.db
      .insertInto('client_assertion_jti')
      .values({ provider_id: providerId, jti, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['provider_id', 'jti']).doNothing())
      .returning('jti')
      .executeTakeFirst()
    return result !== undefined
  }

  /** Every signing key still published (current, or retired less than its grace ago), newest first. */
  async publishedSigningKeys(now: Date): Promise<PlatformSigningKeyTable[]> {
    const rows = await this.db
      .selectFrom('platform_signing_key')
      .selectAll()
      .where((w) => w.or([w('retired_at', 'is', null), w('retired_at', '>', now)]))
      .orderBy('created_at', 'desc')
      .orderBy('kid')
      .execute()
    return rows.map((r) => ({ ...r, public_jwk: json(r.public_jwk) }))
  }

  /**
   * Adds a signing key; with `retireOthersAt`, every other unretired key stops signing now and stays
   * published until then. In one transaction, so two instances rotating at once still leave one current key.
   */
  async addSigningKey(row: PlatformSigningKeyTable, retireOthersAt?: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (retireOthersAt)
        await trx
          .updateTable('platform_signing_key')
          .set({ retired_at: retireOthersAt })
          .where('retired_at', 'is', null)
          .execute()
      await trx
        .insertInto('platform_signing_key')
        .values({ ...row, public_jwk: JSON.stringify(row.public_jwk) })
        .execute()
    })
  }

  /** The clear-text key of the first schema, if it is still there. */
  async legacyPlatformKey(): Promise<PlatformKeyRecord | undefined> {
    const row = await this.db
      .selectFrom('platform_token_key')
      .selectAll()
      .where('id', '=', 'access-token')
      .executeTakeFirst()
    return (
      row && {
        kid: row.kid,
        alg: row.alg,
        privateJwk: json(row.private_jwk),
        publicJwk: json(row.public_jwk),
        createdAt: row.created_at,
      }
    )
  }

  /** Moves the legacy key into the encrypted table and deletes its clear text, in one transaction. */
  async importLegacyKey(row: PlatformSigningKeyTable): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('platform_signing_key')
        .values({ ...row, public_jwk: JSON.stringify(row.public_jwk) })
        .onConflict((oc) => oc.column('kid').doNothing())
        .execute()
      await trx.deleteFrom('platform_token_key').where('id', '=', 'access-token').execute()
    })
  }
}

function providerOf(row: ProvidersDatabase['provider']): ProviderRecord {
  return {
    id: row.id,
    name: row.name,
    taxCode: row.tax_code,
    website: row.website,
    serviceName: row.service_name,
    supportContact: row.support_contact,
    feeScheduleUrl: row.fee_schedule_url,
    termsUrl: row.terms_url,
    createdAt: row.created_at,
  }
}
