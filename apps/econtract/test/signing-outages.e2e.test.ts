// What goes wrong while signing: the TSA down when a party confirms (the signature is not embedded
// half-way; the same code finishes it once the TSA is back), the TSA down just when the provider certifies
// (the signatures are kept and certification is retried until the ID is issued), and a certificate revoked
// before signing (refused before anything is signed, R2.1).
import { readFileSync } from 'node:fs'
import { ElcError, text } from '@elc/core'
import type { TimestampAuthority } from '@elc/pki'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ContractFlow,
  EMPLOYER_TAX_CODE,
  hrStaff,
  startContractFlow,
  workerPrincipal,
} from './contract-flow.ts'
import { waitFor } from './outbox-platform.ts'

const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-indefinite.json', import.meta.url), 'utf8'),
)
const person = (fullName: string, number: string) => ({
  ...EXAMPLE,
  employer: { ...EXAMPLE.employer, taxCode: EMPLOYER_TAX_CODE },
  worker: { ...EXAMPLE.worker, fullName, idDocument: { kind: 'personal_id', number } },
})

/** The TSA answers `allowed` more requests, then is down until `allowed` is raised again. */
const tsaGate = { allowed: Number.POSITIVE_INFINITY }
/** Personal IDs whose certificates the CA revokes right after issuing them. */
const revokeOnIssue = new Set<string>()

let flow: ContractFlow
const hr = hrStaff()

beforeAll(async () => {
  flow = await startContractFlow({
    tsa: (inner): TimestampAuthority => ({
      async timestamp(digest, algorithm) {
        if (tsaGate.allowed <= 0)
          throw new ElcError(
            'TSA_UNAVAILABLE',
            text('Máy chủ dấu thời gian không phản hồi.', 'The TSA is down.'),
            {
              status: 503,
            },
          )
        tsaGate.allowed--
        return inner.timestamp(digest, algorithm)
      },
    }),
    ca: (inner) => ({
      async issue(subject) {
        const issued = await inner.issue(subject)
        if (subject.profile === 'person' && revokeOnIssue.has(subject.personalId))
          await flow.sim.ca.revoke(issued.serialNumber, 'keyCompromise')
        return issued
      },
    }),
  })
}, 120_000)

afterAll(async () => {
  await flow?.close()
})

async function sentContract(data: ReturnType<typeof person>): Promise<string> {
  const { id } = await flow.documents.createDraft(hr, { employerTaxCode: EMPLOYER_TAX_CODE, data })
  await flow.documents.send(hr, id, { acknowledgeWarnings: true })
  const started = await flow.signing.start(hr, id, { consent: true })
  await flow.signing.confirm(hr, started.signatureId, started.simulatedOtp as string)
  return id
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (e) {
    if (e instanceof ElcError) return e.code
    throw e
  }
  return 'no error'
}

describe('signing through outages', () => {
  it('the TSA down when the worker confirms: nothing half-signed; the same code finishes it later', async () => {
    const data = person('Vũ Thị Thời', '001190004411')
    const worker = workerPrincipal(data)
    const id = await sentContract(data)
    await flow.documents.pdf(worker, id)
    const pdfBefore = (await flow.documents.row(id))?.pdf_sha256
    const started = await flow.signing.start(worker, id, { consent: true })
    tsaGate.allowed = 0
    expect(
      await errorCode(flow.signing.confirm(worker, started.signatureId, started.simulatedOtp as string)),
    ).toBe('TSA_UNAVAILABLE')
    const during = await flow.documents.view(worker, id)
    expect(during.nextParty).toBe('worker')
    expect(during.signatures.filter((s) => s.status === 'signed').map((s) => s.party)).toEqual(['employer'])
    // The PDF is the one the employer signed: no signature was embedded half-way.
    expect((await flow.documents.row(id))?.pdf_sha256).toBe(pdfBefore)
    tsaGate.allowed = Number.POSITIVE_INFINITY
    expect(await flow.signing.confirm(worker, started.signatureId, started.simulatedOtp as string)).toEqual({
      completed: true,
    })
    const issued = await waitFor('the ID', async () => {
      const v = await flow.documents.view(hr, id)
      return v.status === 'issued' ? v : undefined
    })
    expect(issued.contractId).toMatch(/^A\d{12}$/)
  })

  it('the TSA down when the provider certifies: the signatures are kept and certification is retried', async () => {
    const data = person('Hồ Văn Chứng', '001090004422')
    const worker = workerPrincipal(data)
    const id = await sentContract(data)
    await flow.documents.pdf(worker, id)
    const started = await flow.signing.start(worker, id, { consent: true })
    tsaGate.allowed = 1 // the worker's signature timestamp, then nothing
    expect(await flow.signing.confirm(worker, started.signatureId, started.simulatedOtp as string)).toEqual({
      completed: true,
    })
    const waiting = await flow.documents.view(hr, id)
    expect(waiting.status).toBe('signing')
    expect(waiting.nextParty).toBeNull()
    expect(waiting.signatures.filter((s) => s.status === 'signed')).toHaveLength(2)
    tsaGate.allowed = Number.POSITIVE_INFINITY
    const issued = await waitFor('the ID after the TSA is back', async () => {
      const v = await flow.documents.view(hr, id)
      return v.status === 'issued' ? v : undefined
    })
    expect(issued.contractId).toMatch(/^A\d{12}$/)
  })

  it('a certificate revoked before signing is refused before anything is signed (R2.1)', async () => {
    const data = person('Lý Văn Thu', '001090004433')
    const worker = workerPrincipal(data)
    const id = await sentContract(data)
    await flow.documents.pdf(worker, id)
    revokeOnIssue.add(data.worker.idDocument.number)
    expect(await errorCode(flow.signing.start(worker, id, { consent: true }))).toBe(
      'SIGNING_CERTIFICATE_REVOKED',
    )
    const view = await flow.documents.view(worker, id)
    expect(view.nextParty).toBe('worker')
    expect(view.signatures.map((s) => s.party)).toEqual(['employer'])
  })
})
