// Each party signs with its own certificate through the CA's remote signing (R2.34, R2.36): the eContract
// prepares the PDF and the digest, the CA sends the signer a one-time code, the signer enters it here and
// the signature comes back, is checked against the certificate and timestamped (PAdES B-T, R2.9). The
// certificate is checked before signing (R2.1). The signer's sign-in (VNeID level 2, R1.12, R5.11) and
// consent are recorded with the signature. After the last signature the provider certifies the document
// (B-LTA), and in that same step it is queued for the Platform (R1.13) and for delivery to both parties
// (R1.14); a crash in between is finished by `finishSigned`.
import { randomUUID, X509Certificate } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { Kysely, Transaction } from '@elc/db'
import {
  approveRemoteSignature,
  certifyPdf,
  checkSigningCertificate,
  completeSignature,
  fetchRemoteSignature,
  loadPkcs12,
  localKeySigner,
  type Pkcs12Contents,
  type PrepareOptions,
  preparedFromJson,
  preparedToJson,
  prepareSignature,
  type RemoteSignatureResult,
  type RevocationChecker,
  requestRemoteSignature,
  signPdf,
  type TimestampAuthority,
  type TrustStore,
} from '@elc/pki'
import type { Principal } from '@elc/web-auth'
import type { PlatformOutbox } from '../outbox/index.ts'
import { type SignatureBoxes, signatureBoxes } from '../render/index.ts'
import { documentNotFound } from './document-access.ts'
import { recordEvent } from './document-events.ts'
import type { DocumentsService } from './documents-service.ts'
import type { ContractsDatabase, DocumentTable, Party, SignatureTable } from './migrations.ts'
import type { SignerCertificates } from './signer-certificates.ts'
import { type ContractParties, signingOrder } from './signers.ts'

/** How the signer was signed in when they signed: what R5.11 asks the eContract to keep. */
export interface SignerProvenance {
  subject: string
  name: string
  level: 1 | 2
  session?: Principal['session']
  consentedAt: string
  /** How the key signed: absent for the CA's remote signing, 'pkcs12' for the employer's own file. */
  method?: 'pkcs12'
}

export interface SignatureStarted {
  signatureId: string
  expiresAt: string
  /** Where the code went, as the CA's SMS would say it: only the simulator hands the code back. */
  simulatedOtp?: string
}

const OUTBOX_KIND: Record<
  string,
  'new' | 'conversion' | 'annex' | 'amendment' | 'suspension' | 'termination'
> = {
  contract: 'new',
  paper_conversion: 'conversion',
  annex: 'annex',
  amendment: 'amendment',
  suspension: 'suspension',
  termination: 'termination',
}

export class SigningService {
  constructor(
    private readonly deps: {
      documents: DocumentsService
      certificates: SignerCertificates
      remoteSigningUrl: string
      tsa: TimestampAuthority
      trust: TrustStore
      revocation: RevocationChecker
      outbox: PlatformOutbox
      /** Called after a document was queued for the Platform or for delivery (kick the workers). */
      onQueued?: () => void
    },
  ) {}

  private get db() {
    return this.deps.documents.deps.db
  }

  private now(): Date {
    return this.deps.documents.now()
  }

  /**
   * Opens the caller's signature: their turn, their document, their consent. The worker signs as the
   * person the contract names; the employer's side signs with the organisation's certificate.
   */
  async start(
    actor: Principal,
    documentId: string,
    options: { consent: boolean },
  ): Promise<SignatureStarted> {
    const doc = await this.deps.documents.row(documentId)
    if (!doc) throw documentNotFound()
    const party = await this.partyOf(actor, doc)
    this.assertCanSign(actor, doc, party, options.consent)
    if (party === 'worker') await this.assertRead(actor, doc)
    const parties = (await this.deps.documents.parties(doc)) as ContractParties
    const subject =
      party === 'worker'
        ? {
            profile: 'person' as const,
            fullName: parties.worker.fullName,
            personalId: parties.worker.idDocument.number,
          }
        : {
            profile: 'organisation' as const,
            organisationName: parties.employer.name,
            taxCode: parties.employer.taxCode,
          }
    const cert = await this.deps.certificates.forSigning(subject)
    const pdf = await this.pdfOf(doc)
    const signerName = party === 'worker' ? parties.worker.fullName : parties.employer.name
    const prepared = prepareSignature(pdf, {
      certificate: cert.certificate,
      chain: cert.chain,
      ...(await this.signatureOptions(doc, party, parties)),
    })
    const requested = await requestRemoteSignature({
      baseUrl: this.deps.remoteSigningUrl,
      serialNumber: cert.serialNumber,
      digest: prepared.digestToSign,
      digestAlgorithm: prepared.digestAlgorithm,
      description: `${doc.title} (${party === 'worker' ? 'người lao động' : 'người sử dụng lao động'})`,
    })
    const now = this.now()
    const provenance: SignerProvenance = {
      subject: actor.subject,
      name: actor.name,
      level: actor.level,
      ...(actor.session ? { session: actor.session } : {}),
      consentedAt: now.toISOString(),
    }
    const signatureId = randomUUID()
    await this.db.transaction().execute(async (trx) => {
      await writeSignatureRow(trx, actor.subject, {
        id: signatureId,
        document_id: doc.id,
        party,
        status: 'requested',
        signer_name: signerName,
        certificate_serial: cert.serialNumber,
        remote_request_id: requested.requestId,
        prepared_json: preparedToJson(prepared),
        requested_at: now,
        signed_at: null,
        provenance: JSON.stringify(provenance),
      })
      await recordEvent(trx, doc.id, {
        at: now,
        actor: actor.subject,
        type: 'signature.requested',
        detail: { party, certificateSerial: cert.serialNumber },
      })
    })
    return {
      signatureId,
      expiresAt: requested.expiresAt.toISOString(),
      ...(requested.otp ? { simulatedOtp: requested.otp } : {}),
    }
  }

  /** The signer's one-time code: the CA signs, the signature is checked, timestamped and embedded. */
  async confirm(actor: Principal, signatureId: string, otp: string): Promise<{ completed: boolean }> {
    const signature = await this.db
      .selectFrom('signature')
      .selectAll()
      .where('id', '=', signatureId)
      .executeTakeFirst()
    const provenance = signature?.provenance as SignerProvenance | undefined
    if (!signature || provenance?.subject !== actor.subject) throw documentNotFound()
    if (signature.status !== 'requested')
      throw new ElcError(
        'SIGNATURE_NOT_PENDING',
        text('Yêu cầu ký này đã kết thúc.', 'This signature request is over.'),
        { status: 409 },
      )
    const doc = (await this.deps.documents.row(signature.document_id)) as DocumentTable
    // Fetched first: after a failure further on (TSA down), a retry finds the CA's signature already made.
    let result = await fetchRemoteSignature({
      baseUrl: this.deps.remoteSigningUrl,
      requestId: signature.remote_request_id as string,
    })
    if (result.status === 'pending')
      result = await approveRemoteSignature({
        baseUrl: this.deps.remoteSigningUrl,
        requestId: signature.remote_request_id as string,
        otp,
      })
    if (result.status !== 'approved') return this.closeRequest(signature, result)
    const prepared = preparedFromJson(signature.prepared_json as string)
    const signed = await completeSignature(prepared, result.signature, { tsa: this.deps.tsa })
    return this.recordSigned(
      actor,
      doc,
      { party: signature.party, certificateSerial: signature.certificate_serial, provenance },
      signed,
      async (trx, now) => {
        await trx
          .updateTable('signature')
          .set({ status: 'signed', signed_at: now })
          .where('id', '=', signature.id)
          .execute()
      },
    )
  }

  /**
   * The employer's side signs with its own PKCS#12 file (a token's export or a .p12 from its CA) instead of
   * the CA's remote signing: same turn, level 2, consent and grant as `start`; the certificate must be the
   * employer's organisation certificate (its tax code, which the Platform checks) and pass R2.1. The file
   * and its password are used here and dropped: never stored, never logged.
   */
  async signWithPkcs12(
    actor: Principal,
    documentId: string,
    options: { p12: Uint8Array; password: string; consent: boolean },
  ): Promise<{ completed: boolean }> {
    const doc = await this.deps.documents.row(documentId)
    if (!doc) throw documentNotFound()
    const party = await this.partyOf(actor, doc)
    if (party !== 'employer')
      throw new ElcError(
        'SIGNING_PKCS12_EMPLOYER_ONLY',
        text(
          'Chỉ bên người sử dụng lao động được ký bằng tệp chứng thư số.',
          "Only the employer's side signs with a certificate file.",
        ),
        { status: 403 },
      )
    this.assertCanSign(actor, doc, party, options.consent)
    const key = await openPkcs12(options.p12, options.password)
    const parties = (await this.deps.documents.parties(doc)) as ContractParties
    assertEmployerCertificate(key.certificate, parties.employer.taxCode)
    const at = this.now()
    await checkSigningCertificate({
      certificate: key.certificate,
      chain: key.chain,
      trust: this.deps.trust,
      revocation: this.deps.revocation,
      at,
    })
    const signed = await signPdf(
      await this.pdfOf(doc),
      localKeySigner(key.privateKey, key.certificate, key.chain),
      { ...(await this.signatureOptions(doc, party, parties)), tsa: this.deps.tsa },
    )
    const certificateSerial = new X509Certificate(key.certificate).serialNumber.toLowerCase()
    const provenance: SignerProvenance = {
      subject: actor.subject,
      name: actor.name,
      level: actor.level,
      ...(actor.session ? { session: actor.session } : {}),
      consentedAt: at.toISOString(),
      method: 'pkcs12',
    }
    return this.recordSigned(
      actor,
      doc,
      { party, certificateSerial, provenance },
      signed,
      async (trx, now) => {
        await writeSignatureRow(trx, actor.subject, {
          id: randomUUID(),
          document_id: doc.id,
          party,
          status: 'signed',
          signer_name: parties.employer.name,
          certificate_serial: certificateSerial,
          remote_request_id: null,
          prepared_json: null,
          requested_at: at,
          signed_at: now,
          provenance: JSON.stringify(provenance),
        })
      },
    )
  }

  /**
   * A signature is in: the signed PDF is stored, the document moves to the next party, the signature row is
   * written (by `writeSignature`) with the `signed` event in one transaction; after the last, `finish`.
   */
  private async recordSigned(
    actor: Principal,
    doc: DocumentTable,
    signature: { party: Party; certificateSerial: string; provenance: SignerProvenance },
    signed: Uint8Array,
    writeSignature: (trx: Transaction<ContractsDatabase>, now: Date) => Promise<void>,
  ): Promise<{ completed: boolean }> {
    const { provenance } = signature
    const { sha256 } = await this.deps.documents.deps.blobs.put(signed)
    const now = this.now()
    const done = await this.db
      .selectFrom('signature')
      .select('party')
      .where('document_id', '=', doc.id)
      .where('status', '=', 'signed')
      .execute()
    const signedParties = new Set<Party>([...done.map((d) => d.party), signature.party])
    const next = signingOrder(doc.kind, this.deps.documents.data(doc), doc.signing_order).find(
      (p) => !signedParties.has(p),
    )
    const last = next === undefined
    await this.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('document')
        .set({ pdf_sha256: sha256, next_party: next ?? null, updated_at: now })
        .where('id', '=', doc.id)
        .where('status', '=', 'signing')
        .where('next_party', '=', signature.party)
        .executeTakeFirst()
      if (moved.numUpdatedRows !== 1n)
        throw new ElcError(
          'SIGNING_NOT_YOUR_TURN',
          text(
            'Văn bản đã thay đổi trong lúc ký; vui lòng ký lại.',
            'The document changed while signing; sign again.',
          ),
          { status: 409 },
        )
      await writeSignature(trx, now)
      await recordEvent(trx, doc.id, {
        at: now,
        actor: actor.subject,
        type: 'signed',
        detail: {
          party: signature.party,
          certificateSerial: signature.certificateSerial,
          pdfSha256: sha256,
          ...(provenance.session ? { session: provenance.session } : {}),
          ...(provenance.method ? { method: provenance.method } : {}),
        },
      })
    })
    if (last)
      try {
        await this.finish(doc.id)
      } catch {
        // The signatures are all in and kept; certification (TSA, OCSP) is retried by `finishSigned`.
      }
    return { completed: last }
  }

  /** Certifies and queues every document whose signatures are all in but which was not finished yet. */
  async finishSigned(): Promise<number> {
    const waiting = await this.db
      .selectFrom('document')
      .select('id')
      .where('status', '=', 'signing')
      .where('next_party', 'is', null)
      .limit(50)
      .execute()
    for (const { id } of waiting) await this.finish(id)
    return waiting.length
  }

  /**
   * The provider's certification (B-LT validation data, then a document timestamp: B-LTA), then in one
   * transaction: the document is signed, takes effect (D8, R1.11), is queued for the Platform within
   * 24 hours (R1.13) and for delivery to both parties (R1.14).
   */
  private async finish(documentId: string): Promise<void> {
    const doc = await this.deps.documents.row(documentId)
    if (doc?.status !== 'signing' || doc.next_party !== null) return
    const certified = await certifyPdf(await this.pdfOf(doc), {
      trust: this.deps.trust,
      revocation: this.deps.revocation,
      tsa: this.deps.tsa,
    })
    const { sha256 } = await this.deps.documents.deps.blobs.put(certified)
    const data = this.deps.documents.data(doc)
    const parties = await this.deps.documents.parties(doc)
    const signatures = await this.db
      .selectFrom('signature')
      .select('signed_at')
      .where('document_id', '=', doc.id)
      .where('status', '=', 'signed')
      .execute()
    const lastSignedAt = new Date(Math.max(...signatures.map((s) => (s.signed_at as Date).getTime())))
    const effectiveAt = effectiveTime(doc.agreed_effective_date, lastSignedAt)
    const parent = doc.parent_id ? await this.deps.documents.row(doc.parent_id) : undefined
    const now = this.now()
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('document')
        .set({ status: 'signed', pdf_sha256: sha256, effective_at: effectiveAt, updated_at: now })
        .where('id', '=', doc.id)
        .where('status', '=', 'signing')
        .where('next_party', 'is', null)
        .executeTakeFirst()
      if (updated.numUpdatedRows !== 1n) return
      await recordEvent(trx, doc.id, {
        at: now,
        actor: 'econtract',
        type: 'certified',
        detail: { pdfSha256: sha256 },
      })
      const queued = await this.deps.outbox.enqueue(trx as unknown as Kysely<unknown>, {
        documentRef: doc.id,
        kind: OUTBOX_KIND[doc.kind] ?? 'new',
        ...(parent?.contract_id ? { parentContractId: parent.contract_id } : {}),
        data,
        pdf: { sha256 },
        lastSignedAt,
      })
      await recordEvent(trx, doc.id, {
        at: now,
        actor: 'econtract',
        type: 'queued',
        detail: { deadlineAt: queued.deadlineAt.toISOString() },
      })
      await queueDeliveries(trx, doc.id, 'signed', parties, now)
    })
    this.deps.onQueued?.()
  }

  /** Level 2 (R1.12), the caller's turn, and consent to use their identity data for signing (R5.11). */
  private assertCanSign(actor: Principal, doc: DocumentTable, party: Party, consent: boolean): void {
    if (actor.level < 2)
      throw new ElcError(
        'SIGNING_LEVEL2_REQUIRED',
        text(
          'Cần đăng nhập VNeID mức độ 2 để ký hợp đồng.',
          'Signing a contract needs a VNeID level 2 sign-in.',
        ),
        { ruleId: 'R1.12', status: 403 },
      )
    if (doc.status !== 'signing' || doc.next_party !== party)
      throw new ElcError(
        'SIGNING_NOT_YOUR_TURN',
        text('Chưa đến lượt bạn ký văn bản này.', 'It is not your turn to sign this document.'),
        { status: 409 },
      )
    if (!consent)
      throw new ElcError(
        'SIGNING_CONSENT_REQUIRED',
        text(
          'Bạn cần đồng ý cho sử dụng thông tin định danh để ký số trước khi ký.',
          'You must consent to the use of your identity data for the digital signature before signing.',
        ),
        { ruleId: 'R5.11', status: 422 },
      )
  }

  /** Where and how a party's signature goes: its field, its name, the visible box the PDF was rendered with. */
  private async signatureOptions(
    doc: DocumentTable,
    party: Party,
    parties: ContractParties,
  ): Promise<Omit<PrepareOptions, 'certificate' | 'chain'>> {
    const boxes = ((doc.signature_boxes as SignatureBoxes | null) ??
      (await signatureBoxes(this.deps.documents.data(doc) as never))) as SignatureBoxes
    const box = party === 'worker' ? boxes.worker : boxes.employer
    return {
      signerName: party === 'worker' ? parties.worker.fullName : parties.employer.name,
      fieldName: party === 'worker' ? 'ChuKyNguoiLaoDong' : 'ChuKyNguoiSuDungLaoDong',
      reason: 'Ký hợp đồng lao động điện tử / Signing the electronic labor contract',
      signingTime: this.now(),
      ...(box
        ? {
            visible: {
              ...box,
              ...(party === 'employer' ? { organisation: parties.employer.name } : {}),
            },
          }
        : {}),
    }
  }

  private async partyOf(actor: Principal, doc: DocumentTable): Promise<Party> {
    const employerSide = actor.grants.some(
      (g) =>
        (g.role === 'employer-admin' || g.role === 'hr-staff') && g.employerTaxCode === doc.employer_tax_code,
    )
    const parties = await this.deps.documents.parties(doc)
    const isWorker = actor.personalId !== undefined && actor.personalId === parties?.worker.idDocument.number
    if (isWorker && doc.next_party === 'worker') return 'worker'
    if (employerSide) return 'employer'
    if (isWorker) return 'worker'
    // A signing request for someone else's document is answered as if it did not exist.
    throw documentNotFound()
  }

  /** R6.6: the worker can read the whole contract before signing; the eContract makes sure they opened it. */
  private async assertRead(actor: Principal, doc: DocumentTable): Promise<void> {
    const viewed = await this.db
      .selectFrom('document_event')
      .select('id')
      .where('document_id', '=', doc.id)
      .where('type', '=', 'viewed')
      .where('actor', '=', actor.subject)
      .executeTakeFirst()
    if (!viewed)
      throw new ElcError(
        'SIGNING_DOCUMENT_NOT_READ',
        text(
          'Hãy mở và đọc toàn bộ văn bản trước khi ký.',
          'Open and read the whole document before signing.',
        ),
        { ruleId: 'R6.6', status: 422 },
      )
  }

  private async pdfOf(doc: DocumentTable): Promise<Uint8Array> {
    const pdf = doc.pdf_sha256 ? await this.deps.documents.deps.blobs.get(doc.pdf_sha256) : undefined
    if (!pdf) throw new Error(`document ${doc.id}: its PDF is missing from the blob store`)
    return pdf
  }

  private async closeRequest(signature: SignatureTable, result: RemoteSignatureResult): Promise<never> {
    const status = result.status === 'expired' ? 'expired' : 'rejected'
    await this.db.updateTable('signature').set({ status }).where('id', '=', signature.id).execute()
    throw new ElcError(
      status === 'expired' ? 'SIGNATURE_REQUEST_EXPIRED' : 'SIGNATURE_REQUEST_REJECTED',
      status === 'expired'
        ? text('Yêu cầu ký đã hết hạn; hãy ký lại.', 'The signature request expired; sign again.')
        : text('Yêu cầu ký đã bị từ chối.', 'The signature request was rejected.'),
      { status: 409 },
    )
  }
}

/**
 * Writes a party's signature row (requested, or signed at once from a file) with the consent it rests on;
 * a request of that party still open is superseded.
 */
async function writeSignatureRow(
  trx: Kysely<ContractsDatabase>,
  actor: string,
  row: SignatureTable,
): Promise<void> {
  await trx
    .updateTable('signature')
    .set({ status: 'expired' })
    .where('document_id', '=', row.document_id)
    .where('party', '=', row.party)
    .where('status', '=', 'requested')
    .execute()
  await trx.insertInto('signature').values(row).execute()
  await recordEvent(trx, row.document_id, {
    at: row.requested_at,
    actor,
    type: 'consented',
    detail: { party: row.party },
  })
}

/** D8, R1.11: the last signature, unless the parties agreed a later date (00:00 Vietnam time that day). */
export function effectiveTime(agreedDate: string | null, lastSignedAt: Date): Date {
  if (!agreedDate) return lastSignedAt
  const agreed = new Date(`${agreedDate}T00:00:00+07:00`)
  return agreed > lastSignedAt ? agreed : lastSignedAt
}

/** One delivery per party with an e-mail address; the app shows every document anyway. */
export async function queueDeliveries(
  trx: Kysely<ContractsDatabase>,
  documentId: string,
  stage: 'signed' | 'issued',
  parties: ContractParties | undefined,
  now: Date,
): Promise<void> {
  const rows = (
    [
      ['employer', parties?.employer.email],
      ['worker', parties?.worker.email],
    ] as const
  )
    .filter(([, email]) => typeof email === 'string' && email.length > 0)
    .map(([recipient]) => ({
      id: randomUUID(),
      document_id: documentId,
      recipient,
      stage,
      status: 'queued' as const,
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      sent_at: null,
      message_id: null,
    }))
  if (rows.length > 0)
    await trx
      .insertInto('delivery')
      .values(rows)
      .onConflict((oc) => oc.columns(['document_id', 'recipient', 'stage']).doNothing())
      .execute()
}

/** The file opened with its password; a refusal says which of the two is wrong (never the password). */
async function openPkcs12(p12: Uint8Array, password: string): Promise<Pkcs12Contents> {
  try {
    return await loadPkcs12(p12, password)
  } catch (e) {
    // A wrong password is the form's fault, not the session's: 422 rather than the loader's 401.
    if (e instanceof ElcError)
      throw new ElcError(e.code, e.text, { status: 422, ...(e.ruleId ? { ruleId: e.ruleId } : {}) })
    throw new ElcError(
      'PKCS12_MALFORMED',
      text('Tệp PKCS#12 (.p12/.pfx) không đọc được.', 'The PKCS#12 (.p12/.pfx) file cannot be read.'),
      { status: 422 },
    )
  }
}

/**
 * R1.16 (d), D7.1: the employer signs with its organisation's certificate, the one whose subject carries
 * its tax code as "MST:…" (the Platform refuses a contract no signer's certificate names the employer in).
 */
export function assertEmployerCertificate(certificate: Uint8Array, taxCode: string): void {
  const found = taxCodesOf(certificate)
  if (!found.includes(taxCode))
    throw new ElcError(
      'SIGNING_CERTIFICATE_NOT_EMPLOYER',
      text(
        `Chứng thư số trong tệp không phải của tổ chức có mã số thuế ${taxCode}${found.length > 0 ? ` (chứng thư mang MST ${found.join(', ')})` : ''}; không thể ký.`,
        `The certificate in the file is not the organisation certificate of tax code ${taxCode}${found.length > 0 ? ` (it carries ${found.join(', ')})` : ''}; signing refused.`,
      ),
      { ruleId: 'R1.16', status: 422 },
    )
}

function taxCodesOf(certificate: Uint8Array): string[] {
  let subject: string
  try {
    subject = new X509Certificate(certificate).subject
  } catch {
    return []
  }
  // Node writes one attribute a line; the UID may be named or given by its OID.
  return subject
    .split('\n')
    .map((line) => /^(?:UID|0\.9\.2342\.19200300\.100\.1\.1)=MST:(.+)$/i.exec(line.trim())?.[1]?.trim())
    .filter((v): v is string => Boolean(v))
}
