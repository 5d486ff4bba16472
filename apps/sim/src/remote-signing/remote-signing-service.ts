// Remote signing (ký số từ xa, R2.34, R2.36) in the simulator: the CA holds a subscriber's key; a relying
// application asks for a signature over a digest; the subscriber approves with a one-time code (delivered
// by SMS or a phone app in real life; returned in the request's answer here), or an auto-approve switch
// does it for demos; the application polls for the signature, or names a callback URL that is told.
//
// Requests are rows of sim_remote_signing_request, so a request made before a restart can be approved and
// fetched after it. Keys stay with the CA, which signs on the service's behalf.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { ElcError, text } from '@elc/core'
import type { Kysely, Selectable } from '@elc/db'
import type { CertificateRecord, SimCertificateAuthority } from '../ca/certificate-authority.ts'
import { DIGEST_LENGTHS, type DigestAlgorithm } from '../ca/prehash-signing.ts'
import type { SimCaDatabase, SimRemoteSigningRequestTable } from '../ca/schema.ts'
import { canonicalSerial } from '../ca/serial-number.ts'
import { RemoteSigningBatches } from './remote-signing-batches.ts'

export type { DigestAlgorithm } from '../ca/prehash-signing.ts'

export const DIGEST_ALGORITHMS = ['SHA-256', 'SHA-384', 'SHA-512'] as const
export const DEFAULT_REQUEST_TTL_MS = 5 * 60_000
export const MAX_OTP_ATTEMPTS = 3
/** Waits before the second and third callback attempts. */
export const DEFAULT_CALLBACK_RETRY_DELAYS_MS = [1_000, 5_000]
const CALLBACK_TIMEOUT_MS = 5_000
const MAX_DESCRIPTION_LENGTH = 500
const MAX_CALLBACK_URL_LENGTH = 2048
/** Requests are deleted this long after their expiry; until then a finished one can still be polled. */
const RETENTION_MS = 24 * 3_600_000
const PRUNE_INTERVAL_MS = 60_000

type RequestRow = Selectable<SimRemoteSigningRequestTable>

export interface RemoteSigningOptions {
  /** The CA: its certificate records decide whether a certificate may sign; it signs with the key it holds. */
  ca: SimCertificateAuthority
  /** The simulator's database, where requests are kept (sim_remote_signing_request). */
  db: Kysely<SimCaDatabase>
  now?: () => Date
  /** Demo switch: requests are approved (and signed) at once, without a one-time code. */
  autoApprove?: boolean
  /** How long a request waits for approval; default 5 minutes. */
  requestTtlMs?: number
  /** Waits between callback attempts; default 1 s and 5 s (three attempts in all). */
  callbackRetryDelaysMs?: number[]
  fetch?: typeof fetch
  /** Told when a callback could not be delivered after every attempt (the signature can still be polled). */
  onCallbackFailure?: (requestId: string, error: unknown) => void
}

export interface SignatureRequestInput {
  serialNumber: string
  /** The digest to sign (pre-hashed by the application): 32, 48 or 64 bytes. */
  digest: Uint8Array
  digestAlgorithm: DigestAlgorithm
  /** Shown to the signer when approving (NFC). */
  description: string
  /** http(s) URL that receives a JSON notice (POST) when the request is approved or rejected. */
  callbackUrl?: string
}

export interface SignatureRequestCreated {
  requestId: string
  status: 'pending' | 'approved'
  expiresAt: Date
  /** The one-time code, as the SMS/app would deliver it; absent in auto-approve mode. */
  otp?: string
}

interface RequestCommon {
  requestId: string
  serialNumber: string
  digestAlgorithm: DigestAlgorithm
  description: string
  createdAt: Date
  expiresAt: Date
  callback?: { url: string; attempts: number; deliveredAt: Date | null }
}

export type SignatureRequestStatus = RequestCommon &
  (
    | { status: 'pending' }
    | {
        status: 'approved'
        approvedAt: Date
        /** ECDSA: ECDSA-Sig-Value DER; RSA-PSS: the raw signature (MGF1 same hash, salt = hash length). */
        signature: Uint8Array
        signatureAlgorithm: string
        certificatePem: string
      }
    | { status: 'rejected'; rejectedAt: Date; reason: 'subscriber' | 'otp-attempts' }
    | { status: 'expired' }
  )

export class RemoteSigningService {
  private readonly ca: SimCertificateAuthority
  private readonly db: Kysely<SimCaDatabase>
  private readonly now: () => Date
  private readonly ttlMs: number
  private readonly retryDelaysMs: number[]
  private readonly fetch: typeof fetch
  private readonly onCallbackFailure: (requestId: string, error: unknown) => void
  private readonly deliveries = new Set<Promise<void>>()
  private readonly closing = new AbortController()
  private lastPrune = 0
  readonly autoApprove: boolean
  /** Many digests approved with one code (POST /remote-signing/batches). */
  readonly batches: RemoteSigningBatches

  constructor(options: RemoteSigningOptions) {
    this.ca = options.ca
    this.db = options.db
    this.now = options.now ?? (() => new Date())
    this.ttlMs = options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS
    this.autoApprove = options.autoApprove ?? false
    this.retryDelaysMs = options.callbackRetryDelaysMs ?? DEFAULT_CALLBACK_RETRY_DELAYS_MS
    this.fetch = options.fetch ?? fetch
    this.onCallbackFailure = options.onCallbackFailure ?? (() => {})
    this.batches = new RemoteSigningBatches({
      ca: this.ca,
      db: this.db,
      now: this.now,
      ttlMs: this.ttlMs,
      autoApprove: this.autoApprove,
      maxAttempts: MAX_OTP_ATTEMPTS,
      signable: (serial) => this.signableCertificate(serial),
      otpHash,
      otpMatches,
      notPending,
    })
  }

  async requestSignature(input: SignatureRequestInput): Promise<SignatureRequestCreated> {
    if (!(DIGEST_ALGORITHMS as readonly string[]).includes(input.digestAlgorithm))
      throw invalid(
        'REMOTE_SIGNING_DIGEST_ALGORITHM_INVALID',
        'Thuật toán băm phải là SHA-256, SHA-384 hoặc SHA-512.',
        'The digest algorithm must be SHA-256, SHA-384 or SHA-512.',
      )
    if (
      !(input.digest instanceof Uint8Array) ||
      input.digest.length !== DIGEST_LENGTHS[input.digestAlgorithm]
    )
      throw invalid(
        'REMOTE_SIGNING_DIGEST_INVALID',
        `Giá trị băm ${input.digestAlgorithm} phải dài ${DIGEST_LENGTHS[input.digestAlgorithm]} byte.`,
        `A ${input.digestAlgorithm} digest must be ${DIGEST_LENGTHS[input.digestAlgorithm]} bytes long.`,
      )
    const description = typeof input.description === 'string' ? input.description.normalize('NFC').trim() : ''
    if (!description || description.length > MAX_DESCRIPTION_LENGTH)
      throw invalid(
        'REMOTE_SIGNING_DESCRIPTION_INVALID',
        `Mô tả cho người ký là bắt buộc và không quá ${MAX_DESCRIPTION_LENGTH} ký tự.`,
        `A description for the signer is required, at most ${MAX_DESCRIPTION_LENGTH} characters.`,
      )
    const callbackUrl = input.callbackUrl === undefined ? null : checkCallbackUrl(input.callbackUrl)
    const record = await this.signableCertificate(input.serialNumber)
    await this.prune()
    const createdAt = this.now()
    const requestId = randomUUID()
    const otp = randomInt(0, 1_000_000).toString().padStart(6, '0')
    const row = await this.db
      .insertInto('sim_remote_signing_request')
      .values({
        id: requestId,
        serial_hex: record.serialNumber,
        digest: new Uint8Array(input.digest),
        digest_algorithm: input.digestAlgorithm,
        description,
        otp_hash: this.autoApprove ? null : otpHash(requestId, otp),
        status: 'pending',
        reject_reason: null,
        created_at: createdAt,
        expires_at: new Date(createdAt.getTime() + this.ttlMs),
        finished_at: null,
        signature: null,
        signature_algorithm: null,
        certificate_pem: null,
        callback_url: callbackUrl,
        callback_delivered_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    if (this.autoApprove) {
      await this.sign(row)
      return { requestId, status: 'approved', expiresAt: row.expires_at }
    }
    return { requestId, status: 'pending', expiresAt: row.expires_at, otp }
  }

  /** The subscriber approves with the one-time code; the third wrong code rejects the request. */
  async approve(requestId: string, otp: string): Promise<SignatureRequestStatus> {
    const row = await this.pending(requestId)
    if (!row.otp_hash || !otpMatches(row.otp_hash, requestId, otp)) {
      // Counted in the database, so concurrent guesses cannot exceed the limit between them.
      const counted = await this.db
        .updateTable('sim_remote_signing_request')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', requestId)
        .where('status', '=', 'pending')
        .returning('failed_attempts')
        .executeTakeFirst()
      if (!counted) throw notPending((await this.find(requestId)).status)
      const left = MAX_OTP_ATTEMPTS - counted.failed_attempts
      if (left <= 0) {
        await this.finish(requestId, { status: 'rejected', reject_reason: 'otp-attempts' })
        throw new ElcError(
          'REMOTE_SIGNING_OTP_ATTEMPTS_EXCEEDED',
          text(
            `Nhập sai mã xác thực ${MAX_OTP_ATTEMPTS} lần; yêu cầu ký đã bị từ chối.`,
            `Wrong one-time code ${MAX_OTP_ATTEMPTS} times; the signature request is rejected.`,
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

  /** The subscriber declines. */
  async reject(requestId: string): Promise<SignatureRequestStatus> {
    await this.pending(requestId)
    return this.finish(requestId, { status: 'rejected', reject_reason: 'subscriber' })
  }

  async status(requestId: string): Promise<SignatureRequestStatus> {
    return this.stateOf(await this.find(requestId))
  }

  /** Resolves once every callback under way has been delivered or given up. */
  async settled(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries])
  }

  /** Stops retrying callbacks (the simulator is shutting down) and waits for attempts in flight. */
  async close(): Promise<void> {
    this.closing.abort()
    await this.settled()
  }

  private async find(requestId: string): Promise<RequestRow> {
    const row =
      typeof requestId === 'string'
        ? await this.db
            .selectFrom('sim_remote_signing_request')
            .selectAll()
            .where('id', '=', requestId)
            .executeTakeFirst()
        : undefined
    if (!row)
      throw new ElcError(
        'REMOTE_SIGNING_REQUEST_NOT_FOUND',
        text('Không tìm thấy yêu cầu ký.', 'Signature request not found.'),
        { status: 404 },
      )
    return row
  }

  private async pending(requestId: string): Promise<RequestRow> {
    const row = await this.find(requestId)
    const state = this.stateOf(row)
    if (state.status === 'expired')
      throw new ElcError(
        'REMOTE_SIGNING_REQUEST_EXPIRED',
        text('Yêu cầu ký đã hết hạn.', 'The signature request has expired.'),
        { status: 410 },
      )
    if (state.status !== 'pending') throw notPending(state.status)
    return row
  }

  /** Moves a pending request to its final state, then tells the callback; a request finishes only once. */
  private async finish(
    requestId: string,
    values:
      | { status: 'rejected'; reject_reason: 'subscriber' | 'otp-attempts' }
      | { status: 'approved'; signature: Uint8Array; signature_algorithm: string; certificate_pem: string },
  ): Promise<SignatureRequestStatus> {
    const row = await this.db
      .updateTable('sim_remote_signing_request')
      .set({ ...values, finished_at: this.now() })
      .where('id', '=', requestId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
    if (!row) throw notPending((await this.find(requestId)).status)
    const state = this.stateOf(row)
    if (row.callback_url) this.notify(row.id, row.callback_url, state)
    return state
  }

  /** Signs with the key the CA holds; the certificate is checked again (it may have been revoked since). */
  private async sign(row: RequestRow): Promise<SignatureRequestStatus> {
    await this.signableCertificate(row.serial_hex)
    const signed = await this.ca.signDigest(
      row.serial_hex,
      row.digest,
      row.digest_algorithm as DigestAlgorithm,
    )
    return this.finish(row.id, {
      status: 'approved',
      signature: signed.signature,
      signature_algorithm: signed.signatureAlgorithm,
      certificate_pem: signed.certificatePem,
    })
  }

  /** Only a current, unrevoked person/organisation certificate whose key the CA holds may sign (R2.1, R2.3). */
  async signableCertificate(serial: string): Promise<CertificateRecord> {
    const serialHex = typeof serial === 'string' ? canonicalSerial(serial) : undefined
    const record = serialHex ? await this.ca.certificateRecord(serialHex) : undefined
    if (!record)
      throw new ElcError(
        'REMOTE_SIGNING_CERTIFICATE_NOT_FOUND',
        text('Không tìm thấy chứng thư số.', 'Certificate not found.'),
        { status: 404 },
      )
    if (record.profile !== 'person' && record.profile !== 'organisation')
      throw new ElcError(
        'REMOTE_SIGNING_PROFILE_NOT_ALLOWED',
        text(
          'Chỉ chứng thư số của cá nhân hoặc tổ chức được dùng để ký số từ xa.',
          'Only person or organisation certificates may be used for remote signing.',
        ),
        { status: 403, ruleId: 'R2.36' },
      )
    if (record.revokedAt)
      throw new ElcError(
        'REMOTE_SIGNING_CERTIFICATE_REVOKED',
        text('Chứng thư số đã bị thu hồi; không thể ký.', 'The certificate is revoked; it cannot sign.'),
        { status: 409, ruleId: 'R2.3' },
      )
    const now = this.now().getTime()
    if (now < record.notBefore.getTime() || now > record.notAfter.getTime())
      throw new ElcError(
        'REMOTE_SIGNING_CERTIFICATE_NOT_VALID',
        text(
          'Chứng thư số chưa có hiệu lực hoặc đã hết hạn.',
          'The certificate is not yet valid or has expired.',
        ),
        { status: 409, ruleId: 'R2.1' },
      )
    if (!record.keyHeld)
      throw new ElcError(
        'REMOTE_SIGNING_KEY_NOT_HELD',
        text(
          'Tổ chức cung cấp dịch vụ không giữ khóa của chứng thư số này.',
          'The CA does not hold the key of this certificate.',
        ),
        { status: 409, ruleId: 'R2.36' },
      )
    return record
  }

  private stateOf(row: RequestRow): SignatureRequestStatus {
    const common: RequestCommon = {
      requestId: row.id,
      serialNumber: row.serial_hex,
      digestAlgorithm: row.digest_algorithm as DigestAlgorithm,
      description: row.description,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      ...(row.callback_url
        ? {
            callback: {
              url: row.callback_url,
              attempts: row.callback_attempts,
              deliveredAt: row.callback_delivered_at,
            },
          }
        : {}),
    }
    const finishedAt = row.finished_at ?? row.created_at
    if (row.status === 'approved' && row.signature)
      return {
        ...common,
        status: 'approved',
        approvedAt: finishedAt,
        signature: new Uint8Array(row.signature),
        signatureAlgorithm: row.signature_algorithm ?? '',
        certificatePem: row.certificate_pem ?? '',
      }
    if (row.status === 'rejected')
      return {
        ...common,
        status: 'rejected',
        rejectedAt: finishedAt,
        reason: row.reject_reason === 'otp-attempts' ? 'otp-attempts' : 'subscriber',
      }
    if (this.now().getTime() >= row.expires_at.getTime()) return { ...common, status: 'expired' }
    return { ...common, status: 'pending' }
  }

  /** Delivers the notice in the background: the caller's answer never waits for, or fails with, the callback. */
  private notify(requestId: string, url: string, state: SignatureRequestStatus): void {
    const { callback: _callback, ...notice } = statusJson(state)
    const delivery: Promise<void> = this.deliver(requestId, url, JSON.stringify(notice))
      .catch((error) => this.onCallbackFailure(requestId, error))
      .finally(() => this.deliveries.delete(delivery))
    this.deliveries.add(delivery)
  }

  private async deliver(requestId: string, url: string, body: string): Promise<void> {
    let lastError: unknown
    for (const [attempt, delay] of [0, ...this.retryDelaysMs].entries()) {
      if (delay > 0) await sleep(delay, undefined, { signal: this.closing.signal }).catch(() => {})
      if (this.closing.signal.aborted) return
      let delivered = false
      try {
        const response = await this.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          redirect: 'manual',
          signal: AbortSignal.any([AbortSignal.timeout(CALLBACK_TIMEOUT_MS), this.closing.signal]),
        })
        await response.body?.cancel()
        delivered = response.ok
        if (!delivered) lastError = new Error(`callback answered HTTP ${response.status}`)
      } catch (error) {
        lastError = error
      }
      await this.db
        .updateTable('sim_remote_signing_request')
        .set({ callback_attempts: attempt + 1, callback_delivered_at: delivered ? this.now() : null })
        .where('id', '=', requestId)
        .execute()
      if (delivered) return
    }
    throw lastError
  }

  /** Deletes requests a day past their expiry, at most once a minute. */
  private async prune(): Promise<void> {
    const now = this.now().getTime()
    if (now - this.lastPrune < PRUNE_INTERVAL_MS) return
    this.lastPrune = now
    await this.db
      .deleteFrom('sim_remote_signing_request')
      .where('expires_at', '<', new Date(now - RETENTION_MS))
      .execute()
  }
}

/** The JSON the HTTP API answers with, and the body of a callback notice (without `callback`). */
export function statusJson(state: SignatureRequestStatus) {
  const common = {
    requestId: state.requestId,
    status: state.status,
    serialNumber: state.serialNumber,
    digestAlgorithm: state.digestAlgorithm,
    description: state.description,
    createdAt: state.createdAt.toISOString(),
    expiresAt: state.expiresAt.toISOString(),
    ...(state.callback
      ? {
          callback: {
            url: state.callback.url,
            attempts: state.callback.attempts,
            deliveredAt: state.callback.deliveredAt?.toISOString() ?? null,
          },
        }
      : {}),
  }
  if (state.status === 'approved')
    return {
      ...common,
      approvedAt: state.approvedAt.toISOString(),
      signatureAlgorithm: state.signatureAlgorithm,
      signature: Buffer.from(state.signature).toString('base64'),
      certificatePem: state.certificatePem,
    }
  if (state.status === 'rejected')
    return { ...common, rejectedAt: state.rejectedAt.toISOString(), reason: state.reason }
  return common
}

function checkCallbackUrl(value: unknown): string {
  let url: URL | undefined
  try {
    url = typeof value === 'string' && value.length <= MAX_CALLBACK_URL_LENGTH ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  // Credentials in the URL would be stored and sent in the clear; the notice carries nothing secret.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw invalid(
      'REMOTE_SIGNING_CALLBACK_URL_INVALID',
      'callbackUrl phải là URL http hoặc https, không chứa tên người dùng hay mật khẩu.',
      'callbackUrl must be an http or https URL without a user name or password.',
    )
  return url.href
}

// Stored hashed so the table never shows a live code; the attempt limit is what protects a 6-digit code.
export function otpHash(requestId: string, otp: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`${requestId}:${otp}`).digest())
}

export function otpMatches(expected: Uint8Array, requestId: string, given: unknown): boolean {
  if (typeof given !== 'string') return false
  const actual = otpHash(requestId, given)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export function notPending(status: string): ElcError {
  return new ElcError(
    'REMOTE_SIGNING_REQUEST_NOT_PENDING',
    text(
      `Yêu cầu ký không còn chờ phê duyệt (${status}).`,
      `The signature request is no longer pending (${status}).`,
    ),
    { status: 409 },
  )
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en), { status: 400 })
}
