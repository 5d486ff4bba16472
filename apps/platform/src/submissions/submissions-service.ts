// Receiving submissions and deciding them (R1.24–R1.32). Each step and its ledger entry commit together
// (Ledger.append's `within`): no submission without its entry, no ID without a stored document and a
// decision entry, and the reverse.
import { createHash, randomUUID } from 'node:crypto'
import { canonicalDataHash, contractIdLetter, ElcError, generateContractId, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { Ledger } from '@elc/ledger'
import type { RevocationChecker, TrustStore } from '@elc/pki'
import type { BlobStore, PiiCipher } from '@elc/storage'
import { contractFacts } from '../oversight/contract-facts.ts'
import { checkSubmission, type Reason } from './check-submission.ts'
import type { SubmissionDatabase, SubmissionTable } from './migrations.ts'

export const SUBMISSION_KINDS = [
  'new',
  'conversion',
  'annex',
  'amendment',
  'suspension',
  'termination',
] as const
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number]
const LIFECYCLE = new Set<string>(['annex', 'amendment', 'suspension', 'termination'])
/** The purpose the data's ciphertext is bound to (associated data): it decrypts nowhere else. */
export const DATA_PURPOSE = 'submission.data'

/** How long a decision worker holds the submissions it claimed. */
const CLAIM_MS = 60_000

/** Another process decided this submission first; this decision (and its ledger entry) is dropped. */
class AlreadyDecided extends Error {
  constructor(id: string) {
    super(`submission ${id} was decided by another worker`)
  }
}

/** R1.31: the Platform answers within 24 hours of receiving a submission. */
const DECISION_DEADLINE_MS = 24 * 3_600_000

export interface AcceptInput {
  providerId: string
  idempotencyKey: string
  kind: string
  parentContractId?: string
  data: unknown
  pdf: Uint8Array
}

export interface SubmissionView {
  id: string
  kind: string
  status: 'accepted' | 'decided'
  receivedAt: string
  deadlineAt: string
  decision?: 'issued' | 'attached' | 'refused'
  contractId?: string
  reasons?: Reason[]
  findings?: unknown[]
  ledgerIndex?: number
}

export class SubmissionsService {
  constructor(
    private readonly db: Kysely<SubmissionDatabase>,
    private readonly ledger: Ledger,
    private readonly deps: {
      trust: TrustStore
      revocation: RevocationChecker
      blobs: BlobStore
      pii: PiiCipher
      /** Called once a decision has committed (metrics). */
      onDecided?: (decision: 'issued' | 'attached' | 'refused', receivedAt: Date, decidedAt: Date) => void
      /** Queues the decision's notice in the decision's own transaction (the webhook outbox). */
      notify?: (
        trx: Kysely<unknown>,
        notice: { providerId: string; submissionId: string; view: SubmissionView },
      ) => Promise<void>
      now?: () => Date
      /** How long a decision worker holds what it claimed (default CLAIM_MS). */
      claimMs?: number
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }

  /** 202-accepts a submission, or returns the one already accepted under the same key and body. */
  async accept(input: AcceptInput): Promise<{ view: SubmissionView; replayed: boolean }> {
    if (!(SUBMISSION_KINDS as readonly string[]).includes(input.kind))
      throw new ElcError(
        'SUBMISSION_KIND_INVALID',
        text(
          `kind phải là một trong: ${SUBMISSION_KINDS.join(', ')}.`,
          `kind must be one of: ${SUBMISSION_KINDS.join(', ')}.`,
        ),
      )
    const pdfSha256 = createHash('sha256').update(input.pdf).digest('hex')
    const requestSha256 = createHash('sha256')
      .update(
        JSON.stringify([input.kind, input.parentContractId ?? null, pdfSha256, safeDataHash(input.data)]),
      )
      .digest('hex')
    const existing = await this.db
      .selectFrom('submission')
      .selectAll()
      .where('provider_id', '=', input.providerId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst()
    if (existing) {
      if (existing.request_sha256 !== requestSha256)
        throw new ElcError(
          'SUBMISSION_IDEMPOTENCY_CONFLICT',
          text(
            'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
            'This Idempotency-Key was already used for a different request.',
          ),
          { status: 409 },
        )
      return { view: viewOf(existing), replayed: true }
    }
    if (LIFECYCLE.has(input.kind)) {
      const parent = input.parentContractId
        ? await this.db
            .selectFrom('contract')
            .select('contract_id')
            .where('contract_id', '=', input.parentContractId)
            .executeTakeFirst()
        : undefined
      if (!parent)
        throw new ElcError(
          'SUBMISSION_PARENT_UNKNOWN',
          text(
            'Không tìm thấy hợp đồng gốc với mã định danh đã nêu.',
            'No contract has the given parent ID.',
          ),
          { ruleId: 'R1.30', status: 422 },
        )
    }
    // Stored first: a blob no row points to is harmless, a row without its PDF is not.
    await this.deps.blobs.put(input.pdf)
    const workerId = (input.data as { worker?: { idDocument?: { number?: unknown } } } | null)?.worker
      ?.idDocument?.number
    const receivedAt = this.now()
    const row: SubmissionTable = {
      id: randomUUID(),
      provider_id: input.providerId,
      idempotency_key: input.idempotencyKey,
      request_sha256: requestSha256,
      kind: input.kind,
      parent_contract_id: input.parentContractId ?? null,
      pdf_sha256: pdfSha256,
      data_ciphertext: this.deps.pii.encrypt(JSON.stringify(input.data), DATA_PURPOSE),
      worker_id_lookup: typeof workerId === 'string' ? this.deps.pii.lookupHash(workerId) : null,
      received_at: receivedAt,
      deadline_at: new Date(receivedAt.getTime() + DECISION_DEADLINE_MS),
      status: 'accepted',
      decided_at: null,
      contract_id: null,
      reasons: null,
      findings: null,
      accepted_index: null,
      decision_index: null,
    }
    const { index } = await this.ledger.append(
      {
        type: 'submission.received',
        at: receivedAt.toISOString(),
        data: {
          submission: row.id,
          provider: row.provider_id,
          kind: row.kind,
          parent: row.parent_contract_id,
          pdfSha256,
        },
      },
      async (trx, index) => {
        await (trx as Kysely<SubmissionDatabase>)
          .insertInto('submission')
          .values({ ...row, accepted_index: BigInt(index) })
          .execute()
      },
    )
    return { view: viewOf({ ...row, accepted_index: BigInt(index) }), replayed: false }
  }

  async waitingCount(): Promise<number> {
    const row = await this.db
      .selectFrom('submission')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'accepted')
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /**
   * Decides up to `limit` waiting submissions, oldest first; returns how many it claimed. Claims skip rows
   * another process holds (`FOR UPDATE SKIP LOCKED`) and last `claimMs`, after which a crashed holder's
   * work is taken over; the decision itself is written only while the row is still waiting, so a late
   * second decider is refused and writes nothing.
   */
  async decidePending(limit = 32): Promise<number> {
    const now = this.now()
    const waiting = await this.db
      .updateTable('submission')
      .set({ claimed_until: new Date(now.getTime() + (this.deps.claimMs ?? CLAIM_MS)) })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('submission')
          .select('id')
          .where('status', '=', 'accepted')
          .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
          .orderBy('received_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute()
    const results = await Promise.allSettled(waiting.map((s) => this.decide(s)))
    const failed = results.find(
      (r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof AlreadyDecided),
    )
    if (failed) throw failed.reason
    return waiting.length
  }

  /**
   * Records the workplace provinces and term type of contracts decided before they were recorded at decision
   * time, so the provincial Departments see those contracts too. Safe to run again; returns how many it did.
   */
  async backfillFacts(batch = 200): Promise<number> {
    let done = 0
    let after = ''
    for (;;) {
      const rows = await this.db
        .selectFrom('submission')
        .select(['id', 'data_ciphertext'])
        .where('status', '=', 'decided')
        .where('kind', 'in', ['new', 'conversion'])
        .where('term_type', 'is', null)
        .where('id', '>', after)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('submission_province')
                .select('submission_id')
                .whereRef('submission_province.submission_id', '=', 'submission.id'),
            ),
          ),
        )
        .orderBy('id')
        .limit(batch)
        .execute()
      if (rows.length === 0) return done
      for (const row of rows) {
        const facts = contractFacts(JSON.parse(this.deps.pii.decrypt(row.data_ciphertext, DATA_PURPOSE)))
        await this.db.transaction().execute(async (trx) => {
          if (facts.termType)
            await trx
              .updateTable('submission')
              .set({ term_type: facts.termType })
              .where('id', '=', row.id)
              .execute()
          if (facts.provinces.length)
            await trx
              .insertInto('submission_province')
              .values(
                facts.provinces.map((code, position) => ({
                  submission_id: row.id,
                  province_code: code,
                  position,
                })),
              )
              .onConflict((oc) => oc.doNothing())
              .execute()
        })
        done++
      }
      after = rows[rows.length - 1]?.id as string
    }
  }

  private async decide(s: SubmissionTable): Promise<void> {
    const data = JSON.parse(this.deps.pii.decrypt(s.data_ciphertext, DATA_PURPOSE))
    const pdf = await this.deps.blobs.get(s.pdf_sha256)
    if (!pdf) throw new Error(`submission ${s.id}: PDF ${s.pdf_sha256} missing from the blob store`)
    const result = await checkSubmission({ pdf, data, kind: s.kind }, this.deps)
    const decidedAt = this.now()
    const refused = result.reasons.length > 0
    const lifecycle = LIFECYCLE.has(s.kind)
    const employerTaxCode = String((data as { employer?: { taxCode?: string } }).employer?.taxCode ?? '')
    const concludedOn = String(
      (data as { concludedOn?: string }).concludedOn ?? decidedAt.toISOString().slice(0, 10),
    )
    const letter = contractIdLetter(s.kind === 'conversion' ? 'paper_conversion' : 'electronic', concludedOn)
    let contractId = lifecycle ? (s.parent_contract_id as string) : undefined
    // Lifecycle documents belong to their contract's province; refusals are counted by province too.
    const facts = lifecycle ? undefined : contractFacts(data)
    await this.ledger.append(
      {
        type: refused ? 'submission.refused' : lifecycle ? 'lifecycle.attached' : 'contract_id.issued',
        at: decidedAt.toISOString(),
        data: {
          submission: s.id,
          pdfSha256: s.pdf_sha256,
          ...(refused ? { reasons: result.reasons.map((r) => r.code) } : {}),
          ...(lifecycle ? { contract: s.parent_contract_id, kind: s.kind } : {}),
        },
      },
      async (trx, index) => {
        const db = trx as Kysely<SubmissionDatabase>
        // Locks the row: a second decider waits here, then finds it decided and writes nothing.
        const current = await db
          .selectFrom('submission')
          .select('status')
          .where('id', '=', s.id)
          .forUpdate()
          .executeTakeFirst()
        if (current?.status !== 'accepted') throw new AlreadyDecided(s.id)
        if (!refused && !lifecycle)
          contractId = await issueContractId(db, letter, decidedAt, s, employerTaxCode)
        if (!refused && lifecycle)
          await db
            .insertInto('contract_document')
            .values({
              submission_id: s.id,
              contract_id: contractId as string,
              kind: s.kind,
              pdf_sha256: s.pdf_sha256,
              attached_at: decidedAt,
            })
            .execute()
        await db
          .updateTable('submission')
          .set({
            status: 'decided',
            decided_at: decidedAt,
            contract_id: refused ? null : (contractId ?? null),
            reasons: JSON.stringify(result.reasons),
            findings: JSON.stringify(result.findings),
            decision_index: BigInt(index),
            ...(facts ? { term_type: facts.termType } : {}),
          })
          .where('id', '=', s.id)
          .execute()
        if (facts?.provinces.length)
          await db
            .insertInto('submission_province')
            .values(
              facts.provinces.map((code, position) => ({
                submission_id: s.id,
                province_code: code,
                position,
              })),
            )
            .execute()
        // The notice commits with the decision; the deliverer sends it after (webhooks/).
        if (this.deps.notify) {
          const decided = await db
            .selectFrom('submission')
            .selectAll()
            .where('id', '=', s.id)
            .executeTakeFirstOrThrow()
          await this.deps.notify(trx, {
            providerId: s.provider_id,
            submissionId: s.id,
            view: viewOf(decided),
          })
        }
      },
    )
    this.deps.onDecided?.(refused ? 'refused' : lifecycle ? 'attached' : 'issued', s.received_at, decidedAt)
  }

  async view(providerId: string, id: string): Promise<SubmissionView | undefined> {
    const row = await this.db
      .selectFrom('submission')
      .selectAll()
      .where('id', '=', id)
      .where('provider_id', '=', providerId)
      .executeTakeFirst()
    return row ? viewOf(row) : undefined
  }

  /** The contracts a signed-in party holds: the worker by keyed hash of their ID, an employer by tax code. */
  async contractsOf(party: { personalId?: string; employerTaxCode?: string }): Promise<ContractSummary[]> {
    let query = this.db
      .selectFrom('contract')
      .innerJoin('submission', 'submission.id', 'contract.submission_id')
      .select(['contract.contract_id', 'contract.issued_at', 'contract.employer_tax_code'])
    if (party.personalId)
      query = query.where('submission.worker_id_lookup', '=', this.deps.pii.lookupHash(party.personalId))
    else if (party.employerTaxCode)
      query = query.where('contract.employer_tax_code', '=', party.employerTaxCode)
    else return []
    const rows = await query.orderBy('contract.issued_at', 'desc').limit(500).execute()
    const out: ContractSummary[] = []
    for (const r of rows) {
      const verified = await this.verify(r.contract_id)
      out.push({
        contractId: r.contract_id,
        issuedAt: r.issued_at.toISOString(),
        employerTaxCode: r.employer_tax_code,
        documents: verified?.documents ?? [],
      })
    }
    return out
  }

  /** The signed PDF of a contract, for one of its parties. */
  async contractPdf(
    contractId: string,
    party: { personalId?: string; employerTaxCode?: string },
  ): Promise<Uint8Array | undefined> {
    const mine = await this.contractsOf(party)
    const contract = mine.find((c) => c.contractId === contractId)
    const sha256 = contract?.documents[0]?.sha256
    return sha256 ? this.deps.blobs.get(sha256) : undefined
  }

  /** GET /v1/verify: anyone holding a contract checks its ID and document hash, without personal data. */
  async verify(contractId: string, sha256?: string) {
    const contract = await this.db
      .selectFrom('contract')
      .selectAll()
      .where('contract_id', '=', contractId)
      .executeTakeFirst()
    if (!contract) return undefined
    const documents = await this.db
      .selectFrom('contract_document')
      .select(['kind', 'pdf_sha256', 'attached_at'])
      .where('contract_id', '=', contractId)
      .orderBy('attached_at')
      .execute()
    const all = [
      { kind: 'contract', sha256: contract.pdf_sha256, at: contract.issued_at.toISOString() },
      ...documents.map((d) => ({ kind: d.kind, sha256: d.pdf_sha256, at: d.attached_at.toISOString() })),
    ]
    return {
      contractId,
      issuedAt: contract.issued_at.toISOString(),
      documents: all,
      ...(sha256 ? { documentMatches: all.some((d) => d.sha256 === sha256.toLowerCase()) } : {}),
    }
  }
}

export interface ContractSummary {
  contractId: string
  issuedAt: string
  employerTaxCode: string
  documents: Array<{ kind: string; sha256: string; at: string }>
}

/** R1.29: a fresh random ID; the primary key settles the rare collision, which simply draws again. */
async function issueContractId(
  db: Kysely<SubmissionDatabase>,
  letter: 'A' | 'B' | 'C',
  at: Date,
  s: SubmissionTable,
  employerTaxCode: string,
): Promise<string> {
  for (let attempt = 0; attempt < 16; attempt++) {
    const id = generateContractId(letter, at)
    const inserted = await db
      .insertInto('contract')
      .values({
        contract_id: id,
        submission_id: s.id,
        employer_tax_code: employerTaxCode,
        pdf_sha256: s.pdf_sha256,
        issued_at: at,
      })
      .onConflict((oc) => oc.column('contract_id').doNothing())
      .returning('contract_id')
      .executeTakeFirst()
    if (inserted) return inserted.contract_id
  }
  throw new Error('no free contract ID after 16 draws')
}

function safeDataHash(data: unknown): string {
  try {
    return canonicalDataHash(data)
  } catch {
    return createHash('sha256')
      .update(JSON.stringify(data) ?? '')
      .digest('hex')
  }
}

function viewOf(row: SubmissionTable): SubmissionView {
  const reasons = parse(row.reasons) as Reason[] | undefined
  const decided = row.status === 'decided'
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    deadlineAt: row.deadline_at.toISOString(),
    ...(decided
      ? {
          decision: reasons?.length ? 'refused' : LIFECYCLE.has(row.kind) ? 'attached' : 'issued',
          ...(row.contract_id ? { contractId: row.contract_id } : {}),
          reasons: reasons ?? [],
          findings: (parse(row.findings) as unknown[]) ?? [],
          ...(row.decision_index !== null ? { ledgerIndex: Number(row.decision_index) } : {}),
        }
      : {}),
  }
}

function parse(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : (value ?? undefined)
}
