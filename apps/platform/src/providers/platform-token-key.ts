// The Platform's own key for signing access tokens and webhook notices: made once, kept in the database so
// every instance and every restart signs and verifies with the same key.
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  FlattenedSign,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose'
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

/**
 * A detached JWS with an unencoded payload (RFC 7797, `b64: false`) over exactly these bytes, in compact
 * form `header..signature`: the receiver verifies the body it received as-is, without re-encoding it.
 */
export async function signDetached(key: PlatformTokenKey, payload: Uint8Array): Promise<string> {
  const jws = await new FlattenedSign(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, b64: false, crit: ['b64'] })
    .sign(key.privateKey)
  return `${jws.protected}..${jws.signature}`
}
