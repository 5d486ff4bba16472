import { migrateToLatest } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { beforeAll, expect, it } from 'vitest'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { OidcRecordAdapter } from './oidc-adapter.ts'

describeEachDatabase<SimCaDatabase>('sim VNeID oidc-provider adapter', (ctx) => {
  beforeAll(async () => {
    await migrateToLatest(ctx.db(), caMigrations)
  })

  it('stores, finds by id, uid and user code, consumes and destroys', async () => {
    const sessions = new OidcRecordAdapter(ctx.db(), 'Session')
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a1' }, 60)
    expect(await sessions.find('s1')).toEqual({ uid: 'u1', accountId: 'a1' })
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'a1' })
    // Kinds do not see each other's ids.
    expect(await new OidcRecordAdapter(ctx.db(), 'Grant').find('s1')).toBeUndefined()
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a1', acr: 'vneid:level2' }, 60)
    expect((await sessions.find('s1'))?.acr).toBe('vneid:level2')
    await sessions.destroy('s1')
    expect(await sessions.find('s1')).toBeUndefined()

    const devices = new OidcRecordAdapter(ctx.db(), 'DeviceCode')
    await devices.upsert('d1', { userCode: 'ABCD-EFGH', grantId: 'g9' }, 60)
    expect((await devices.findByUserCode('ABCD-EFGH'))?.grantId).toBe('g9')

    const codes = new OidcRecordAdapter(ctx.db(), 'AuthorizationCode')
    await codes.upsert('c1', { grantId: 'g1' }, 60)
    expect((await codes.find('c1'))?.consumed).toBeUndefined()
    await codes.consume('c1')
    expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number))
  })

  it('revokes every record of a grant, whatever its kind, and hides expired records', async () => {
    const codes = new OidcRecordAdapter(ctx.db(), 'AuthorizationCode')
    const tokens = new OidcRecordAdapter(ctx.db(), 'AccessToken')
    await codes.upsert('c2', { grantId: 'g2' }, 60)
    await tokens.upsert('t2', { grantId: 'g2' }, 60)
    await tokens.upsert('t3', { grantId: 'g3' }, 60)
    await codes.revokeByGrantId('g2')
    expect(await codes.find('c2')).toBeUndefined()
    expect(await tokens.find('t2')).toBeUndefined()
    expect(await tokens.find('t3')).toBeDefined()

    await tokens.upsert('t4', { grantId: 'g4' }, -1)
    expect(await tokens.find('t4')).toBeUndefined()
  })
})
