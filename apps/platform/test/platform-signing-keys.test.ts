// The Platform's signing keys: encrypted at rest, one current key shared by every instance, rotation that
// keeps the previous key verifying for its grace period and then drops it, a rotation made by one
// instance followed by the others, and the first schema's clear-text key imported and erased.
import { type Kysely, migrateToLatest, sql } from '@elc/db'
import { describeEachDatabase, openHandle } from '@elc/db/testing'
import { PiiCipher } from '@elc/storage'
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose'
import { beforeAll, expect, it } from 'vitest'
import { PlatformSigningKeys, RETIRED_KEY_GRACE_MS } from '../src/providers/platform-token-key.ts'
import { ProvidersRepo } from '../src/providers/providers-repo.ts'
import { type ProvidersDatabase, providersMigrations } from '../src/providers/schema.ts'

const cipher = new PiiCipher({
  keys: [{ id: 'k1', key: Buffer.alloc(32, 3) }],
  currentKeyId: 'k1',
  lookupKey: 'tra-cuu',
})

describeEachDatabase('Platform signing keys', (ctx) => {
  let clock = Date.parse('2026-11-23T02:00:00Z')
  const now = () => new Date(clock)
  let repo: ProvidersRepo

  beforeAll(async () => {
    await migrateToLatest(ctx.db(), providersMigrations, { module: 'providers' })
    repo = new ProvidersRepo(ctx.db() as Kysely<ProvidersDatabase>)
  })

  async function sign(keys: PlatformSigningKeys): Promise<string> {
    const key = keys.current()
    return new SignJWT({})
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setExpirationTime('5m')
      .sign(key.privateKey)
  }

  async function verifies(keys: PlatformSigningKeys, token: string): Promise<boolean> {
    try {
      await jwtVerify(token, async (h) => {
        const k = await keys.verificationKey(h.kid)
        if (!k) throw new Error('unknown kid')
        return k.publicKey
      })
      return true
    } catch {
      return false
    }
  }

  it('imports the first schema’s clear-text key, encrypted, and erases the clear text', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true })
    const privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'legacy-kid' }
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'legacy-kid', alg: 'ES256', use: 'sig' }
    await sql`insert into platform_token_key (id, kid, alg, private_jwk, public_jwk, created_at)
      values ('access-token', 'legacy-kid', 'ES256', ${JSON.stringify(privateJwk)}, ${JSON.stringify(publicJwk)}, now())`.execute(
      ctx.db(),
    )
    const keys = await PlatformSigningKeys.open(repo, cipher, now)
    expect(keys.current().kid).toBe('legacy-kid')
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from platform_token_key`.execute(
      ctx.db(),
    )
    expect(rows[0]?.n).toBe(0)
  })

  it('keeps the private key encrypted: its secret never appears in the table', async () => {
    const keys = await PlatformSigningKeys.open(repo, cipher, now)
    await keys.rotate()
    const { rows } = await sql<{ dump: string; ciphertext: Buffer }>`
      select (encode(private_jwk_ciphertext, 'escape') || public_jwk::text) as dump,
             private_jwk_ciphertext as ciphertext
      from platform_signing_key`.execute(ctx.db())
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) {
      const { d } = JSON.parse(cipher.decrypt(r.ciphertext, 'platform_signing_key.private_jwk')) as {
        d: string
      }
      expect(d.length).toBeGreaterThan(20)
      expect(r.dump).not.toContain(d)
      expect(r.ciphertext.includes(Buffer.from(d, 'base64url'))).toBe(false)
    }
    // The ciphertext is bound to its purpose and key: another key ring cannot open it.
    const stranger = new PiiCipher({
      keys: [{ id: 'k1', key: Buffer.alloc(32, 4) }],
      currentKeyId: 'k1',
      lookupKey: 'x',
    })
    await expect(PlatformSigningKeys.open(repo, stranger, now)).rejects.toThrow()
  })

  it('rotation: the new key signs, the old one still verifies for its grace period and is then dropped', async () => {
    const a = await PlatformSigningKeys.open(repo, cipher, now)
    const b = await PlatformSigningKeys.open(repo, cipher, now) // another instance
    expect(b.current().kid).toBe(a.current().kid)
    const before = await sign(a)
    const oldKid = a.current().kid
    const { kid: newKid } = await a.rotate()
    expect(newKid).not.toBe(oldKid)
    expect(a.current().kid).toBe(newKid)
    expect(a.published().map((k) => k.kid)).toEqual(expect.arrayContaining([newKid, oldKid]))
    expect(a.published()[0]?.kid).toBe(newKid)
    // The other instance has not refreshed yet, but follows as soon as it meets the new key id.
    clock += 2_000
    const after = await sign(a)
    expect(await verifies(b, after)).toBe(true)
    expect(await verifies(b, before)).toBe(true)
    clock += RETIRED_KEY_GRACE_MS + 1_000
    await a.refresh()
    expect(a.published().map((k) => k.kid)).not.toContain(oldKid)
    expect(await verifies(a, before)).toBe(false)
    expect(await verifies(a, after)).toBe(true)
  })

  it('two instances rotating at once end up signing with the same key', async () => {
    const second = await openHandle(ctx)
    try {
      const a = await PlatformSigningKeys.open(repo, cipher, now)
      const b = await PlatformSigningKeys.open(
        new ProvidersRepo(second.db as Kysely<ProvidersDatabase>),
        cipher,
        now,
      )
      await Promise.all([a.rotate(), b.rotate()])
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from platform_signing_key where retired_at is null`.execute(ctx.db())
      expect(rows[0]?.n).toBeGreaterThanOrEqual(1)
      await a.refresh()
      await b.refresh()
      // Whatever the interleaving, both sign with the same key once they have refreshed.
      expect(a.current().kid).toBe(b.current().kid)
    } finally {
      await second.close()
    }
  })
})
