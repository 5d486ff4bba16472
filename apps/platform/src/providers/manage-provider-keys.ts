// The public keys a provider signs its client assertions with (RFC 7523); only public JWKs are accepted.
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose'
import { providerKeyExists, providerKeyInvalid, providerKeyNotFound, providerNotFound } from './errors.ts'
import type { ProvidersRepo } from './providers-repo.ts'

/** Algorithms a client assertion may use; symmetric and `none` are never accepted. */
export const ASSERTION_ALGS = ['ES256', 'ES384', 'EdDSA', 'Ed25519', 'PS256', 'RS256'] as const

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']

export async function addProviderKey(
  repo: ProvidersRepo,
  input: { providerId: string; jwk: unknown; by: string },
  now: Date,
): Promise<{ kid: string; jwk: JWK }> {
  if (!(await repo.provider(input.providerId))) throw providerNotFound()
  const jwk = await checkPublicJwk(input.jwk)
  const kid = typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : await calculateJwkThumbprint(jwk)
  const stored = { ...jwk, kid }
  const added = await repo.addKey({ providerId: input.providerId, kid, jwk: stored, at: now, by: input.by })
  if (!added) throw providerKeyExists()
  return { kid, jwk: stored }
}

export async function retireProviderKey(
  repo: ProvidersRepo,
  input: { providerId: string; kid: string; by: string },
  now: Date,
): Promise<void> {
  if (!(await repo.retireKey({ ...input, at: now }))) throw providerKeyNotFound()
}

async function checkPublicJwk(value: unknown): Promise<JWK> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw providerKeyInvalid('not a JWK object')
  const jwk = value as JWK
  if (PRIVATE_MEMBERS.some((m) => m in jwk)) throw providerKeyInvalid('it holds private key material')
  if (jwk.use !== undefined && jwk.use !== 'sig') throw providerKeyInvalid('"use" must be "sig"')
  const alg = algFor(jwk)
  if (!alg) throw providerKeyInvalid(`unsupported key type ${String(jwk.kty)} ${String(jwk.crv ?? '')}`)
  if (jwk.alg !== undefined && !(ASSERTION_ALGS as readonly string[]).includes(jwk.alg))
    throw providerKeyInvalid(`unsupported alg ${jwk.alg}`)
  try {
    await importJWK(jwk, jwk.alg ?? alg)
  } catch (e) {
    throw providerKeyInvalid(e instanceof Error ? e.message : 'it cannot be imported')
  }
  return jwk
}

function algFor(jwk: JWK): string | undefined {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256'
  if (jwk.kty === 'EC' && jwk.crv === 'P-384') return 'ES384'
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA'
  // The modulus in base64url: 342 characters or more is at least 2048 bits.
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string' && jwk.n.length >= 342) return 'PS256'
  return undefined
}
