// Each party signs with a certificate of its own (D7.1, R1.16): a person's for the worker, the
// organisation's for the employer. The partner CA issues them for remote signing (its keys stay with the
// CA; R2.36) and the eContract keeps only the certificate, its chain and serial number, reusing it until
// it nears expiry. Before every signature the certificate is checked (R2.1).
import { X509Certificate } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import { checkSigningCertificate, type RevocationChecker, type TrustStore } from '@elc/pki'
import type { PiiCipher } from '@elc/storage'
import type { ContractsDatabase } from './migrations.ts'

export type CertificateSubject =
  | { profile: 'person'; fullName: string; personalId: string }
  | { profile: 'organisation'; organisationName: string; taxCode: string }

export interface SignerCertificate {
  serialNumber: string
  certificate: Uint8Array
  chain: Uint8Array[]
  notAfter: Date
}

/** The partner CA's enrolment API: issues a remote-signing certificate for a verified subject. */
export interface CertificateAuthorityClient {
  issue(subject: CertificateSubject): Promise<SignerCertificate>
}

/** The national services simulator's CA (POST /admin/ca/certificates). Its private key answer is dropped. */
export function simCertificateAuthority(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
): CertificateAuthorityClient {
  return {
    async issue(subject) {
      let response: Response
      try {
        response = await fetchImpl(`${baseUrl.replace(/\/+$/, '')}/admin/ca/certificates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(subject),
          signal: AbortSignal.timeout(10_000),
        })
      } catch (cause) {
        throw caUnavailable(cause)
      }
      if (!response.ok) throw caUnavailable(new Error(`CA answered ${response.status}`))
      const body = (await response.json()) as {
        serialNumber: string
        certificatePem: string
        chainPem: string[]
      }
      const der = (pem: string) => new Uint8Array(new X509Certificate(pem).raw)
      const certificate = new X509Certificate(body.certificatePem)
      return {
        serialNumber: body.serialNumber,
        certificate: der(body.certificatePem),
        chain: body.chainPem.map(der),
        notAfter: new Date(certificate.validTo),
      }
    },
  }
}

function caUnavailable(cause: unknown): ElcError {
  return new ElcError(
    'CA_UNAVAILABLE',
    text(
      'Không kết nối được tổ chức cung cấp dịch vụ chứng thực chữ ký số; vui lòng thử lại.',
      'The certification authority cannot be reached; please try again.',
    ),
    { status: 503, cause },
  )
}

/** Certificates are renewed this long before they expire. */
const RENEW_BEFORE_MS = 24 * 3_600_000

export class SignerCertificates {
  /** One enrolment at a time per subject in this process; the database settles races between processes. */
  private readonly inFlight = new Map<string, Promise<SignerCertificate>>()

  constructor(
    private readonly deps: {
      db: Kysely<ContractsDatabase>
      ca: CertificateAuthorityClient
      pii: PiiCipher
      trust: TrustStore
      revocation: RevocationChecker
      now?: () => Date
    },
  ) {}

  /** A usable certificate for this subject, checked (R2.1) just now; issued or renewed when needed. */
  async forSigning(subject: CertificateSubject): Promise<SignerCertificate> {
    const owner =
      subject.profile === 'person'
        ? `person:${this.deps.pii.lookupHash(subject.personalId)}`
        : `organisation:${subject.taxCode}`
    const running = this.inFlight.get(owner)
    if (running) return running
    const lookup = this.lookup(owner, subject).finally(() => this.inFlight.delete(owner))
    this.inFlight.set(owner, lookup)
    return lookup
  }

  private async lookup(owner: string, subject: CertificateSubject): Promise<SignerCertificate> {
    const now = this.deps.now?.() ?? new Date()
    const stored = await this.deps.db
      .selectFrom('signer_certificate')
      .selectAll()
      .where('owner', '=', owner)
      .executeTakeFirst()
    if (stored && stored.not_after.getTime() - now.getTime() > RENEW_BEFORE_MS) {
      const cert = {
        serialNumber: stored.serial_number,
        certificate: new Uint8Array(stored.certificate),
        chain: (stored.chain as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))),
        notAfter: stored.not_after,
      }
      try {
        await this.check(cert, now)
        return cert
      } catch (e) {
        // A revoked or expired certificate is replaced; anything else (status unknown) stops here.
        if (!(e instanceof ElcError) || e.code === 'SIGNING_CERTIFICATE_STATUS_UNKNOWN') throw e
      }
    }
    const issued = await this.deps.ca.issue(subject)
    await this.check(issued, now)
    const row = {
      owner,
      serial_number: issued.serialNumber,
      certificate: Buffer.from(issued.certificate),
      chain: JSON.stringify(issued.chain.map((c) => Buffer.from(c).toString('base64'))),
      not_after: issued.notAfter,
    }
    // Replaces only the certificate this lookup found unusable: if another process already replaced it,
    // its certificate stays and is the one used, so concurrent signers of one subject agree.
    const written = await this.deps.db
      .insertInto('signer_certificate')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('owner')
          .doUpdateSet(row)
          .where('signer_certificate.serial_number', '=', stored?.serial_number ?? ''),
      )
      .returning('serial_number')
      .executeTakeFirst()
    if (written) return issued
    const winner = await this.deps.db
      .selectFrom('signer_certificate')
      .selectAll()
      .where('owner', '=', owner)
      .executeTakeFirstOrThrow()
    return {
      serialNumber: winner.serial_number,
      certificate: new Uint8Array(winner.certificate),
      chain: (winner.chain as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))),
      notAfter: winner.not_after,
    }
  }

  private check(cert: SignerCertificate, at: Date): Promise<void> {
    return checkSigningCertificate({
      certificate: cert.certificate,
      chain: cert.chain,
      trust: this.deps.trust,
      revocation: this.deps.revocation,
      at,
    })
  }
}
