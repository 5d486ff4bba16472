// The outbox of signed documents for the Platform (R1.13) and the worker that brings back decisions.
export {
  type ClassifiedFailure,
  classifyFailure,
  type FailureKind,
  retryDelayMs,
} from './classify-failure.ts'
export {
  type Enqueued,
  type EnqueueInput,
  enqueueDocument,
  OUTBOX_DATA_PURPOSE,
  SUBMIT_DEADLINE_MS,
} from './enqueue-document.ts'
export {
  migrateOutbox,
  OUTBOX_KINDS,
  OUTBOX_STATUSES,
  type OutboxDatabase,
  type OutboxError,
  type OutboxKind,
  type OutboxReason,
  type OutboxStatus,
  outboxMigrations,
  type PlatformOutboxTable,
} from './migrations.ts'
export {
  type OperationsRow,
  type OperationsThresholds,
  type OperationsView,
  operationsView,
} from './operations-view.ts'
export {
  type OutboxAlert,
  type OutboxOutcome,
  OutboxWorker,
  type OutboxWorkerOptions,
} from './outbox-worker.ts'
export { PlatformOutbox, type PlatformOutboxOptions } from './platform-outbox.ts'
export { outboxRoutes, PROVIDER_OPERATOR } from './routes.ts'
