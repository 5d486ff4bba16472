// The typed client against a Platform on loopback, with the simulator's CA and TSA: a provider gets a token
// (private_key_jwt), submits a certified contract through the client, waits for the ID, reads the receipt and
// verifies the contract by its hash; error answers arrive as PlatformError with code, rule and vi/en text.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database } from '@elc/db'
import { generateNoteKey, parseVerifierKey, type Receipt, verifyReceipt } from '@elc/ledger'
import { TrustStore } from '@elc/pki'
import { type SimFixture, startSim } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlatform } from '../../../apps/platform/src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../../../apps/platform/src/ledger/open-ledger.ts'
import { connectedProvider } from '../../../apps/platform/src/providers/connected-provider.ts'
import { contractParties, signedContract } from '../../../apps/platform/test/signed-contract.ts'
import { createPlatformClient, type PlatformClient, PlatformError, type SubmitInput } from '../src/index.ts'

const CONTRACT = JSON.parse(
  readFileSync(new URL('../../../examples/contract-indefinite.json', import.meta.url), 'utf8'),
)
const KEY = generateNoteKey('nentang-hdld.test')

let sim: SimFixture
let database: Database<unknown>
let ledger: PlatformLedger
let app: Awaited<ReturnType<typeof buildPlatform>>
let client: PlatformClient
let pdf: Buffer
let tokenRequests = 0

beforeAll(async () => {
  sim = await startSim()
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
      trust: TrustStore.fromBytes(sim.rootDer),
      blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-client-'))),
      pii: new PiiCipher({
        keys: [{ id: 'k1', key: Buffer.alloc(32, 5) }],
        currentKeyId: 'k1',
        lookupKey: 'x',
      }),
    },
  })
  const base = await app.listen({ host: '127.0.0.1', port: 0 })

  const provider = await connectedProvider(database.db, {
    name: 'Công ty Cổ phần Hợp đồng Số',
    taxCode: '0312345678',
    publicUrl: 'http://platform.test',
  })

  // What an eContract system does: a fresh client assertion, exchanged for a short-lived token, reused.
  let token: string | undefined
  const getToken = async () => {
    if (token) return token
    tokenRequests++
    token = await provider.accessToken(base)
    return token
  }
  client = createPlatformClient({ baseUrl: base, getToken })
}, 120_000)

afterAll(async () => {
  await app?.close()
  await ledger?.close()
  await database?.close()
  await sim?.close()
})

describe('platform client over HTTP', () => {
  it('submits, reads the decision and its receipt, and verifies the contract by its hash', async () => {
    const input: SubmitInput = { kind: 'new', data: CONTRACT, pdf, idempotencyKey: 'client-contract-0001' }
    const accepted = await client.submit(input)
    expect(accepted).toMatchObject({ kind: 'new', status: 'accepted' })
    expect(Date.parse(accepted.deadlineAt) - Date.parse(accepted.receivedAt)).toBe(24 * 3_600_000)

    const decided = await client.waitForDecision(accepted.id, { intervalMs: 100, timeoutMs: 30_000 })
    expect(decided).toMatchObject({ id: accepted.id, status: 'decided', decision: 'issued', reasons: [] })
    expect(decided.contractId).toMatch(/^A\d{12}$/)

    const receipt = await client.receipt(accepted.id)
    expect(receipt?.submission.contractId).toBe(decided.contractId)
    expect(verifyReceipt(receipt?.receipt as Receipt, parseVerifierKey(ledger.verifierKey))).toBeTruthy()

    const sha256 = createHash('sha256').update(pdf).digest('hex')
    const verified = await client.verify(decided.contractId as string, sha256)
    expect(verified).toMatchObject({ contractId: decided.contractId, documentMatches: true })
    expect(verified.documents).toHaveLength(1)
    expect((await client.verify(decided.contractId as string, '0'.repeat(64))).documentMatches).toBe(false)

    // The same key and body again: the same submission, now decided (a safe retry).
    expect(await client.submit({ ...input, pdf: pdf.toString('base64') })).toMatchObject({
      id: accepted.id,
      status: 'decided',
    })
    expect(tokenRequests).toBe(1)
  })

  it('turns error answers into PlatformError with the stable code, rule and vi/en text', async () => {
    const unknown = await client.verify('A999999999999').catch((e: unknown) => e)
    expect(unknown).toBeInstanceOf(PlatformError)
    expect(unknown).toMatchObject({
      status: 404,
      code: 'CONTRACT_NOT_FOUND',
      vi: expect.stringMatching(/mã định danh/),
    })

    await expect(
      client.submit({
        kind: 'new',
        data: CONTRACT,
        pdf: Buffer.from('hello'),
        idempotencyKey: 'client-not-pdf-1',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'SUBMISSION_NOT_A_PDF', en: 'The file is not a PDF.' })

    await expect(
      client.submit({
        kind: 'annex',
        data: CONTRACT,
        pdf,
        parentContractId: 'A000000000000',
        idempotencyKey: 'client-orphan-1',
      }),
    ).rejects.toMatchObject({ status: 422, code: 'SUBMISSION_PARENT_UNKNOWN', ruleId: 'R1.30' })

    await expect(client.submission('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      status: 404,
      code: 'SUBMISSION_NOT_FOUND',
    })

    const stranger = createPlatformClient({ baseUrl: app.listeningOrigin, getToken: () => 'not-a-token' })
    await expect(stranger.submission('x')).rejects.toMatchObject({
      status: 401,
      code: 'AUTH_TOKEN_REQUIRED',
      ruleId: 'R1.34',
    })
  })
})
