// The demo story `npm start` opens on: a company onboarded from its VNeID organisation account with its
// legal representative as signatory, an HR officer it named, workers in its directory, and a contract
// drafted for the first of them, ready for HR to send. Run once; a second start leaves the data as it is.
import { vietnamDateOf } from '@elc/core'
import type { Kysely } from '@elc/db'
import type { BlobStore, PiiCipher } from '@elc/storage'
import { GrantsRepo, grantRole, type Principal, type WebAuthDatabase } from '@elc/web-auth'
import type { DocumentsService } from '../contracts/index.ts'
import { EmployeesRepo, importEmployees, toWorker } from '../employees/index.ts'
import { EmployersService } from '../employers/index.ts'

export interface DemoPerson {
  personalId: string
  fullName: string
  sex: 'male' | 'female'
  birthDate: string
  residence: string
}

export interface DemoPeople {
  organisation: {
    subject: string
    taxCode: string
    name: string
    address: string
    province: string
    legalRepresentative: { fullName: string; personalId: string }
  }
  hr: DemoPerson
  workers: DemoPerson[]
}

export async function seedDemo(
  db: Kysely<unknown>,
  deps: { pii: PiiCipher; blobs: BlobStore; piiKey: string; documents: DocumentsService },
  people: DemoPeople,
  now = new Date(),
): Promise<{ seeded: boolean }> {
  const org = people.organisation
  const employers = new EmployersService({ db: db as never, cipher: deps.pii, blobs: deps.blobs })
  const admin: Principal = {
    subject: org.subject,
    accountType: 'organisation',
    level: 2,
    name: org.name,
    taxCode: org.taxCode,
    grants: [{ role: 'employer-admin', employerTaxCode: org.taxCode }],
  }
  if (await employers.profile(admin)) return { seeded: false }
  const today = vietnamDateOf(now)
  await employers.onboard(admin, {
    address: org.address,
    employerType: 'enterprise',
    email: `nhansu@${org.taxCode}.example.vn`,
    legalRepresentative: { fullName: org.legalRepresentative.fullName, title: 'Giám đốc' },
  })
  await employers.addSignatory(admin, {
    fullName: org.legalRepresentative.fullName,
    title: 'Giám đốc',
    personalId: org.legalRepresentative.personalId,
    isLegalRepresentative: true,
    validFrom: today,
  })
  await grantRole(new GrantsRepo(db as Kysely<WebAuthDatabase>), {
    request: { personalId: people.hr.personalId, role: 'hr-staff', employerTaxCode: org.taxCode },
    by: admin,
    piiKey: deps.piiKey,
    operatorTaxCodes: [],
  })
  const repo = new EmployeesRepo(db as never, deps.pii)
  const csv = [
    'Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Email',
    ...people.workers.map((w) =>
      [
        w.fullName,
        w.birthDate.split('-').reverse().join('/'),
        w.sex === 'male' ? 'Nam' : 'Nữ',
        w.personalId,
        `"${w.residence.replaceAll('"', "'")}"`,
        `nld.${w.personalId.slice(-4)}@example.vn`,
      ].join(','),
    ),
  ].join('\n')
  await importEmployees(repo, {
    employerTaxCode: org.taxCode,
    bytes: Buffer.from(csv),
    fileName: 'nhan-vien.csv',
  })
  const first = (await repo.listByEmployer(org.taxCode))[0]
  if (first) {
    const hr: Principal = {
      subject: 'demo-hr',
      accountType: 'person',
      level: 2,
      name: people.hr.fullName,
      personalId: people.hr.personalId,
      grants: [{ role: 'worker' }, { role: 'hr-staff', employerTaxCode: org.taxCode }],
    }
    await deps.documents.createDraft(hr, {
      employerTaxCode: org.taxCode,
      data: {
        schemaVersion: 1,
        kind: 'contract',
        concludedOn: today,
        employer: await employers.defaultContractEmployer(org.taxCode, today),
        worker: toWorker(first),
        job: { title: 'Nhân viên kinh doanh', positionClass: 'mid_technical' },
        workplaces: [{ address: org.address, province: org.province, wageRegion: 'I' }],
        term: { type: 'indefinite', startDate: today },
        wage: {
          amount: 12_000_000,
          unit: 'month',
          payMethod: 'bank_transfer',
          payPeriod: 'monthly',
          allowances: [],
          otherSupplements: [],
        },
        raiseRegime: 'Xét nâng lương mỗi năm một lần theo quy chế của công ty.',
        workingTime: {
          hoursPerDay: 8,
          hoursPerWeek: 40,
          schedule: 'Thứ Hai đến thứ Sáu, 08:00–17:00',
          restTime: 'Nghỉ trưa 60 phút; nghỉ thứ Bảy, Chủ nhật và các ngày lễ, Tết.',
        },
        protectiveEquipment: 'Không yêu cầu trang bị bảo hộ đặc thù.',
        insurance: { socialInsurance: true, healthInsurance: true, unemploymentInsurance: true },
        training: 'Đào tạo nội bộ về sản phẩm và kỹ năng bán hàng.',
      },
    })
  }
  return { seeded: true }
}
