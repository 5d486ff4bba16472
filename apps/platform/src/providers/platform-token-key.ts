// The Platform's own keys for signing access tokens and webhook notices. They live in the database so
// every instance and every restart signs and verifies alike; the private half is encrypted with the
// Platform's key ring (purpose-bound, so it decrypts nowhere else). Rotation adds a key that signs from
// then on; the previous ones stop signing and stay published in the JWKS for a grace period, so tokens
// and webhook signatures made just before still verify. Other instances pick a rotation up on refresh.
import type { PiiCipher } from '@elc/storage'
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
import type { PlatformSigningKeyTable } from './schema.ts'

export const ACCESS_TOKEN_ALG = 'ES256'
const KEY_PURPOSE = 'platform_signing_key.private_jwk'
/** Retired keys stay published this long: beyond any access token (5 min) and a webhook's retries (24 h). */
export const RETIRED_KEY_GRACE_MS = 48 * 3_600_000
/** How often an instance re-reads the keys, to follow a rotation made elsewhere. */
const REFRESH_MS = 60_000

export interface PlatformTokenKey {
  kid: string
  alg: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  publicJwk: JWK
}

export class PlatformSigningKeys {
  private keys: PlatformTokenKey[] = []
  private refreshedAt = 0

  private constructor(
    private readonly repo: ProvidersRepo,
    /** Without a cipher nothing is stored: one key lives in this process's memory only. */
    private readonly cipher: PiiCipher | undefined,
    private readonly now: () => Date,
  ) {}

  static async open(repo: ProvidersRepo, cipher: PiiCipher | undefined, now: () => Date) {
    const keys = new PlatformSigningKeys(repo, cipher, now)
    if (!cipher) keys.keys = [(await generate()).key]
    else {
      await keys.importLegacy(cipher)
      await keys.refresh()
      if (keys.keys.length === 0) await keys.rotate()
    }
    return keys
  }

  /** The key that signs now. */
  current(): PlatformTokenKey {
    void this.refreshIfDue()
    return this.keys[0] as PlatformTokenKey
  }

  /** A published key by its id, re-reading the keys once if it is unknown (a rotation elsewhere). */
  async verificationKey(kid: string | undefined): Promise<PlatformTokenKey | undefined> {
    const find = () => this.keys.find((k) => k.kid === kid)
    if (!find() && this.cipher && this.now().getTime() - this.refreshedAt > 1_000) await this.refresh()
    return find()
  }

  /** The JWKS: every published public key, the current one first. */
  published(): JWK[] {
    void this.refreshIfDue()
    return this.keys.map((k) => k.publicJwk)
  }

  /** Makes a new current key; the others stop signing and stay published for RETIRED_KEY_GRACE_MS. */
  async rotate(): Promise<PlatformTokenKey> {
    const { key, privateJwk } = await generate()
    if (!this.cipher) {
      this.keys = [key, ...this.keys]
      return key
    }
    const now = this.now()
    await this.repo.addSigningKey(
      row(this.cipher, key, privateJwk, now),
      this.keys.length > 0 ? new Date(now.getTime() + RETIRED_KEY_GRACE_MS) : undefined,
    )
    await this.refresh()
    return key
  }

  async refresh(): Promise<void> {
    if (!this.cipher) return
    const rows = await this.repo.publishedSigningKeys(this.now())
    // Unretired keys first (the newest of them signs), then retired ones still published.
    rows.sort((a, b) => Number(a.retired_at !== null) - Number(b.retired_at !== null))
    const cipher = this.cipher
    this.keys = await Promise.all(
      rows.map((r) =>
        imported(
          r.kid,
          r.alg,
          JSON.parse(cipher.decrypt(r.private_jwk_ciphertext, KEY_PURPOSE)),
          r.public_jwk as JWK,
        ),
      ),
    )
    this.refreshedAt = this.now().getTime()
  }

  private async refreshIfDue(): Promise<void> {
    if (this.cipher && this.now().getTime() - this.refreshedAt > REFRESH_MS) {
      this.refreshedAt = this.now().getTime()
      await this.refresh().catch(() => {})
    }
  }

  private async importLegacy(cipher: PiiCipher): Promise<void> {
    const legacy = await this.repo.legacyPlatformKey()
    if (!legacy) return
    const key = await imported(legacy.kid, legacy.alg, legacy.privateJwk as JWK, legacy.publicJwk as JWK)
    await this.repo.importLegacyKey(row(cipher, key, legacy.privateJwk as JWK, legacy.createdAt))
  }
}

async function generate(): Promise<{ key: PlatformTokenKey; privateJwk: JWK }> {
  const pair = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true })
  const publicJwk = await exportJWK(pair.publicKey)
  const kid = await calculateJwkThumbprint(publicJwk)
  const privateJwk = { ...(await exportJWK(pair.privateKey)), kid }
  return {
    key: await imported(kid, ACCESS_TOKEN_ALG, privateJwk, {
      ...publicJwk,
      kid,
      alg: ACCESS_TOKEN_ALG,
      use: 'sig',
    }),
    privateJwk,
  }
}

async function imported(
  kid: string,
  alg: string,
  privateJwk: JWK,
  publicJwk: JWK,
): Promise<PlatformTokenKey> {
  const privateKey = await importJWK(privateJwk, alg)
  const publicKey = await importJWK(publicJwk, alg)
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array)
    throw new Error('the Platform token key is not an asymmetric key')
  return { kid, alg, privateKey, publicKey, publicJwk }
}

function row(cipher: PiiCipher, key: PlatformTokenKey, privateJwk: JWK, at: Date): PlatformSigningKeyTable {
  return {
    kid: key.kid,
    alg: key.alg,
    private_jwk_ciphertext: cipher.encrypt(JSON.stringify(privateJwk), KEY_PURPOSE),
    public_jwk: key.publicJwk,
    created_at: at,
    retired_at: null,
  }
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
