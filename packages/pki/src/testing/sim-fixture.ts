// Test fixture: the national services simulator as a real server on loopback (CA, OCSP, CRL, TSA,
// remote signing), on an in-memory database, with helpers to make the people and companies a test needs.
import { createServer } from 'node:net'
import { createDatabase } from '@elc/db'
import { buildSimulator, type IssueRequest, type SimCertificateAuthority } from '@elc/sim'
import type { CmsSigner } from '../signers/cms-signer.ts'
import { localKeySigner } from '../signers/local-key-signer.ts'
import { httpTimestampAuthority, type TimestampAuthority } from '../tsa/timestamp-authority.ts'

export interface SimFixture {
  baseUrl: string
  ca: SimCertificateAuthority
  tsa: TimestampAuthority
  /** The simulator's root (the NEAC stand-in), DER and PEM. */
  rootDer: Uint8Array
  rootPem: string
  /** Every request the simulator received, so a test can see who asked it what (e.g. pdfsig's OCSP GET). */
  requests: Array<{ method: string; url: string }>
  /** With `smtp: true`: the SMTP sink's URL (smtp://127.0.0.1:port); messages are read at `${baseUrl}/mail`. */
  smtpUrl?: string
  /** A subscriber whose key the test holds. */
  issue(request: IssueRequest): Promise<SimSubscriber>
  close(): Promise<void>
}

export interface SimSubscriber {
  serialNumber: string
  certificate: Uint8Array
  chain: Uint8Array[]
  privateKeyPem: string
  signer: CmsSigner
}

export async function startSim(
  options: { autoApproveRemoteSigning?: boolean; smtp?: boolean } = {},
): Promise<SimFixture> {
  // The port is chosen first: it goes into every certificate's AIA and CRL distribution point.
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const database = await createDatabase({ url: 'memory://' })
  const { app, ca, mail } = await buildSimulator({
    db: database.db as never,
    baseUrl,
    autoApproveRemoteSigning: options.autoApproveRemoteSigning ?? true,
  })
  const requests: Array<{ method: string; url: string }> = []
  app.addHook('onRequest', async (request) => {
    requests.push({ method: request.method, url: request.url })
  })
  await app.listen({ host: '127.0.0.1', port })
  const smtp = options.smtp ? await mail.startSmtp({ host: '127.0.0.1', port: 0 }) : undefined
  const rootDer = ca.root.der
  return {
    baseUrl,
    ...(smtp ? { smtpUrl: `smtp://127.0.0.1:${smtp.port}` } : {}),
    ca,
    tsa: httpTimestampAuthority({ url: `${baseUrl}/tsa` }),
    rootDer,
    rootPem: toPem(rootDer),
    requests,
    async issue(request) {
      const issued = await ca.issue(request)
      if (!issued.privateKeyPem) throw new Error('the simulator kept no key for this subscriber')
      const certificate = new Uint8Array(issued.certificate.rawData)
      const chain = issued.chain.map((c) => new Uint8Array(c.rawData))
      return {
        serialNumber: issued.serialNumber,
        certificate,
        chain,
        privateKeyPem: issued.privateKeyPem,
        signer: localKeySigner(issued.privateKeyPem, certificate, chain),
      }
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}
