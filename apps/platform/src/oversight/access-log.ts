// Writes one read of other people's contracts to the access log and the ledger in one transaction, before
// the data leaves the Platform: if either fails, the caller gets an error and no data (DESIGN.md §3).
import { createHmac, randomUUID } from 'node:crypto'
import { canonicalJson } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { EntryType, Ledger } from '@elc/ledger'
import { accessNotRecorded } from './errors.ts'
import type { OversightDatabase } from './migrations.ts'

/**
 * The ledger's entry type for an access. @elc/ledger knows `data_access.batch` (one entry per request,
 * however many contracts it read); a dedicated `data_access.recorded` would need a new type there.
 */
export const ACCESS_ENTRY_TYPE: EntryType = 'data_access.batch'

export type AccessResource = 'contract.list' | 'contract.detail' | 'contract.pdf'

export interface AccessRecord {
  id: string
  at: string
  /** Keyed hash of the official's personal ID. */
  official: string
  role: string
  province: string | null
  purpose: string
  legalBasis: string
  resource: AccessResource
  /** Sorted, without repeats. */
  contracts: string[]
  requestId: string
}

export class AccessLog {
  constructor(
    private readonly ledger: Ledger,
    /** Key of the row digests in the ledger; the same secret as personal-ID hashes. */
    private readonly digestKey: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** HMAC of the row's canonical JSON: a row edited later no longer matches its ledger entry. */
  digest(record: AccessRecord): string {
    return createHmac('sha256', this.digestKey).update(canonicalJson(record)).digest('hex')
  }

  async record(
    input: Omit<AccessRecord, 'id' | 'at' | 'contracts'> & { contracts: readonly string[] },
  ): Promise<{ record: AccessRecord; ledgerIndex: number }> {
    const record: AccessRecord = {
      ...input,
      id: randomUUID(),
      at: this.now().toISOString(),
      contracts: [...new Set(input.contracts)].sort(),
    }
    try {
      const { index } = await this.ledger.append(
        {
          type: ACCESS_ENTRY_TYPE,
          at: record.at,
          data: {
            access: record.id,
            official: record.official,
            role: record.role,
            province: record.province,
            purpose: record.purpose,
            legalBasis: record.legalBasis,
            resource: record.resource,
            contracts: record.contracts.length,
            digest: this.digest(record),
          },
        },
        async (trx, index) => {
          const db = trx as Kysely<OversightDatabase>
          await db
            .insertInto('data_access')
            .values({
              id: record.id,
              at: new Date(record.at),
              official_hash: record.official,
              role: record.role,
              province_code: record.province,
              purpose: record.purpose,
              legal_basis: record.legalBasis,
              resource: record.resource,
              request_id: record.requestId,
              ledger_index: BigInt(index),
            })
            .execute()
          if (record.contracts.length)
            await db
              .insertInto('data_access_contract')
              .values(record.contracts.map((c) => ({ access_id: record.id, contract_id: c })))
              .execute()
        },
      )
      return { record, ledgerIndex: index }
    } catch (e) {
      throw accessNotRecorded(e)
    }
  }
}
