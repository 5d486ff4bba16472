// The eContract's contract services wired as the app wires them, against a simulator (CA, OCSP, TSA,
// remote signing with one-time codes, SMTP sink) and a Platform on loopback: for the flow tests.
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { RevocationChecker, type TimestampAuthority, TrustStore } from '@elc/pki'
import { type SimFixture, startSim } from '@elc/pki/testing'
import type { Principal } from '@elc/web-auth'
import {
  type CertificateAuthorityClient,
  type ContractsDatabase,
  DeliveryWorker,
  DocumentsService,
  migrateContracts,
  onPlatformDecision,
  SignerCertificates,
  SigningService,
  simCertificateAuthority,
} from '../src/contracts/index.ts'
import { SmtpMailer } from '../src/delivery/index.ts'
import { migrateOutbox, OutboxWorker, PlatformOutbox } from '../src/outbox/index.ts'
import { connectPlatform } from '../src/platform-connection/index.ts'
import { startTestPlatform, type TestPlatform, testBlobs, testPii } from './outbox-platform.ts'

export const EMPLOYER_TAX_CODE = '0312345678'

export interface ContractFlow {
  sim: SimFixture
  platform: TestPlatform
  database: Database<unknown>
  documents: DocumentsService
  signing: SigningService
  outboxWorker: OutboxWorker
  deliveries: DeliveryWorker
  close(): Promise<void>
}

export interface ContractFlowOptions {
  /** Wraps the simulator's TSA (e.g. to take it down for a while). */
  tsa?: (inner: TimestampAuthority) => TimestampAuthority
  /** Wraps the simulator's CA enrolment (e.g. to hand out a certificate revoked at once). */
  ca?: (inner: CertificateAuthorityClient) => CertificateAuthorityClient
}

export async function startContractFlow(options: ContractFlowOptions = {}): Promise<ContractFlow> {
  const sim = await startSim({ autoApproveRemoteSigning: false, smtp: true })
  const platform = await startTestPlatform(sim)
  const database = await createDatabase({ url: 'memory://' })
  await migrateContracts(database.db)
  await migrateOutbox(database.db)
  const db = database.db as Kysely<ContractsDatabase>
  const raw = database.db
  const blobs = testBlobs()
  const pii = testPii()
  const trust = TrustStore.fromBytes(sim.rootDer)
  const revocation = new RevocationChecker()
  const documents = new DocumentsService({ db, blobs, pii })
  const outbox = new PlatformOutbox({ db: raw, blobs, pii })
  const { client, tokens } = connectPlatform(await platform.provider('0109999999'))
  const outboxWorker = new OutboxWorker({
    db: raw,
    client,
    blobs,
    pii,
    tokens,
    onDecided: onPlatformDecision(documents, blobs),
    intervalMs: 200,
  })
  let deliveries: DeliveryWorker | undefined
  const signing = new SigningService({
    documents,
    certificates: new SignerCertificates({
      db,
      ca: options.ca
        ? options.ca(simCertificateAuthority(sim.baseUrl))
        : simCertificateAuthority(sim.baseUrl),
      pii,
      trust,
      revocation,
    }),
    remoteSigningUrl: sim.baseUrl,
    tsa: options.tsa ? options.tsa(sim.tsa) : sim.tsa,
    trust,
    revocation,
    outbox,
    onQueued: () => {
      outboxWorker.kick()
      deliveries?.kick()
    },
  })
  const mailer = new SmtpMailer({ url: sim.smtpUrl as string, from: 'eContract <no-reply@hopdongso.test>' })
  deliveries = new DeliveryWorker({
    documents,
    blobs,
    mailer,
    appUrl: 'http://econtract.test',
    beforeRound: () => signing.finishSigned(),
    intervalMs: 200,
  })
  const ready = deliveries
  return {
    sim,
    platform,
    database,
    documents,
    signing,
    outboxWorker,
    deliveries: ready,
    async close() {
      await ready.stop()
      await outboxWorker.stop()
      await mailer.close()
      await database.close()
      await platform.close()
      await sim.close()
    },
  }
}

export function hrStaff(subject = 'hr-1'): Principal {
  return {
    subject,
    accountType: 'person',
    level: 2,
    name: 'Lê Thị Nhân Sự',
    personalId: '001190000001',
    grants: [{ role: 'worker' }, { role: 'hr-staff', employerTaxCode: EMPLOYER_TAX_CODE }],
    session: { ref: 'abcd1234abcd1234', acr: 'vneid:level2', authTime: '2026-11-23T01:00:00.000Z' },
  }
}

export function workerPrincipal(data: {
  worker: { fullName: string; idDocument: { number: string } }
}): Principal {
  return {
    subject: 'worker-1',
    accountType: 'person',
    level: 2,
    name: data.worker.fullName,
    personalId: data.worker.idDocument.number,
    grants: [{ role: 'worker' }],
    session: { ref: 'feed5678feed5678', acr: 'vneid:level2', authTime: '2026-11-23T01:05:00.000Z' },
  }
}
