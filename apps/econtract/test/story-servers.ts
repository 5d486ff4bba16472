// Everything the must-show story runs against, on loopback: the simulator (CA, OCSP, TSA, remote signing
// with one-time codes, VNeID, SMTP sink), a Platform with the eContract registered as its provider, and the
// eContract itself wired as `elc start` wires it; the seeded people the story signs in as.
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { httpTimestampAuthority, TrustStore } from '@elc/pki'
import { type SimFixture, startSim } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { GrantsRepo, grantRole, type WebAuthDatabase } from '@elc/web-auth'
import { registerClient, type SeededAccount, seedAccounts } from '@elc/web-auth/testing'
import { buildEContract } from '../src/app.ts'
import { simCertificateAuthority } from '../src/contracts/index.ts'
import { SmtpMailer } from '../src/delivery/index.ts'
import { startTestPlatform, type TestPlatform } from './outbox-platform.ts'

export const PROVIDER_TAX_CODE = '0109999999'
const PII_KEY = 'econtract-cau-chuyen'
const LEVEL2_ACR = 'vneid:level2'

/** A seeded company as the simulator's VNeID holds it. */
export interface StoryCompany {
  account: SeededAccount
  taxCode: string
  name: string
  address: string
  legalRepresentative: { fullName: string; personalId: string }
}

/** A seeded level 2 person as the simulator's VNeID holds it. */
export interface StoryPerson {
  account: SeededAccount
  personalId: string
  fullName: string
  sex: 'male' | 'female'
  birthDate: string
  residence: string
}

export interface StoryServers {
  sim: SimFixture
  platform: TestPlatform
  appUrl: string
  app: Awaited<ReturnType<typeof buildEContract>>
  company: StoryCompany
  worker: StoryPerson
  /** A person granted provider-operator for this eContract, for the operations page. */
  operator: StoryPerson
  close(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

function personOf(account: SeededAccount): StoryPerson {
  const p = account.profile as {
    personalId: string
    fullName: string
    sex: 'male' | 'female'
    birthDate: string
    residence: { address: string }
  }
  return {
    account,
    personalId: p.personalId,
    fullName: p.fullName.normalize('NFC'),
    sex: p.sex,
    birthDate: p.birthDate,
    residence: p.residence.address.normalize('NFC'),
  }
}

function companyOf(account: SeededAccount): StoryCompany {
  const p = account.profile as {
    taxCode: string
    name: string
    residence: { address: string }
    legalRepresentative: { fullName: string; personalId: string }
  }
  return {
    account,
    taxCode: p.taxCode,
    name: p.name.normalize('NFC'),
    address: p.residence.address.normalize('NFC'),
    legalRepresentative: {
      fullName: p.legalRepresentative.fullName.normalize('NFC'),
      personalId: p.legalRepresentative.personalId,
    },
  }
}

export async function startStoryServers(): Promise<StoryServers> {
  const closers: Array<() => unknown> = []
  const close = async () => {
    for (const c of closers.reverse())
      await Promise.resolve()
        .then(c)
        .catch(() => undefined)
  }
  try {
    const sim = await startSim({ autoApproveRemoteSigning: false, smtp: true })
    closers.push(() => sim.close())
    const accounts = await seedAccounts(sim.baseUrl, 'elc-cau-chuyen', 8, 1)
    const organisation = accounts.find((a) => a.kind === 'organisation' && a.status === 'active')
    if (!organisation) throw new Error('the seed gave no organisation account')
    const company = companyOf(organisation)
    // The worker and the operator: level 2 people who are not the company's legal representative.
    const people = accounts
      .filter((a) => a.kind === 'person' && a.assuranceLevel === 2 && a.status === 'active')
      .map(personOf)
      .filter((p) => p.personalId !== company.legalRepresentative.personalId)
    const [worker, operator] = people
    if (!worker || !operator) throw new Error('the seed gave fewer than two level 2 people')

    const platform = await startTestPlatform(sim)
    closers.push(() => platform.close())
    const connection = await platform.provider(PROVIDER_TAX_CODE)

    const port = await freePort()
    const appUrl = `http://127.0.0.1:${port}`
    const client = await registerClient(sim.baseUrl, appUrl, 'eContract (câu chuyện / story)')
    const database: Database<unknown> = await createDatabase({ url: 'memory://' })
    closers.push(() => database.close())
    const pii = new PiiCipher({
      keys: [{ id: 'k1', key: Buffer.alloc(32, 7) }],
      currentKeyId: 'k1',
      lookupKey: PII_KEY,
    })
    const mailer = new SmtpMailer({
      url: sim.smtpUrl as string,
      from: '"Hợp đồng Số" <no-reply@hopdongso.test>',
    })
    closers.push(() => mailer.close())
    const app = await buildEContract({
      database,
      identity: {
        issuer: `${sim.baseUrl}/vneid`,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        appUrl,
        cookieSecret: 'econtract-cau-chuyen-cookie-secret-0123456789',
        level2Acr: LEVEL2_ACR,
        allowInsecureIssuer: true,
        piiKey: PII_KEY,
      },
      services: {
        pii,
        blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-story-blobs-'))),
        trust: TrustStore.fromBytes(sim.rootDer),
        tsa: httpTimestampAuthority({ url: `${sim.baseUrl}/tsa` }),
        ca: simCertificateAuthority(sim.baseUrl),
        remoteSigningUrl: sim.baseUrl,
        platform: connection,
        mailer,
        appUrl,
        workerIntervalMs: 200,
      },
      provider: {
        name: 'Công ty Cổ phần Hợp đồng Số',
        taxCode: PROVIDER_TAX_CODE,
        website: appUrl,
        supportContact: 'hotro@hopdongso.test',
        termsUrl: `${appUrl}/service`,
      },
    })
    await app.listen({ host: '127.0.0.1', port })
    // Closed first: its workers finish the round in hand before the mailer and database go.
    closers.push(() => app.close())

    // The provider's own staff member, granted as the provider's administrator would (no page for it yet).
    await grantRole(new GrantsRepo(database.db as Kysely<WebAuthDatabase>), {
      request: {
        personalId: operator.personalId,
        role: 'provider-operator',
        providerTaxCode: PROVIDER_TAX_CODE,
      },
      by: { subject: 'story-setup', accountType: 'person', level: 2, name: 'setup', grants: [] },
      piiKey: PII_KEY,
      operatorTaxCodes: [],
    })

    return { sim, platform, appUrl, app, company, worker, operator, close }
  } catch (e) {
    await close()
    throw e
  }
}
