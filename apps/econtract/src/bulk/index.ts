// Bulk contracts: one background job drafts, sends and has the employer sign contracts for a list of
// employees, the employer approving the whole round once through remote signing (R2.36).
export { BULK_ACCESS, type BulkRoutesDeps, bulkRoutes } from './bulk-routes.ts'
export {
  type BulkJobInput,
  type BulkProgress,
  BulkService,
  type BulkServiceDeps,
  MAX_BULK_ROWS,
} from './bulk-service.ts'
export { BulkWorker, BulkWorkerCrash, type BulkWorkerOptions } from './bulk-worker.ts'
export {
  type BulkDatabase,
  type BulkItemStatus,
  type BulkJobStatus,
  bulkMigrations,
  migrateBulk,
} from './migrations.ts'
export { type Phase, PhaseTimer } from './phase-timer.ts'
export { type Rendered, RenderPool } from './render-pool.ts'
