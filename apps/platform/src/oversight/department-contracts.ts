// What a provincial Department officer reads: the contracts whose workplace is in their province, with
// the labor-code findings recorded at decision ("visible to the parties and the provincial Department")
// and the lifecycle documents. Each read is logged with its purpose before any data is returned.
import type { Finding } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { BlobStore, PiiCipher } from '@elc/storage'
import type { SubmissionDatabase } from '../submissions/index.ts'
import { DATA_PURPOSE } from '../submissions/submissions-service.ts'
import type { AccessLog } from './access-log.ts'
import { contractNotFound } from './errors.ts'
import type { OversightDatabase } from './migrations.ts'
import { provinceName } from './provinces.ts'
import type { AccessPurpose } from './purposes.ts'
import { legalBasisOf } from './purposes.ts'

export const PAGE_SIZE = 50

/** The official making the read, as logged: never their name or ID number. */
export interface Official {
  /** Keyed hash of their personal ID. */
  hash: string
  role: string
  province: string
  requestId: string
}

export interface ContractDocument {
  kind: string
  sha256: string
  at: string
}

export interface DepartmentContract {
  contractId: string
  issuedAt: string
  idLetter: string
  /** new or conversion (a converted paper contract). */
  submissionKind: string
  termType: string | null
  employer: { name: string | null; taxCode: string }
  worker: { fullName: string | null }
  job: { title: string | null }
  wage: { amount: number | null; unit: string | null }
  term: unknown
  provinces: Array<{ code: string; name: string }>
  findings: Finding[]
  documents: ContractDocument[]
}

export interface AccessReceipt {
  id: string
  purpose: string
  legalBasis: string
  ledgerIndex: number
}

type Row = {
  contract_id: string
  issued_at: Date
  employer_tax_code: string
  pdf_sha256: string
  submission_id: string
  kind: string
  data_ciphertext: Buffer
  findings: unknown
  term_type: string | null
}

export class DepartmentContracts {
  constructor(
    private readonly db: Kysely<SubmissionDatabase & OversightDatabase>,
    private readonly deps: { pii: PiiCipher; blobs: BlobStore; log: AccessLog },
  ) {}

  private base(province: string) {
    return this.db
      .selectFrom('contract')
      .innerJoin('submission', 'submission.id', 'contract.submission_id')
      .select([
        'contract.contract_id',
        'contract.issued_at',
        'contract.employer_tax_code',
        'contract.pdf_sha256',
        'submission.id as submission_id',
        'submission.kind',
        'submission.data_ciphertext',
        'submission.findings',
        'submission.term_type',
      ])
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('submission_province')
            .select('submission_province.province_code')
            .whereRef('submission_province.submission_id', '=', 'submission.id')
            .where('submission_province.province_code', '=', province),
        ),
      )
  }

  async list(
    official: Official,
    purpose: AccessPurpose,
    range: { from?: Date; to?: Date },
    page: number,
  ): Promise<{ contracts: DepartmentContract[]; hasMore: boolean; access: AccessReceipt }> {
    let query = this.base(official.province)
    if (range.from) query = query.where('contract.issued_at', '>=', range.from)
    if (range.to) query = query.where('contract.issued_at', '<', range.to)
    const rows = (await query
      .orderBy('contract.issued_at', 'desc')
      .orderBy('contract.contract_id')
      .limit(PAGE_SIZE + 1)
      .offset((page - 1) * PAGE_SIZE)
      .execute()) as Row[]
    const shown = rows.slice(0, PAGE_SIZE)
    const contracts = await this.views(shown)
    const access = await this.log(official, purpose, 'contract.list', shown)
    return { contracts, hasMore: rows.length > PAGE_SIZE, access }
  }

  async one(
    official: Official,
    purpose: AccessPurpose,
    contractId: string,
  ): Promise<DepartmentContract & { data: unknown; access: AccessReceipt }> {
    const row = await this.find(official.province, contractId)
    const [view] = await this.views([row])
    const data = this.data(row)
    const access = await this.log(official, purpose, 'contract.detail', [row])
    return { ...(view as DepartmentContract), data, access }
  }

  async pdf(
    official: Official,
    purpose: AccessPurpose,
    contractId: string,
  ): Promise<{ pdf: Uint8Array; access: AccessReceipt }> {
    const row = await this.find(official.province, contractId)
    const pdf = await this.deps.blobs.get(row.pdf_sha256)
    if (!pdf) throw new Error(`contract ${contractId}: PDF ${row.pdf_sha256} missing from the blob store`)
    return { pdf, access: await this.log(official, purpose, 'contract.pdf', [row]) }
  }

  /** A contract outside the province answers exactly as one that does not exist. */
  private async find(province: string, contractId: string): Promise<Row> {
    const row = (await this.base(province)
      .where('contract.contract_id', '=', contractId)
      .executeTakeFirst()) as Row | undefined
    if (!row) throw contractNotFound()
    return row
  }

  private async log(
    official: Official,
    purpose: AccessPurpose,
    resource: 'contract.list' | 'contract.detail' | 'contract.pdf',
    rows: Row[],
  ): Promise<AccessReceipt> {
    const { record, ledgerIndex } = await this.deps.log.record({
      official: official.hash,
      role: official.role,
      province: official.province,
      purpose: purpose.code,
      legalBasis: legalBasisOf(purpose),
      resource,
      contracts: rows.map((r) => r.contract_id),
      requestId: official.requestId,
    })
    return { id: record.id, purpose: record.purpose, legalBasis: record.legalBasis, ledgerIndex }
  }

  private data(row: Row): unknown {
    return JSON.parse(this.deps.pii.decrypt(row.data_ciphertext, DATA_PURPOSE))
  }

  private async views(rows: Row[]): Promise<DepartmentContract[]> {
    if (!rows.length) return []
    const ids = rows.map((r) => r.contract_id)
    const [documents, provinces] = await Promise.all([
      this.db
        .selectFrom('contract_document')
        .select(['contract_id', 'kind', 'pdf_sha256', 'attached_at'])
        .where('contract_id', 'in', ids)
        .orderBy('attached_at')
        .execute(),
      this.db
        .selectFrom('submission_province')
        .select(['submission_id', 'province_code'])
        .where(
          'submission_id',
          'in',
          rows.map((r) => r.submission_id),
        )
        .orderBy('position')
        .execute(),
    ])
    return rows.map((row) => {
      const doc = this.data(row) as Record<string, unknown> & { kind?: string; contract?: unknown }
      const c = (doc.kind === 'paper_conversion' ? doc.contract : doc) as ContractData
      return {
        contractId: row.contract_id,
        issuedAt: row.issued_at.toISOString(),
        idLetter: row.contract_id.slice(0, 1),
        submissionKind: row.kind,
        termType: row.term_type,
        employer: { name: str(c?.employer?.name), taxCode: row.employer_tax_code },
        worker: { fullName: str(c?.worker?.fullName) },
        job: { title: str(c?.job?.title) },
        wage: {
          amount: typeof c?.wage?.amount === 'number' ? c.wage.amount : null,
          unit: str(c?.wage?.unit),
        },
        term: c?.term ?? null,
        provinces: provinces
          .filter((p) => p.submission_id === row.submission_id)
          .map((p) => ({ code: p.province_code, name: provinceName(p.province_code) ?? p.province_code })),
        findings: (parse(row.findings) as Finding[] | undefined) ?? [],
        documents: [
          { kind: 'contract', sha256: row.pdf_sha256, at: row.issued_at.toISOString() },
          ...documents
            .filter((d) => d.contract_id === row.contract_id)
            .map((d) => ({ kind: d.kind, sha256: d.pdf_sha256, at: d.attached_at.toISOString() })),
        ],
      }
    })
  }
}

interface ContractData {
  employer?: { name?: unknown }
  worker?: { fullName?: unknown }
  job?: { title?: unknown }
  wage?: { amount?: unknown; unit?: unknown }
  term?: unknown
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function parse(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : (value ?? undefined)
}
