// The employer's side signs with its own PKCS#12 file (a token's export or a .p12 from its CA) instead of
// the CA's remote signing: over HTTP (multipart, CSRF, HR roles only) and through the service. A wrong
// password, a broken file, another company's certificate (R1.16, D7.1: the Platform looks for the
// employer's tax code) and a revoked certificate (R2.1) are refused before anything is signed; a valid
// file signs, the worker signs by remote signing, the Platform issues the ID and verification shows the
// employer's signature made with the file's certificate.

import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { ElcError } from '@elc/core'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { RevocationChecker, TrustStore, verifyPdf } from '@elc/pki'
import { missingTools, run, type TempDir, tempDir, toPem } from '@elc/pki/testing'
import type { Principal, WebAuthDatabase } from '@elc/web-auth'
import { type Caller, makeCallers, signedInApp } from '@elc/web-auth/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContractsDatabase } from '../src/contracts/index.ts'
import { documentPages } from '../src/pages/index.ts'
import { type ContractFlow, hrStaff, startContractFlow, workerPrincipal } from './contract-flow.ts'
import { waitFor } from './outbox-platform.ts'

const PII_KEY = 'econtract-p12'
const LEVEL2 = 'vneid:level2'
// makeCallers grants hr-staff for this employer, so the HTTP callers and the document agree.
const EMPLOYER = '0101234567'
const OTHER_COMPANY = '0109876543'
const PASSWORD = 'Mật khẩu token 2026'
const HTML = 'text/html,application/xhtml+xml'

const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
)
const DATA = { ...EXAMPLE, employer: { ...EXAMPLE.employer, taxCode: EMPLOYER } }

const missing = await missingTools('openssl')
if (missing.length > 0)
  console.warn(`PKCS#12 signing tests skipped: ${missing.join(', ')} not found (it makes the .p12 files)`)

let flow: ContractFlow
let database: Database<unknown>
let app: FastifyInstance
let callers: Caller[]
let dir: TempDir
const caller = (label: string) => callers.find((c) => c.label === label) as Caller
const hr: Principal = {
  ...hrStaff(),
  grants: [{ role: 'worker' }, { role: 'hr-staff', employerTaxCode: EMPLOYER }],
}
const worker = workerPrincipal(DATA)

/** A .p12 as `openssl pkcs12 -export` writes it: the simulator-issued key, certificate and CA chain. */
async function p12Of(
  name: string,
  subscriber: { certificate: Uint8Array; chain: Uint8Array[]; privateKeyPem: string },
  password = PASSWORD,
): Promise<Uint8Array> {
  await dir.write(`${name}.key`, subscriber.privateKeyPem)
  await dir.write(`${name}.pem`, toPem(subscriber.certificate))
  await dir.write(`${name}-chain.pem`, subscriber.chain.map((c) => toPem(c)).join(''))
  const r = await run('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    dir.path(`${name}.key`),
    '-in',
    dir.path(`${name}.pem`),
    '-certfile',
    dir.path(`${name}-chain.pem`),
    '-passout',
    `pass:${password}`,
    '-out',
    dir.path(`${name}.p12`),
  ])
  expect(r.code, r.stderr).toBe(0)
  return new Uint8Array(await readFile(dir.path(`${name}.p12`)))
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (e) {
    if (e instanceof ElcError) return `${e.code} ${e.status}`
    throw e
  }
  return 'no error'
}

/** A multipart/form-data body as a browser posts the form. */
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const boundary = `----elc${Date.now().toString(16)}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/x-pkcs12\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    )
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

beforeAll(async () => {
  if (missing.length > 0) return
  dir = await tempDir('elc-econtract-p12-')
  flow = await startContractFlow()
  database = await createDatabase({ url: 'memory://' })
  app = await signedInApp(database.db, { piiKey: PII_KEY })
  documentPages(app, {
    documents: flow.documents,
    signing: flow.signing,
    employees: { listByEmployer: async () => [], get: async () => undefined },
    employerFor: async (taxCode) => ({ ...EXAMPLE.employer, taxCode }),
    level2Acr: LEVEL2,
  })
  await app.ready()
  callers = await makeCallers(database.db as Kysely<WebAuthDatabase>, PII_KEY, LEVEL2)
}, 120_000)

afterAll(async () => {
  await app?.close()
  await database?.close()
  await flow?.close()
  await dir?.remove()
})

describe.skipIf(missing.length > 0)('the employer signs with its own PKCS#12 file', () => {
  let id: string
  let employerP12: Uint8Array
  let employerSerial: string

  /** Nothing of a refused attempt is left: no signature row, no consent or signature event, same PDF. */
  async function nothingSigned(pdfBefore: string | null) {
    const db = flow.database.db as Kysely<ContractsDatabase>
    const rows = await db.selectFrom('signature').select('id').where('document_id', '=', id).execute()
    expect(rows).toEqual([])
    const view = await flow.documents.view(hr, id)
    expect(view.status).toBe('signing')
    expect(view.nextParty).toBe('employer')
    expect(view.history.filter((e) => ['consented', 'signed'].includes(e.type))).toEqual([])
    const doc = await db.selectFrom('document').select('pdf_sha256').where('id', '=', id).executeTakeFirst()
    expect(doc?.pdf_sha256).toBe(pdfBefore)
  }

  it('a contract is sent for signing; the employer has its organisation certificate as a .p12', async () => {
    const draft = await flow.documents.createDraft(hr, { employerTaxCode: EMPLOYER, data: DATA })
    id = draft.id
    await flow.documents.send(hr, id, { acknowledgeWarnings: true })
    expect((await flow.documents.view(hr, id)).nextParty).toBe('employer')
    const issued = await flow.sim.issue({
      profile: 'organisation',
      organisationName: DATA.employer.name,
      taxCode: EMPLOYER,
    })
    employerSerial = new X509Certificate(issued.certificate).serialNumber.toLowerCase()
    employerP12 = await p12Of('employer', issued)
  })

  it('refuses a wrong password, a broken file, another company, a revoked certificate, no consent', async () => {
    const db = flow.database.db as Kysely<ContractsDatabase>
    const before = (
      await db.selectFrom('document').select('pdf_sha256').where('id', '=', id).executeTakeFirst()
    )?.pdf_sha256 as string
    const other = await p12Of(
      'other',
      await flow.sim.issue({
        profile: 'organisation',
        organisationName: 'Công ty Khác',
        taxCode: OTHER_COMPANY,
      }),
    )
    const revokedSubscriber = await flow.sim.issue({
      profile: 'organisation',
      organisationName: DATA.employer.name,
      taxCode: EMPLOYER,
    })
    await flow.sim.ca.revoke(revokedSubscriber.serialNumber, 'keyCompromise')
    const revoked = await p12Of('revoked', revokedSubscriber)
    const sign = (p12: Uint8Array, password = PASSWORD, consent = true) =>
      code(flow.signing.signWithPkcs12(hr, id, { p12, password, consent }))
    const cases: Array<[string, Promise<string>, string]> = [
      ['wrong password', sign(employerP12, 'sai mật khẩu'), 'PKCS12_PASSWORD_WRONG 422'],
      ['not a PKCS#12 file', sign(new TextEncoder().encode('%PDF-1.7 not a p12')), 'PKCS12_MALFORMED 422'],
      ['another company (R1.16)', sign(other), 'SIGNING_CERTIFICATE_NOT_EMPLOYER 422'],
      ['revoked (R2.1)', sign(revoked), 'SIGNING_CERTIFICATE_REVOKED 422'],
      ['no consent (R5.11)', sign(employerP12, PASSWORD, false), 'SIGNING_CONSENT_REQUIRED 422'],
      [
        'level 1 (R1.12)',
        code(
          flow.signing.signWithPkcs12({ ...hr, level: 1 }, id, {
            p12: employerP12,
            password: PASSWORD,
            consent: true,
          }),
        ),
        'SIGNING_LEVEL2_REQUIRED 403',
      ],
      [
        'the worker, not at their turn',
        code(
          flow.signing.signWithPkcs12(worker, id, { p12: employerP12, password: PASSWORD, consent: true }),
        ),
        'SIGNING_PKCS12_EMPLOYER_ONLY 403',
      ],
    ]
    for (const [what, got, want] of cases) expect(`${what}: ${await got}`).toBe(`${what}: ${want}`)
    await nothingSigned(before)
  })

  it('a worker cannot use the route; HR sees the form and a wrong password over HTTP signs nothing', async () => {
    const form = multipart(
      { password: PASSWORD, consent: 'on' },
      { name: 'nhan-vien.p12', bytes: employerP12 },
    )
    const byWorker = await app.inject({
      method: 'POST',
      url: `/documents/${id}/sign-pkcs12`,
      headers: { cookie: caller('worker@2').cookie as string, 'content-type': form.contentType },
      payload: form.payload,
    })
    expect(byWorker.statusCode).toBe(403)
    expect(byWorker.json()).toMatchObject({ code: 'AUTH_FORBIDDEN' })

    const page = await app.inject({
      method: 'GET',
      url: `/documents/${id}`,
      headers: { cookie: caller('hr-staff@2').cookie as string, accept: HTML },
    })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`action="/documents/${id}/sign-pkcs12" enctype="multipart/form-data"`)
    expect(page.body).toContain('Ký bằng tệp chứng thư số (PKCS#12)')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
    const cookie = `${caller('hr-staff@2').cookie}; _csrf=${page.cookies.find((c) => c.name === '_csrf')?.value}`

    const wrong = multipart(
      { _csrf: csrf, password: 'sai', consent: 'on' },
      { name: 'to-chuc.p12', bytes: employerP12 },
    )
    const refused = await app.inject({
      method: 'POST',
      url: `/documents/${id}/sign-pkcs12`,
      headers: { cookie, accept: 'application/json', 'content-type': wrong.contentType },
      payload: wrong.payload,
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'PKCS12_PASSWORD_WRONG' })
    expect(refused.body).not.toContain('sai')

    const noFile = multipart({ _csrf: csrf, password: PASSWORD, consent: 'on' })
    const missingFile = await app.inject({
      method: 'POST',
      url: `/documents/${id}/sign-pkcs12`,
      headers: { cookie, accept: HTML, 'content-type': noFile.contentType },
      payload: noFile.payload,
    })
    expect(missingFile.statusCode).toBe(422)
    expect(missingFile.body).toContain('data-code="PKCS12_FILE_MISSING"')
    expect((await flow.documents.view(hr, id)).nextParty).toBe('employer')
  })

  it('HR signs with the valid file over HTTP; the document goes to the worker', async () => {
    const page = await app.inject({
      method: 'GET',
      url: `/documents/${id}`,
      headers: { cookie: caller('hr-staff@2').cookie as string, accept: HTML },
    })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
    const cookie = `${caller('hr-staff@2').cookie}; _csrf=${page.cookies.find((c) => c.name === '_csrf')?.value}`
    const form = multipart(
      { _csrf: csrf, password: PASSWORD, consent: 'on' },
      { name: 'to-chuc.p12', bytes: employerP12 },
    )
    const signed = await app.inject({
      method: 'POST',
      url: `/documents/${id}/sign-pkcs12`,
      headers: { cookie, accept: HTML, 'content-type': form.contentType },
      payload: form.payload,
    })
    expect(signed.statusCode, signed.body).toBe(200)
    expect(signed.body).toContain('id="signed"')
    const view = await flow.documents.view(worker, id)
    expect(view.nextParty).toBe('worker')
    // Recorded as `confirm` records a signature, with how it was made and who was signed in (R5.11).
    const db = flow.database.db as Kysely<ContractsDatabase>
    const row = await db
      .selectFrom('signature')
      .selectAll()
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ party: 'employer', status: 'signed', certificate_serial: employerSerial })
    const provenance = typeof row.provenance === 'string' ? JSON.parse(row.provenance) : row.provenance
    expect(provenance).toMatchObject({ method: 'pkcs12', level: 2, session: { acr: LEVEL2 } })
    expect(JSON.stringify(row)).not.toContain(PASSWORD)
    const event = view.history.find((e) => e.type === 'signed')
    expect(event?.detail).toMatchObject({
      party: 'employer',
      method: 'pkcs12',
      certificateSerial: employerSerial,
    })
    expect(view.history.some((e) => e.type === 'consented')).toBe(true)
    // Not twice: the turn has passed.
    expect(
      await code(
        flow.signing.signWithPkcs12(hr, id, { p12: employerP12, password: PASSWORD, consent: true }),
      ),
    ).toBe('SIGNING_NOT_YOUR_TURN 409')
  })

  it('the worker signs by remote signing; the ID is issued; verification shows the file’s certificate', async () => {
    await flow.documents.pdf(worker, id)
    const started = await flow.signing.start(worker, id, { consent: true })
    expect(await flow.signing.confirm(worker, started.signatureId, started.simulatedOtp as string)).toEqual({
      completed: true,
    })
    const issued = await waitFor('the contract ID', async () => {
      const v = await flow.documents.view(hr, id)
      return v.status === 'issued' ? v : undefined
    })
    expect(issued.contractId).toMatch(/^A\d{12}$/)
    const { bytes } = await flow.documents.pdf(hr, id)
    const report = await verifyPdf(bytes, {
      trust: TrustStore.fromBytes(flow.sim.rootDer),
      revocation: new RevocationChecker(),
    })
    const signatures = report.signatures.filter((s) => s.kind === 'signature')
    expect(signatures.map((s) => [s.fieldName, s.verdict])).toEqual([
      ['ChuKyNguoiSuDungLaoDong', 'valid'],
      ['ChuKyNguoiLaoDong', 'valid'],
    ])
    const employer = signatures[0]?.cms?.signer
    expect(employer?.serialNumber.toLowerCase()).toBe(employerSerial)
    expect(employer?.taxCode).toBe(EMPLOYER)
    expect(signatures[0]?.cms?.timestamp).toBeDefined()
  })
})
