// The Platform's own key for signing access tokens: made once, kept in the database so every instance and
// every restart signs and verifies with the same key.
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose'
import type { ProvidersRepo } from './providers-repo.ts'

export const ACCESS_TOKEN_ALG = 'ES256'

export interface PlatformTokenKey {
  kid: string
  alg: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  publicJwk: JWK
}

export async function loadPlatformTokenKey(repo: ProvidersRepo, now: Date): Promise<PlatformTokenKey> {
  let stored = await repo.storedPlatformKey()
  if (!stored) {
    const pair = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true })
    const publicJwk = await exportJWK(pair.publicKey)
    const kid = await calculateJwkThumbprint(publicJwk)
    stored = await repo.storePlatformKey({
      kid,
      alg: ACCESS_TOKEN_ALG,
      privateJwk: { ...(await exportJWK(pair.privateKey)), kid },
      publicJwk: { ...publicJwk, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' },
      at: now,
    })
  }
  const privateKey = await importJWK(stored.privateJwk as JWK, stored.alg)
  const publicKey = await importJWK(stored.publicJwk as JWK, stored.alg)
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array)
    throw new Error('the Platform token key is not an asymmetric key')
  return { kid: stored.kid, alg: stored.alg, privateKey, publicKey, publicJwk: stored.publicJwk as JWK }
}
