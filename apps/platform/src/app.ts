// Assembles the Platform's HTTP service from its routes; the caller owns the database and the listener.
import type { Database, Kysely } from '@elc/db'
import { healthRoutes, registerProblemHandlers } from '@elc/http'
import { RevocationChecker, type TrustStore } from '@elc/pki'
import type { BlobStore, PiiCipher } from '@elc/storage'
import {
  accountRoutes,
  enforceAccess,
  registerWebAuth,
  type WebAuthDatabase,
  type WebAuthOptions,
} from '@elc/web-auth'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { DecisionWorker } from './jobs/decide-submissions.ts'
import type { PlatformLedger } from './ledger/open-ledger.ts'
import { registerMetrics } from './metrics/index.ts'
import { registerOversight } from './oversight/index.ts'
import { ConnectionLedger } from './providers/connection-ledger.ts'
import { registerProviders } from './providers/index.ts'
import type { ProvidersDatabase } from './providers/schema.ts'
import { PUBLIC } from './routes/access-rules.ts'
import { adminGrantRoutes } from './routes/admin-grants.ts'
import { homeRoutes } from './routes/home.ts'
import { ledgerRoutes } from './routes/ledger.ts'
import { myContractRoutes } from './routes/my-contracts.ts'
import { openApiRoutes } from './routes/openapi.ts'
import { submissionRoutes } from './routes/submissions.ts'
import { validationRoutes } from './routes/validations.ts'
import { migrateSubmissions, type SubmissionDatabase, SubmissionsService } from './submissions/index.ts'
import { enqueueDecisionNotice, registerWebhooks, WebhookDeliverer } from './webhooks/index.ts'

export const PLATFORM_VERSION = '0.1.0'

/** Sign-in with VNeID personal and organisation accounts (R1.33). */
export type PlatformIdentityOptions = Omit<WebAuthOptions, 'db'> & {
  /** Tax codes of outsourced operators of the Platform's servers, who may not hold admin accounts (D20.1). */
  operatorTaxCodes?: string[]
}

export interface PlatformOptions {
  /** The caller opens and closes the database; the service only queries it. */
  database: Pick<Database<unknown>, 'db' | 'kind'>
  /** Sign-in with VNeID and roles; without it only the public routes answer. */
  identity?: PlatformIdentityOptions
  /** The transparency log, served under /ledger/ (C2SP tlog-tiles). */
  ledger: PlatformLedger
  /** The Platform's public URL: issuer of provider access tokens; `${publicUrl}/oauth/token` is their endpoint. */
  publicUrl?: string
  /** Receiving contracts from providers; without it the submission API does not answer. */
  submissions?: PlatformSubmissionOptions
  /** A bearer secret Prometheus must present at /metrics; without it /metrics is open (operator network only). */
  metricsToken?: string
  logger?: FastifyServerOptions['logger']
}

export interface PlatformSubmissionOptions {
  /** The roots signatures must chain to: NEAC's (the simulator's root in the demo). */
  trust: TrustStore
  blobs: BlobStore
  pii: PiiCipher
  revocation?: RevocationChecker
  /** Largest PDF accepted (bytes); default 20 MiB. */
  maxPdfBytes?: number
}

export async function buildPlatform({
  database,
  ledger,
  identity,
  publicUrl = 'http://127.0.0.1:8080',
  submissions,
  metricsToken,
  logger = false,
}: PlatformOptions) {
  const app = Fastify({ logger, return503OnClosing: true })
  // JSON only: text/plain would otherwise reach the validator as a string.
  app.removeContentTypeParser('text/plain')
  registerProblemHandlers(app)
  // Every route declares who may call it (config.access); one hook enforces it.
  enforceAccess(app)
  const metrics = registerMetrics(app, { token: metricsToken })
  if (identity) {
    const { operatorTaxCodes: _, ...auth } = identity
    const { grants } = await registerWebAuth(app, { ...auth, db: database.db as Kysely<WebAuthDatabase> })
    accountRoutes(app, 'Nền tảng hợp đồng lao động điện tử')
    adminGrantRoutes(app, {
      grants,
      piiKey: identity.piiKey,
      operatorTaxCodes: identity.operatorTaxCodes ?? [],
    })
  }
  // Before any route that providers call: the bearer-token hook must see them all.
  const providers = await registerProviders(app, {
    db: database.db,
    issuerUrl: publicUrl,
    ...(submissions ? { keyCipher: submissions.pii } : {}),
  })
  await registerWebhooks(app, { db: database.db })
  const deliverer = new WebhookDeliverer({ db: database.db, sign: providers.signDetached, log: app.log })
  app.addHook('onClose', () => deliverer.stop())
  const connections = new ConnectionLedger(database.db as Kysely<ProvidersDatabase>, ledger.ledger)
  app.addHook('onClose', () => connections.stop())
  await connections.sweep()
  if (submissions) {
    await migrateSubmissions(database.db)
    const service = new SubmissionsService(database.db as Kysely<SubmissionDatabase>, ledger.ledger, {
      trust: submissions.trust,
      revocation: submissions.revocation ?? new RevocationChecker(),
      blobs: submissions.blobs,
      pii: submissions.pii,
      onDecided: (decision, receivedAt, decidedAt) => metrics.decided(decision, receivedAt, decidedAt),
      notify: (trx, n) =>
        enqueueDecisionNotice(trx, {
          providerId: n.providerId,
          submissionId: n.submissionId,
          event: 'submission.decided',
          body: n.view,
        }),
    })
    metrics.countWaiting(() => service.waitingCount())
    const worker = new DecisionWorker(service, app.log)
    app.addHook('onClose', () => worker.stop())
    if (identity) {
      myContractRoutes(app, service)
      // Officials' logged access to contracts, statistics, and a party's view of who read their data.
      await registerOversight(app, {
        db: database.db,
        ledger: ledger.ledger,
        pii: submissions.pii,
        blobs: submissions.blobs,
        hashKey: identity.piiKey,
      })
    }
    submissionRoutes(app, {
      metrics,
      service,
      worker,
      ledger: ledger.ledger,
      maxPdfBytes: submissions.maxPdfBytes ?? 20 * 1024 * 1024,
    })
  }
  homeRoutes(app, Boolean(identity))
  healthRoutes(app, database, PUBLIC)
  openApiRoutes(app, PLATFORM_VERSION)
  validationRoutes(app)
  ledgerRoutes(app, ledger)
  return app
}
