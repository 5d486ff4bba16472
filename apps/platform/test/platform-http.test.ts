// The Platform over real HTTP on a loopback port, on every available database.
import { readFileSync } from 'node:fs'
import { describeEachDatabase } from '@elc/db/testing'
import { checkLog, generateNoteKey, HttpLogClient, parseVerifierKey } from '@elc/ledger'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'

const ORIGIN = 'nentang-hdld.test/ledger'
const KEY = generateNoteKey('nentang-hdld.test')

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field
const json = (res: Response): Promise<any> => res.json()
const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8')

describeEachDatabase('Platform HTTP', (ctx) => {
  let base: string
  let app: Awaited<ReturnType<typeof buildPlatform>>
  let ledger: PlatformLedger
  beforeAll(async () => {
    const database = { db: ctx.db(), kind: ctx.kind }
    ledger = await openPlatformLedger(database, {
      origin: ORIGIN,
      signerKey: KEY.signerKey,
      keyFile: '/nonexistent',
    })
    app = await buildPlatform({ database, ledger })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await app.close()
    await ledger.close()
  })

  it('is alive and ready on its database', async () => {
    expect(await json(await fetch(`${base}/health`))).toEqual({ status: 'ok' })
    const ready = await fetch(`${base}/ready`)
    expect(ready.status).toBe(200)
    expect((await json(ready)).status).toBe('ready')
  })

  it('validates a contract and returns its findings with rule ids', async () => {
    const res = await fetch(`${base}/v1/validations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: example('invalid-term-48-months.json'),
    })
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body.valid).toBe(false)
    expect(body.findings).toEqual([
      expect.objectContaining({
        ruleId: 'R4.3',
        code: 'CONTRACT_TERM_EXCEEDS_36_MONTHS',
        path: '/term/endDate',
      }),
    ])
  })

  it.each([
    ['not JSON', 'application/json', '{"kind":', 400, 'BODY_NOT_JSON'],
    ['not a contract', 'application/json', '{"invoice":1}', 422, 'DOCUMENT_NOT_RECOGNISED'],
    ['the wrong media type', 'text/plain', 'hello', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'too large',
      'application/json',
      JSON.stringify({ kind: 'contract', pad: 'x'.repeat(1_100_000) }),
      413,
      'BODY_TOO_LARGE',
    ],
  ])(
    'answers %s with RFC 9457 problem+json in Vietnamese and English',
    async (_name, type, body, status, code) => {
      const res = await fetch(`${base}/v1/validations`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      })
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      const p = await json(res)
      expect(p).toMatchObject({ status, code, type: `urn:elc:problem:${code}` })
      expect(p.messages.vi.length).toBeGreaterThan(0)
      expect(p.messages.en.length).toBeGreaterThan(0)
      expect(JSON.stringify(p)).not.toMatch(/at .*\.ts:\d+/)
    },
  )

  it('answers an unknown path with a 404 problem', async () => {
    const res = await fetch(`${base}/v1/nothing-here`)
    expect(res.status).toBe(404)
    expect((await json(res)).code).toBe('NOT_FOUND')
  })

  it('publishes an OpenAPI 3.1 document whose contract schema is the validator’s', async () => {
    const doc = await json(await fetch(`${base}/openapi.json`))
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.schemas.Contract.required).toEqual(
      expect.arrayContaining(['employer', 'worker', 'term', 'wage', 'training']),
    )
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/validations', '/v1/rules']))
  })

  it('serves its front page in Vietnamese', async () => {
    const res = await fetch(`${base}/`)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain('<html lang="vi">')
    expect(html).toContain('Nền tảng hợp đồng lao động điện tử')
  })

  it('serves its transparency log: public key, signed checkpoint and tiles a monitor can audit', async () => {
    const key = (await (await fetch(`${base}/ledger/key`)).text()).trim()
    expect(key).toBe(KEY.verifierKey)
    for (let i = 0; i < 300; i++)
      void ledger.ledger.append({ type: 'submission.received', at: new Date().toISOString(), data: { i } })
    await ledger.ledger.flush()
    await ledger.ledger.publishCheckpoint()
    const checkpoint = await fetch(`${base}/ledger/checkpoint`)
    expect(checkpoint.status).toBe(200)
    expect(await checkpoint.text()).toMatch(/^nentang-hdld\.test\/ledger\n300\n/)
    const result = await checkLog(new HttpLogClient(`${base}/ledger`), parseVerifierKey(key))
    expect(result).toMatchObject({ checkedEntries: 300, state: { size: 300, origin: ORIGIN } })
    const tile = await fetch(`${base}/ledger/tile/0/000`)
    expect(tile.headers.get('cache-control')).toContain('immutable')
    expect((await tile.arrayBuffer()).byteLength).toBe(256 * 32)
  })
})
