// Lifecycle documents through the eContract, against the simulator and a Platform on loopback: an annex
// signed by both parties attaches to the contract's ID; a worker's resignation with too short a notice is
// blocked by the notice rules until fixed, is signed by the worker alone and attaches too; a paper contract
// converted with its conversion log is signed by the employer alone and gets a B ID (R1.19–R1.21, R1.30).
import { readFileSync } from 'node:fs'
import { ElcError } from '@elc/core'
import type { Principal } from '@elc/web-auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ContractFlow,
  EMPLOYER_TAX_CODE,
  hrStaff,
  startContractFlow,
  workerPrincipal,
} from './contract-flow.ts'
import { waitFor } from './outbox-platform.ts'

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'))
const CONTRACT = example('contract-indefinite.json')
const DATA = { ...CONTRACT, employer: { ...CONTRACT.employer, taxCode: EMPLOYER_TAX_CODE } }

let flow: ContractFlow
const hr = hrStaff()
const worker = workerPrincipal(DATA)

beforeAll(async () => {
  flow = await startContractFlow()
}, 120_000)

afterAll(async () => {
  await flow?.close()
})

async function sign(who: Principal, id: string): Promise<void> {
  if (who === worker) await flow.documents.pdf(worker, id)
  const started = await flow.signing.start(who, id, { consent: true })
  await flow.signing.confirm(who, started.signatureId, started.simulatedOtp as string)
}

async function decided(id: string) {
  return waitFor(`a decision on ${id}`, async () => {
    const v = await flow.documents.view(hr, id)
    return v.status === 'issued' || v.status === 'refused' ? v : undefined
  })
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (e) {
    if (e instanceof ElcError) return e.code
    throw e
  }
  return 'no error'
}

describe('lifecycle documents', () => {
  let contract: { id: string; contractId: string }

  it('the contract is concluded and gets its ID', async () => {
    const { id } = await flow.documents.createDraft(hr, { employerTaxCode: EMPLOYER_TAX_CODE, data: DATA })
    await flow.documents.send(hr, id, { acknowledgeWarnings: true })
    await sign(hr, id)
    await sign(worker, id)
    const v = await decided(id)
    expect(v.contractId).toMatch(/^A\d{12}$/)
    contract = { id, contractId: v.contractId as string }
  })

  it('an annex raising the wage is signed by both and attaches to the contract’s ID', async () => {
    const annex = { ...example('annex-wage-raise.json'), parentContractId: contract.contractId }
    const { id } = await flow.documents.createDraft(hr, {
      employerTaxCode: EMPLOYER_TAX_CODE,
      data: annex,
      parentId: contract.id,
    })
    await flow.documents.send(hr, id, { acknowledgeWarnings: true })
    // The worker of the contract sees the annex and must sign it too.
    expect((await flow.documents.listForWorker(worker)).some((d) => d.id === id)).toBe(true)
    await sign(hr, id)
    expect((await flow.documents.view(worker, id)).nextParty).toBe('worker')
    await sign(worker, id)
    const v = await decided(id)
    expect(v.status).toBe('issued')
    expect(v.contractId).toBe(contract.contractId)
  })

  it('a resignation with too short a notice is blocked; with the notice due it is signed by the worker alone', async () => {
    const resignation = {
      ...example('termination-worker-notice.json'),
      parentContractId: contract.contractId,
      noticeDate: '2027-03-01',
      terminationDate: '2027-03-10',
    }
    // parentTerm comes from the signed contract, not from the form.
    delete (resignation as { parentTerm?: unknown }).parentTerm
    const draft = await flow.documents.createDraft(hr, {
      employerTaxCode: EMPLOYER_TAX_CODE,
      data: resignation,
      parentId: contract.id,
    })
    const notice = draft.findings.find((f) => f.severity === 'error' && /R4\.2[0-3]/.test(f.ruleId))
    expect(notice).toBeDefined()
    expect(await code(flow.documents.send(hr, draft.id))).toBe('DOCUMENT_HAS_ERRORS')
    const view = await flow.documents.view(hr, draft.id)
    await flow.documents.updateDraft(hr, draft.id, { ...view.data, terminationDate: '2027-04-15' })
    await flow.documents.send(hr, draft.id, { acknowledgeWarnings: true })
    expect((await flow.documents.view(worker, draft.id)).nextParty).toBe('worker')
    expect(await code(flow.signing.start(hr, draft.id, { consent: true }))).toBe('SIGNING_NOT_YOUR_TURN')
    await sign(worker, draft.id)
    const v = await decided(draft.id)
    expect(v.status).toBe('issued')
    expect(v.contractId).toBe(contract.contractId)
    expect(v.signatures.filter((s) => s.status === 'signed').map((s) => s.party)).toEqual(['worker'])
  })

  it('a paper contract converted with its conversion log is signed by the employer and gets a B ID', async () => {
    const paper = {
      ...CONTRACT,
      employer: { ...CONTRACT.employer, taxCode: EMPLOYER_TAX_CODE },
      worker: {
        ...CONTRACT.worker,
        fullName: 'Đỗ Thị Giấy',
        idDocument: { kind: 'personal_id', number: '001188004455' },
      },
    }
    const conversion = {
      kind: 'paper_conversion',
      schemaVersion: 1,
      contract: paper,
      conversion: {
        systemName: 'eContract — hợp đồng lao động điện tử',
        converterName: 'Lê Thị Nhân Sự',
        completedAt: '2026-11-20T03:00:00.000Z',
        fileSizeBytes: 245_760,
        signatureRef: 'Chữ ký số của người sử dụng lao động và dấu thời gian trên tệp chuyển đổi',
      },
    }
    const { id } = await flow.documents.createDraft(hr, {
      employerTaxCode: EMPLOYER_TAX_CODE,
      data: conversion,
    })
    await flow.documents.send(hr, id, { acknowledgeWarnings: true })
    await sign(hr, id)
    const v = await decided(id)
    expect(v.status).toBe('issued')
    expect(v.contractId).toMatch(/^B\d{12}$/)
  })
})
