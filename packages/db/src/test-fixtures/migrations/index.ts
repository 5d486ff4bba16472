// Test fixture only (not exported by the package): a tiny migration set and its table types.
import type { Generated, Migration } from 'kysely'
import * as createWorker from './0001-create-worker.ts'
import * as createContract from './0002-create-contract.ts'

export const fixtureMigrations: Record<string, Migration> = {
  '0001-create-worker': createWorker,
  '0002-create-contract': createContract,
}

export interface FixtureDatabase {
  worker: { id: Generated<bigint>; full_name: string; created_at: Generated<Date> }
  contract: { id: string; worker_id: bigint; monthly_wage_vnd: bigint; starts_on: string }
}
