// A provider registered, keyed and activated as a Platform administrator would set it up, and its
// system's side of OAuth: a fresh private_key_jwt assertion exchanged for an access token. What the
// benchmark and the tests need to act as an eContract provider.
import { randomUUID } from 'node:crypto'
import type { Kysely } from '@elc/db'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { changeAgreementStatus } from './change-agreement-status.ts'
import { addProviderKey } from './manage-provider-keys.ts'
import { ProvidersRepo } from './providers-repo.ts'
import { registerProvider } from './register-provider.ts'
import type { ProvidersDatabase } from './schema.ts'

export interface ConnectedProvider {
  providerId: string
  /** The provider system's private key (ES256, kid k1), as its own configuration would hold it. */
  privateJwk: JWK
  /** Asks `${baseUrl}/oauth/token` for a token; the assertion's audience is the Platform's public token URL. */
  accessToken(baseUrl: string): Promise<string>
}

export async function connectedProvider(
  db: Kysely<unknown>,
  options: { name: string; taxCode: string; publicUrl: string },
): Promise<ConnectedProvider> {
  const repo = new ProvidersRepo(db as Kysely<ProvidersDatabase>)
  const now = new Date()
  const site = `https://${options.taxCode}.example.vn`
  const { provider } = await registerProvider(
    repo,
    {
      name: options.name,
      taxCode: options.taxCode,
      website: site,
      serviceName: options.name,
      supportContact: `hotro@${options.taxCode}.example.vn`,
      feeScheduleUrl: `${site}/bang-gia`,
      termsUrl: `${site}/dieu-khoan`,
    },
    'setup',
    now,
  )
  const pair = await generateKeyPair('ES256', { extractable: true })
  await addProviderKey(
    repo,
    { providerId: provider.id, jwk: { ...(await exportJWK(pair.publicKey)), kid: 'k1' }, by: 'setup' },
    now,
  )
  await changeAgreementStatus(repo, { providerId: provider.id, status: 'active', by: 'setup' }, now)
  return {
    providerId: provider.id,
    privateJwk: { ...(await exportJWK(pair.privateKey)), kid: 'k1', alg: 'ES256' },
    async accessToken(baseUrl) {
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(provider.id)
        .setSubject(provider.id)
        .setAudience(`${options.publicUrl}/oauth/token`)
        .setIssuedAt()
        .setExpirationTime('2m')
        .setJti(randomUUID())
        .sign(pair.privateKey)
      const response = await fetch(`${baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }),
      })
      if (response.status !== 200)
        throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`)
      return ((await response.json()) as { access_token: string }).access_token
    },
  }
}
