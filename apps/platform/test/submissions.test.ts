// Submissions against the simulator on loopback: a two-party certified contract gets an A ID recorded in
// the ledger; each formal failure refuses with its reason; lifecycle documents attach to the ID; a paper
// conversion gets a B ID; the same Idempotency-Key with another body is a conflict; parallel decisions
// never share an ID.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { decodeEntry, generateNoteKey, type Ledger } from '@elc/ledger'
import { RevocationChecker, TrustStore } from '@elc/pki'
import { type SimFixture, type SimSubscriber, startSim } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'
import { migrateSubmissions } from '../src/submissions/index.ts'
import type { SubmissionDatabase } from '../src/submissions/migrations.ts'
import { SubmissionsService } from '../src/submissions/submissions-service.ts'
import { signedContract as makeSignedContract } from './signed-contract.ts'

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'))
const CONTRACT = example('contract-indefinite.json')

let sim: SimFixture
let database: Database<unknown>
let platformLedger: PlatformLedger
let ledger: Ledger
let service: SubmissionsService
let trust: TrustStore
let employer: SimSubscriber
let worker: SimSubscriber
let stranger: SimSubscriber
let n = 0
const storage = {
  blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-submissions-'))),
  pii: new PiiCipher({
    keys: [{ id: 'k1', key: Buffer.alloc(32, 7) }],
    currentKeyId: 'k1',
    lookupKey: 'tra-cuu',
  }),
}

beforeAll(async () => {
  sim = await startSim()
  trust = TrustStore.fromBytes(sim.rootDer)
  employer = await sim.issue({
    profile: 'organisation',
    organisationName: CONTRACT.employer.name,
    taxCode: CONTRACT.employer.taxCode,
    keyAlgorithm: 'rsa-pss-2048',
  })
  worker = await sim.issue({
    profile: 'person',
    fullName: CONTRACT.worker.fullName,
    personalId: CONTRACT.worker.idDocument.number,
  })
  stranger = await sim.issue({ profile: 'person', fullName: 'Trần Văn Khách', personalId: '001090099999' })
  database = await createDatabase({ url: 'memory://' })
  platformLedger = await openPlatformLedger(database, {
    origin: 'nentang-hdld.test/ledger',
    signerKey: generateNoteKey('nentang-hdld.test').signerKey,
    keyFile: '/nonexistent',
  })
  ledger = platformLedger.ledger
  await migrateSubmissions(database.db)
  service = new SubmissionsService(database.db as Kysely<SubmissionDatabase>, ledger, {
    trust,
    revocation: new RevocationChecker(),
    ...storage,
  })
}, 120_000)

afterAll(async () => {
  await platformLedger?.close()
  await database?.close()
  await sim?.close()
})

function signedContract(
  data: unknown,
  options: { signers?: SimSubscriber[]; timestamp?: boolean; certify?: boolean; embedded?: unknown } = {},
): Promise<Buffer> {
  return makeSignedContract(sim, data, options.signers ?? [employer, worker], options)
}

async function submitAndDecide(pdf: Uint8Array, data: unknown, kind = 'new', parentContractId?: string) {
  const { view } = await service.accept({
    providerId: 'provider-test',
    idempotencyKey: `key-${n++}`,
    kind,
    data,
    pdf,
    ...(parentContractId ? { parentContractId } : {}),
  })
  expect(view.status).toBe('accepted')
  await service.decidePending()
  return (await service.view('provider-test', view.id)) as NonNullable<
    Awaited<ReturnType<SubmissionsService['view']>>
  >
}

describe('submissions', () => {
  let contractId: string

  it('a valid certified two-party contract gets an A ID, recorded in the ledger', async () => {
    const pdf = await signedContract(CONTRACT)
    const decided = await submitAndDecide(pdf, CONTRACT)
    expect(decided.reasons).toEqual([])
    expect(decided.decision).toBe('issued')
    expect(decided.contractId).toMatch(/^A\d{12}$/)
    contractId = decided.contractId as string
    const [entry] = await ledger.entries(decided.ledgerIndex as number, (decided.ledgerIndex as number) + 1)
    expect(decodeEntry(entry as Uint8Array)).toMatchObject({
      type: 'contract_id.issued',
      data: { submission: decided.id },
    })
    const verified = await service.verify(contractId)
    expect(verified?.documents[0]?.kind).toBe('contract')
  })

  it.each([
    [
      'a tampered PDF',
      'SUBMISSION_SIGNATURE_INVALID',
      async () => {
        const pdf = await signedContract(CONTRACT)
        const at = pdf.indexOf('/MediaBox') + 2
        pdf[at] = (pdf[at] as number) ^ 1
        return pdf
      },
    ],
    [
      'a signer who is not the worker',
      'SUBMISSION_WORKER_NOT_SIGNER',
      () => signedContract(CONTRACT, { signers: [employer, stranger] }),
    ],
    [
      'signatures without timestamps',
      'SUBMISSION_SIGNATURE_NOT_TIMESTAMPED',
      () => signedContract(CONTRACT, { timestamp: false, certify: false }),
    ],
    [
      'no provider certification',
      'SUBMISSION_NOT_CERTIFIED',
      () => signedContract(CONTRACT, { certify: false }),
    ],
    [
      'data that differs from what was signed',
      'SUBMISSION_DATA_MISMATCH',
      () =>
        signedContract(CONTRACT, {
          embedded: { ...CONTRACT, wage: { ...CONTRACT.wage, amount: 5_000_000 } },
        }),
    ],
  ])('%s is refused (%s)', async (_, code, make) => {
    const decided = await submitAndDecide(await make(), CONTRACT)
    expect(decided.decision).toBe('refused')
    expect(decided.contractId).toBeUndefined()
    expect(decided.reasons?.map((r) => r.code)).toContain(code)
  })

  it('an untrusted CA is refused', async () => {
    const strangerTrust = new SubmissionsService(database.db as Kysely<SubmissionDatabase>, ledger, {
      trust: TrustStore.fromBytes(),
      revocation: new RevocationChecker(),
      ...storage,
    })
    const { view } = await strangerTrust.accept({
      providerId: 'provider-test',
      idempotencyKey: `key-${n++}`,
      kind: 'new',
      data: CONTRACT,
      pdf: await signedContract(CONTRACT),
    })
    await strangerTrust.decidePending()
    const decided = await strangerTrust.view('provider-test', view.id)
    expect(decided?.reasons?.map((r) => r.code)).toContain('SUBMISSION_SIGNATURE_INVALID')
  })

  it('an annex and a termination attach to the contract ID; an unknown parent is refused at once', async () => {
    const annex = example('annex-wage-raise.json')
    const attached = await submitAndDecide(await signedContract(annex), annex, 'annex', contractId)
    expect(attached.reasons).toEqual([])
    expect(attached).toMatchObject({ decision: 'attached', contractId })
    const termination = example('termination-worker-notice.json')
    const ended = await submitAndDecide(
      await signedContract(termination),
      termination,
      'termination',
      contractId,
    )
    expect(ended).toMatchObject({ decision: 'attached', contractId })
    expect((await service.verify(contractId))?.documents.map((d) => d.kind)).toEqual([
      'contract',
      'annex',
      'termination',
    ])
    await expect(
      service.accept({
        providerId: 'provider-test',
        idempotencyKey: `key-${n++}`,
        kind: 'annex',
        parentContractId: 'A269999999999',
        data: annex,
        pdf: Buffer.from('%PDF'),
      }),
    ).rejects.toMatchObject({ code: 'SUBMISSION_PARENT_UNKNOWN', ruleId: 'R1.30' })
  })

  it('a paper conversion gets a B ID', async () => {
    const decided = await submitAndDecide(await signedContract(CONTRACT), CONTRACT, 'conversion')
    expect(decided.contractId).toMatch(/^B\d{12}$/)
  })

  it('stores the PDF by its hash and the data encrypted, with the worker findable by keyed hash only', async () => {
    const pdf = await signedContract(CONTRACT)
    const { view } = await service.accept({
      providerId: 'provider-test',
      idempotencyKey: `key-${n++}`,
      kind: 'new',
      data: CONTRACT,
      pdf,
    })
    const row = await (database.db as Kysely<SubmissionDatabase>)
      .selectFrom('submission')
      .selectAll()
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow()
    expect(Buffer.from(row.data_ciphertext).includes(CONTRACT.worker.idDocument.number)).toBe(false)
    expect(row.worker_id_lookup).toBe(storage.pii.lookupHash(CONTRACT.worker.idDocument.number))
    expect(Buffer.from((await storage.blobs.get(row.pdf_sha256)) as Uint8Array).equals(pdf)).toBe(true)
  })

  it('the same Idempotency-Key: the same body returns the same submission, another body is a conflict (409)', async () => {
    const pdf = await signedContract(CONTRACT)
    const first = await service.accept({
      providerId: 'provider-test',
      idempotencyKey: 'idem-1',
      kind: 'new',
      data: CONTRACT,
      pdf,
    })
    const again = await service.accept({
      providerId: 'provider-test',
      idempotencyKey: 'idem-1',
      kind: 'new',
      data: CONTRACT,
      pdf,
    })
    expect(again).toMatchObject({ replayed: true, view: { id: first.view.id } })
    await expect(
      service.accept({
        providerId: 'provider-test',
        idempotencyKey: 'idem-1',
        kind: 'conversion',
        data: CONTRACT,
        pdf,
      }),
    ).rejects.toMatchObject({ code: 'SUBMISSION_IDEMPOTENCY_CONFLICT', status: 409 })
  })

  it('each party finds its own contracts and their PDF, and nobody else’s', async () => {
    const mine = await service.contractsOf({ personalId: CONTRACT.worker.idDocument.number })
    expect(mine.map((c) => c.contractId)).toContain(contractId)
    expect(
      (await service.contractsOf({ employerTaxCode: CONTRACT.employer.taxCode })).map((c) => c.contractId),
    ).toContain(contractId)
    expect(await service.contractsOf({ personalId: '001090099999' })).toEqual([])
    const pdf = await service.contractPdf(contractId, { personalId: CONTRACT.worker.idDocument.number })
    expect(
      Buffer.from(pdf as Uint8Array)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    expect(await service.contractPdf(contractId, { personalId: '001090099999' })).toBeUndefined()
  })

  it('parallel submissions decided together never share an ID', async () => {
    const pdf = await signedContract(CONTRACT)
    const accepted = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        service.accept({
          providerId: 'provider-test',
          idempotencyKey: `parallel-${i}`,
          kind: 'new',
          data: CONTRACT,
          pdf,
        }),
      ),
    )
    await service.decidePending(64)
    const ids = await Promise.all(
      accepted.map(async (a) => (await service.view('provider-test', a.view.id))?.contractId),
    )
    expect(ids.every((id) => /^A\d{12}$/.test(id ?? ''))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
