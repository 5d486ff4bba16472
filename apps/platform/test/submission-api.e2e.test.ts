// The provider API end to end over loopback, with the simulator's CA and TSA: a provider signs a client
// assertion, gets a token, submits a certified contract, is answered 202, polls until the decision, and
// fetches a receipt whose inclusion proof and checkpoint signature verify offline with the Platform's key.
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database } from '@elc/db'
import { decodeEntry, generateNoteKey, parseVerifierKey, type Receipt, verifyReceipt } from '@elc/ledger'
import { TrustStore } from '@elc/pki'
import { type SimFixture, startSim } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { createLocalJWKSet, flattenedVerify, type JSONWebKeySet } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'
import { connectedProvider } from '../src/providers/connected-provider.ts'
import { contractParties, signedContract } from './signed-contract.ts'

const CONTRACT = JSON.parse(
  readFileSync(new URL('../../../examples/contract-indefinite.json', import.meta.url), 'utf8'),
)
const KEY = generateNoteKey('nentang-hdld.test')

let sim: SimFixture
let database: Database<unknown>
let ledger: PlatformLedger
let app: Awaited<ReturnType<typeof buildPlatform>>
let base: string
let token: string
let pdf: Buffer

beforeAll(async () => {
  sim = await startSim()
  const trust = TrustStore.fromBytes(sim.rootDer)
  pdf = await signedContract(sim, CONTRACT, await contractParties(sim, CONTRACT))

  database = await createDatabase({ url: 'memory://' })
  ledger = await openPlatformLedger(database, {
    origin: 'nentang-hdld.test/ledger',
    signerKey: KEY.signerKey,
    keyFile: '/nonexistent',
  })
  app = await buildPlatform({
    database,
    ledger,
    publicUrl: 'http://platform.test',
    submissions: {
      trust,
      blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-api-'))),
      pii: new PiiCipher({
        keys: [{ id: 'k1', key: Buffer.alloc(32, 3) }],
        currentKeyId: 'k1',
        lookupKey: 'tra-cuu',
      }),
    },
  })
  base = await app.listen({ host: '127.0.0.1', port: 0 })

  const provider = await connectedProvider(database.db, {
    name: 'Công ty Cổ phần Hợp đồng Số',
    taxCode: '0312345678',
    publicUrl: 'http://platform.test',
  })
  token = await provider.accessToken(base)
}, 120_000)

afterAll(async () => {
  await app?.close()
  await ledger?.close()
  await database?.close()
  await sim?.close()
})

const post = (body: unknown, key: string, bearer = token) =>
  fetch(`${base}/v1/submissions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  })

describe('submission API over HTTP', () => {
  it('202 at once, then an ID, and a receipt that verifies offline', async () => {
    const accepted = await post(
      { kind: 'new', data: CONTRACT, pdf: pdf.toString('base64') },
      'e2e-contract-0001',
    )
    expect(accepted.status).toBe(202)
    const { id } = (await accepted.json()) as { id: string }
    let view: { status: string; contractId?: string } = { status: 'accepted' }
    for (let i = 0; i < 100 && view.status !== 'decided'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      view = (await (
        await fetch(`${base}/v1/submissions/${id}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as typeof view
    }
    expect(view.contractId).toMatch(/^A\d{12}$/)
    const receipt = (await (
      await fetch(`${base}/v1/submissions/${id}/receipt`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      receipt: Receipt
    }
    const verified = verifyReceipt(receipt.receipt, parseVerifierKey(ledger.verifierKey))
    expect(decodeEntry(Buffer.from(receipt.receipt.entry, 'base64'))).toMatchObject({
      type: 'contract_id.issued',
      data: { submission: id },
    })
    expect(verified).toBeTruthy()
    const check = (await (await fetch(`${base}/v1/verify?contractId=${view.contractId}`)).json()) as {
      documents: unknown[]
    }
    expect(check.documents).toHaveLength(1)
    expect(JSON.stringify(check)).not.toContain(CONTRACT.worker.idDocument.number)
  })

  it('the decision also arrives by webhook, its body signed with the key the Platform publishes', async () => {
    const received: { body: Buffer; signature: string }[] = []
    const hook = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks), signature: String(req.headers['elc-signature']) })
        res.end()
      })
    })
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r))
    try {
      const { port } = hook.address() as { port: number }
      const set = await fetch(`${base}/v1/provider/webhook`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${port}/elc` }),
      })
      expect(set.status).toBeLessThan(300)
      const accepted = await post(
        { kind: 'new', data: CONTRACT, pdf: pdf.toString('base64') },
        'e2e-webhook-0001',
      )
      const { id } = (await accepted.json()) as { id: string }
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 100))
      const notice = received[0]
      if (!notice) throw new Error('no webhook arrived')
      expect(JSON.parse(notice.body.toString())).toMatchObject({
        event: 'submission.decided',
        submission: { id, decision: 'issued' },
      })
      const jwks = createLocalJWKSet(
        (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet,
      )
      const [protectedHeader, , signature] = notice.signature.split('.')
      await flattenedVerify(
        { protected: protectedHeader as string, payload: notice.body, signature: signature as string },
        jwks,
      )
      const tampered = Buffer.from(notice.body)
      tampered[tampered.length - 2] = 0x20
      await expect(
        flattenedVerify(
          { protected: protectedHeader as string, payload: tampered, signature: signature as string },
          jwks,
        ),
      ).rejects.toThrow()
    } finally {
      hook.close()
    }
  })

  it('bad input gets problem+json: no token, not a PDF, no Idempotency-Key, a replayed key with another body', async () => {
    expect(
      (await post({ kind: 'new', data: CONTRACT, pdf: 'JVBERi0=' }, 'e2e-no-token-1', 'not-a-token')).status,
    ).toBe(401)
    const notPdf = await post(
      { kind: 'new', data: CONTRACT, pdf: Buffer.from('hello').toString('base64') },
      'e2e-not-pdf-1',
    )
    expect(notPdf.status).toBe(400)
    expect(notPdf.headers.get('content-type')).toContain('application/problem+json')
    expect(await notPdf.json()).toMatchObject({ code: 'SUBMISSION_NOT_A_PDF' })
    const noKey = await fetch(`${base}/v1/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'new', data: CONTRACT, pdf: pdf.toString('base64') }),
    })
    expect(await noKey.json()).toMatchObject({ code: 'SUBMISSION_IDEMPOTENCY_KEY_MISSING' })
    expect(
      (await post({ kind: 'new', data: CONTRACT, pdf: pdf.toString('base64') }, 'e2e-replay-0001')).status,
    ).toBe(202)
    const conflict = await post(
      { kind: 'conversion', data: CONTRACT, pdf: pdf.toString('base64') },
      'e2e-replay-0001',
    )
    expect(conflict.status).toBe(409)
  })
})
