// A real simulator restart: a file-backed database closed and opened again.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDatabase, migrateToLatest } from '@elc/db'
import { expect, it } from 'vitest'
import { SimCertificateAuthority } from './certificate-authority.ts'
import { caMigrations } from './migrations.ts'
import type { SimCaDatabase } from './schema.ts'
import { TEST_URLS, tempDir } from './test-support.ts'

async function start(url: string) {
  const database = await createDatabase<SimCaDatabase>({ url })
  await migrateToLatest(database.db, caMigrations)
  return { database, ca: await SimCertificateAuthority.open({ db: database.db, urls: TEST_URLS }) }
}

it('keeps the same root, serials and revocations after closing and reopening the database', async () => {
  const url = pathToFileURL(join(tempDir(), 'db')).href
  const first = await start(url)
  const rootPrint = Buffer.from(await first.ca.root.certificate.getThumbprint('SHA-256')).toString('hex')
  const kept = await first.ca.issue({
    profile: 'person',
    fullName: 'Đỗ Minh Châu',
    personalId: '036190000123',
  })
  const revoked = await first.ca.issue({
    profile: 'person',
    fullName: 'Vũ Thị Lan',
    personalId: '036190000124',
  })
  await first.ca.revoke(revoked.serialNumber, 'cessationOfOperation')
  const tsa = await first.ca.serviceCredential('tsa', { profile: 'tsa', commonName: 'ELC-SIM TSA' })
  await first.database.close()

  const second = await start(url)
  try {
    expect(Buffer.from(await second.ca.root.certificate.getThumbprint('SHA-256')).toString('hex')).toBe(
      rootPrint,
    )
    const issuer = second.ca.authority(kept.issuerId).certificate
    expect(await second.ca.certificateStatus(issuer, kept.serialNumber)).toEqual({ status: 'good' })
    expect(await second.ca.certificateStatus(issuer, revoked.serialNumber)).toMatchObject({
      status: 'revoked',
      reason: 'cessationOfOperation',
    })
    expect(
      (await second.ca.serviceCredential('tsa', { profile: 'tsa', commonName: 'ELC-SIM TSA' })).serialNumber,
    ).toBe(tsa.serialNumber)
    const next = await second.ca.issue({
      profile: 'person',
      fullName: 'Đỗ Minh Châu',
      personalId: '036190000125',
    })
    expect([kept.serialNumber, revoked.serialNumber, tsa.serialNumber]).not.toContain(next.serialNumber)
    expect((await second.ca.list({ limit: 100 })).map((r) => r.serialNumber)).toEqual(
      expect.arrayContaining([kept.serialNumber, revoked.serialNumber, next.serialNumber]),
    )
  } finally {
    await second.database.close()
  }
}, 120_000)
