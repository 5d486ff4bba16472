// Relying parties (the eContract services and the Platform) registered with the simulated VNeID through the
// admin API, and their authentication with client_id and client_secret on the simulator's own endpoints.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { ClientMetadata, default as Provider } from 'oidc-provider'
import type { SimCaDatabase } from '../ca/schema.ts'

export interface ClientRegistration {
  clientId?: string
  clientName: string
  redirectUris: string[]
  postLogoutRedirectUris?: string[]
  backchannelLogoutUri?: string
}

export interface RegisteredClient {
  clientId: string
  clientName: string
  redirectUris: string[]
  postLogoutRedirectUris: string[]
  backchannelLogoutUri: string | null
  createdAt: Date
}

interface StoredMetadata {
  client_id: string
  client_secret: string
  client_name: string
  redirect_uris: string[]
  post_logout_redirect_uris?: string[]
  backchannel_logout_uri?: string
}

const CLIENT_ID_RE = /^[A-Za-z0-9._-]{3,64}$/

export class RelyingParties {
  constructor(
    private readonly db: Kysely<SimCaDatabase>,
    private readonly provider: Provider,
  ) {}

  /** Registers a client; the secret is returned once, here. */
  async register(input: ClientRegistration): Promise<RegisteredClient & { clientSecret: string }> {
    const clientId = input.clientId ?? `rp-${randomBytes(9).toString('base64url')}`
    if (!CLIENT_ID_RE.test(clientId))
      throw invalid(
        'client_id: 3–64 chữ cái, chữ số, ".", "_" hoặc "-".',
        'client_id: 3–64 letters, digits, ".", "_" or "-".',
      )
    const metadata: ClientMetadata & StoredMetadata = {
      client_id: clientId,
      client_secret: randomBytes(32).toString('base64url'),
      client_name: input.clientName.normalize('NFC'),
      redirect_uris: input.redirectUris,
      ...(input.postLogoutRedirectUris ? { post_logout_redirect_uris: input.postLogoutRedirectUris } : {}),
      ...(input.backchannelLogoutUri
        ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: true }
        : {}),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }
    try {
      await this.provider.Client.validate(metadata)
    } catch (error) {
      const detail = (error as { error_description?: string }).error_description ?? 'invalid client metadata'
      throw invalid(`Thông tin ứng dụng không hợp lệ: ${detail}`, `Invalid client metadata: ${detail}`)
    }
    const row = await this.db
      .insertInto('sim_identity_client')
      .values({ client_id: clientId, metadata: JSON.stringify(metadata) })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .returning(['created_at'])
      .executeTakeFirst()
    if (!row)
      throw new ElcError(
        'IDENTITY_CLIENT_EXISTS',
        text(`Ứng dụng ${clientId} đã được đăng ký.`, `Client ${clientId} is already registered.`),
        { status: 409 },
      )
    return { ...toClient(metadata, row.created_at), clientSecret: metadata.client_secret }
  }

  /** The demo's start-up: the client with this id as registered before, or registered now. */
  async ensure(
    input: ClientRegistration & { clientId: string },
  ): Promise<RegisteredClient & { clientSecret: string }> {
    const row = await this.db
      .selectFrom('sim_identity_client')
      .selectAll()
      .where('client_id', '=', input.clientId)
      .executeTakeFirst()
    if (!row) return this.register(input)
    const metadata = row.metadata as StoredMetadata
    return { ...toClient(metadata, row.created_at), clientSecret: metadata.client_secret }
  }

  async list(): Promise<RegisteredClient[]> {
    const rows = await this.db.selectFrom('sim_identity_client').selectAll().orderBy('created_at').execute()
    return rows.map((r) => toClient(r.metadata as StoredMetadata, r.created_at))
  }

  /**
   * The client named by HTTP Basic credentials (client_id:client_secret, form-encoded as for the token
   * endpoint, RFC 6749 §2.3.1); throws IDENTITY_CLIENT_UNAUTHENTICATED otherwise.
   */
  async authenticate(authorization: string | undefined): Promise<string> {
    const credentials = parseBasic(authorization)
    const row = credentials
      ? await this.db
          .selectFrom('sim_identity_client')
          .select('metadata')
          .where('client_id', '=', credentials.id)
          .executeTakeFirst()
      : undefined
    const secret = (row?.metadata as StoredMetadata | undefined)?.client_secret
    if (!credentials || !secret || !sameSecret(secret, credentials.secret))
      throw new ElcError(
        'IDENTITY_CLIENT_UNAUTHENTICATED',
        text(
          'Ứng dụng chưa được xác thực: cần client_id và client_secret hợp lệ (HTTP Basic).',
          'The relying party is not authenticated: valid client_id and client_secret are required (HTTP Basic).',
        ),
        { status: 401 },
      )
    return credentials.id
  }
}

function toClient(m: StoredMetadata, createdAt: Date): RegisteredClient {
  return {
    clientId: m.client_id,
    clientName: m.client_name,
    redirectUris: m.redirect_uris,
    postLogoutRedirectUris: m.post_logout_redirect_uris ?? [],
    backchannelLogoutUri: m.backchannel_logout_uri ?? null,
    createdAt,
  }
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '')
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  try {
    const formDecode = (s: string) => decodeURIComponent(s.replaceAll('+', ' '))
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) }
  } catch {
    return undefined
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

function invalid(vi: string, en: string): ElcError {
  return new ElcError('IDENTITY_CLIENT_METADATA_INVALID', text(vi, en), { status: 400 })
}
