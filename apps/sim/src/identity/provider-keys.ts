// The provider's signing key and cookie secret, kept in the database so ID tokens still verify and
// interactions still resume after a restart. Generated on first start.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import type { Kysely } from '@elc/db'
import type { JWK } from 'oidc-provider'
import type { SimCaDatabase } from '../ca/schema.ts'

const SIGNING_KEY_ID = 'vneid-signing-rs256'
const COOKIE_KEY_ID = 'vneid-cookie'

export interface ProviderKeys {
  /** Private JWKs for oidc-provider's `jwks`. */
  signing: JWK[]
  cookie: string[]
}

export async function loadProviderKeys(db: Kysely<SimCaDatabase>): Promise<ProviderKeys> {
  const signing = await loadOrCreate(db, SIGNING_KEY_ID, 'signing', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const jwk = privateKey.export({ format: 'jwk' })
    // RFC 7638 thumbprint as kid, so relying parties can cache the key by it.
    const kid = createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
      .digest('base64url')
    return { ...jwk, kid, alg: 'RS256', use: 'sig' }
  })
  const cookie = await loadOrCreate(db, COOKIE_KEY_ID, 'cookie', () => ({
    secret: randomBytes(32).toString('base64url'),
  }))
  return { signing: [signing as JWK], cookie: [(cookie as { secret: string }).secret] }
}

async function loadOrCreate(
  db: Kysely<SimCaDatabase>,
  id: string,
  use: 'signing' | 'cookie',
  create: () => object,
): Promise<unknown> {
  const existing = await db
    .selectFrom('sim_identity_key')
    .select('material')
    .where('id', '=', id)
    .executeTakeFirst()
  if (existing) return existing.material
  // Two simulators starting on one database at once: the first insert wins and both use its key.
  await db
    .insertInto('sim_identity_key')
    .values({ id, use, material: JSON.stringify(create()) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  const row = await db
    .selectFrom('sim_identity_key')
    .select('material')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.material
}
