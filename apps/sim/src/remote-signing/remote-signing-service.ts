// Remote signing (ký số từ xa, R2.34, R2.36) in the simulator: the CA holds a subscriber's key; a relying
// application asks for a signature over a digest; the subscriber approves with a one-time code (delivered
// by SMS or a phone app in real life; returned in the request's answer here), or an auto-approve switch
// does it for demos; the application polls for the signature.
//
// Requests live in memory only: they do not survive a restart (a pending request is simply lost, and
// the application asks again). Keys and certificates are the CA's, read from its tables.
import { createPrivateKey, type KeyObject, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { SimCertificateAuthority } from '../ca/certificate-authority.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { canonicalSerial } from '../ca/serial-number.ts'
import * as x509 from '../ca/x509.ts'
import {
  DIGEST_LENGTHS,
  type DigestAlgorithm,
  ecdsaP256SignDigest,
  ecPrivateScalar,
  rsaPssSignDigest,
} from './prehash-signing.ts'

export type { DigestAlgorithm } from './prehash-signing.ts'

export const DIGEST_ALGORITHMS = ['SHA-256', 'SHA-384', 'SHA-512'] as const
export const DEFAULT_REQUEST_TTL_MS = 5 * 60_000
export const MAX_OTP_ATTEMPTS = 3
const MAX_DESCRIPTION_LENGTH = 500
/** Finished or expired requests are forgotten this long after their expiry. */
const RETENTION_MS = 60 * 60_000

export interface RemoteSigningOptions {
  /** The CA: its certificate records decide whether a certificate may sign (profile, revocation). */
  ca: SimCertificateAuthority
  /** The CA's database: the subscriber's key and certificate are read from `sim_ca_certificate`. */
  db: Kysely<SimCaDatabase>
  now?: () => Date
  /** Demo switch: requests are approved (and signed) at once, without a one-time code. */
  autoApprove?: boolean
  /** How long a request waits for approval; default 5 minutes. */
  requestTtlMs?: number
}

export interface SignatureRequestInput {
  serialNumber: string
  /** The digest to sign (pre-hashed by the application): 32, 48 or 64 bytes. */
  digest: Uint8Array
  digestAlgorithm: DigestAlgorithm
  /** Shown to the signer when approving (NFC). */
  description: string
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

interface StoredRequest extends RequestCommon {
  digest: Uint8Array
  otp: string
  failedAttempts: number
  state: SignatureRequestStatus
}

export class RemoteSigningService {
  private readonly requests = new Map<string, StoredRequest>()
  private readonly ca: SimCertificateAuthority
  private readonly db: Kysely<SimCaDatabase>
  private readonly now: () => Date
  private readonly ttlMs: number
  readonly autoApprove: boolean

  constructor(options: RemoteSigningOptions) {
    this.ca = options.ca
    this.db = options.db
    this.now = options.now ?? (() => new Date())
    this.ttlMs = options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS
    this.autoApprove = options.autoApprove ?? false
  }

  async requestSignature(input: SignatureRequestInput): Promise<SignatureRequestCreated> {
    this.prune()
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
    const key = await this.signingKey(input.serialNumber)
    const createdAt = this.now()
    const common: RequestCommon = {
      requestId: randomUUID(),
      serialNumber: key.serialNumber,
      digestAlgorithm: input.digestAlgorithm,
      description,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.ttlMs),
    }
    const stored: StoredRequest = {
      ...common,
      digest: new Uint8Array(input.digest),
      otp: randomInt(0, 1_000_000).toString().padStart(6, '0'),
      failedAttempts: 0,
      state: { ...common, status: 'pending' },
    }
    this.requests.set(stored.requestId, stored)
    if (this.autoApprove) {
      await this.sign(stored)
      return { requestId: stored.requestId, status: 'approved', expiresAt: stored.expiresAt }
    }
    return { requestId: stored.requestId, status: 'pending', expiresAt: stored.expiresAt, otp: stored.otp }
  }

  /** The subscriber approves with the one-time code; the third wrong code rejects the request. */
  async approve(requestId: string, otp: string): Promise<SignatureRequestStatus> {
    const stored = this.pending(requestId)
    if (!otpMatches(stored.otp, otp)) {
      stored.failedAttempts += 1
      const left = MAX_OTP_ATTEMPTS - stored.failedAttempts
      if (left <= 0) {
        stored.state = {
          ...commonOf(stored),
          status: 'rejected',
          rejectedAt: this.now(),
          reason: 'otp-attempts',
        }
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
    await this.sign(stored)
    return stored.state
  }

  /** The subscriber declines. */
  reject(requestId: string): SignatureRequestStatus {
    const stored = this.pending(requestId)
    stored.state = { ...commonOf(stored), status: 'rejected', rejectedAt: this.now(), reason: 'subscriber' }
    return stored.state
  }

  status(requestId: string): SignatureRequestStatus {
    return this.refreshed(this.find(requestId)).state
  }

  private find(requestId: string): StoredRequest {
    const stored = typeof requestId === 'string' ? this.requests.get(requestId) : undefined
    if (!stored)
      throw new ElcError(
        'REMOTE_SIGNING_REQUEST_NOT_FOUND',
        text(
          'Không tìm thấy yêu cầu ký (yêu cầu không được giữ lại sau khi khởi động lại).',
          'Signature request not found (requests do not survive a restart).',
        ),
        { status: 404 },
      )
    return stored
  }

  private refreshed(stored: StoredRequest): StoredRequest {
    if (stored.state.status === 'pending' && this.now().getTime() >= stored.expiresAt.getTime())
      stored.state = { ...commonOf(stored), status: 'expired' }
    return stored
  }

  private pending(requestId: string): StoredRequest {
    const stored = this.refreshed(this.find(requestId))
    if (stored.state.status === 'expired')
      throw new ElcError(
        'REMOTE_SIGNING_REQUEST_EXPIRED',
        text('Yêu cầu ký đã hết hạn.', 'The signature request has expired.'),
        { status: 410 },
      )
    if (stored.state.status !== 'pending')
      throw new ElcError(
        'REMOTE_SIGNING_REQUEST_NOT_PENDING',
        text(
          `Yêu cầu ký không còn chờ phê duyệt (${stored.state.status}).`,
          `The signature request is no longer pending (${stored.state.status}).`,
        ),
        { status: 409 },
      )
    return stored
  }

  /** Signs with the key the CA holds; the certificate is checked again (it may have been revoked since). */
  private async sign(stored: StoredRequest): Promise<void> {
    const key = await this.signingKey(stored.serialNumber)
    const signature =
      key.algorithm === 'ecdsa-p256'
        ? ecdsaP256SignDigest(ecPrivateScalar(key.key), stored.digest)
        : rsaPssSignDigest(key.key, stored.digest, stored.digestAlgorithm)
    stored.state = {
      ...commonOf(stored),
      status: 'approved',
      approvedAt: this.now(),
      signature,
      signatureAlgorithm:
        key.algorithm === 'ecdsa-p256'
          ? `ecdsa-with-${stored.digestAlgorithm.replace('-', '')}`
          : `rsassa-pss-${stored.digestAlgorithm.replace('-', '').toLowerCase()}`,
      certificatePem: key.certificatePem,
    }
  }

  /** Only a current, unrevoked person/organisation certificate whose key the CA holds may sign (R2.1, R2.3). */
  private async signingKey(
    serial: string,
  ): Promise<{ serialNumber: string; algorithm: string; key: KeyObject; certificatePem: string }> {
    const serialHex = typeof serial === 'string' ? canonicalSerial(serial) : undefined
    const record = serialHex ? await this.ca.certificateRecord(serialHex) : undefined
    const row = record
      ? await this.db
          .selectFrom('sim_ca_certificate')
          .selectAll()
          .where('serial_hex', '=', record.serialNumber)
          .executeTakeFirst()
      : undefined
    if (!record || !row)
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
    if (
      !row.private_key_pkcs8 ||
      (row.key_algorithm !== 'ecdsa-p256' && !row.key_algorithm.startsWith('rsa-pss'))
    )
      throw new ElcError(
        'REMOTE_SIGNING_KEY_NOT_HELD',
        text(
          'Tổ chức cung cấp dịch vụ không giữ khóa của chứng thư số này.',
          'The CA does not hold the key of this certificate.',
        ),
        { status: 409, ruleId: 'R2.36' },
      )
    let key = createPrivateKey({ key: Buffer.from(row.private_key_pkcs8), format: 'der', type: 'pkcs8' })
    // A key exported from WebCrypto RSA-PSS may carry the id-RSASSA-PSS OID; the raw RSA operation wants 'rsa'.
    if (key.asymmetricKeyType === 'rsa-pss')
      key = createPrivateKey({ key: key.export({ format: 'jwk' }), format: 'jwk' })
    return {
      serialNumber: row.serial_hex,
      algorithm: row.key_algorithm,
      key,
      certificatePem: new x509.X509Certificate(toArrayBuffer(row.certificate_der)).toString('pem'),
    }
  }

  private prune(): void {
    const cutoff = this.now().getTime() - RETENTION_MS
    for (const [id, stored] of this.requests)
      if (stored.expiresAt.getTime() < cutoff) this.requests.delete(id)
  }
}

function commonOf(stored: StoredRequest): RequestCommon {
  const { requestId, serialNumber, digestAlgorithm, description, createdAt, expiresAt } = stored
  return { requestId, serialNumber, digestAlgorithm, description, createdAt, expiresAt }
}

function otpMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en), { status: 400 })
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
