// EmployersService on PGlite and PostgreSQL: the organisation's identity comes from its VNeID account, an
// administrator manages only their own employer, and who may sign for it follows R4.9.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Employer } from '@elc/core'
import { type Kysely, sql } from '@elc/db'
import { describeEachDatabase } from '@elc/db/testing'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import type { Principal } from '@elc/web-auth'
import { Compile } from 'typebox/compile'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type EmployerDatabase,
  EmployersService,
  MAX_AUTHORISATION_PDF_BYTES,
  migrateEmployers,
  parseProfileInput,
  parseSignatoryInput,
  type SignatoryInput,
  signatoryRefusal,
} from '../src/employers/index.ts'

const X = '0101234567'
const Y = '0309876543'
const TODAY = '2026-11-23'
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const admin = (taxCode: string, name: string, overrides: Partial<Principal> = {}): Principal => ({
  subject: `org-${taxCode}`,
  accountType: 'organisation',
  level: 2,
  name,
  taxCode,
  grants: [{ role: 'employer-admin', employerTaxCode: taxCode }],
  ...overrides,
})
const ADMIN_X = admin(X, 'Công ty TNHH Bình Minh')
const ADMIN_Y = admin(Y, 'Công ty Cổ phần Hoàng Hôn')
const HR_X: Principal = {
  subject: 'person-hr',
  accountType: 'person',
  level: 2,
  name: 'Lê Thị Hoa',
  personalId: '001190000099',
  grants: [{ role: 'worker' }, { role: 'hr-staff', employerTaxCode: X }],
}

const profile = (representative = 'Nguyễn Văn An') =>
  parseProfileInput({
    address: '12 Tràng Tiền, Hoàn Kiếm, Hà Nội',
    employerType: 'enterprise',
    phone: '024 3825 1234',
    email: 'nhansu@binhminh.vn',
    legalRepresentativeName: representative,
    legalRepresentativeTitle: 'Giám đốc',
  })

const signatory = (personalId: string, over: Partial<SignatoryInput> = {}): SignatoryInput => ({
  fullName: 'Trần Thị Bình',
  title: 'Trưởng phòng Nhân sự',
  personalId,
  isLegalRepresentative: false,
  authorisation: { documentRef: '01/2026/GUQ', issuedOn: '2026-01-05' },
  validFrom: '2026-01-05',
  ...over,
})

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string; ruleId?: string }) => `${e.code}${e.ruleId ? ` ${e.ruleId}` : ''}`,
  )

describeEachDatabase<EmployerDatabase>('employers service', (ctx) => {
  let service: EmployersService
  const cipher = new PiiCipher({
    keys: [{ id: 'k1', key: Buffer.alloc(32, 7) }],
    currentKeyId: 'k1',
    lookupKey: 'employer-signatory-test',
  })
  const blobs = new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-employers-')))

  beforeAll(async () => {
    expect(await migrateEmployers(ctx.db() as Kysely<unknown>)).toEqual(['employers-0001'])
    service = new EmployersService({
      db: ctx.db(),
      cipher,
      blobs,
      now: () => new Date('2026-11-23T03:00:00Z'),
    })
  })

  it('migrations are idempotent under the employers module', async () => {
    expect(await migrateEmployers(ctx.db() as Kysely<unknown>)).toEqual([])
  })

  it('onboarding takes the tax code and name from the VNeID organisation account', async () => {
    // A body naming another company changes nothing: the parser never reads a tax code or a name.
    const input = parseProfileInput({ ...bodyOf(profile()), taxCode: Y, name: 'Giả mạo' })
    const onboarded = await service.onboard(ADMIN_X, input)
    expect(onboarded).toMatchObject({
      taxCode: X,
      name: 'Công ty TNHH Bình Minh',
      employerType: 'enterprise',
      legalRepresentative: { fullName: 'Nguyễn Văn An', title: 'Giám đốc' },
      onboardedBy: `org-${X}`,
    })
    expect(await service.profile(ADMIN_Y)).toBeUndefined()
    expect(await codeOf(service.onboard(ADMIN_X, input))).toBe('EMPLOYER_ALREADY_ONBOARDED')
  })

  it('an update refreshes the name from the account, NFC', async () => {
    const renamed = admin(X, 'Cong ty TNHH Bi\u0300nh Minh mới'.normalize('NFD'))
    const updated = await service.update(renamed, profile())
    expect(updated.name).toBe('Cong ty TNHH Bình Minh mới'.normalize('NFC'))
    await service.update(ADMIN_X, profile())
    expect(await codeOf(service.update(ADMIN_Y, profile()))).toBe('EMPLOYER_NOT_ONBOARDED')
  })

  it.each([
    [
      'a person holding an employer-admin grant',
      { accountType: 'person' as const, taxCode: undefined },
      'EMPLOYER_ORGANISATION_ACCOUNT_REQUIRED',
    ],
    [
      'an organisation account whose grant names another employer',
      { grants: [{ role: 'employer-admin' as const, employerTaxCode: X }] },
      'EMPLOYER_FORBIDDEN',
    ],
    ['a level 1 account', { level: 1 as const }, 'AUTH_LEVEL2_REQUIRED R1.12'],
  ])('refuses to let %s manage an employer', async (_label, overrides, code) => {
    const who = admin(Y, 'Công ty Cổ phần Hoàng Hôn', overrides)
    expect(await codeOf(service.onboard(who, profile()))).toBe(code)
    expect(await codeOf(service.addSignatory(who, signatory('001090000001'), PDF))).toBe(code)
  })

  it('HR staff read their employer but change nothing', async () => {
    expect((await service.profile(HR_X))?.taxCode).toBe(X)
    expect(await codeOf(service.update(HR_X, profile()))).toBe('EMPLOYER_ORGANISATION_ACCOUNT_REQUIRED')
    expect(await codeOf(service.list(HR_X, Y))).toBe('EMPLOYER_FORBIDDEN')
  })

  it('an administrator of company X cannot touch company Y', async () => {
    await service.onboard(ADMIN_Y, profile('Phạm Văn Cường'))
    const ofY = await service.addSignatory(ADMIN_Y, signatory('079090000002'), PDF)
    expect(await codeOf(service.revokeSignatory(ADMIN_X, ofY.id))).toBe('EMPLOYER_SIGNATORY_NOT_FOUND')
    expect(await codeOf(service.list(ADMIN_X, Y))).toBe('EMPLOYER_FORBIDDEN')
    expect(await codeOf(service.profile(ADMIN_X, Y))).toBe('EMPLOYER_FORBIDDEN')
    expect(await codeOf(service.authorisationDocument(ADMIN_X, ofY.id))).toBe(
      'EMPLOYER_AUTHORISATION_NOT_FOUND',
    )
    expect(await codeOf(service.authorisationDocument(ADMIN_X, ofY.id, Y))).toBe('EMPLOYER_FORBIDDEN')
    // A principal claiming Y's tax code with X's grant is still refused.
    const forged = admin(Y, 'Giả mạo', { grants: [{ role: 'employer-admin', employerTaxCode: X }] })
    expect(await codeOf(service.revokeSignatory(forged, ofY.id))).toBe('EMPLOYER_FORBIDDEN')
    expect((await service.list(ADMIN_Y)).map((s) => s.revokedAt)).toEqual([undefined])
    expect(await service.signatoryFor(X, '079090000002')).toBeUndefined()
  })

  describe('who may sign for the employer on a given day (R4.9)', () => {
    const cases: Array<{
      name: string
      input: SignatoryInput
      revoke?: boolean
      on: string
      expected: string
    }> = [
      {
        name: 'the legal representative, without authorisation',
        input: signatory('001080000010', {
          fullName: 'nguyễn  văn an',
          title: 'Giám đốc',
          isLegalRepresentative: true,
          authorisation: undefined,
          validFrom: '2026-01-01',
        }),
        on: TODAY,
        expected: 'ok',
      },
      {
        name: 'an authorised person with a letter',
        input: signatory('001080000011'),
        on: TODAY,
        expected: 'ok',
      },
      {
        name: 'an authorised person on the last day of validity',
        input: signatory('001080000012', { validUntil: TODAY }),
        on: TODAY,
        expected: 'ok',
      },
      {
        name: 'a revoked signatory',
        input: signatory('001080000013'),
        revoke: true,
        on: TODAY,
        expected: 'EMPLOYER_SIGNATORY_REVOKED R4.9',
      },
      {
        name: 'a signatory not yet valid',
        input: signatory('001080000014', { validFrom: '2026-12-01' }),
        on: TODAY,
        expected: 'EMPLOYER_SIGNATORY_NOT_YET_VALID R4.9',
      },
      {
        name: 'a signatory whose authority expired',
        input: signatory('001080000015', { validUntil: '2026-06-30' }),
        on: TODAY,
        expected: 'EMPLOYER_SIGNATORY_EXPIRED R4.9',
      },
      {
        name: 'a contract concluded before the letter was issued',
        input: signatory('001080000016'),
        on: '2026-01-04',
        expected: 'EMPLOYER_SIGNATORY_NOT_YET_VALID R4.9',
      },
    ]
    const checkEmployer = Compile(Employer)

    it.each(cases)('$name: $expected', async ({ input, revoke, on, expected }) => {
      const added = await service.addSignatory(ADMIN_X, input, input.authorisation ? PDF : undefined)
      if (revoke) await service.revokeSignatory(ADMIN_X, added.id)
      const result = service.contractEmployer(X, added.id, on)
      expect(await codeOf(result)).toBe(expected)
      if (expected !== 'ok') return
      const employer = await result
      expect(checkEmployer.Check(employer)).toBe(true)
      expect(employer).toMatchObject({
        name: 'Công ty TNHH Bình Minh',
        taxCode: X,
        employerType: 'enterprise',
      })
      expect(employer.signatory.fullName).toBe(input.fullName)
      expect(employer.signatory.authorisation).toEqual(
        input.isLegalRepresentative ? undefined : input.authorisation,
      )
    })

    it('anyone but the legal representative needs a letter of authorisation', async () => {
      const standing = { fullName: 'Trần Thị Bình', isLegalRepresentative: false, validFrom: '2026-01-01' }
      expect(signatoryRefusal(standing, TODAY, 'Nguyễn Văn An')?.code).toBe(
        'EMPLOYER_SIGNATORY_AUTHORISATION_MISSING',
      )
      expect(signatoryRefusal(standing, TODAY, 'Nguyễn Văn An')?.ruleId).toBe('R4.9')
      expect(() =>
        parseSignatoryInput({ fullName: 'A', title: 'B', personalId: '001080000020' }, TODAY),
      ).toThrow(/authorisation|ủy quyền/i)
      const noLetter = signatory('001080000021')
      expect(await codeOf(service.addSignatory(ADMIN_X, noLetter))).toBe('EMPLOYER_INPUT_INVALID R4.9')
      // The database holds the same line.
      await expect(
        sql`insert into employer_signatory (id, employer_tax_code, full_name, title, personal_id_ciphertext,
          personal_id_lookup, is_legal_representative, valid_from, created_by, created_at)
          values ('raw', ${X}, 'A', 'B', '\\x00'::bytea, 'x', false, '2026-01-01', 't', now())`.execute(
          ctx.db(),
        ),
      ).rejects.toThrow(/employer_signatory_authorised/)
    })

    it('claiming to be the legal representative under another name is refused', async () => {
      const claim = signatory('001080000022', { isLegalRepresentative: true, authorisation: undefined })
      expect(await codeOf(service.addSignatory(ADMIN_X, claim))).toBe(
        'EMPLOYER_SIGNATORY_NOT_REPRESENTATIVE R4.9',
      )
    })

    it('a new legal representative ends the old one’s standing', async () => {
      const [old] = (await service.list(ADMIN_X)).filter((s) => s.isLegalRepresentative)
      await service.update(ADMIN_X, profile('Đỗ Minh Khoa'))
      expect(await codeOf(service.contractEmployer(X, old?.id as string, TODAY))).toBe(
        'EMPLOYER_SIGNATORY_NOT_REPRESENTATIVE R4.9',
      )
      await service.update(ADMIN_X, profile())
      expect(await codeOf(service.contractEmployer(X, old?.id as string, TODAY))).toBe('ok')
    })

    it('a person is a standing signatory once; revoking twice is refused', async () => {
      expect(await codeOf(service.addSignatory(ADMIN_X, signatory('001080000011'), PDF))).toBe(
        'EMPLOYER_SIGNATORY_DUPLICATE R4.9',
      )
      const revoked = (await service.list(ADMIN_X)).find((s) => s.revokedAt) as { id: string }
      expect(await codeOf(service.revokeSignatory(ADMIN_X, revoked.id))).toBe(
        'EMPLOYER_SIGNATORY_ALREADY_REVOKED R4.9',
      )
      // A revoked person may be named again with a new letter.
      expect(await codeOf(service.addSignatory(ADMIN_X, signatory('001080000013'), PDF))).toBe('ok')
    })

    it('signatoryFor finds the standing entry by the keyed hash of the personal ID', async () => {
      expect((await service.signatoryFor(X, '001080000011'))?.title).toBe('Trưởng phòng Nhân sự')
      expect((await service.signatoryFor(X, '001080000010'))?.isLegalRepresentative).toBe(true)
      expect(await service.signatoryFor(X, '001080000099')).toBeUndefined()
      expect(await service.signatoryFor(Y, '001080000011')).toBeUndefined()
    })
  })

  it('personal ID numbers are not stored in clear, and shown only masked', async () => {
    const rows = await sql<Record<string, unknown>>`select * from employer_signatory`.execute(ctx.db())
    expect(rows.rows.length).toBeGreaterThan(3)
    const dump = JSON.stringify(rows.rows, (_k, v) =>
      Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    )
    for (const id of ['001080000010', '001080000011', '079090000002']) expect(dump).not.toContain(id)
    expect(rows.rows.map((r) => r.personal_id_lookup)).toContain(cipher.lookupHash('001080000011'))
    const listed = await service.list(HR_X)
    expect(listed.map((s) => s.personalIdMasked)).toContain('•••• 0011')
    expect(JSON.stringify(listed)).not.toContain('001080000011')
  })

  it('the letter of authorisation must be a PDF, and not too large', async () => {
    const before = (await service.list(ADMIN_X)).length
    expect(await codeOf(service.addSignatory(ADMIN_X, signatory('001080000030'), PNG))).toBe(
      'EMPLOYER_AUTHORISATION_NOT_PDF R4.9',
    )
    const html = Buffer.from('<html>%PDF-1.7 %%EOF</html>'.padStart(2000, ' '))
    expect(await codeOf(service.addSignatory(ADMIN_X, signatory('001080000031'), html))).toBe(
      'EMPLOYER_AUTHORISATION_NOT_PDF R4.9',
    )
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_AUTHORISATION_PDF_BYTES)])
    expect(await codeOf(service.addSignatory(ADMIN_X, signatory('001080000032'), big))).toBe(
      'EMPLOYER_AUTHORISATION_TOO_LARGE R4.9',
    )
    expect((await service.list(ADMIN_X)).length).toBe(before)
  })

  it('HR staff can read a letter of authorisation, byte for byte', async () => {
    const withLetter = (await service.list(HR_X)).find((s) => s.authorisation?.documentSha256) as {
      id: string
    }
    const { bytes } = await service.authorisationDocument(HR_X, withLetter.id)
    expect(Buffer.from(bytes).equals(PDF)).toBe(true)
  })
})

/** The profile back as the form fields it came from. */
function bodyOf(p: ReturnType<typeof profile>): Record<string, string> {
  return {
    address: p.address,
    employerType: p.employerType,
    phone: p.phone ?? '',
    email: p.email ?? '',
    legalRepresentativeName: p.legalRepresentative.fullName,
    legalRepresentativeTitle: p.legalRepresentative.title,
  }
}
