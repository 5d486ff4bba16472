// Employer onboarding: the organisation's particulars (R4.6 a) and who may sign for it (R4.9). The tax code
// and the name come from the organisation's VNeID account, never from a form, so an administrator can only
// ever manage the employer they signed in as; HR staff of that employer may read.
import { randomUUID } from 'node:crypto'
import { type CivilDate, ElcError, type Employer, isValidDate, text, vietnamDateOf } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { BlobStore, PiiCipher } from '@elc/storage'
import type { Principal } from '@elc/web-auth'
import { checkAuthorisationPdf } from './authorisation-pdf.ts'
import {
  alreadyOnboarded,
  alreadyRevoked,
  EmployerInputError,
  notOnboarded,
  organisationAccountRequired,
  otherEmployer,
  signatoryDuplicate,
  signatoryNotFound,
} from './employer-errors.ts'
import { type EmployerProfileInput, type SignatoryInput, sameName } from './employer-input.ts'
import { type EmployerProfile, EmployersRepo, type Signatory } from './employers-repo.ts'
import type { EmployerDatabase } from './migrations.ts'
import { signatoryRefusal } from './signatory-standing.ts'

export interface EmployersServiceDeps {
  db: Kysely<EmployerDatabase>
  /** Encrypts signatories' personal ID numbers and hashes them for lookups. */
  cipher: PiiCipher
  /** Holds the letters of authorisation, by SHA-256. */
  blobs: BlobStore
  now?: () => Date
}

const TAX_CODE = /^[0-9]{10}(-[0-9]{3})?$/
const READER_ROLES = ['employer-admin', 'hr-staff'] as const

export class EmployersService {
  readonly repo: EmployersRepo
  private readonly blobs: BlobStore
  private readonly now: () => Date

  constructor(deps: EmployersServiceDeps) {
    this.repo = new EmployersRepo(deps.db, deps.cipher)
    this.blobs = deps.blobs
    this.now = deps.now ?? (() => new Date())
  }

  today(): CivilDate {
    return vietnamDateOf(this.now())
  }

  /** The employer `by` administers: their own organisation account's tax code, nothing else. */
  managedTaxCode(by: Principal): string {
    if (by.accountType !== 'organisation' || !by.taxCode || !TAX_CODE.test(by.taxCode) || !by.name.trim())
      throw organisationAccountRequired()
    if (!by.grants.some((g) => g.role === 'employer-admin' && g.employerTaxCode === by.taxCode))
      throw otherEmployer()
    requireLevel2(by)
    return by.taxCode
  }

  /** The employer `by` may read: the one asked for if a grant names it, else the first granted. */
  readableTaxCode(by: Principal, requested?: string): string {
    const granted = by.grants
      .filter((g) => (READER_ROLES as readonly string[]).includes(g.role) && g.employerTaxCode)
      .map((g) => g.employerTaxCode as string)
    const chosen = requested ? granted.find((t) => t === requested) : granted[0]
    if (!chosen) throw otherEmployer()
    requireLevel2(by)
    return chosen
  }

  /** The employer's profile as `by` may see it; undefined when not yet onboarded. */
  async profile(by: Principal, requested?: string): Promise<EmployerProfile | undefined> {
    return this.repo.profile(this.readableTaxCode(by, requested))
  }

  async list(by: Principal, requested?: string): Promise<Signatory[]> {
    return this.repo.signatories(this.readableTaxCode(by, requested))
  }

  async onboard(by: Principal, input: EmployerProfileInput): Promise<EmployerProfile> {
    const taxCode = this.managedTaxCode(by)
    const at = this.now()
    const inserted = await this.repo.insertProfile({
      tax_code: taxCode,
      ...this.profileColumns(by, input, at),
      onboarded_by: by.subject,
      onboarded_at: at,
    })
    if (!inserted) throw alreadyOnboarded()
    return (await this.repo.profile(taxCode)) as EmployerProfile
  }

  /** Updates the particulars; the name is refreshed from the VNeID account too. */
  async update(by: Principal, input: EmployerProfileInput): Promise<EmployerProfile> {
    const taxCode = this.managedTaxCode(by)
    if (!(await this.repo.updateProfile(taxCode, this.profileColumns(by, input, this.now()))))
      throw notOnboarded()
    return (await this.repo.profile(taxCode)) as EmployerProfile
  }

  /** Onboards the first time, updates after. */
  async save(by: Principal, input: EmployerProfileInput): Promise<EmployerProfile> {
    const existing = await this.repo.profile(this.managedTaxCode(by))
    return existing ? this.update(by, input) : this.onboard(by, input)
  }

  async addSignatory(by: Principal, input: SignatoryInput, document?: Uint8Array): Promise<Signatory> {
    const taxCode = this.managedTaxCode(by)
    const employer = await this.repo.profile(taxCode)
    if (!employer) throw notOnboarded()
    if (input.isLegalRepresentative && !sameName(input.fullName, employer.legalRepresentative.fullName))
      throw new ElcError(
        'EMPLOYER_SIGNATORY_NOT_REPRESENTATIVE',
        text(
          `Người đại diện theo pháp luật đã khai báo là ${employer.legalRepresentative.fullName}; người khác cần giấy ủy quyền.`,
          `The declared legal representative is ${employer.legalRepresentative.fullName}; anyone else needs a letter of authorisation.`,
        ),
        { ruleId: 'R4.9', status: 422 },
      )
    // R4.9: the letter itself is kept, not only its number, for whoever later checks the signature.
    if (input.authorisation && !document)
      throw new EmployerInputError(
        'authorisation',
        text('Cần tải lên giấy ủy quyền (PDF).', 'Upload the letter of authorisation (PDF).'),
        'R4.9',
      )
    if (document && !input.authorisation)
      throw new EmployerInputError(
        'authorisationDocumentRef',
        text(
          'Cần số và ngày của giấy ủy quyền đã tải lên.',
          'Give the number and date of the uploaded letter.',
        ),
        'R4.9',
      )
    if (document) checkAuthorisationPdf(document)
    if (await this.repo.standingByPersonalId(taxCode, input.personalId)) throw signatoryDuplicate()
    const sha256 = document ? (await this.blobs.put(document)).sha256 : null
    const id = randomUUID()
    try {
      await this.repo.insertSignatory({
        id,
        employer_tax_code: taxCode,
        full_name: input.fullName,
        title: input.title,
        personal_id_ciphertext: this.repo.encrypt(input.personalId),
        personal_id_lookup: this.repo.lookupOf(input.personalId),
        is_legal_representative: input.isLegalRepresentative,
        authorisation_document_ref: input.authorisation?.documentRef ?? null,
        authorisation_issued_on: input.authorisation?.issuedOn ?? null,
        authorisation_document_sha256: sha256,
        valid_from: input.validFrom,
        valid_until: input.validUntil ?? null,
        revoked_at: null,
        revoked_by: null,
        created_by: by.subject,
        created_at: this.now(),
      })
    } catch (error) {
      // Two requests for the same person at once: the partial unique index lets one through.
      if ((error as { code?: string }).code === '23505') throw signatoryDuplicate()
      throw error
    }
    return (await this.repo.signatory(taxCode, id)) as Signatory
  }

  async revokeSignatory(by: Principal, id: string): Promise<Signatory> {
    const taxCode = this.managedTaxCode(by)
    const existing = await this.repo.signatory(taxCode, id)
    if (!existing) throw signatoryNotFound()
    if (!(await this.repo.revoke(taxCode, id, by.subject, this.now()))) throw alreadyRevoked()
    return (await this.repo.signatory(taxCode, id)) as Signatory
  }

  /** The letter of authorisation of a signatory of an employer `by` may read. */
  async authorisationDocument(
    by: Principal,
    id: string,
    requested?: string,
  ): Promise<{ signatory: Signatory; bytes: Uint8Array }> {
    const signatory = await this.repo.signatory(this.readableTaxCode(by, requested), id)
    const sha256 = signatory?.authorisation?.documentSha256
    const bytes = sha256 ? await this.blobs.get(sha256) : undefined
    if (!signatory || !bytes)
      throw new ElcError(
        'EMPLOYER_AUTHORISATION_NOT_FOUND',
        text(
          'Không có giấy ủy quyền cho người ký này.',
          'There is no letter of authorisation for this signatory.',
        ),
        { status: 404 },
      )
    return { signatory, bytes }
  }

  /**
   * The contract's `employer` (R4.6 a) signed for by `signatoryId` in a contract concluded on `on`; refuses a
   * signatory who may not sign that day (R4.9).
   */
  async contractEmployer(taxCode: string, signatoryId: string, on: CivilDate): Promise<Employer> {
    if (!isValidDate(on)) throw new RangeError(`not a calendar date: ${on}`)
    const employer = await this.repo.profile(taxCode)
    if (!employer) throw notOnboarded()
    const signatory = await this.repo.signatory(taxCode, signatoryId)
    if (!signatory) throw signatoryNotFound()
    const refusal = signatoryRefusal(signatory, on, employer.legalRepresentative.fullName)
    if (refusal) throw refusal
    return {
      name: employer.name,
      address: employer.address,
      taxCode: employer.taxCode,
      employerType: employer.employerType,
      ...(employer.phone ? { phone: employer.phone } : {}),
      ...(employer.email ? { email: employer.email } : {}),
      signatory: {
        fullName: signatory.fullName,
        title: signatory.title,
        ...(!signatory.isLegalRepresentative && signatory.authorisation
          ? {
              authorisation: {
                documentRef: signatory.authorisation.documentRef,
                issuedOn: signatory.authorisation.issuedOn,
              },
            }
          : {}),
      },
    }
  }

  /**
   * The contract's `employer` with the signatory a new contract names by default: the legal
   * representative if they may sign that day, else the first authorised signatory who may (R4.9).
   */
  async defaultContractEmployer(taxCode: string, on: CivilDate): Promise<Employer> {
    const signatories = await this.repo.signatories(taxCode)
    if (!(await this.repo.profile(taxCode))) throw notOnboarded()
    const ordered = [...signatories].sort(
      (a, b) => Number(b.isLegalRepresentative) - Number(a.isLegalRepresentative),
    )
    let refusal: unknown = signatoryNotFound()
    for (const s of ordered) {
      try {
        return await this.contractEmployer(taxCode, s.id, on)
      } catch (e) {
        refusal = e
      }
    }
    throw refusal
  }

  /**
   * The standing (unrevoked) signatory entry of the person with this personal ID, matched by its keyed hash
   * against the signer's VNeID identity or certificate; undefined when they are not a signatory. Whether they
   * may sign on a given day is `contractEmployer`'s question.
   */
  async signatoryFor(taxCode: string, personalId: string): Promise<Signatory | undefined> {
    return this.repo.standingByPersonalId(taxCode, personalId.trim())
  }

  private profileColumns(by: Principal, input: EmployerProfileInput, at: Date) {
    return {
      name: by.name.normalize('NFC').trim(),
      address: input.address,
      employer_type: input.employerType,
      phone: input.phone ?? null,
      email: input.email ?? null,
      legal_representative_name: input.legalRepresentative.fullName,
      legal_representative_title: input.legalRepresentative.title,
      updated_at: at,
    }
  }
}

function requireLevel2(by: Principal): void {
  if (by.level !== 2)
    throw new ElcError(
      'AUTH_LEVEL2_REQUIRED',
      text(
        'Cần tài khoản định danh điện tử mức độ 2 để xem nội dung hợp đồng hoặc ký.',
        'A level 2 VNeID account is needed to see contract contents or to sign.',
      ),
      { ruleId: 'R1.12', status: 403 },
    )
}
