// The OpenID provider standing in for VNeID (oidc-provider 8): authorization code flow with PKCE (S256)
// required, ID tokens carrying the VNeID level as `acr`, claims from the simulated population database,
// back-channel logout to relying parties. Its storage and keys live in the simulator's database.
import { text } from '@elc/core'
import type { Kysely } from '@elc/db'
import Provider, {
  type Configuration,
  interactionPolicy,
  type KoaContextWithOIDC,
  type Account as OidcAccount,
} from 'oidc-provider'
import type { SimCaDatabase } from '../ca/schema.ts'
import { type Account, AccountRepo } from './accounts.ts'
import { VNEID_ACR, VNEID_ACR_VALUES } from './assurance-levels.ts'
import { bilingual, escapeHtml, page } from './html.ts'
import { oidcAdapterFactory } from './oidc-adapter.ts'
import { loadProviderKeys } from './provider-keys.ts'

/** Where the provider is mounted in the simulator; the issuer is `${baseUrl}${VNEID_MOUNT_PATH}`. */
export const VNEID_MOUNT_PATH = '/vneid'

export const VNEID_SCOPES = ['openid', 'profile', 'address', 'personal_id', 'organisation'] as const

export interface VneidProviderOptions {
  db: Kysely<SimCaDatabase>
  baseUrl: string
  /** ID token lifetime; default one hour. */
  idTokenTtlSeconds?: number
  /** Told about errors the provider answered with `server_error`. */
  onServerError?: (error: unknown) => void
}

export async function createVneidProvider(options: VneidProviderOptions): Promise<Provider> {
  const { db } = options
  const accounts = new AccountRepo(db)
  const keys = await loadProviderKeys(db)
  const issuer = `${options.baseUrl.replace(/\/+$/, '')}${VNEID_MOUNT_PATH}`

  const configuration: Configuration = {
    adapter: oidcAdapterFactory(db),
    jwks: { keys: keys.signing },
    cookies: { keys: keys.cookie },
    acrValues: [...VNEID_ACR_VALUES],
    scopes: [...VNEID_SCOPES],
    claims: {
      sid: null,
      iss: null,
      // Every ID token says how the person was authenticated, asked for or not: that is what a relying
      // party must keep per signer (R5.11).
      openid: ['sub', 'account_type', 'acr', 'amr', 'auth_time'],
      profile: ['name', 'family_name', 'middle_name', 'given_name', 'birthdate', 'gender'],
      address: ['address'],
      personal_id: ['personal_id'],
      organisation: ['organisation_name', 'tax_code', 'legal_representative'],
    },
    // Relying parties get the claims in the ID token itself, not only from userinfo: an eContract stores
    // the signed token as its evidence of authentication (R5.11).
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: options.idTokenTtlSeconds ?? 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    interactions: {
      url: (_ctx, interaction) => `${VNEID_MOUNT_PATH}/interaction/${interaction.uid}`,
      policy: vneidPolicy(),
    },
    findAccount: async (_ctx, sub) => {
      const account = await accounts.find(sub)
      // A locked account has no claims for anyone: codes and tokens can no longer be redeemed for it.
      if (account?.status !== 'active') return undefined
      return oidcAccount(account)
    },
    renderError,
  }
  const provider = new Provider(issuer, configuration)
  provider.on('server_error', (_ctx: unknown, error: unknown) => options.onServerError?.(error))
  return provider
}

/** The default login and consent prompts, plus two reasons to sign in again. */
function vneidPolicy() {
  const { base, Check } = interactionPolicy
  const policy = base()
  const login = policy.get('login')
  login?.checks.add(
    new Check('vneid_account_inactive', 'the signed-in account is locked', (ctx: KoaContextWithOIDC) =>
      ctx.oidc.session?.accountId && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
  )
  // acr_values is only a wish in OpenID Connect; a relying party asking for level 2 gets level 2 or nothing.
  login?.checks.add(
    new Check('vneid_level2', 'VNeID level 2 authentication is required', (ctx: KoaContextWithOIDC) =>
      requestsLevel2(ctx.oidc.params?.acr_values) && ctx.oidc.session?.acr !== VNEID_ACR.level2
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT,
    ),
  )
  return policy
}

export function requestsLevel2(acrValues: unknown): boolean {
  return typeof acrValues === 'string' && acrValues.split(' ').includes(VNEID_ACR.level2)
}

export function oidcAccount(account: Account): OidcAccount {
  return {
    accountId: account.id,
    claims: () => ({ sub: account.id, ...claimsOf(account) }),
  }
}

/** OpenID claims of an account, before the provider filters them by scope. */
export function claimsOf(account: Account): Record<string, unknown> {
  if (account.kind === 'person') {
    const p = account.profile
    return {
      account_type: 'person',
      name: p.fullName,
      family_name: p.familyName,
      middle_name: p.middleName,
      given_name: p.givenName,
      birthdate: p.birthDate,
      gender: p.sex,
      personal_id: p.personalId,
      address: { formatted: p.residence.address, region: p.residence.province, country: 'VN' },
    }
  }
  const o = account.profile
  return {
    account_type: 'organisation',
    name: o.name,
    organisation_name: o.name,
    tax_code: o.taxCode,
    legal_representative: {
      name: o.legalRepresentative.fullName,
      personal_id: o.legalRepresentative.personalId,
    },
    address: { formatted: o.residence.address, region: o.residence.province, country: 'VN' },
  }
}

async function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) {
  ctx.type = 'html'
  ctx.body = page(
    text('Không thể hoàn tất yêu cầu', 'The request could not be completed'),
    `${bilingual(text('Ứng dụng đã gửi một yêu cầu xác thực không hợp lệ, hoặc phiên đăng nhập đã hết hạn.', 'The application sent an invalid authentication request, or the sign-in session has expired.'))}
<p class="error"><code>${escapeHtml(out.error)}</code>${out.error_description ? `: ${escapeHtml(out.error_description)}` : ''}</p>`,
  )
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  ctx.type = 'html'
  ctx.body = page(
    text('Đăng xuất khỏi VNeID?', 'Sign out of VNeID?'),
    `${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất · Sign out</button>
<button class="secondary" type="submit" form="op.logoutForm">Giữ đăng nhập · Stay signed in</button>`,
  )
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
  ctx.type = 'html'
  ctx.body = page(text('Bạn đã đăng xuất', 'You are signed out'), '')
}
