// What the story does in the browser and around it: screenshots for the docs (only with
// ELC_SCREENSHOTS=1, so test runs never rewrite them), the employee file HR uploads, the contract form as HR
// fills it, and the simulator's mailbox as the parties read it.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { vietnamDateOf } from '@elc/core'
import { DEMO_PASSWORD } from '@elc/sim'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import type { StoryPerson } from './story-servers.ts'

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
export const TAKING_SCREENSHOTS = process.env.ELC_SCREENSHOTS === '1'

/** docs/screenshots/NAME.png: the whole page, or what the viewport shows with `viewport: true`. */
export async function screenshot(page: Page, name: string, o: { viewport?: boolean } = {}): Promise<void> {
  if (!TAKING_SCREENSHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: !o.viewport })
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** The worker exactly as VNeID knows them, between two colleagues; an e-mail column for delivery. */
export async function employeeWorkbook(worker: StoryPerson, workerEmail: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Nhân viên')
  sheet.addRow([
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Số định danh cá nhân',
    'Nơi cư trú',
    'Quốc tịch',
    'Email',
    'Số điện thoại',
  ])
  sheet.addRow([
    'Nguyễn Văn An',
    '15/03/1990',
    'Nam',
    '001090000001',
    'Số 8 phố Hàng Bài, phường Hoàn Kiếm, Thành phố Hà Nội',
    'Việt Nam',
    'nguyen.van.an@example.vn',
    '0912 345 678',
  ])
  sheet.addRow([
    worker.fullName,
    dmy(worker.birthDate),
    worker.sex === 'male' ? 'Nam' : 'Nữ',
    worker.personalId,
    worker.residence,
    'Việt Nam',
    workerEmail,
    '0987 654 321',
  ])
  sheet.addRow([
    'Trần Thị Bình',
    '01/12/1991',
    'Nữ',
    '079191000002',
    'Số 45 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh',
    'Việt Nam',
    'tran.thi.binh@example.vn',
    '0903 111 222',
  ])
  // Personal ID numbers as text: a leading zero must survive.
  sheet.getColumn(4).numFmt = '@'
  return Buffer.from(await book.xlsx.writeBuffer())
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A definite-term contract starting next week, as HR types it (the wage comes separately). */
export function contractInputs(now = new Date()): Record<string, string> {
  const start = addDays(vietnamDateOf(now), 7)
  return {
    '/job/title': 'Kỹ thuật viên vận hành máy CNC',
    '/job/description': 'Vận hành, bảo dưỡng máy phay CNC theo quy trình của xưởng.',
    '/workplaces/0/address': 'Xưởng 2, Số 120 đường Võ Văn Ngân, phường Thủ Đức, Thành phố Hồ Chí Minh',
    '/workplaces/0/province': 'Thành phố Hồ Chí Minh',
    '/term/startDate': start,
    '/term/endDate': addDays(start, 2 * 365 - 1),
    '/wage/payDay': 'Ngày 05 hằng tháng',
    '/raiseRegime': 'Xét nâng bậc sau mỗi 24 tháng theo thang bảng lương của công ty.',
    '/workingTime/hoursPerDay': '8',
    '/workingTime/hoursPerWeek': '48',
    '/workingTime/schedule': 'Thứ Hai – Thứ Bảy, 7:30 – 16:30',
    '/workingTime/restTime': 'Nghỉ giữa ca 60 phút; nghỉ Chủ nhật hằng tuần.',
    '/protectiveEquipment': 'Quần áo bảo hộ, giày mũi thép, kính bảo hộ.',
    '/training': 'Huấn luyện an toàn, vệ sinh lao động trước khi làm việc.',
  }
}

export const CONTRACT_CHOICES: Record<string, string> = {
  '/job/positionClass': 'mid_technical',
  '/workplaces/0/wageRegion': 'I',
  '/term/type': 'definite',
  '/wage/unit': 'month',
  '/wage/payMethod': 'bank_transfer',
  '/wage/payPeriod': 'monthly',
}

export const CONTRACT_CHECKS = [
  '/insurance/socialInsurance',
  '/insurance/healthInsurance',
  '/insurance/unemploymentInsurance',
]

/**
 * Through the simulator's VNeID pages (ID and password, the code shown in simulator mode, consent) to
 * `returnTo`, as a link in an e-mail or a bookmark would start it; signInWithVneid always lands on /account.
 */
export async function signInTo(page: Page, appUrl: string, loginId: string, returnTo: string): Promise<void> {
  await page.goto(`${appUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
  await page.fill('#loginId', loginId)
  await page.fill('#password', DEMO_PASSWORD)
  await page.click('button[type=submit]:not(.secondary)')
  await page.fill('#code', ((await page.textContent('#otp')) ?? '').trim())
  await page.click('button[type=submit]:not(.secondary)')
  await page.click('button[type=submit]:not(.secondary)')
  await page.waitForURL(`${appUrl}${returnTo}`)
}

export const byName = (name: string) => `[name="${name}"]`

export interface MailSummary {
  id: string
  subject: string
  to: string[]
  attachments: Array<{ filename: string; url: string }>
}

export async function mailTo(simUrl: string, to: string): Promise<MailSummary[]> {
  const response = await fetch(`${simUrl}/mail/messages?to=${encodeURIComponent(to)}`)
  if (!response.ok) throw new Error(`mailbox: ${response.status}`)
  return ((await response.json()) as { messages: MailSummary[] }).messages
}

export async function download(simUrl: string, path: string): Promise<Buffer> {
  const response = await fetch(`${simUrl}${path}`)
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}
