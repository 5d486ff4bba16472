// The simulated national identity services as one object: the VNeID-like OpenID provider, its relying
// parties, account locking, and eKYC with consent. Built once per simulator from its database.
import type { Kysely } from '@elc/db'
import type { JWK } from 'jose'
import type Provider from 'oidc-provider'
import type { SimCaDatabase } from '../ca/schema.ts'
import { AccountLocking } from './account-locking.ts'
import { AccountRepo } from './accounts.ts'
import { EkycService } from './ekyc-service.ts'
import { loadProviderKeys } from './provider-keys.ts'
import { RelyingParties } from './relying-parties.ts'
import { createVneidProvider } from './vneid-provider.ts'

export interface IdentityOptions {
  db: Kysely<SimCaDatabase>
  baseUrl: string
  /** eKYC consent and account-lock times; oidc-provider itself always uses the system clock. */
  now?: () => Date
  idTokenTtlSeconds?: number
  consentTtlMs?: number
  onServerError?: (error: unknown) => void
}

export interface IdentityServices {
  issuer: string
  provider: Provider
  accounts: AccountRepo
  relyingParties: RelyingParties
  locking: AccountLocking
  ekyc: EkycService
  db: Kysely<SimCaDatabase>
}

export async function openIdentityServices(options: IdentityOptions): Promise<IdentityServices> {
  const { db } = options
  const provider = await createVneidProvider({
    db,
    baseUrl: options.baseUrl,
    ...(options.idTokenTtlSeconds ? { idTokenTtlSeconds: options.idTokenTtlSeconds } : {}),
    ...(options.onServerError ? { onServerError: options.onServerError } : {}),
  })
  const keys = await loadProviderKeys(db)
  return {
    issuer: provider.issuer,
    provider,
    accounts: new AccountRepo(db),
    relyingParties: new RelyingParties(db, provider),
    locking: new AccountLocking(db, provider, options.now),
    ekyc: new EkycService({
      db,
      issuer: provider.issuer,
      publicKeys: keys.signing.map(publicJwk),
      ...(options.now ? { now: options.now } : {}),
      ...(options.consentTtlMs ? { consentTtlMs: options.consentTtlMs } : {}),
    }),
    db,
  }
}

function publicJwk(jwk: { kty?: string; n?: string; e?: string; kid?: string; alg?: string }): JWK {
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: jwk.kid, alg: jwk.alg, use: 'sig' } as JWK
}
