// Who read my contracts: a worker sees every logged access to the contracts they are the worker on, an
// employer the accesses to its contracts. The official is shown by role and province, never by name
// (the log does not hold it); the ledger index lets the reader check the entry in the public log.
import { type Text, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { PiiCipher } from '@elc/storage'
import { ROLES, type Role } from '@elc/web-auth'
import type { SubmissionDatabase } from '../submissions/index.ts'
import type { OversightDatabase } from './migrations.ts'
import { provinceName } from './provinces.ts'
import { accessPurpose } from './purposes.ts'

export interface DataAccessView {
  at: string
  role: string
  roleLabel: Text | null
  province: { code: string; name: string } | null
  purpose: { code: string; label: Text | null }
  legalBasis: { ruleIds: string[]; text: Text | null }
  /** What was read: a page of a list, one contract's data, or its PDF. */
  resource: string
  /** The caller's contracts among those read. */
  contracts: string[]
  ledgerIndex: number
}

export const MAX_ACCESSES = 500

export async function accessesToContractsOf(
  db: Kysely<SubmissionDatabase & OversightDatabase>,
  pii: PiiCipher,
  party: { personalId?: string; employerTaxCode?: string },
): Promise<DataAccessView[]> {
  let query = db
    .selectFrom('data_access_contract as dc')
    .innerJoin('data_access as a', 'a.id', 'dc.access_id')
    .innerJoin('contract as c', 'c.contract_id', 'dc.contract_id')
    .innerJoin('submission as s', 's.id', 'c.submission_id')
    .select([
      'a.id',
      'a.at',
      'a.role',
      'a.province_code',
      'a.purpose',
      'a.legal_basis',
      'a.resource',
      'a.ledger_index',
      'dc.contract_id',
    ])
  if (party.personalId) query = query.where('s.worker_id_lookup', '=', pii.lookupHash(party.personalId))
  else if (party.employerTaxCode) query = query.where('c.employer_tax_code', '=', party.employerTaxCode)
  else return []
  const rows = await query
    .orderBy('a.at', 'desc')
    .orderBy('a.id')
    .limit(MAX_ACCESSES * 10)
    .execute()
  const byAccess = new Map<string, DataAccessView>()
  for (const r of rows) {
    const seen = byAccess.get(r.id)
    if (seen) {
      seen.contracts.push(r.contract_id)
      continue
    }
    if (byAccess.size >= MAX_ACCESSES) continue
    const purpose = accessPurpose(r.purpose)
    byAccess.set(r.id, {
      at: r.at.toISOString(),
      role: r.role,
      roleLabel: ROLES[r.role as Role] ?? null,
      province: r.province_code
        ? { code: r.province_code, name: provinceName(r.province_code) ?? r.province_code }
        : null,
      purpose: { code: r.purpose, label: purpose?.label ?? null },
      legalBasis: { ruleIds: r.legal_basis.split(' ').filter(Boolean), text: purpose?.basis ?? null },
      resource: r.resource,
      contracts: [r.contract_id],
      ledgerIndex: Number(r.ledger_index),
    })
  }
  return [...byAccess.values()]
}

export const NO_OFFICIAL_NAMES = text(
  'Cán bộ được nêu theo vai trò và địa bàn, không nêu tên.',
  'Officials are shown by role and province, not by name.',
)
