// Connection changes reach the ledger: activation and suspension each become one `connection.changed`
// entry, made after the change committed, and a second sweep adds nothing.
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { decodeEntry, generateNoteKey } from '@elc/ledger'
import { enforceAccess } from '@elc/web-auth'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'
import { changeAgreementStatus } from '../src/providers/change-agreement-status.ts'
import { ConnectionLedger } from '../src/providers/connection-ledger.ts'
import { registerProviders } from '../src/providers/index.ts'
import { ProvidersRepo } from '../src/providers/providers-repo.ts'
import { registerProvider } from '../src/providers/register-provider.ts'
import type { ProvidersDatabase } from '../src/providers/schema.ts'

let database: Database<unknown>
let ledger: PlatformLedger
let repo: ProvidersRepo

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  ledger = await openPlatformLedger(database, {
    origin: 'nentang-hdld.test/ledger',
    signerKey: generateNoteKey('nentang-hdld.test').signerKey,
    keyFile: '/nonexistent',
  })
  const app = Fastify()
  enforceAccess(app)
  await registerProviders(app, { db: database.db, issuerUrl: 'http://platform.test' })
  await app.close()
  repo = new ProvidersRepo(database.db as Kysely<ProvidersDatabase>)
})

afterAll(async () => {
  await ledger?.close()
  await database?.close()
})

describe('connection changes in the ledger', () => {
  it('each change is one entry; sweeping again adds nothing', async () => {
    const now = new Date('2026-03-06T03:00:00Z')
    const { provider } = await registerProvider(
      repo,
      {
        name: 'Công ty Cổ phần Hợp đồng Xanh',
        taxCode: '0311111111',
        website: 'https://xanh.example.vn',
        serviceName: 'Hợp đồng Xanh',
        supportContact: 'hotro@xanh.example.vn',
        feeScheduleUrl: 'https://xanh.example.vn/phi',
        termsUrl: 'https://xanh.example.vn/dieu-khoan',
      },
      'admin',
      now,
    )
    await changeAgreementStatus(repo, { providerId: provider.id, status: 'active', by: 'admin' }, now)
    await changeAgreementStatus(
      repo,
      { providerId: provider.id, status: 'suspended', reason: 'Vi phạm điều kiện kết nối', by: 'admin' },
      now,
    )
    const sweeper = new ConnectionLedger(database.db as Kysely<ProvidersDatabase>, ledger.ledger, 60_000)
    await sweeper.sweep()
    expect(await sweeper.sweep()).toBe(0)
    await sweeper.stop()
    const entries = (await ledger.ledger.entries(0, 1000))
      .map((e) => decodeEntry(e))
      .filter((e) => e.type === 'connection.changed')
    const mine = entries.filter((e) => e.data.provider === provider.id)
    expect(mine.map((e) => e.data.to).filter((to) => to !== 'pending')).toEqual(['active', 'suspended'])
    expect(mine.find((e) => e.data.to === 'suspended')?.data).toMatchObject({
      from: 'active',
      reason: 'Vi phạm điều kiện kết nối',
    })
  })
})
