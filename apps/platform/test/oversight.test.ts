// Officials' access to other people's contracts, end to end over HTTP on the Platform: a Department officer
// sees only their province's contracts (another province's answer 404), must name a purpose, and every
// read writes one access-log row and one ledger entry that match, before any data leaves (D16.2, R7.8,
// DESIGN.md §3); a read that cannot be logged returns nothing. Statistics (D16.1, R1.26) match counts made
// by hand, with small cells withheld; a worker sees who read their contract, and nobody else's reads.
import { createHmac } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { canonicalJson, personalIdHash } from '@elc/core'
import { type Kysely, sql } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { decodeEntry, generateNoteKey } from '@elc/ledger'
import { RevocationChecker, TrustStore } from '@elc/pki'
import { type SimFixture, type SimSubscriber, startSim } from '@elc/pki/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { type GrantRequest, GrantsRepo, grantRole, SessionStore, type WebAuthDatabase } from '@elc/web-auth'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'
import type { AccessRecord } from '../src/oversight/access-log.ts'
import { migrateSubmissions, type SubmissionDatabase, SubmissionsService } from '../src/submissions/index.ts'
import { contractParties, signedContract } from './signed-contract.ts'

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'))
const HANOI = example('contract-indefinite.json')
const HCMC = {
  ...HANOI,
  worker: {
    ...HANOI.worker,
    fullName: 'Trần Thị Bích Ngọc',
    idDocument: { ...HANOI.worker.idDocument, number: '079301054321' },
  },
  workplaces: [
    {
      address: 'Số 2 đường Hàm Nghi, phường Sài Gòn, Thành phố Hồ Chí Minh',
      province: 'Thành phố Hồ Chí Minh',
      wageRegion: 'I',
    },
  ],
}
const ANNEX = example('annex-wage-raise.json')
const PII_KEY = 'giam-sat-truy-cap'
const LEVEL2 = 'vneid:level2'
const HANOI_OFFICER = '001190011111'
const HCMC_OFFICER = '079190022222'

let sim: SimFixture
let pdfs: { hanoi: Buffer; hcmc: Buffer; uncertified: Buffer; annex: Buffer }
const storage = {
  trust: undefined as unknown as TrustStore,
  blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-oversight-'))),
  pii: new PiiCipher({
    keys: [{ id: 'k1', key: Buffer.alloc(32, 5) }],
    currentKeyId: 'k1',
    lookupKey: PII_KEY,
  }),
}

beforeAll(async () => {
  sim = await startSim()
  storage.trust = TrustStore.fromBytes(sim.rootDer)
  const hanoiParties = await contractParties(sim, HANOI)
  const [, hcmcWorker] = await contractParties(sim, HCMC)
  const signers: SimSubscriber[] = [hanoiParties[0], hcmcWorker]
  pdfs = {
    hanoi: await signedContract(sim, HANOI, hanoiParties),
    hcmc: await signedContract(sim, HCMC, signers),
    uncertified: await signedContract(sim, HANOI, hanoiParties, { certify: false }),
    annex: await signedContract(sim, ANNEX, hanoiParties),
  }
}, 180_000)

afterAll(async () => {
  await sim?.close()
})

describeEachDatabase('officials’ access to contracts', (ctx) => {
  let ledger: PlatformLedger
  let app: Awaited<ReturnType<typeof buildPlatform>>
  const cookies: Record<string, string> = {}
  const ids = { hanoiJuly: [] as string[], hanoiAugust: [] as string[], hcmc: [] as string[], paper: '' }

  beforeAll(async () => {
    ledger = await openPlatformLedger(
      { db: ctx.db() },
      {
        origin: 'nentang-hdld.test/oversight',
        signerKey: generateNoteKey('nentang-hdld.test').signerKey,
        keyFile: '/nonexistent',
      },
    )
    // The fixture is decided with a clock of its own before the Platform (and its decision worker) starts:
    // submission i waits (i + 1) × 10 s for its decision.
    await migrateSubmissions(ctx.db())
    let clock = Date.parse('2026-07-28T01:00:00Z')
    const service = new SubmissionsService(ctx.db() as Kysely<SubmissionDatabase>, ledger.ledger, {
      ...storage,
      revocation: new RevocationChecker(),
      now: () => new Date(clock),
    })
    let i = 0
    const submit = async (pdf: Buffer, data: unknown, kind = 'new', parentContractId?: string) => {
      const { view } = await service.accept({
        providerId: 'provider-test',
        idempotencyKey: `oversight-${i}`,
        kind,
        data,
        pdf,
        ...(parentContractId ? { parentContractId } : {}),
      })
      clock += (i + 1) * 10_000
      i++
      await service.decidePending()
      const decided = await service.view('provider-test', view.id)
      clock += 60_000
      return decided?.contractId as string
    }
    for (let k = 0; k < 6; k++) ids.hanoiJuly.push(await submit(pdfs.hanoi, HANOI))
    clock = Date.parse('2026-08-05T01:00:00Z')
    for (let k = 0; k < 5; k++) ids.hanoiAugust.push(await submit(pdfs.hanoi, HANOI))
    ids.paper = await submit(pdfs.hanoi, HANOI, 'conversion')
    for (let k = 0; k < 2; k++) ids.hcmc.push(await submit(pdfs.hcmc, HCMC))
    expect(await submit(pdfs.uncertified, HANOI)).toBeUndefined()
    await submit(pdfs.annex, ANNEX, 'annex', ids.hanoiJuly[0])
    expect(ids.paper).toMatch(/^B/)

    app = await buildPlatform({
      database: { db: ctx.db(), kind: ctx.kind },
      ledger,
      identity: {
        issuer: 'http://127.0.0.1:9/vneid',
        clientId: 'oversight',
        clientSecret: 'oversight',
        appUrl: 'http://127.0.0.1:8080',
        cookieSecret: 'giam-sat-truy-cap-cookie-secret-0123456789',
        level2Acr: LEVEL2,
        allowInsecureIssuer: true,
        piiKey: PII_KEY,
      },
      submissions: { ...storage },
    })
    await app.ready()

    const sessions = new SessionStore(ctx.db() as Kysely<WebAuthDatabase>, 3_600_000)
    const grants = new GrantsRepo(ctx.db() as Kysely<WebAuthDatabase>)
    const person = async (label: string, personalId: string, grant?: Omit<GrantRequest, 'personalId'>) => {
      if (grant)
        await grantRole(grants, {
          request: { personalId, ...grant },
          by: { subject: 'test', accountType: 'person', level: 2, name: 'test', grants: [] },
          piiKey: PII_KEY,
          operatorTaxCodes: [],
        })
      const claims = { sub: `sub-${label}`, account_type: 'person', personal_id: personalId, name: label }
      const token = await sessions.create({ subject: claims.sub, claims, acr: LEVEL2, idToken: 'test' })
      cookies[label] = `elc_session=${token}`
    }
    // One grant names the province, the other gives its code: both are normalised.
    await person('hanoi', HANOI_OFFICER, { role: 'department-officer', province: 'Hà Nội' })
    await person('hcmc', HCMC_OFFICER, { role: 'department-officer', province: '79' })
    await person('ministry', '001190033333', { role: 'ministry-officer' })
    await person('worker-hanoi', HANOI.worker.idDocument.number)
    await person('worker-hcmc', HCMC.worker.idDocument.number)
    const org = { sub: 'org-1', account_type: 'organisation', tax_code: HANOI.employer.taxCode }
    cookies.employer = `elc_session=${await sessions.create({ subject: org.sub, claims: org, acr: LEVEL2, idToken: 'test' })}`
    const other = { sub: 'org-2', account_type: 'organisation', tax_code: '0309999999' }
    cookies.otherEmployer = `elc_session=${await sessions.create({ subject: other.sub, claims: other, acr: LEVEL2, idToken: 'test' })}`
  }, 180_000)

  afterAll(async () => {
    await app?.close()
    await ledger?.close()
  })

  const get = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[who] as string } })
  const counts = async () => {
    const { rows } = await sql<{ access: string | number; tree: string | number }>`
      select (select count(*) from data_access) as access, (select size from ledger_tree) as tree`.execute(
      ctx.db(),
    )
    return { access: Number(rows[0]?.access), tree: Number(rows[0]?.tree) }
  }

  it('a Hà Nội officer lists Hà Nội’s contracts with worker, wage, findings and documents, and no other province’s', async () => {
    const response = await get('hanoi', '/v1/department/contracts?purpose=labor_inspection')
    expect(response.statusCode).toBe(200)
    const body = response.json()
    const listed = body.contracts.map((c: { contractId: string }) => c.contractId).sort()
    expect(listed).toEqual([...ids.hanoiJuly, ...ids.hanoiAugust, ids.paper].sort())
    expect(body).toMatchObject({ province: '01', page: 1, hasMore: false })
    const first = body.contracts.find((c: { contractId: string }) => c.contractId === ids.hanoiJuly[0])
    expect(first).toMatchObject({
      idLetter: 'A',
      submissionKind: 'new',
      termType: 'indefinite',
      employer: { name: HANOI.employer.name, taxCode: HANOI.employer.taxCode },
      worker: { fullName: HANOI.worker.fullName },
      job: { title: HANOI.job.title },
      wage: { amount: HANOI.wage.amount, unit: 'month' },
      provinces: [{ code: '01', name: 'Hà Nội' }],
    })
    expect(Array.isArray(first.findings)).toBe(true)
    expect(first.documents.map((d: { kind: string }) => d.kind)).toEqual(['contract', 'annex'])
    const hcmc = await get('hcmc', '/v1/department/contracts?purpose=labor_inspection')
    expect(
      hcmc
        .json()
        .contracts.map((c: { contractId: string }) => c.contractId)
        .sort(),
    ).toEqual([...ids.hcmc].sort())
    expect(hcmc.json().contracts[0].worker.fullName).toBe(HCMC.worker.fullName)
  })

  it('filters by issue date (Vietnam days) and pages', async () => {
    const july = await get(
      'hanoi',
      '/v1/department/contracts?purpose=labor_inspection&from=2026-07-01&to=2026-07-31',
    )
    expect(july.json().contracts).toHaveLength(6)
    const none = await get('hanoi', '/v1/department/contracts?purpose=labor_inspection&page=2')
    expect(none.json()).toMatchObject({ page: 2, contracts: [], hasMore: false })
  })

  it('another province’s contract answers 404 exactly like a contract that does not exist, and is not logged', async () => {
    const before = await counts()
    const foreign = await get('hanoi', `/v1/department/contracts/${ids.hcmc[0]}?purpose=labor_inspection`)
    const missing = await get('hanoi', '/v1/department/contracts/A269999999999?purpose=labor_inspection')
    const foreignPdf = await get(
      'hanoi',
      `/v1/department/contracts/${ids.hcmc[0]}/pdf?purpose=labor_inspection`,
    )
    for (const r of [foreign, missing, foreignPdf]) {
      expect(r.statusCode).toBe(404)
      expect(r.headers['content-type']).toContain('application/problem+json')
      expect(r.json()).toMatchObject({ code: 'CONTRACT_NOT_FOUND' })
    }
    expect(foreign.json().messages).toEqual(missing.json().messages)
    expect(foreign.body).not.toContain(HCMC.worker.fullName)
    expect(await counts()).toEqual(before)
  })

  it.each([
    ['no purpose', '', 'ACCESS_PURPOSE_REQUIRED', true],
    ['an unknown purpose', '?purpose=curiosity', 'ACCESS_PURPOSE_UNKNOWN', true],
    [
      'a province not granted',
      '?purpose=labor_inspection&province=79',
      'OVERSIGHT_PROVINCE_NOT_GRANTED',
      true,
    ],
    [
      'a day that does not exist',
      '?purpose=labor_inspection&from=2026-02-30',
      'OVERSIGHT_DATE_INVALID',
      false,
    ],
    ['page 0', '?purpose=labor_inspection&page=0', 'OVERSIGHT_PAGE_INVALID', false],
  ])('a request with %s is refused (%s) and reads nothing', async (_, query, code, alsoOne) => {
    const before = await counts()
    const urls = [`/v1/department/contracts${query}`]
    if (alsoOne)
      urls.push(
        `/v1/department/contracts/${ids.hanoiJuly[1]}${query}`,
        `/v1/department/contracts/${ids.hanoiJuly[1]}/pdf${query}`,
      )
    for (const url of urls) {
      const r = await get('hanoi', url)
      expect(r.statusCode).toBeGreaterThanOrEqual(400)
      expect(r.headers['content-type']).toContain('application/problem+json')
      expect(r.json()).toMatchObject({ code })
      expect(r.json().messages).toEqual({ vi: expect.any(String), en: expect.any(String) })
      expect(r.body).not.toContain(HANOI.worker.fullName)
    }
    expect(await counts()).toEqual(before)
  })

  it('each read writes exactly one access row and one ledger entry, and they match (no personal data in clear)', async () => {
    for (const [url, resource, contracts] of [
      [
        `/v1/department/contracts/${ids.hanoiJuly[2]}?purpose=dispute_resolution`,
        'contract.detail',
        [ids.hanoiJuly[2]],
      ],
      [
        `/v1/department/contracts/${ids.hanoiJuly[2]}/pdf?purpose=dispute_resolution`,
        'contract.pdf',
        [ids.hanoiJuly[2]],
      ],
      [
        '/v1/department/contracts?purpose=statistics_verification&from=2026-08-01',
        'contract.list',
        [...ids.hanoiAugust, ids.paper],
      ],
    ] as const) {
      const before = await counts()
      const response = await get('hanoi', url)
      expect(response.statusCode).toBe(200)
      expect(await counts()).toEqual({ access: before.access + 1, tree: before.tree + 1 })
      const [row] = (
        await sql<{
          id: string
          at: Date
          official_hash: string
          role: string
          province_code: string
          purpose: string
          legal_basis: string
          resource: string
          request_id: string
          ledger_index: string | number
        }>`select * from data_access order by ledger_index desc limit 1`.execute(ctx.db())
      ).rows
      if (!row) throw new Error('no access row')
      const linked = (
        await sql<{
          contract_id: string
        }>`select contract_id from data_access_contract where access_id = ${row.id} order by contract_id`.execute(
          ctx.db(),
        )
      ).rows.map((r) => r.contract_id)
      expect(linked).toEqual([...contracts].sort())
      expect(row).toMatchObject({
        official_hash: personalIdHash(PII_KEY, HANOI_OFFICER),
        role: 'department-officer',
        province_code: '01',
        resource,
      })
      const [bytes] = await ledger.ledger.entries(Number(row.ledger_index), Number(row.ledger_index) + 1)
      const entry = decodeEntry(bytes as Uint8Array)
      const record: AccessRecord = {
        id: row.id as string,
        at: (row.at as Date).toISOString(),
        official: row.official_hash as string,
        role: 'department-officer',
        province: '01',
        purpose: row.purpose as string,
        legalBasis: row.legal_basis as string,
        resource: resource,
        contracts: linked,
        requestId: row.request_id as string,
      }
      expect(entry).toEqual({
        v: 1,
        type: 'data_access.batch',
        at: record.at,
        data: {
          access: record.id,
          official: record.official,
          role: 'department-officer',
          province: '01',
          purpose: record.purpose,
          legalBasis: record.legalBasis,
          resource,
          contracts: contracts.length,
          digest: createHmac('sha256', PII_KEY).update(canonicalJson(record)).digest('hex'),
        },
      })
      const text = new TextDecoder().decode(bytes)
      for (const personal of [
        HANOI_OFFICER,
        HANOI.worker.fullName,
        HANOI.worker.idDocument.number,
        ...contracts,
      ])
        expect(text).not.toContain(personal)
      if (resource === 'contract.detail') {
        expect(row.purpose).toBe('dispute_resolution')
        expect(row.legal_basis).toBe('R1.23 D16.2 R7.4')
        expect(response.json()).toMatchObject({
          data: { worker: { idDocument: { number: HANOI.worker.idDocument.number } } },
          access: { id: row.id, ledgerIndex: Number(row.ledger_index), purpose: 'dispute_resolution' },
        })
      }
      if (resource === 'contract.pdf') {
        expect(response.headers['content-type']).toBe('application/pdf')
        expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
        expect(response.headers['elc-access-id']).toBe(row.id)
      }
    }
  })

  it('when the access cannot be logged, no data is returned and nothing is written to the ledger', async () => {
    const before = await counts()
    await sql`alter table data_access rename to data_access_offline`.execute(ctx.db())
    try {
      for (const url of [
        `/v1/department/contracts/${ids.hanoiJuly[3]}?purpose=labor_inspection`,
        `/v1/department/contracts/${ids.hanoiJuly[3]}/pdf?purpose=labor_inspection`,
        '/v1/department/contracts?purpose=labor_inspection',
      ]) {
        const response = await get('hanoi', url)
        expect(response.statusCode).toBe(503)
        expect(response.json()).toMatchObject({ code: 'ACCESS_LOG_FAILED' })
        expect(response.body).not.toContain(HANOI.worker.fullName)
        expect(response.body).not.toContain('%PDF')
      }
    } finally {
      await sql`alter table data_access_offline rename to data_access`.execute(ctx.db())
    }
    expect(await counts()).toEqual(before)
  })

  it('the worker sees the officer’s access to their contract (role and province, not the name) and not others’', async () => {
    await get('hcmc', `/v1/department/contracts/${ids.hcmc[1]}?purpose=complaint_handling`)
    const hanoiWorker = (await get('worker-hanoi', '/me/data-access')).json()
    const hcmcWorker = (await get('worker-hcmc', '/me/data-access')).json()
    const hcmcReads = hcmcWorker.accesses
    expect(hcmcReads.some((a: { contracts: string[] }) => a.contracts.includes(ids.hcmc[1] as string))).toBe(
      true,
    )
    const complaint = hcmcReads.find(
      (a: { purpose: { code: string } }) => a.purpose.code === 'complaint_handling',
    )
    expect(complaint).toMatchObject({
      role: 'department-officer',
      roleLabel: { en: 'Provincial Department officer' },
      province: { code: '79', name: 'Thành phố Hồ Chí Minh' },
      purpose: { label: { en: 'Handling labor complaints and denunciations' } },
      legalBasis: { ruleIds: ['D16.2', 'R7.4'] },
      resource: 'contract.detail',
      contracts: [ids.hcmc[1]],
    })
    expect(JSON.stringify(hcmcWorker)).not.toContain(HCMC_OFFICER)
    expect(JSON.stringify(hcmcWorker)).not.toContain(personalIdHash(PII_KEY, HCMC_OFFICER))
    // The Hà Nội worker's list holds their own contracts only, never the HCMC one.
    const hanoiContracts = new Set(hanoiWorker.accesses.flatMap((a: { contracts: string[] }) => a.contracts))
    expect(hanoiContracts.has(ids.hanoiJuly[2])).toBe(true)
    expect([...hanoiContracts].some((c) => ids.hcmc.includes(c as string))).toBe(false)
    expect(hanoiWorker.accesses.every((a: { province: { code: string } }) => a.province.code === '01')).toBe(
      true,
    )
    // The employer of both sees both provinces' reads; another employer sees none.
    const employer = (await get('employer', '/me/data-access')).json()
    expect(new Set(employer.accesses.map((a: { province: { code: string } }) => a.province.code))).toEqual(
      new Set(['01', '79']),
    )
    expect((await get('otherEmployer', '/me/data-access')).json().accesses).toEqual([])
  })

  it('statistics for the Ministry match counts made by hand; cells under 5 are withheld', async () => {
    // Issued: 6 in July and 8 in August (5 + 1 paper conversion in Hà Nội, 2 in HCMC); 13 A and 1 B;
    // 1 annex; 1 refusal; 16 decisions waiting 10 s … 160 s (median 85 s).
    const response = await get('ministry', '/v1/statistics')
    expect(response.statusCode).toBe(200)
    const s = response.json()
    const c = (key: string, count: number | null) => ({ key, count, suppressed: count === null })
    expect(s.contracts).toEqual({
      total: c('total', 14),
      byMonth: [c('2026-07', 6), c('2026-08', 8)],
      // HCMC's 2 are withheld, and then Hà Nội's 12 too, or 14 − 12 would give HCMC's away.
      byProvince: [c('01', null), c('79', null)],
      byTermType: [c('indefinite', 14)],
      byIdLetter: [c('A', null), c('B', null)],
    })
    expect(s.lifecycleDocuments).toEqual({ total: c('total', null), byKind: [c('annex', null)] })
    expect(s.refusals).toEqual({ total: c('total', null), byReason: [c('SUBMISSION_NOT_CERTIFIED', null)] })
    expect(s.decisions).toEqual({ total: c('total', 16), medianSecondsToDecision: 85 })
    expect(s.suppression).toMatchObject({ threshold: 5 })
    expect(JSON.stringify(s)).not.toContain(HANOI.worker.fullName)

    const august = (await get('ministry', '/v1/statistics?from=2026-08-01&to=2026-08-31')).json()
    expect(august.contracts.total).toEqual(c('total', 8))
    expect(august.period).toEqual({ from: '2026-08-01', to: '2026-08-31' })
    const hcmc = (await get('ministry', '/v1/statistics?province=TP.%20H%E1%BB%93%20Ch%C3%AD%20Minh')).json()
    expect(hcmc.province).toEqual({ code: '79', name: 'Thành phố Hồ Chí Minh' })
    expect(hcmc.contracts.total).toEqual(c('total', null))
  })

  it('a Department officer gets their own province’s statistics only, and reading them is not logged', async () => {
    const before = await counts()
    const s = (await get('hanoi', '/v1/statistics')).json()
    expect(s.province).toEqual({ code: '01', name: 'Hà Nội' })
    // Hà Nội: 12 contracts (6 July, 6 August), 13 decisions (10 … 120 s and 150 s: median 70 s).
    expect(s.contracts.total.count).toBe(12)
    expect(s.contracts.byMonth.map((x: { count: number }) => x.count)).toEqual([6, 6])
    expect(s.decisions).toMatchObject({ total: { count: 13 }, medianSecondsToDecision: 70 })
    const refused = await get('hanoi', '/v1/statistics?province=79')
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ code: 'OVERSIGHT_PROVINCE_NOT_GRANTED' })
    expect(await counts()).toEqual(before)
  })

  it('only Department officers read contracts; workers and the Ministry do not', async () => {
    for (const who of ['ministry', 'worker-hanoi', 'employer']) {
      const r = await get(who, `/v1/department/contracts/${ids.hanoiJuly[0]}?purpose=labor_inspection`)
      expect(r.statusCode).toBe(403)
    }
    expect((await get('worker-hanoi', '/v1/statistics')).statusCode).toBe(403)
  })
})
