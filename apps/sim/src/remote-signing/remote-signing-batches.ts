// Batch remote signing (R2.34, R2.36): one request carries many digests (an employer approving a whole
// round of contracts), the subscriber is shown one description and approves all of them with one one-time
// code. Same rules as a single request: the code is stored hashed, three wrong codes reject the batch, it
// expires after the same time, and it is a row of the simulator's database so it survives a restart.
import { randomInt, randomUUID } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import { type Kysely, type Migration, migrateToLatest, type Selectable, sql } from '@elc/db'
import type { CertificateRecord, SimCertificateAuthority } from '../ca/certificate-authority.ts'
import { DIGEST_LENGTHS, type DigestAlgorithm } from '../ca/prehash-signing.ts'
import type { SimCaDatabase } from '../ca/schema.ts'

export const MAX_BATCH_DIGESTS = 5_000
const MAX_DESCRIPTION_LENGTH = 500
const RETENTION_MS = 24 * 3_600_000
const PRUNE_INTERVAL_MS = 60_000

export interface SimRemoteSigningBatchTable {
  id: string
  serial_hex: string
  digest_algorithm: string
  description: string
  /** The digests end to end, each DIGEST_LENGTHS[digest_algorithm] bytes. */
  digests: Uint8Array
  digest_count: number
  otp_hash: Uint8Array | null
  failed_attempts: number
  status: 'pending' | 'approved' | 'rejected'
  reject_reason: string | null
  created_at: Date
  expires_at: Date
  finished_at: Date | null
  /** JSON array of base64 signatures, in the order of the digests. */
  signatures: unknown
  signature_algorithm: string | null
  certificate_pem: string | null
}

interface BatchDatabase {
  sim_remote_signing_batch: SimRemoteSigningBatchTable
}

type BatchRow = Selectable<SimRemoteSigningBatchTable>

export const remoteSigningBatchMigrations: Record<string, Migration> = {
  'remote-signing-batch-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table sim_remote_signing_batch (
          id text primary key,
          serial_hex text not null,
          digest_algorithm text not null,
          description text not null,
          digests bytea not null,
          digest_count integer not null,
          otp_hash bytea,
          failed_attempts integer not null default 0,
          status text not null check (status in ('pending', 'approved', 'rejected')),
          reject_reason text,
          created_at timestamptz not null,
          expires_at timestamptz not null,
          finished_at timestamptz,
          signatures jsonb,
          signature_algorithm text,
          certificate_pem text
        );
        create index sim_remote_signing_batch_expiry on sim_remote_signing_batch (expires_at);
      `.execute(db)
    },
  },
}

export interface BatchRequestInput {
  serialNumber: string
  digestAlgorithm: DigestAlgorithm
  digests: Uint8Array[]
  description: string
}

export interface BatchCreated {
  batchId: string
  status: 'pending' | 'approved'
  expiresAt: Date
  count: number
  /** As the SMS/app would deliver it; absent in auto-approve mode. */
  otp?: string
}

interface BatchCommon {
  batchId: string
  serialNumber: string
  digestAlgorithm: DigestAlgorithm
  description: string
  count: number
  createdAt: Date
  expiresAt: Date
}

export type BatchStatus = BatchCommon &
  (
    | { status: 'pending' }
    | {
        status: 'approved'
        approvedAt: Date
        /** One per digest, in order; encoded as single requests' signatures are. */
        signatures: Uint8Array[]
        signatureAlgorithm: string
        certificatePem: string
      }
    | { status: 'rejected'; rejectedAt: Date; reason: 'subscriber' | 'otp-attempts' }
    | { status: 'expired' }
  )

export interface BatchDeps {
  ca: SimCertificateAuthority
  db: Kysely<SimCaDatabase>
  now: () => Date
  ttlMs: number
  autoApprove: boolean
  maxAttempts: number
  signable: (serial: string) => Promise<CertificateRecord>
  otpHash: (id: string, otp: string) => Uint8Array
  otpMatches: (expected: Uint8Array, id: string, given: unknown) => boolean
  notPending: (status: string) => ElcError
}

export class RemoteSigningBatches {
  private readonly db: Kysely<BatchDatabase>
  private migrated: Promise<unknown> | undefined
  private lastPrune = 0

  constructor(private readonly deps: BatchDeps) {
    this.db = deps.db as unknown as Kysely<BatchDatabase>
  }

  /** Creates the batch table (its own migration list, beside the CA's). */
  ready(): Promise<unknown> {
    this.migrated ??= migrateToLatest(this.db, remoteSigningBatchMigrations, {
      module: 'sim_remote_signing_batch',
    })
    return this.migrated
  }

  async request(input: BatchRequestInput): Promise<BatchCreated> {
    await this.ready()
    const algorithm = input.digestAlgorithm
    if (!Object.hasOwn(DIGEST_LENGTHS, algorithm))
      throw invalid(
        'REMOTE_SIGNING_DIGEST_ALGORITHM_INVALID',
        'Thuật toán băm phải là SHA-256, SHA-384 hoặc SHA-512.',
        'The digest algorithm must be SHA-256, SHA-384 or SHA-512.',
      )
    const length = DIGEST_LENGTHS[algorithm]
    if (
      !Array.isArray(input.digests) ||
      input.digests.length === 0 ||
      input.digests.length > MAX_BATCH_DIGESTS
    )
      throw invalid(
        'REMOTE_SIGNING_BATCH_SIZE_INVALID',
        `Một lô ký phải có từ 1 đến ${MAX_BATCH_DIGESTS} giá trị băm.`,
        `A signing batch must carry 1 to ${MAX_BATCH_DIGESTS} digests.`,
      )
    if (input.digests.some((d) => !(d instanceof Uint8Array) || d.length !== length))
      throw invalid(
        'REMOTE_SIGNING_DIGEST_INVALID',
        `Mỗi giá trị băm ${algorithm} phải dài ${length} byte.`,
        `Each ${algorithm} digest must be ${length} bytes long.`,
      )
    const description = typeof input.description === 'string' ? input.description.normalize('NFC').trim() : ''
    if (!description || description.length > MAX_DESCRIPTION_LENGTH)
      throw invalid(
        'REMOTE_SIGNING_DESCRIPTION_INVALID',
        `Mô tả cho người ký là bắt buộc và không quá ${MAX_DESCRIPTION_LENGTH} ký tự.`,
        `A description for the signer is required, at most ${MAX_DESCRIPTION_LENGTH} characters.`,
      )
    const record = await this.deps.signable(input.serialNumber)
    await this.prune()
    const createdAt = this.deps.now()
    const batchId = randomUUID()
    const otp = randomInt(0, 1_000_000).toString().padStart(6, '0')
    const row = await this.db
      .insertInto('sim_remote_signing_batch')
      .values({
        id: batchId,
        serial_hex: record.serialNumber,
        digest_algorithm: algorithm,
        description,
        digests: new Uint8Array(Buffer.concat(input.digests)),
        digest_count: input.digests.length,
        otp_hash: this.deps.autoApprove ? null : this.deps.otpHash(batchId, otp),
        failed_attempts: 0,
        status: 'pending',
        reject_reason: null,
        created_at: createdAt,
        expires_at: new Date(createdAt.getTime() + this.deps.ttlMs),
        finished_at: null,
        signatures: null,
        signature_algorithm: null,
        certificate_pem: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const common = { batchId, expiresAt: row.expires_at, count: row.digest_count }
    if (this.deps.autoApprove) {
      await this.sign(row)
      return { ...common, status: 'approved' }
    }
    return { ...common, status: 'pending', otp }
  }

  /** One code approves every digest of the batch; the third wrong code rejects the batch (R2.36). */
  async approve(batchId: string, otp: string): Promise<BatchStatus> {
    const row = await this.pending(batchId)
    if (!row.otp_hash || !this.deps.otpMatches(row.otp_hash, batchId, otp)) {
      const counted = await this.db
        .updateTable('sim_remote_signing_batch')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', batchId)
        .where('status', '=', 'pending')
        .returning('failed_attempts')
        .executeTakeFirst()
      if (!counted) throw this.deps.notPending((await this.find(batchId)).status)
      const left = this.deps.maxAttempts - counted.failed_attempts
      if (left <= 0) {
        await this.finish(batchId, { status: 'rejected', reject_reason: 'otp-attempts' })
        throw new ElcError(
          'REMOTE_SIGNING_OTP_ATTEMPTS_EXCEEDED',
          text(
            `Nhập sai mã xác thực ${this.deps.maxAttempts} lần; lô ký đã bị từ chối.`,
            `Wrong one-time code ${this.deps.maxAttempts} times; the signing batch is rejected.`,
          ),
          { status: 409, ruleId: 'R2.36' },
        )
      }
      throw new ElcError(
        'REMOTE_SIGNING_OTP_WRONG',
        text(`Mã xác thực không đúng; còn ${left} lần thử.`, `Wrong one-time code; ${left} attempt(s) left.`),
        { status: 403, ruleId: 'R2.36' },
      )
    }
    return this.sign(row)
  }

  async reject(batchId: string): Promise<BatchStatus> {
    await this.pending(batchId)
    return this.finish(batchId, { status: 'rejected', reject_reason: 'subscriber' })
  }

  async status(batchId: string): Promise<BatchStatus> {
    return this.stateOf(await this.find(batchId))
  }

  private async find(batchId: string): Promise<BatchRow> {
    await this.ready()
    const row =
      typeof batchId === 'string'
        ? await this.db
            .selectFrom('sim_remote_signing_batch')
            .selectAll()
            .where('id', '=', batchId)
            .executeTakeFirst()
        : undefined
    if (!row)
      throw new ElcError(
        'REMOTE_SIGNING_BATCH_NOT_FOUND',
        text('Không tìm thấy lô ký.', 'Signing batch not found.'),
        { status: 404 },
      )
    return row
  }

  private async pending(batchId: string): Promise<BatchRow> {
    const row = await this.find(batchId)
    const state = this.stateOf(row)
    if (state.status === 'expired')
      throw new ElcError(
        'REMOTE_SIGNING_REQUEST_EXPIRED',
        text('Lô ký đã hết hạn.', 'The signing batch has expired.'),
        { status: 410 },
      )
    if (state.status !== 'pending') throw this.deps.notPending(state.status)
    return row
  }

  /** Every digest is signed before anything is stored: a batch is approved whole or not at all. */
  private async sign(row: BatchRow): Promise<BatchStatus> {
    await this.deps.signable(row.serial_hex)
    const algorithm = row.digest_algorithm as DigestAlgorithm
    const length = DIGEST_LENGTHS[algorithm]
    const digests = Buffer.from(row.digests)
    const signatures: string[] = []
    let signatureAlgorithm = ''
    let certificatePem = ''
    for (let i = 0; i < row.digest_count; i++) {
      const signed = await this.deps.ca.signDigest(
        row.serial_hex,
        new Uint8Array(digests.subarray(i * length, (i + 1) * length)),
        algorithm,
      )
      signatures.push(Buffer.from(signed.signature).toString('base64'))
      signatureAlgorithm = signed.signatureAlgorithm
      certificatePem = signed.certificatePem
    }
    return this.finish(row.id, {
      status: 'approved',
      signatures: JSON.stringify(signatures),
      signature_algorithm: signatureAlgorithm,
      certificate_pem: certificatePem,
    })
  }

  private async finish(
    batchId: string,
    values:
      | { status: 'rejected'; reject_reason: 'subscriber' | 'otp-attempts' }
      | { status: 'approved'; signatures: string; signature_algorithm: string; certificate_pem: string },
  ): Promise<BatchStatus> {
    const row = await this.db
      .updateTable('sim_remote_signing_batch')
      .set({ ...values, finished_at: this.deps.now() })
      .where('id', '=', batchId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
    if (!row) throw this.deps.notPending((await this.find(batchId)).status)
    return this.stateOf(row)
  }

  private stateOf(row: BatchRow): BatchStatus {
    const common: BatchCommon = {
      batchId: row.id,
      serialNumber: row.serial_hex,
      digestAlgorithm: row.digest_algorithm as DigestAlgorithm,
      description: row.description,
      count: row.digest_count,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }
    const finishedAt = row.finished_at ?? row.created_at
    if (row.status === 'approved' && row.signatures) {
      const list = (
        typeof row.signatures === 'string' ? JSON.parse(row.signatures) : row.signatures
      ) as string[]
      return {
        ...common,
        status: 'approved',
        approvedAt: finishedAt,
        signatures: list.map((s) => new Uint8Array(Buffer.from(s, 'base64'))),
        signatureAlgorithm: row.signature_algorithm ?? '',
        certificatePem: row.certificate_pem ?? '',
      }
    }
    if (row.status === 'rejected')
      return {
        ...common,
        status: 'rejected',
        rejectedAt: finishedAt,
        reason: row.reject_reason === 'otp-attempts' ? 'otp-attempts' : 'subscriber',
      }
    if (this.deps.now().getTime() >= row.expires_at.getTime()) return { ...common, status: 'expired' }
    return { ...common, status: 'pending' }
  }

  private async prune(): Promise<void> {
    const now = this.deps.now().getTime()
    if (now - this.lastPrune < PRUNE_INTERVAL_MS) return
    this.lastPrune = now
    await this.db
      .deleteFrom('sim_remote_signing_batch')
      .where('expires_at', '<', new Date(now - RETENTION_MS))
      .execute()
  }
}

/** The JSON the HTTP API answers with. */
export function batchJson(state: BatchStatus) {
  const common = {
    batchId: state.batchId,
    status: state.status,
    serialNumber: state.serialNumber,
    digestAlgorithm: state.digestAlgorithm,
    description: state.description,
    count: state.count,
    createdAt: state.createdAt.toISOString(),
    expiresAt: state.expiresAt.toISOString(),
  }
  if (state.status === 'approved')
    return {
      ...common,
      approvedAt: state.approvedAt.toISOString(),
      signatureAlgorithm: state.signatureAlgorithm,
      signatures: state.signatures.map((s) => Buffer.from(s).toString('base64')),
      certificatePem: state.certificatePem,
    }
  if (state.status === 'rejected')
    return { ...common, rejectedAt: state.rejectedAt.toISOString(), reason: state.reason }
  return common
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en), { status: 400 })
}
