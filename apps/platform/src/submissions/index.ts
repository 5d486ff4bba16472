// Submissions from providers: receiving, checking, deciding, contract IDs (R1.24–R1.32).
import { type Kysely, migrateToLatest } from '@elc/db'
import { submissionMigrations } from './migrations.ts'

export { type CheckResult, checkSubmission, type Reason } from './check-submission.ts'
export type { SubmissionDatabase } from './migrations.ts'
export { SUBMISSION_KINDS, SubmissionsService, type SubmissionView } from './submissions-service.ts'

export function migrateSubmissions(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, submissionMigrations, { module: 'submissions' })
}
