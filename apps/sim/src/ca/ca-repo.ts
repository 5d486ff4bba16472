// SQL for the CA simulator's two tables, nothing else.
import type { Insertable, Kysely, Selectable } from '@elc/db'
import type { SimCaAuthorityTable, SimCaCertificateTable, SimCaDatabase } from './schema.ts'

export type AuthorityRow = Selectable<SimCaAuthorityTable>
export type CertificateRow = Selectable<SimCaCertificateTable>

export class CaRepo {
  constructor(readonly db: Kysely<SimCaDatabase>) {}

  findAuthority(id: string): Promise<AuthorityRow | undefined> {
    return this.db.selectFrom('sim_ca_authority').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /**
   * Inserts a new CA and the record of its certificate under its parent, unless another process
   * created the CA first; returns whether this call created it.
   */
  async insertAuthority(
    authority: Insertable<SimCaAuthorityTable>,
    record: Insertable<SimCaCertificateTable> | undefined,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('sim_ca_authority')
        .values(authority)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted && record) await trx.insertInto('sim_ca_certificate').values(record).execute()
      return inserted !== undefined
    })
  }

  async insertCertificate(record: Insertable<SimCaCertificateTable>): Promise<void> {
    await this.db.insertInto('sim_ca_certificate').values(record).execute()
  }

  findCertificate(serialHex: string): Promise<CertificateRow | undefined> {
    return this.db
      .selectFrom('sim_ca_certificate')
      .selectAll()
      .where('serial_hex', '=', serialHex)
      .executeTakeFirst()
  }

  findByLabel(label: string): Promise<CertificateRow | undefined> {
    return this.db.selectFrom('sim_ca_certificate').selectAll().where('label', '=', label).executeTakeFirst()
  }

  listCertificates(filter: { issuerId?: string; limit: number }): Promise<CertificateRow[]> {
    let query = this.db.selectFrom('sim_ca_certificate').selectAll()
    if (filter.issuerId) query = query.where('issuer_id', '=', filter.issuerId)
    return query.orderBy('issued_at', 'desc').orderBy('serial_hex').limit(filter.limit).execute()
  }

  /** Marks a certificate revoked unless it already is; returns the updated row or undefined. */
  revoke(serialHex: string, revokedAt: Date, reasonCode: number): Promise<CertificateRow | undefined> {
    return this.db
      .updateTable('sim_ca_certificate')
      .set({ revoked_at: revokedAt, revocation_reason: reasonCode })
      .where('serial_hex', '=', serialHex)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
  }

  revokedUnder(
    issuerId: string,
  ): Promise<Pick<CertificateRow, 'serial_hex' | 'revoked_at' | 'revocation_reason'>[]> {
    return this.db
      .selectFrom('sim_ca_certificate')
      .select(['serial_hex', 'revoked_at', 'revocation_reason'])
      .where('issuer_id', '=', issuerId)
      .where('revoked_at', 'is not', null)
      .orderBy('revoked_at')
      .orderBy('serial_hex')
      .execute()
  }

  async nextCrlNumber(issuerId: string): Promise<bigint> {
    const row = await this.db
      .updateTable('sim_ca_authority')
      .set((eb) => ({ crl_number: eb('crl_number', '+', 1n) }))
      .where('id', '=', issuerId)
      .returning('crl_number')
      .executeTakeFirstOrThrow()
    return row.crl_number
  }

  async storeCrl(issuerId: string, crlDer: Uint8Array): Promise<void> {
    await this.db
      .updateTable('sim_ca_authority')
      .set({ crl_der: crlDer })
      .where('id', '=', issuerId)
      .execute()
  }
}
