// Officials' access to contracts, logged in the ledger; statistics; a party's view of who read their data.
import type { Kysely } from '@elc/db'
import type { Ledger } from '@elc/ledger'
import type { BlobStore, PiiCipher } from '@elc/storage'
import type { FastifyInstance } from 'fastify'
import type { SubmissionDatabase } from '../submissions/index.ts'
import { AccessLog } from './access-log.ts'
import { DepartmentContracts } from './department-contracts.ts'
import { migrateOversight, type OversightDatabase } from './migrations.ts'
import { oversightRoutes } from './routes.ts'

export { ACCESS_ENTRY_TYPE, AccessLog, type AccessRecord } from './access-log.ts'
export { contractFacts } from './contract-facts.ts'
export { DepartmentContracts } from './department-contracts.ts'
export { migrateOversight, type OversightDatabase } from './migrations.ts'
export { PROVINCES, provinceCode, provinceName } from './provinces.ts'
export { ACCESS_PURPOSES, type AccessPurpose } from './purposes.ts'
export { statistics, suppress } from './statistics.ts'

export async function registerOversight(
  app: FastifyInstance,
  options: { db: Kysely<unknown>; ledger: Ledger; pii: PiiCipher; blobs: BlobStore; hashKey: string },
): Promise<void> {
  await migrateOversight(options.db)
  const db = options.db as Kysely<SubmissionDatabase & OversightDatabase>
  const log = new AccessLog(options.ledger, options.hashKey)
  const contracts = new DepartmentContracts(db, { pii: options.pii, blobs: options.blobs, log })
  oversightRoutes(app, { db, pii: options.pii, hashKey: options.hashKey, contracts })
}
