// Assembles the eContract service: the provider application employers and workers sign in to with VNeID.
// The caller owns the database and the listener; the background workers (Platform outbox, deliveries)
// start here and stop when the app closes, finishing the work in hand.
import type { Database, Kysely } from '@elc/db'
import { registerProblemHandlers } from '@elc/http'
import { RevocationChecker, type TimestampAuthority, type TrustStore } from '@elc/pki'
import type { BlobStore, PiiCipher } from '@elc/storage'
import {
  type AppLink,
  accountRoutes,
  enforceAccess,
  registerWebAuth,
  type WebAuthDatabase,
  type WebAuthOptions,
} from '@elc/web-auth'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { BulkService, BulkWorker, bulkRoutes } from './bulk/index.ts'
import {
  type CertificateAuthorityClient,
  type ContractsDatabase,
  DeliveryWorker,
  DocumentsService,
  migrateContracts,
  onPlatformDecision,
  SignerCertificates,
  SigningService,
} from './contracts/index.ts'
import type { Mailer } from './delivery/index.ts'
import { EmployeesRepo, employeeRoutes, migrateEmployees } from './employees/index.ts'
import { EmployersService, employerRoutes, migrateEmployers } from './employers/index.ts'
import { ECONTRACT_NAME } from './name.ts'
import { migrateOutbox, OutboxWorker, outboxRoutes, PlatformOutbox } from './outbox/index.ts'
import { documentPages, lifecyclePages } from './pages/index.ts'
import { connectPlatform, type PlatformConnectionConfig } from './platform-connection/index.ts'
import { employerStaffRoutes } from './routes/employer-staff.ts'
import { homeRoutes } from './routes/home.ts'
import { type ProviderInfo, serviceInfoRoutes } from './routes/service-info.ts'
import { migrateTemplates, TemplatesService, templateRoutes } from './templates/index.ts'

/** What each role finds on its account page, the landing page after sign-in. */
const ECONTRACT_LINKS: AppLink[] = [
  { href: '/me/documents', vi: 'Hợp đồng của tôi', en: 'My contracts', roles: ['worker'] },
  {
    href: '/documents',
    vi: 'Hợp đồng của doanh nghiệp',
    en: "The employer's contracts",
    roles: ['hr-staff', 'employer-admin'],
  },
  {
    href: '/employees',
    vi: 'Danh sách người lao động',
    en: 'Employees',
    roles: ['hr-staff', 'employer-admin'],
  },
  {
    href: '/employer',
    vi: 'Thông tin doanh nghiệp và người ký',
    en: 'Company and signatories',
    roles: ['hr-staff', 'employer-admin'],
  },
  {
    href: '/operations',
    vi: 'Theo dõi gửi Nền tảng',
    en: 'Platform submissions',
    roles: ['provider-operator'],
  },
]

export interface EContractOptions {
  database: Pick<Database<unknown>, 'db' | 'kind'>
  /** Sign-in with VNeID (level 2 to sign, D7.1.d); without it only the public pages answer. */
  identity?: Omit<WebAuthOptions, 'db'>
  /** Contracts, employees and employers; needs sign-in. */
  services?: EContractServices
  /** The provider's public service information (R1.17). */
  provider?: ProviderInfo
  logger?: FastifyServerOptions['logger']
}

export interface EContractServices {
  /** Encrypts personal ID numbers and contract data at rest; its lookup key is also web-auth's piiKey. */
  pii: PiiCipher
  /** Signed PDFs and uploaded documents, content-addressed. */
  blobs: BlobStore
  /** The roots certificates must chain to (NEAC's; the simulator's in the demo). */
  trust: TrustStore
  revocation?: RevocationChecker
  /** Timestamps on every signature (PAdES B-T) and on the provider's certification (B-LTA). */
  tsa: TimestampAuthority
  /** The partner CA that issues the parties' remote-signing certificates, and its remote signing service. */
  ca: CertificateAuthorityClient
  remoteSigningUrl: string
  /** The Platform connection; without it signed documents wait in the outbox. */
  platform?: PlatformConnectionConfig
  /** E-mail delivery to the parties; without it documents are delivered in the app only. */
  mailer?: Mailer
  /** Where the parties reach this app (links in e-mails). */
  appUrl: string
  /** How often the background workers look for work (ms). */
  workerIntervalMs?: number
}

export async function buildEContract({
  database,
  identity,
  services,
  provider,
  logger = false,
}: EContractOptions) {
  const app = Fastify({ logger, return503OnClosing: true })
  registerProblemHandlers(app)
  enforceAccess(app)
  if (identity) {
    const { grants } = await registerWebAuth(app, { ...identity, db: database.db as Kysely<WebAuthDatabase> })
    accountRoutes(app, ECONTRACT_NAME, services ? ECONTRACT_LINKS : [])
    employerStaffRoutes(app, { grants, piiKey: identity.piiKey })
    if (services) await contractServices(app, database.db, services)
  }
  homeRoutes(app, database, Boolean(identity))
  serviceInfoRoutes(app, provider)
  return app
}

/** Registers the business routes and starts the workers that submit and deliver signed documents. */
async function contractServices(app: ReturnType<typeof Fastify>, raw: Kysely<unknown>, s: EContractServices) {
  await migrateContracts(raw)
  await migrateOutbox(raw)
  const db = raw as Kysely<ContractsDatabase>
  const revocation = s.revocation ?? new RevocationChecker()
  const documents = new DocumentsService({ db, blobs: s.blobs, pii: s.pii })
  const outbox = new PlatformOutbox({ db: raw, blobs: s.blobs, pii: s.pii })
  const outboxWorker = s.platform
    ? (() => {
        const { client, tokens } = connectPlatform(s.platform)
        return new OutboxWorker({
          db: raw,
          client,
          blobs: s.blobs,
          pii: s.pii,
          tokens,
          onDecided: onPlatformDecision(documents, s.blobs),
          onAlert: (alert) => app.log.warn({ alert }, 'outbox needs attention'),
          log: app.log,
          ...(s.workerIntervalMs ? { intervalMs: s.workerIntervalMs } : {}),
        })
      })()
    : undefined
  const certificates = new SignerCertificates({ db, ca: s.ca, pii: s.pii, trust: s.trust, revocation })
  let deliveries: DeliveryWorker | undefined
  const signing = new SigningService({
    documents,
    certificates,
    remoteSigningUrl: s.remoteSigningUrl,
    tsa: s.tsa,
    trust: s.trust,
    revocation,
    outbox,
    onQueued: () => {
      outboxWorker?.kick()
      deliveries?.kick()
    },
  })
  deliveries = new DeliveryWorker({
    documents,
    blobs: s.blobs,
    ...(s.mailer ? { mailer: s.mailer } : {}),
    appUrl: s.appUrl,
    beforeRound: () => signing.finishSigned(),
    log: app.log,
    ...(s.workerIntervalMs ? { intervalMs: s.workerIntervalMs } : {}),
  })
  app.addHook('onClose', async () => {
    await deliveries.stop()
    await outboxWorker?.stop()
  })
  employeeRoutes(app, { db: raw, cipher: s.pii })
  employerRoutes(app, { db: raw, cipher: s.pii, blobs: s.blobs })
  outboxRoutes(app, { outbox })
  await migrateEmployees(raw)
  await migrateEmployers(raw)
  await migrateTemplates(raw)
  const employers = new EmployersService({ db: raw as never, cipher: s.pii, blobs: s.blobs })
  const employees = new EmployeesRepo(raw as never, s.pii)
  const templates = new TemplatesService({ db: raw as never })
  templateRoutes(app, { templates })
  documentPages(app, {
    documents,
    signing,
    templates,
    employees,
    employerFor: (taxCode, on) => employers.defaultContractEmployer(taxCode, on),
  })
  lifecyclePages(app, {
    documents,
    blobs: s.blobs,
    employees,
    employerFor: (taxCode, on) => employers.defaultContractEmployer(taxCode, on),
  })
  // Bulk: one employer approval for a whole list of contracts, prepared and finished in the background.
  let bulkWorker: BulkWorker | undefined
  const bulk = new BulkService({
    db: raw,
    documents,
    employees,
    certificates,
    remoteSigningUrl: s.remoteSigningUrl,
    tsa: s.tsa,
    onWork: () => bulkWorker?.kick(),
  })
  bulkWorker = new BulkWorker({
    service: bulk,
    ...(s.workerIntervalMs ? { intervalMs: s.workerIntervalMs } : {}),
  })
  bulkRoutes(app, { service: bulk, employees, worker: bulkWorker })
  app.decorate('econtract', { documents, signing, outbox })
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The contract services, for the pages and for tests. */
    econtract?: { documents: DocumentsService; signing: SigningService; outbox: PlatformOutbox }
  }
}
