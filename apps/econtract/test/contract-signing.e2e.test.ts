// The whole life of a contract through the eContract's services, against the simulator and a Platform on
// loopback: HR drafts it and sees a labor-code finding that blocks sending, fixes it, sends it; the
// employer's side signs first with the organisation's certificate (one-time code), the worker reads it and
// signs with their own; the provider certifies it; the Platform issues the ID; the ID is stamped into the
// signed PDF; both parties receive the signed and the ID-bearing PDF by e-mail.
import { readFileSync } from 'node:fs'
import { ElcError } from '@elc/core'
import { RevocationChecker, TrustStore, verifyPdf } from '@elc/pki'
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
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
)
const WORKER_EMAIL = 'tran.van.minh@example.vn'
const EMPLOYER_EMAIL = 'nhansu@cokhithuduc.example.vn'
const DATA = {
  ...EXAMPLE,
  employer: { ...EXAMPLE.employer, taxCode: EMPLOYER_TAX_CODE, email: EMPLOYER_EMAIL },
  worker: { ...EXAMPLE.worker, email: WORKER_EMAIL },
}

let flow: ContractFlow

beforeAll(async () => {
  flow = await startContractFlow()
}, 120_000)

afterAll(async () => {
  await flow?.close()
})

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (e) {
    if (e instanceof ElcError) return e.code
    throw e
  }
  return 'no error'
}

describe('a contract from draft to ID and delivery', () => {
  const hr = hrStaff()
  const worker = workerPrincipal(DATA)
  const stranger = {
    ...workerPrincipal(DATA),
    subject: 'stranger',
    personalId: '001090099999',
    name: 'Khách',
  }
  let id: string

  it('a labor-code error blocks sending; fixed, the draft is sent for signing', async () => {
    const belowMinimum = { ...DATA, wage: { ...DATA.wage, amount: 3_000_000 } }
    const draft = await flow.documents.createDraft(hr, {
      employerTaxCode: EMPLOYER_TAX_CODE,
      data: belowMinimum,
    })
    id = draft.id
    expect(draft.findings.some((f) => f.severity === 'error' && f.ruleId.startsWith('R4.2'))).toBe(true)
    expect(await code(flow.documents.send(hr, id))).toBe('DOCUMENT_HAS_ERRORS')
    const findings = await flow.documents.updateDraft(hr, id, DATA)
    expect(findings.filter((f) => f.severity === 'error')).toEqual([])
    await flow.documents.send(hr, id, { acknowledgeWarnings: true })
    const view = await flow.documents.view(hr, id)
    expect(view.status).toBe('signing')
    expect(view.nextParty).toBe('employer')
  })

  it('nobody signs out of turn or for someone else; a worker never sees drafts of others', async () => {
    expect(await code(flow.signing.start(worker, id, { consent: true }))).toBe('SIGNING_NOT_YOUR_TURN')
    expect(await code(flow.signing.start(stranger, id, { consent: true }))).toBe('DOCUMENT_NOT_FOUND')
    expect(await code(flow.documents.view(stranger, id))).toBe('DOCUMENT_NOT_FOUND')
    expect(await code(flow.signing.start(hr, id, { consent: false }))).toBe('SIGNING_CONSENT_REQUIRED')
    expect(await code(flow.signing.start({ ...hr, level: 1 }, id, { consent: true }))).toBe(
      'SIGNING_LEVEL2_REQUIRED',
    )
  })

  it('the employer signs with the organisation’s certificate after its one-time code', async () => {
    const started = await flow.signing.start(hr, id, { consent: true })
    expect(started.simulatedOtp).toMatch(/^\d{6}$/)
    const wrong = started.simulatedOtp === '000000' ? '111111' : '000000'
    expect(await code(flow.signing.confirm(hr, started.signatureId, wrong))).toMatch(/OTP/)
    expect(
      await code(flow.signing.confirm(stranger, started.signatureId, started.simulatedOtp as string)),
    ).toBe('DOCUMENT_NOT_FOUND')
    expect(await flow.signing.confirm(hr, started.signatureId, started.simulatedOtp as string)).toEqual({
      completed: false,
    })
    expect((await flow.documents.view(worker, id)).nextParty).toBe('worker')
  })

  it('the worker must open the contract before signing, then signs with their own certificate', async () => {
    expect(await code(flow.signing.start(worker, id, { consent: true }))).toBe('SIGNING_DOCUMENT_NOT_READ')
    const { bytes } = await flow.documents.pdf(worker, id)
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    const started = await flow.signing.start(worker, id, { consent: true })
    expect(await flow.signing.confirm(worker, started.signatureId, started.simulatedOtp as string)).toEqual({
      completed: true,
    })
  })

  it('the Platform issues the ID; the ID is stamped into the PDF; every signature stays valid', async () => {
    const issued = await waitFor('the contract ID', async () => {
      const v = await flow.documents.view(hr, id)
      return v.status === 'issued' ? v : undefined
    })
    expect(issued.contractId).toMatch(/^A\d{12}$/)
    expect(issued.effectiveAt).not.toBeNull()
    const { bytes } = await flow.documents.pdf(worker, id)
    const report = await verifyPdf(bytes, {
      trust: TrustStore.fromBytes(flow.sim.rootDer),
      revocation: new RevocationChecker(),
    })
    const signatures = report.signatures.filter((s) => s.kind === 'signature')
    expect(signatures).toHaveLength(2)
    expect(signatures.every((s) => s.verdict === 'valid')).toBe(true)
    expect(Buffer.from(bytes).toString('latin1')).toContain(`/ElcContractId (${issued.contractId})`)
    // Each party signed with its own certificate, recorded with how they were signed in (R5.11).
    const signed = issued.history.filter((e) => e.type === 'signed')
    expect(signed.map((e) => e.detail.party)).toEqual(['employer', 'worker'])
    expect(signed[1]?.detail.session).toMatchObject({ acr: 'vneid:level2' })
    expect(issued.history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['created', 'sent', 'viewed', 'consented', 'certified', 'queued', 'issued']),
    )
  })

  it('both parties receive the signed PDF and then the ID-bearing PDF by e-mail', async () => {
    const { contractId } = await flow.documents.view(hr, id)
    for (const to of [WORKER_EMAIL, EMPLOYER_EMAIL]) {
      const messages = await waitFor(`two messages to ${to}`, async () => {
        const list = (await (await fetch(`${flow.sim.baseUrl}/mail/messages?to=${to}`)).json()) as {
          messages: Array<{ id: string; subject: string }>
        }
        return list.messages.length >= 2 ? list.messages : undefined
      })
      expect(messages).toHaveLength(2)
      const withId = messages.find((m) => m.subject.includes(contractId as string))
      expect(withId).toBeDefined()
      const detail = (await (await fetch(`${flow.sim.baseUrl}/mail/messages/${withId?.id}`)).json()) as {
        attachments: Array<{ filename: string; url: string }>
      }
      expect(detail.attachments[0]?.filename).toBe(`HDLD-${contractId}.pdf`)
    }
  })
})
