// Starting the system on this machine. Stops gracefully on SIGINT/SIGTERM, finishing requests in flight.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDatabase } from '@elc/db'
import {
  buildEContract,
  type DemoPeople,
  type DemoPerson,
  ECONTRACT_NAME,
  platformConnectionFromEnv,
  SmtpMailer,
  seedDemo,
  simCertificateAuthority,
  smtpMailerFromEnv,
} from '@elc/econtract'
import type { WitnessEndpoint } from '@elc/ledger'
import { httpTimestampAuthority, TrustStore } from '@elc/pki'
import { buildPlatform, connectedProvider, openPlatformLedger } from '@elc/platform'
import { buildSimulator, DEMO_PASSWORD, generatePopulation, type IdentityServices, VNEID_ACR } from '@elc/sim'
import { openBlobStore, PiiCipher, parsePiiKeys } from '@elc/storage'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'

/** ELC_LEDGER_WITNESSES: a JSON array of { "name", "url", "verifierKey" } (C2SP tlog-witness endpoints). */
function witnessesFromEnv(): WitnessEndpoint[] {
  const raw = process.env.ELC_LEDGER_WITNESSES
  if (!raw) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new UsageError('ELC_LEDGER_WITNESSES must be JSON: [{"name":…,"url":…,"verifierKey":…}]')
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.every(
      (w) =>
        w && typeof w.name === 'string' && typeof w.url === 'string' && typeof w.verifierKey === 'string',
    )
  if (!ok) throw new UsageError('ELC_LEDGER_WITNESSES must be JSON: [{"name":…,"url":…,"verifierKey":…}]')
  return parsed as WitnessEndpoint[]
}

/** The eContract's provider, as it describes itself (R1.17) and as the demo registers it on the Platform. */
const PROVIDER = {
  name: process.env.ELC_PROVIDER_NAME ?? 'Công ty Hợp đồng Số (demo)',
  taxCode: process.env.ELC_PROVIDER_TAX_CODE ?? '0109999999',
}

interface Running {
  name: string
  stop(): Promise<void>
}

/** A secret generated once into the data directory (mode 0600) unless the environment gives it. */
function secret(dataDir: string, service: string, name: string, env: string | undefined): string {
  if (env) return env
  const dir = join(dataDir, service)
  const file = join(dir, `${name}.secret`)
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    mkdirSync(dir, { recursive: true })
    const value = randomBytes(32).toString('base64url')
    writeFileSync(file, `${value}\n`, { mode: 0o600 })
    return value
  }
}

interface DemoIdentity {
  issuer: string
  /** Who plays the demo story in the eContract. */
  people?: DemoPeople
  register(
    clientId: string,
    name: string,
    appUrl: string,
  ): Promise<{ clientId: string; clientSecret: string }>
}

/** Sign-in settings for an app: the simulator's VNeID in the demo, or a real issuer from the environment. */
async function identityFor(
  service: 'platform' | 'econtract',
  appUrl: string,
  dataDir: string,
  demo: DemoIdentity | undefined,
) {
  const prefix = service === 'platform' ? 'ELC_PLATFORM' : 'ELC_ECONTRACT'
  const issuer = process.env.ELC_VNEID_ISSUER ?? demo?.issuer
  if (!issuer) return undefined
  const configured = process.env[`${prefix}_CLIENT_ID`] && process.env[`${prefix}_CLIENT_SECRET`]
  const client = configured
    ? {
        clientId: process.env[`${prefix}_CLIENT_ID`] as string,
        clientSecret: process.env[`${prefix}_CLIENT_SECRET`] as string,
      }
    : await demo?.register(
        `elc-${service}`,
        service === 'platform' ? 'Nền tảng HĐLĐ điện tử' : ECONTRACT_NAME,
        appUrl,
      )
  if (!client) return undefined
  return {
    issuer,
    ...client,
    appUrl,
    cookieSecret: secret(dataDir, service, 'cookie', process.env[`${prefix}_COOKIE_SECRET`]),
    piiKey: secret(dataDir, service, 'pii-key', process.env[`${prefix}_PII_KEY`]),
    level2Acr: process.env.ELC_VNEID_LEVEL2_ACR ?? VNEID_ACR.level2,
    allowInsecureIssuer: issuer.startsWith('http://127.0.0.1') || issuer.startsWith('http://localhost'),
  }
}

/**
 * Where submitted PDFs go (ELC_BLOB_STORE: file:///dir or s3://bucket?…), how personal data is encrypted
 * (ELC_PLATFORM_PII_ENCRYPTION_KEYS, generated once for the demo) and which roots signatures must reach
 * (ELC_TRUST_ROOTS: PEM files; the simulator's root in the demo).
 */
async function submissionSettings(dataDir: string, simRoots: Uint8Array[]) {
  const blobs = await openBlobStore(
    process.env.ELC_BLOB_STORE ?? pathToFileURL(resolve(dataDir, 'platform', 'blobs')).href,
  )
  const keys =
    process.env.ELC_PLATFORM_PII_ENCRYPTION_KEYS ??
    `k1:${Buffer.from(secret(dataDir, 'platform', 'pii-encryption', undefined), 'base64url').toString('base64')}`
  const pii = new PiiCipher({
    ...parsePiiKeys(keys),
    lookupKey: secret(dataDir, 'platform', 'pii-key', process.env.ELC_PLATFORM_PII_KEY),
  })
  const files = (process.env.ELC_TRUST_ROOTS ?? '').split(',').filter(Boolean)
  const trust = files.length ? await TrustStore.fromFiles(files) : TrustStore.fromBytes(...simRoots)
  return { blobs, pii, trust }
}

async function startPlatform(
  io: Io,
  dataDir: string,
  trustRoots: Uint8Array[],
  demo?: DemoIdentity,
): Promise<
  Running & {
    url: string
    registerProvider(
      name: string,
      taxCode: string,
    ): Promise<{ clientId: string; privateJwk: Record<string, unknown> }>
  }
> {
  const port = Number(process.env.PORT ?? 8080)
  const host = process.env.HOST ?? '127.0.0.1'
  const appUrl = process.env.ELC_PLATFORM_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  const database = await createDatabase({ name: 'platform', dataDir: join(dataDir, 'platform') })
  const ledger = await openPlatformLedger(database, {
    origin: process.env.ELC_LEDGER_ORIGIN ?? 'nentang-hdld.localhost/ledger',
    signerKey: process.env.ELC_LEDGER_SIGNER_KEY,
    keyFile: join(dataDir, 'platform', 'ledger-signer.key'),
    witnesses: witnessesFromEnv(),
  })
  const identity = await identityFor('platform', appUrl, dataDir, demo)
  const operatorTaxCodes = (process.env.ELC_OPERATOR_TAX_CODES ?? '').split(',').filter(Boolean)
  const app = await buildPlatform({
    database,
    ledger,
    publicUrl: appUrl,
    ...(process.env.ELC_METRICS_TOKEN ? { metricsToken: process.env.ELC_METRICS_TOKEN } : {}),
    submissions: await submissionSettings(dataDir, trustRoots),
    ...(identity ? { identity: { ...identity, operatorTaxCodes } } : {}),
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  })
  const address = await app.listen({ port, host })
  io.out(`Nền tảng HĐLĐ điện tử / ELC Platform: ${address}  (cơ sở dữ liệu / database: ${database.kind})`)
  return {
    name: 'platform',
    url: appUrl,
    async registerProvider(name: string, taxCode: string) {
      const connected = await connectedProvider(database.db, { name, taxCode, publicUrl: appUrl })
      return { clientId: connected.providerId, privateJwk: connected.privateJwk as Record<string, unknown> }
    },
    async stop() {
      await app.close()
      await ledger.close()
      await database.close()
    },
  }
}

/** Where the eContract reaches the systems around it: the CA, TSA, Platform and mail server. */
interface EContractPeers {
  simUrl: string
  smtpUrl: string
  platformUrl: string
  trustRoots: Uint8Array[]
  /** The demo registers the eContract as a provider on the Platform running in this process. */
  registerWithPlatform?: () => Promise<{ clientId: string; privateJwk: Record<string, unknown> }>
}

/**
 * The eContract's services: personal data encrypted (ELC_ECONTRACT_PII_ENCRYPTION_KEYS), documents in
 * ELC_ECONTRACT_BLOB_STORE, the CA and TSA (ELC_CA_URL, ELC_TSA_URL; the simulator's in the demo), the
 * Platform connection (ELC_ECONTRACT_PLATFORM_URL, _CLIENT_ID, _KEY; registered on the local Platform in the
 * demo) and mail (ELC_ECONTRACT_SMTP_URL; the simulator's mailbox in the demo).
 */
async function econtractServices(dataDir: string, appUrl: string, piiKey: string, peers: EContractPeers) {
  const keys =
    process.env.ELC_ECONTRACT_PII_ENCRYPTION_KEYS ??
    `k1:${Buffer.from(secret(dataDir, 'econtract', 'pii-encryption', undefined), 'base64url').toString('base64')}`
  const pii = new PiiCipher({ ...parsePiiKeys(keys), lookupKey: piiKey })
  const blobs = await openBlobStore(
    process.env.ELC_ECONTRACT_BLOB_STORE ?? pathToFileURL(resolve(dataDir, 'econtract', 'blobs')).href,
  )
  const files = (process.env.ELC_TRUST_ROOTS ?? '').split(',').filter(Boolean)
  const trust = files.length ? await TrustStore.fromFiles(files) : TrustStore.fromBytes(...peers.trustRoots)
  const caUrl = process.env.ELC_CA_URL ?? peers.simUrl
  const platform = process.env.ELC_ECONTRACT_PLATFORM_URL
    ? platformConnectionFromEnv()
    : await demoPlatformConnection(dataDir, peers)
  const mailer =
    smtpMailerFromEnv() ??
    new SmtpMailer({ url: peers.smtpUrl, from: `"${ECONTRACT_NAME}" <no-reply@hopdongso.localhost>` })
  return {
    pii,
    blobs,
    trust,
    tsa: httpTimestampAuthority({ url: process.env.ELC_TSA_URL ?? `${peers.simUrl}/tsa` }),
    ca: simCertificateAuthority(caUrl),
    remoteSigningUrl: caUrl,
    ...(platform ? { platform } : {}),
    mailer,
    appUrl,
  }
}

/** The demo's connection: registered once on the local Platform, its key kept in the data directory. */
async function demoPlatformConnection(dataDir: string, peers: EContractPeers) {
  if (!peers.registerWithPlatform) return undefined
  const file = join(dataDir, 'econtract', 'platform-connection.json')
  let saved: { clientId: string; privateJwk: Record<string, unknown> }
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    saved = await peers.registerWithPlatform()
    mkdirSync(join(dataDir, 'econtract'), { recursive: true })
    writeFileSync(file, `${JSON.stringify(saved)}\n`, { mode: 0o600 })
  }
  return { baseUrl: peers.platformUrl, clientId: saved.clientId, privateKey: saved.privateJwk }
}

async function startEContract(
  io: Io,
  dataDir: string,
  peers: EContractPeers,
  demo?: DemoIdentity,
): Promise<Running> {
  const port = Number(process.env.ECONTRACT_PORT ?? 8082)
  const host = process.env.HOST ?? '127.0.0.1'
  const appUrl = process.env.ELC_ECONTRACT_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  const database = await createDatabase({ name: 'econtract', dataDir: join(dataDir, 'econtract') })
  const identity = await identityFor('econtract', appUrl, dataDir, demo)
  const services = identity ? await econtractServices(dataDir, appUrl, identity.piiKey, peers) : undefined
  const app = await buildEContract({
    database,
    ...(identity ? { identity } : {}),
    ...(services ? { services } : {}),
    provider: {
      ...PROVIDER,
      website: appUrl,
      supportContact: process.env.ELC_PROVIDER_SUPPORT ?? 'hotro@hopdongso.localhost',
      termsUrl: `${appUrl}/service`,
    },
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  })
  if (demo?.people && services && app.econtract && identity)
    await seedDemo(
      database.db,
      {
        pii: services.pii,
        blobs: services.blobs,
        piiKey: identity.piiKey,
        documents: app.econtract.documents,
      },
      demo.people,
    )
  const address = await app.listen({ port, host })
  io.out(`eContract (nhà cung cấp / provider): ${address}`)
  return {
    name: 'econtract',
    async stop() {
      await app.close()
      await services?.mailer.close()
      await database.close()
    },
  }
}

/** Demo people and companies in the simulator's VNeID, and the apps registered as its relying parties. */
async function demoIdentity(io: Io, identity: IdentityServices): Promise<DemoIdentity> {
  await identity.accounts.seed(generatePopulation({ seed: 'elc-demo', persons: 20, organisations: 3 }))
  const level2 = <T extends { assuranceLevel: number; status: string }>(list: T[]) =>
    list.filter((a) => a.assuranceLevel === 2 && a.status === 'active')
  const persons = level2(await identity.accounts.list({ kind: 'person', limit: 20, offset: 0 })).slice(0, 3)
  const companies = level2(await identity.accounts.list({ kind: 'organisation', limit: 3, offset: 0 })).slice(
    0,
    1,
  )
  io.out(
    `Đăng nhập thử / demo sign-ins (mật khẩu / password ${DEMO_PASSWORD}; mã OTP hiện trên trang / one-time code shown on the page):`,
  )
  const roleOf = (i: number) => (i === 0 ? 'nhân viên nhân sự / HR officer' : 'người lao động / worker')
  for (const [i, a] of persons.entries()) io.out(`  ${roleOf(i)}: ${a.loginId}`)
  for (const a of companies) io.out(`  quản trị doanh nghiệp / employer administrator: ${a.loginId}`)
  const org = companies[0]
  const people: DemoPeople | undefined =
    org?.kind === 'organisation' && persons.length >= 2
      ? {
          organisation: {
            subject: org.id,
            taxCode: org.profile.taxCode,
            name: org.profile.name,
            address: org.profile.residence.address,
            province: org.profile.residence.province,
            legalRepresentative: org.profile.legalRepresentative,
          },
          ...(() => {
            const asPerson = (a: (typeof persons)[number]) => {
              if (a.kind !== 'person') throw new Error('not a person')
              return {
                personalId: a.profile.personalId,
                fullName: a.profile.fullName,
                sex: a.profile.sex === 'female' ? ('female' as const) : ('male' as const),
                birthDate: a.profile.birthDate,
                residence: a.profile.residence.address,
              }
            }
            const [hr, ...workers] = persons.map(asPerson)
            return { hr: hr as DemoPerson, workers }
          })(),
        }
      : undefined
  return {
    issuer: identity.issuer,
    ...(people ? { people } : {}),
    async register(clientId, name, appUrl) {
      return identity.relyingParties.ensure({
        clientId,
        clientName: name,
        redirectUris: [`${appUrl}/auth/callback`],
        postLogoutRedirectUris: [`${appUrl}/`],
        backchannelLogoutUri: `${appUrl}/auth/backchannel-logout`,
      })
    },
  }
}

/** The simulator stands for systems outside ELC, so it keeps its own database (embedded unless configured). */
async function startSimulator(
  io: Io,
  dataDir: string,
): Promise<Running & { identity: IdentityServices; root: Uint8Array; baseUrl: string; smtpUrl: string }> {
  const port = Number(process.env.SIM_PORT ?? 8081)
  const host = process.env.HOST ?? '127.0.0.1'
  const url = process.env.ELC_SIM_DATABASE_URL ?? pathToFileURL(resolve(dataDir, 'sim')).href
  const database = await createDatabase({ url, name: 'sim' })
  const baseUrl = process.env.SIM_BASE_URL ?? `http://${host}:${port}`
  const { app, ca, identity, mail } = await buildSimulator({
    db: database.db as never,
    baseUrl,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    autoApproveRemoteSigning: process.env.SIM_REMOTE_SIGNING_AUTO_APPROVE === '1',
  })
  await app.listen({ port, host })
  const smtp = await mail.startSmtp({ host, port: Number(process.env.SIM_SMTP_PORT ?? 2525) })
  io.out(`Dịch vụ quốc gia mô phỏng / national services simulator (CA, OCSP, CRL, TSA, VNeID): ${baseUrl}`)
  io.out(`Hộp thư mô phỏng / simulated mailbox: ${baseUrl}/mail  (SMTP ${host}:${smtp.port})`)
  return {
    name: 'simulator',
    identity,
    root: ca.root.der,
    baseUrl,
    smtpUrl: `smtp://${host}:${smtp.port}`,
    async stop() {
      await app.close()
      await database.close()
    },
  }
}

/** Runs until SIGINT or SIGTERM, then stops each part in reverse order, finishing work in flight. */
async function runUntilSignal(io: Io, parts: Running[]): Promise<number> {
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve())
  })
  for (const part of parts.reverse()) {
    io.err(`stopping ${part.name}`)
    await part.stop()
  }
  return 0
}

/** `elc start`: the simulator, the Platform and the eContract, on embedded databases unless configured otherwise. */
export async function startCommand(io: Io): Promise<number> {
  const dataDir = process.env.ELC_DATA_DIR ?? 'data'
  const sim = await startSimulator(io, dataDir)
  const demo = process.env.ELC_VNEID_ISSUER ? undefined : await demoIdentity(io, sim.identity)
  const platform = await startPlatform(io, dataDir, [sim.root], demo)
  const econtract = await startEContract(
    io,
    dataDir,
    {
      simUrl: sim.baseUrl,
      smtpUrl: sim.smtpUrl,
      platformUrl: platform.url,
      trustRoots: [sim.root],
      ...(demo
        ? {
            registerWithPlatform: () => platform.registerProvider(PROVIDER.name, PROVIDER.taxCode),
          }
        : {}),
    },
    demo,
  )
  return runUntilSignal(io, [sim, platform, econtract])
}

/** `elc sim start`: the national services simulator alone. */
export async function simStartCommand(io: Io): Promise<number> {
  return runUntilSignal(io, [await startSimulator(io, process.env.ELC_DATA_DIR ?? 'data')])
}
