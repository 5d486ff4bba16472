// What the bulk steps share: the contract services' database and blobs, the TSA, the employer's checked
// certificate, a clock and (for the benchmark) a phase timer.
import type { Kysely } from '@elc/db'
import type { TimestampAuthority } from '@elc/pki'
import type { DocumentsService } from '../contracts/documents-service.ts'
import type { SignerCertificate } from '../contracts/signer-certificates.ts'
import type { BulkDatabase, BulkJobTable } from './migrations.ts'
import type { PhaseTimer } from './phase-timer.ts'
import type { Rendered } from './render-pool.ts'

export interface BulkContext {
  db: Kysely<BulkDatabase>
  documents: DocumentsService
  tsa: TimestampAuthority
  now(): Date
  /** The organisation's certificate, checked (R2.1) within the last few minutes. */
  employerCertificate(job: BulkJobTable): Promise<SignerCertificate>
  timer?: PhaseTimer
  /** Renders a contract (a RenderPool's threads); in this thread when absent. */
  render?: (data: unknown) => Promise<Rendered>
}
