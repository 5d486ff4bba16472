// eKYC authentication (R5.8–R5.11): a relying party asks whether the identity data a person declared matches
// the population database and gets yes or no, never the record. It must hold the person's consent for that
// purpose (R5.9): the person grants it by signing in (their ID token for this relying party) and naming the
// purpose; the consent token is bound to the person, the relying party and the one purpose, and expires.
// Every call, refused ones included, is logged (R5.11).
import { randomBytes, randomUUID } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { Kysely, Selectable } from '@elc/db'
import { createLocalJWKSet, type JWK, jwtVerify } from 'jose'
import type { SimCaDatabase, SimIdentityEkycLogTable } from '../ca/schema.ts'
import { AccountRepo } from './accounts.ts'

export const DEFAULT_CONSENT_TTL_MS = 10 * 60_000
const MAX_PURPOSE_LENGTH = 200

export interface EkycOptions {
  db: Kysely<SimCaDatabase>
  /** The provider's issuer and public signing keys: consents are granted with its ID tokens. */
  issuer: string
  publicKeys: JWK[]
  now?: () => Date
  consentTtlMs?: number
}

export interface EkycRequest {
  personalId: string
  fullName: string
  birthDate: string
  consentToken?: string
  purpose: string
}

export interface ConsentGranted {
  consentToken: string
  purpose: string
  expiresAt: Date
}

export class EkycService {
  private readonly db: Kysely<SimCaDatabase>
  private readonly accounts: AccountRepo
  private readonly keys: ReturnType<typeof createLocalJWKSet>
  private readonly issuer: string
  private readonly now: () => Date
  private readonly ttlMs: number

  constructor(options: EkycOptions) {
    this.db = options.db
    this.accounts = new AccountRepo(options.db)
    this.keys = createLocalJWKSet({ keys: options.publicKeys })
    this.issuer = options.issuer
    this.now = options.now ?? (() => new Date())
    this.ttlMs = options.consentTtlMs ?? DEFAULT_CONSENT_TTL_MS
  }

  /** The person, signed in to `clientId` (their ID token for it), consents to one check for one purpose. */
  async grantConsent(
    clientId: string,
    input: { idToken: unknown; purpose: unknown },
  ): Promise<ConsentGranted> {
    const purpose = purposeOf(input.purpose)
    let sub: string | undefined
    try {
      const { payload } = await jwtVerify(String(input.idToken ?? ''), this.keys, {
        issuer: this.issuer,
        audience: clientId,
        algorithms: ['RS256'],
        currentDate: this.now(),
      })
      sub = payload.sub
    } catch {
      sub = undefined
    }
    const account = sub ? await this.accounts.find(sub) : undefined
    if (!account)
      throw new ElcError(
        'IDENTITY_CONSENT_ID_TOKEN_INVALID',
        text(
          'ID token không hợp lệ, đã hết hạn hoặc không được cấp cho ứng dụng này.',
          'The ID token is invalid, expired, or was not issued to this relying party.',
        ),
        { status: 400, ruleId: 'R5.9' },
      )
    if (account.kind !== 'person' || account.status !== 'active')
      throw new ElcError(
        'IDENTITY_CONSENT_NOT_ALLOWED',
        text(
          'Chỉ tài khoản cá nhân đang hoạt động mới có thể đồng ý xác thực eKYC.',
          'Only an active personal account can consent to eKYC authentication.',
        ),
        { status: 403, ruleId: 'R5.9' },
      )
    const createdAt = this.now()
    const row = await this.db
      .insertInto('sim_identity_consent')
      .values({
        id: `cst_${randomBytes(24).toString('base64url')}`,
        account_id: account.id,
        client_id: clientId,
        purpose,
        created_at: createdAt,
        expires_at: new Date(createdAt.getTime() + this.ttlMs),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return { consentToken: row.id, purpose: row.purpose, expiresAt: row.expires_at }
  }

  /** Match or no match for an authenticated relying party; every refusal is an ElcError, logged first. */
  async verify(clientId: string, body: unknown): Promise<{ match: boolean; transactionRef: string }> {
    const transactionRef = randomUUID()
    const input = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
    const purpose = typeof input.purpose === 'string' ? input.purpose.normalize('NFC').trim() : null
    const consentId = typeof input.consentToken === 'string' ? input.consentToken : null
    const refuse = async (error: ElcError): Promise<never> => {
      await this.log({
        transactionRef,
        clientId,
        purpose,
        consentId,
        result: 'refused',
        refusalCode: error.code,
      })
      throw error
    }
    const request = parseRequest(input)
    if (!request) return refuse(invalidRequest())
    if (!request.consentToken)
      return refuse(
        consentError(
          'EKYC_CONSENT_MISSING',
          'Thiếu sự đồng ý của người được xác thực (consentToken).',
          "The person's consent (consentToken) is missing.",
        ),
      )
    const consent = await this.db
      .selectFrom('sim_identity_consent')
      .selectAll()
      .where('id', '=', request.consentToken)
      .executeTakeFirst()
    if (!consent)
      return refuse(
        consentError(
          'EKYC_CONSENT_MISSING',
          'Không tìm thấy sự đồng ý của người được xác thực.',
          "The person's consent was not found.",
        ),
      )
    if (consent.client_id !== clientId)
      return refuse(
        consentError(
          'EKYC_CONSENT_OTHER_CLIENT',
          'Sự đồng ý này được cấp cho một ứng dụng khác.',
          'This consent was given to another relying party.',
        ),
      )
    if (consent.purpose !== request.purpose)
      return refuse(
        consentError(
          'EKYC_CONSENT_OTHER_PURPOSE',
          'Sự đồng ý này được cấp cho một mục đích khác.',
          'This consent was given for another purpose.',
        ),
      )
    if (this.now().getTime() >= consent.expires_at.getTime())
      return refuse(
        consentError(
          'EKYC_CONSENT_EXPIRED',
          'Sự đồng ý đã hết hạn; người được xác thực cần đồng ý lại.',
          'The consent has expired; the person must consent again.',
        ),
      )
    const account = await this.accounts.find(consent.account_id)
    if (account?.kind !== 'person' || account.profile.personalId !== request.personalId)
      return refuse(
        consentError(
          'EKYC_CONSENT_OTHER_PERSON',
          'Sự đồng ý này không phải của người mang số định danh đã gửi.',
          'This consent is not from the person with the personal ID number sent.',
        ),
      )
    const match =
      sameName(account.profile.fullName, request.fullName) && account.profile.birthDate === request.birthDate
    await this.log({
      transactionRef,
      clientId,
      purpose: request.purpose,
      consentId: consent.id,
      result: match ? 'match' : 'no_match',
      refusalCode: null,
    })
    return { match, transactionRef }
  }

  /** A call refused before the relying party was known (bad credentials). */
  async logUnauthenticated(code: string): Promise<string> {
    const transactionRef = randomUUID()
    await this.log({
      transactionRef,
      clientId: null,
      purpose: null,
      consentId: null,
      result: 'refused',
      refusalCode: code,
    })
    return transactionRef
  }

  async logEntries(limit: number): Promise<Selectable<SimIdentityEkycLogTable>[]> {
    return this.db
      .selectFrom('sim_identity_ekyc_log')
      .selectAll()
      .orderBy('at', 'desc')
      .limit(limit)
      .execute()
  }

  private async log(entry: {
    transactionRef: string
    clientId: string | null
    purpose: string | null
    consentId: string | null
    result: 'match' | 'no_match' | 'refused'
    refusalCode: string | null
  }): Promise<void> {
    await this.db
      .insertInto('sim_identity_ekyc_log')
      .values({
        transaction_ref: entry.transactionRef,
        client_id: entry.clientId,
        purpose: entry.purpose?.slice(0, MAX_PURPOSE_LENGTH) ?? null,
        consent_id: entry.consentId,
        result: entry.result,
        refusal_code: entry.refusalCode,
        at: this.now(),
      })
      .execute()
  }
}

function parseRequest(input: Record<string, unknown>): EkycRequest | undefined {
  const { personalId, fullName, birthDate, consentToken, purpose } = input
  if (typeof personalId !== 'string' || !/^\d{12}$/.test(personalId)) return undefined
  if (typeof fullName !== 'string' || !fullName.trim() || fullName.length > 200) return undefined
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined
  if (typeof purpose !== 'string' || !purpose.trim() || purpose.length > MAX_PURPOSE_LENGTH) return undefined
  if (consentToken !== undefined && typeof consentToken !== 'string') return undefined
  return {
    personalId,
    fullName,
    birthDate,
    purpose: purpose.normalize('NFC').trim(),
    ...(consentToken ? { consentToken } : {}),
  }
}

function purposeOf(value: unknown): string {
  const purpose = typeof value === 'string' ? value.normalize('NFC').trim() : ''
  if (!purpose || purpose.length > MAX_PURPOSE_LENGTH)
    throw new ElcError(
      'IDENTITY_CONSENT_PURPOSE_INVALID',
      text(
        `Mục đích xác thực là bắt buộc, không quá ${MAX_PURPOSE_LENGTH} ký tự.`,
        `The purpose is required, at most ${MAX_PURPOSE_LENGTH} characters.`,
      ),
      { status: 400, ruleId: 'R5.9' },
    )
  return purpose
}

/** Names compare in NFC, ignoring case and extra spaces: "nguyễn  văn an" is "Nguyễn Văn An". */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi')
  return norm(a) === norm(b)
}

function consentError(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en), { status: 403, ruleId: 'R5.9' })
}

function invalidRequest(): ElcError {
  return new ElcError(
    'EKYC_REQUEST_INVALID',
    text(
      'Yêu cầu cần personalId (12 chữ số), fullName, birthDate (YYYY-MM-DD) và purpose.',
      'The request needs personalId (12 digits), fullName, birthDate (YYYY-MM-DD) and purpose.',
    ),
    { status: 400, ruleId: 'R5.11' },
  )
}
