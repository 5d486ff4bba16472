// The national trust services simulator as one HTTP service: the CA hierarchy (admin API, issuer
// certificates, CRLs), an OCSP responder delegated by each CA, an RFC 3161 TSA, remote signing, and a mail
// sink (SMTP listener started by the caller, inbox under /mail). Production replaces each of these with the
// real CA, OCSP, CRL, TSA and mail server by configuration.
import { type Kysely, migrateToLatest } from '@elc/db'
import Fastify, { type FastifyServerOptions } from 'fastify'
import {
  caAdminRoutes,
  caMigrations,
  REVOCATION_REASONS,
  type SimCaDatabase,
  SimCertificateAuthority,
} from './ca/index.ts'
import { type IdentityOptions, identityRoutes, openIdentityServices } from './identity/index.ts'
import { mailRoutes, migrateMail, type SmtpSink, type SmtpSinkOptions, startSmtpSink } from './mail/index.ts'
import { type OcspResponderEntry, ocspRoutes, systemClock } from './ocsp/index.ts'
import { RemoteSigningService, remoteSigningRoutes } from './remote-signing/index.ts'
import { persistentSerial, tsaRoutes } from './tsa/index.ts'

/** Under ITU-T's example arc 2.999: a simulator policy that no real relying party trusts. */
export const SIM_TSA_POLICY_OID = '2.999.84.1.1'

export interface SimulatorOptions {
  db: Kysely<SimCaDatabase>
  /** The URL the simulator is reached at; it goes into every certificate's AIA and CRL distribution points. */
  baseUrl: string
  logger?: FastifyServerOptions['logger']
  /** Remote signing approves every request at once (demos); otherwise the subscriber enters a one-time code. */
  autoApproveRemoteSigning?: boolean
  /** The VNeID-like identity provider and eKYC service (mounted under /vneid and /identity). */
  identity?: Omit<IdentityOptions, 'db' | 'baseUrl'>
}

export async function buildSimulator({
  db,
  baseUrl,
  logger = false,
  autoApproveRemoteSigning = false,
  identity: identityOptions = {},
}: SimulatorOptions) {
  await migrateToLatest(db, caMigrations)
  await migrateMail(db)
  const ca = await SimCertificateAuthority.open({ db, urls: { baseUrl } })
  // RFC 6960 §4.2.2.2: a response is signed by the issuing CA or by a responder that CA certified. The root
  // certifies only CAs, so the licensed CAs' own status is published by the root's CRL, not by OCSP.
  const responders: OcspResponderEntry[] = []
  for (const issuer of ca.authorities().filter((a) => a.id !== ca.rootId)) {
    const cred = await ca.serviceCredential(`ocsp-${issuer.id}`, {
      profile: 'ocsp',
      commonName: `OCSP ${issuer.id} (MÔ PHỎNG / SIMULATOR)`,
      issuerId: issuer.id,
    })
    responders.push({
      issuer: issuer.der,
      responder: { certificate: cred.certificate, privateKey: cred.privateKey },
    })
  }
  const tsa = await ca.serviceCredential('tsa', {
    profile: 'tsa',
    commonName: 'ELC TSA (MÔ PHỎNG / SIMULATOR)',
  })
  const app = Fastify({ logger })
  await caAdminRoutes(app, ca)
  await ocspRoutes(app, {
    responders,
    statusSource: {
      async status({ issuer, serial }) {
        const s = await ca.certificateStatus(issuer, serial)
        return s.status === 'revoked' ? { ...s, reason: REVOCATION_REASONS[s.reason] } : s
      },
    },
    clock: systemClock,
  })
  await tsaRoutes(app, {
    signer: { certificate: tsa.certificate, privateKey: tsa.privateKey, chain: ca.chainOf(tsa.issuerId) },
    policyOid: SIM_TSA_POLICY_OID,
    accuracy: { seconds: 1 },
    clock: systemClock,
    serialNumber: persistentSerial({ db, tsaId: 'tsa' }),
  })
  await remoteSigningRoutes(
    app,
    new RemoteSigningService({
      ca,
      db,
      autoApprove: autoApproveRemoteSigning,
      onCallbackFailure: (requestId, err) =>
        app.log.warn(
          { err, requestId },
          'remote signing callback not delivered; the signature can be polled',
        ),
    }),
  )
  const identity = await openIdentityServices({
    onServerError: (err) => app.log.error({ err }, 'identity provider error'),
    ...identityOptions,
    db,
    baseUrl,
  })
  await identityRoutes(app, identity)
  await mailRoutes(app, db as never)
  // Sinks the caller started stop with the app, before the caller closes the database.
  const sinks = new Set<SmtpSink>()
  app.addHook('onClose', async () => {
    await Promise.all([...sinks].map((sink) => sink.close()))
  })
  const mail = {
    /** Starts the SMTP listener whose messages /mail shows (default 127.0.0.1:2525; port 0 picks one). */
    async startSmtp(options: Omit<SmtpSinkOptions, 'db'> = {}): Promise<SmtpSink> {
      const sink = await startSmtpSink({
        onError: (err) => app.log.error({ err }, 'mail sink error'),
        ...options,
        db: db as never,
      })
      sinks.add(sink)
      return sink
    },
  }
  app.get('/health', async () => ({ status: 'ok' }))
  return { app, ca, identity, mail }
}
