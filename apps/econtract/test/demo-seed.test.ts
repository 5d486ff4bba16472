// The demo story `npm start` opens on: seeded once, complete (company, signatory, HR grant, directory, a
// draft without labor-code errors), and left alone on the next start.
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { personalIdHash } from '@elc/core'
import { createDatabase, type Database, type Kysely, migrateToLatest } from '@elc/db'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { GrantsRepo, type WebAuthDatabase, webAuthMigrations } from '@elc/web-auth'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type ContractsDatabase, DocumentsService, migrateContracts } from '../src/contracts/index.ts'
import { type DemoPeople, seedDemo } from '../src/demo/seed-demo.ts'
import { EmployeesRepo, migrateEmployees } from '../src/employees/index.ts'
import { migrateEmployers } from '../src/employers/index.ts'

const PII_KEY = 'demo-seed'
const PEOPLE: DemoPeople = {
  organisation: {
    subject: 'org-sub',
    taxCode: '0115454996',
    name: 'Công ty TNHH Thương mại Sông Hồng',
    address: 'Số 5 phố Tràng Tiền, phường Hoàn Kiếm, thành phố Hà Nội',
    province: 'Hà Nội',
    legalRepresentative: { fullName: 'Phạm Quang Huy', personalId: '001080001234' },
  },
  hr: {
    personalId: '001175807718',
    fullName: 'Nguyễn Thị Lan',
    sex: 'female',
    birthDate: '1975-05-02',
    residence: 'Hà Nội',
  },
  workers: [
    {
      personalId: '001092087040',
      fullName: 'Trần Văn Bình',
      sex: 'male',
      birthDate: '1992-03-14',
      residence: 'Hà Nội',
    },
    {
      personalId: '006191665720',
      fullName: 'Lê Thị Hoa',
      sex: 'female',
      birthDate: '1991-10-20',
      residence: 'Bắc Kạn',
    },
  ],
}

let database: Database<unknown>
let documents: DocumentsService
const pii = new PiiCipher({
  keys: [{ id: 'k1', key: randomBytes(32) }],
  currentKeyId: 'k1',
  lookupKey: PII_KEY,
})
const blobs = new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-demo-seed-')))

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  await migrateToLatest(database.db, webAuthMigrations, { module: 'web_auth' })
  await migrateContracts(database.db)
  await migrateEmployees(database.db)
  await migrateEmployers(database.db)
  documents = new DocumentsService({ db: database.db as Kysely<ContractsDatabase>, blobs, pii })
})

afterAll(async () => {
  await database?.close()
})

it('seeds the company, its signatory, the HR grant, the directory and a draft; a second run leaves them', async () => {
  const deps = { pii, blobs, piiKey: PII_KEY, documents }
  expect(await seedDemo(database.db, deps, PEOPLE)).toEqual({ seeded: true })
  const grants = await new GrantsRepo(database.db as Kysely<WebAuthDatabase>).forHolder(
    personalIdHash(PII_KEY, PEOPLE.hr.personalId),
  )
  expect(grants).toEqual([
    expect.objectContaining({ role: 'hr-staff', employerTaxCode: PEOPLE.organisation.taxCode }),
  ])
  const employees = await new EmployeesRepo(database.db as never, pii).listByEmployer(
    PEOPLE.organisation.taxCode,
  )
  expect(employees.map((e) => e.fullName).sort()).toEqual(['Lê Thị Hoa', 'Trần Văn Bình'])
  const hr = {
    subject: 'hr',
    accountType: 'person' as const,
    level: 2 as const,
    name: PEOPLE.hr.fullName,
    personalId: PEOPLE.hr.personalId,
    grants,
  }
  const drafts = await documents.listForEmployer(hr, PEOPLE.organisation.taxCode)
  expect(drafts).toHaveLength(1)
  const view = await documents.view(hr, drafts[0]?.id as string)
  expect(view.findings.filter((f) => f.severity === 'error')).toEqual([])
  expect(await seedDemo(database.db, deps, PEOPLE)).toEqual({ seeded: false })
  expect(await documents.listForEmployer(hr, PEOPLE.organisation.taxCode)).toHaveLength(1)
})
