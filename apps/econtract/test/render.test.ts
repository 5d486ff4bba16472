// The PDF the parties sign (R4.6, R4.7): every valid example renders with its contents readable by
// pdftotext, only embedded fonts, a structure qpdf accepts, the structured data embedded byte for byte
// (R1.32), the same bytes for NFC and NFD input; it signs in the boxes it reports, and the issued ID is
// stamped afterwards without breaking a signature (R1.29, R1.30).
import { readFileSync } from 'node:fs'
import {
  type Annex,
  type Contract,
  canonicalDataBytes,
  DATA_FILE_NAME,
  type PaperConversion,
  type Suspension,
  type Termination,
} from '@elc/core'
import {
  certifyPdf,
  decodeTextString,
  PdfDocument,
  PdfString,
  RevocationChecker,
  readEmbeddedFile,
  signPdf,
  TrustStore,
  verifyPdf,
} from '@elc/pki'
import { missingTools, run, type SimFixture, startSim, type TempDir, tempDir } from '@elc/pki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ContractDocument,
  renderContractDocument,
  renderContractPdf,
  stampContractId,
} from '../src/render/index.ts'

const EXAMPLES = new URL('../../../examples/', import.meta.url)
const expected = JSON.parse(readFileSync(new URL('expected.json', EXAMPLES), 'utf8')) as Record<
  string,
  { exit: number }
>
const VALID = Object.entries(expected)
  .filter(([, e]) => e.exit === 0)
  .map(([file]) => file)
const load = (file: string) => JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8')) as ContractDocument

const contract = load('contract-indefinite.json') as Contract

/** The same document with every string decomposed (NFD), keys included. */
function nfd<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFD') as T
  if (Array.isArray(value)) return value.map(nfd) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFD'), nfd(v)])) as T
  return value
}

const money = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`

/** What pdftotext must find in each kind of document. */
function expectedText(doc: ContractDocument): string[] {
  const motto = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']
  const contractText = (c: Contract) => [
    c.worker.fullName,
    c.employer.name,
    c.employer.signatory.fullName,
    money(c.wage.amount),
    'Điều 1. Công việc và địa điểm làm việc',
    'Điều 2. Thời hạn của hợp đồng lao động',
    'Tiền lương, phụ cấp và hình thức trả lương',
    'Chế độ nâng bậc, nâng lương',
    'Thời giờ làm việc, thời giờ nghỉ ngơi',
    'Trang bị bảo hộ lao động',
    'Bảo hiểm xã hội, bảo hiểm y tế và bảo hiểm thất nghiệp',
    'Đào tạo, bồi dưỡng, nâng cao trình độ kỹ năng nghề',
    'Những thỏa thuận khác',
    ...(c.probation ? ['Thử việc', money(c.probation.wage)] : []),
    c.concludedOn.split('-').reverse().join('/'),
  ]
  switch (doc.kind) {
    case 'contract':
      return [...motto, 'HỢP ĐỒNG LAO ĐỘNG', 'Labour contract', ...contractText(doc)]
    case 'annex':
      return [...motto, 'PHỤ LỤC HỢP ĐỒNG LAO ĐỘNG', doc.parentContractId, 'Tiền lương › Mức lương']
    case 'amendment':
      return [...motto, 'SỬA ĐỔI, BỔ SUNG', doc.parentContractId]
    case 'suspension':
      return [...motto, 'TẠM HOÃN', doc.parentContractId, 'Điều 30']
    case 'termination':
      return [...motto, 'CHẤM DỨT HỢP ĐỒNG LAO ĐỘNG', doc.parentContractId, 'Điều 34', 'Ngày báo trước']
    case 'paper_conversion':
      return [
        ...motto,
        'CHUYỂN ĐỔI HỢP ĐỒNG LAO ĐỘNG TỪ BẢN GIẤY',
        'Lê Quang Huy',
        ...contractText(doc.contract),
      ]
  }
}

/** A lifecycle document of each kind the examples lack, so every layout is exercised. */
const EXTRA: Array<[string, ContractDocument]> = [
  [
    'amendment',
    {
      schemaVersion: 1,
      kind: 'amendment',
      parentContractId: 'A260123456789',
      concludedOn: '2027-02-01',
      effectiveDate: '2027-02-01',
      changes: [
        { path: '/workplaces/0/address', value: 'Số 1 phố Tràng Tiền, phường Hoàn Kiếm, thành phố Hà Nội' },
        { path: '/wage/allowances', value: [{ name: 'Phụ cấp đi lại', amount: 500000 }] },
      ],
    },
  ],
  [
    'suspension',
    {
      schemaVersion: 1,
      kind: 'suspension',
      parentContractId: 'A260123456789',
      concludedOn: '2027-05-02',
      reason: 'military_service',
      startDate: '2027-05-10',
      details: 'Lệnh gọi nhập ngũ số 12/LGNN ngày 20/04/2027.',
    } satisfies Suspension,
  ],
  [
    'termination by the employer',
    {
      schemaVersion: 1,
      kind: 'termination',
      parentContractId: 'A260123456789',
      concludedOn: '2027-06-01',
      reason: 'employer_unilateral',
      initiatedBy: 'employer',
      parentTerm: { type: 'definite', startDate: '2026-09-01', endDate: '2028-08-31' },
      noticeDate: '2027-06-01',
      terminationDate: '2027-07-01',
      employerGround: 'a',
    } satisfies Termination,
  ],
  [
    'paper conversion',
    {
      schemaVersion: 1,
      kind: 'paper_conversion',
      contract,
      conversion: {
        systemName: 'ELC eContract',
        converterName: 'Lê Quang Huy',
        completedAt: '2026-09-15T03:20:00Z',
        fileSizeBytes: 1_234_567,
        signatureRef: 'Chữ ký số của Công ty TNHH Phần mềm Sông Hồng, dấu thời gian 15/09/2026',
      },
    } satisfies PaperConversion,
  ],
]

const CASES: Array<[string, ContractDocument]> = [
  ...VALID.map((f) => [f, load(f)] as [string, ContractDocument]),
  ...EXTRA,
]

let dir: TempDir
let missing: string[]

beforeAll(async () => {
  dir = await tempDir('elc-render-')
  missing = await missingTools('pdftotext', 'pdffonts', 'qpdf')
  if (missing.length)
    console.warn(`render tests skip the checks that need ${missing.join(', ')}: not installed`)
})

afterAll(async () => {
  await dir?.remove()
})

describe('renderContractPdf', () => {
  it('the valid examples are the four documents the layout tests expect', () => {
    expect(VALID.sort()).toEqual([
      'annex-wage-raise.json',
      'contract-definite-probation.json',
      'contract-indefinite.json',
      'termination-worker-notice.json',
    ])
  })

  it.each(CASES)('%s: renders, same bytes from NFD input and on a second run', async (_, doc) => {
    const pdf = await renderContractPdf(doc)
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
    expect(Buffer.from(await renderContractPdf(nfd(doc))).equals(Buffer.from(pdf))).toBe(true)
    expect(Buffer.from(await renderContractPdf(doc)).equals(Buffer.from(pdf))).toBe(true)
  })

  it.each(CASES)('%s: embeds canonicalDataBytes(doc) as %s (R1.32)', async (_, doc) => {
    const pdf = await renderContractPdf(nfd(doc))
    const embedded = readEmbeddedFile(PdfDocument.parse(pdf), DATA_FILE_NAME)
    expect(embedded).toBeDefined()
    expect(Buffer.from(embedded ?? []).equals(canonicalDataBytes(doc))).toBe(true)
  })

  it.each(CASES)('%s: pdftotext reads the contents (R4.6)', async (name, doc) => {
    if (missing.includes('pdftotext')) return console.warn('skipped: pdftotext missing')
    const file = await dir.write(`${name}.pdf`, await renderContractPdf(doc))
    const out = await run('pdftotext', ['-enc', 'UTF-8', file, '-'])
    expect(out.code).toBe(0)
    const flat = out.stdout.replace(/\s+/g, ' ')
    for (const s of expectedText(doc)) expect(flat).toContain(s.replace(/\s+/g, ' '))
  })

  it.each(CASES)('%s: pdffonts lists only embedded fonts, never a standard-14 font', async (name, doc) => {
    if (missing.includes('pdffonts')) return console.warn('skipped: pdffonts missing')
    const file = await dir.write(`${name}-fonts.pdf`, await renderContractPdf(doc))
    const out = await run('pdffonts', [file])
    expect(out.code).toBe(0)
    const rows = out.stdout.trim().split('\n').slice(2)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row).toMatch(/BeVietnamPro/)
      // Columns after the encoding: emb sub uni.
      expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/)
    }
    expect(out.stdout).not.toMatch(/Helvetica|Times|Courier|Symbol|ZapfDingbats/)
  })

  it.each(CASES)('%s: qpdf --check passes', async (name, doc) => {
    if (missing.includes('qpdf')) return console.warn('skipped: qpdf missing')
    const file = await dir.write(`${name}-qpdf.pdf`, await renderContractPdf(doc))
    const out = await run('qpdf', ['--check', file])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
  })

  it('formats money with the Vietnamese thousands separator and dates as dd/mm/yyyy', async () => {
    if (missing.includes('pdftotext')) return console.warn('skipped: pdftotext missing')
    const file = await dir.write('format.pdf', await renderContractPdf(contract))
    const out = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout
    expect(out).toContain('18.000.000 đồng/tháng')
    expect(out).toContain('1.000.000 đồng')
    expect(out).toContain('12/04/2001')
    expect(out).toContain('01/08/2026')
  })

  it('shows the contract ID when known, in the header and the document information', async () => {
    const pdf = await renderContractPdf(contract, { contractId: 'A260123456789' })
    const info = infoOf(pdf)
    expect(info.ElcContractId).toBe('A260123456789')
    expect(info.Subject).toBe('Mã hợp đồng lao động điện tử: A260123456789')
    expect(info.CreationDate).toBe('D:20260725050000Z')
    if (missing.includes('pdftotext')) return console.warn('skipped: pdftotext missing')
    const file = await dir.write('with-id.pdf', pdf)
    expect((await run('pdftotext', [file, '-'])).stdout).toContain(
      'Mã hợp đồng lao động điện tử: A260123456789',
    )
  })

  it('refuses a malformed contract ID (R1.29)', async () => {
    await expect(renderContractPdf(contract, { contractId: 'X26012345678' })).rejects.toMatchObject({
      code: 'CONTRACT_ID_INVALID',
      ruleId: 'R1.29',
    })
  })

  it('reports signature boxes inside the page, side by side, where nothing is drawn', async () => {
    const { pdf, pages, signatureBoxes } = await renderContractDocument(contract)
    const { worker, employer } = signatureBoxes
    expect(worker && employer).toBeTruthy()
    for (const box of [worker, employer]) {
      if (!box) continue
      expect(box.page).toBe(pages - 1)
      const [x1, y1, x2, y2] = box.rect
      expect(x1).toBeGreaterThanOrEqual(0)
      expect(y1).toBeGreaterThanOrEqual(0)
      expect(x2).toBeLessThanOrEqual(595.28)
      expect(y2).toBeLessThanOrEqual(841.89)
      expect(x2 - x1).toBeGreaterThanOrEqual(150)
      expect(y2 - y1).toBeGreaterThanOrEqual(60)
    }
    expect((worker?.rect[2] ?? 0) <= (employer?.rect[0] ?? 0)).toBe(true)
    if (missing.includes('pdftotext')) return console.warn('skipped: pdftotext missing')
    // No text inside either box: the visible signature has the area to itself.
    const file = await dir.write('boxes.pdf', pdf)
    for (const box of [worker, employer]) {
      if (!box) continue
      const [x1, y1, x2, y2] = box.rect
      const args = ['-f', String(box.page + 1), '-l', String(box.page + 1), '-x', String(Math.ceil(x1))]
      args.push('-y', String(Math.ceil(841.89 - y2)), '-W', String(Math.floor(x2 - x1)))
      args.push('-H', String(Math.floor(y2 - y1)), file, '-')
      expect((await run('pdftotext', args)).stdout.trim()).toBe('')
    }
  })

  it('a paper conversion is signed by the employer alone (R1.19)', async () => {
    const conversion = EXTRA.find(([n]) => n === 'paper conversion')?.[1] as ContractDocument
    const { signatureBoxes } = await renderContractDocument(conversion)
    expect(signatureBoxes.employer).toBeDefined()
    expect(signatureBoxes.worker).toBeUndefined()
  })

  it('render time of a contract (printed, not asserted)', async () => {
    await renderContractPdf(contract)
    const runs = 5
    const start = performance.now()
    for (let i = 0; i < runs; i++) await renderContractPdf(contract)
    const ms = (performance.now() - start) / runs
    console.log(`renderContractPdf: ${ms.toFixed(1)} ms per contract (mean of ${runs})`)
  })
})

function infoOf(pdf: Uint8Array): Record<string, string> {
  const doc = PdfDocument.parse(pdf)
  const info = doc.dict(doc.trailer.get('Info'))
  const out: Record<string, string> = {}
  for (const [k, v] of info?.entries ?? []) {
    const value = doc.resolve(v)
    if (value instanceof PdfString) out[k] = decodeTextString(value)
  }
  return out
}

describe('signing the rendered PDF and stamping the issued ID', () => {
  let sim: SimFixture
  let trust: TrustStore
  let signed: Uint8Array
  let certified: Uint8Array
  const revocation = () => new RevocationChecker()

  beforeAll(async () => {
    sim = await startSim()
    trust = TrustStore.fromBytes(sim.rootDer)
    const employer = await sim.issue({
      profile: 'organisation',
      organisationName: contract.employer.name,
      taxCode: contract.employer.taxCode as string,
    })
    const worker = await sim.issue({
      profile: 'person',
      fullName: contract.worker.fullName,
      personalId: contract.worker.idDocument.number,
    })
    const { pdf, signatureBoxes } = await renderContractDocument(contract)
    const byEmployer = await signPdf(pdf, employer.signer, {
      tsa: sim.tsa,
      fieldName: 'NguoiSuDungLaoDong',
      signerName: contract.employer.signatory.fullName,
      visible: { ...signatureBoxes.employer, organisation: contract.employer.name },
    })
    const box = signatureBoxes.worker
    if (!box) throw new Error('no worker box')
    signed = await signPdf(byEmployer, worker.signer, {
      tsa: sim.tsa,
      fieldName: 'NguoiLaoDong',
      signerName: contract.worker.fullName,
      visible: { ...box, idNumber: contract.worker.idDocument.number },
    })
    certified = await certifyPdf(signed, { trust, revocation: revocation(), tsa: sim.tsa })
  }, 60_000)

  afterAll(async () => {
    await sim?.close()
  })

  it('signs in the reported boxes and verifies valid', async () => {
    const report = await verifyPdf(signed, { trust, revocation: revocation() })
    expect(report.signatures.map((s) => [s.fieldName, s.verdict])).toEqual([
      ['NguoiSuDungLaoDong', 'valid'],
      ['NguoiLaoDong', 'valid'],
    ])
    expect(report.verdict).toBe('valid')
    // As the Platform reads it: the data file of the revision the first party signed (R1.32).
    const range = report.signatures[0]?.byteRange ?? [0, 0, 0, 0]
    const firstRevision = PdfDocument.parse(signed.subarray(0, range[2] + range[3]))
    const data = readEmbeddedFile(firstRevision, DATA_FILE_NAME)
    expect(Buffer.from(data ?? []).equals(canonicalDataBytes(contract))).toBe(true)
  })

  it('the ID stamped after certification leaves every signature valid; the change is metadata (R1.29)', async () => {
    const stamped = stampContractId(certified, 'A260123456789')
    expect(Buffer.from(stamped.subarray(0, certified.length)).equals(Buffer.from(certified))).toBe(true)
    const report = await verifyPdf(stamped, { trust, revocation: revocation() })
    expect(report.verdict).toBe('valid')
    for (const s of report.signatures) {
      expect(s.verdict).toBe('valid')
      expect(s.disallowedChanges).toEqual([])
      expect(s.allowedChanges).toContain('metadata')
    }
    const info = infoOf(stamped)
    expect(info.ElcContractId).toBe('A260123456789')
    expect(info.Subject).toBe('Mã hợp đồng lao động điện tử: A260123456789')
    expect(info.Title).toBe(infoOf(certified).Title)
    // The data the parties signed is still there for the Platform to compare (R1.32).
    expect(
      Buffer.from(readEmbeddedFile(PdfDocument.parse(stamped), DATA_FILE_NAME) ?? []).equals(
        canonicalDataBytes(contract),
      ),
    ).toBe(true)
    if (missing.includes('qpdf')) return console.warn('skipped: qpdf missing')
    const out = await run('qpdf', ['--check', await dir.write('stamped.pdf', stamped)])
    expect(out.code).toBe(0)
  })

  it('stamping the same ID again changes nothing; a different ID is refused (R1.30)', () => {
    const stamped = stampContractId(certified, 'A260123456789')
    expect(stampContractId(stamped, 'A260123456789')).toBe(stamped)
    expect(() => stampContractId(stamped, 'A269999999999')).toThrow(
      expect.objectContaining({ code: 'CONTRACT_ID_ALREADY_STAMPED', ruleId: 'R1.30' }),
    )
    expect(() => stampContractId(certified, 'A26')).toThrow(
      expect.objectContaining({ code: 'CONTRACT_ID_INVALID' }),
    )
  })

  it('an annex carries its parent ID and signs the same way', async () => {
    const annex = load('annex-wage-raise.json') as Annex
    const { pdf, signatureBoxes } = await renderContractDocument(annex)
    const person = await sim.issue({
      profile: 'person',
      fullName: 'Nguyễn Thị Hồng Nhung',
      personalId: '001301012345',
    })
    const box = signatureBoxes.worker
    if (!box) throw new Error('no worker box')
    const signedAnnex = await signPdf(pdf, person.signer, {
      tsa: sim.tsa,
      fieldName: 'NguoiLaoDong',
      visible: box,
    })
    const report = await verifyPdf(signedAnnex, { trust, revocation: revocation() })
    expect(report.verdict).toBe('valid')
  })
})
