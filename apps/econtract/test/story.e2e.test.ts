// The must-show story, in a real Chromium against real servers on loopback: a company's administrator
// signs in with VNeID (level 2), onboards the company and its legal representative as signatory; HR imports
// the employees from an Excel file; drafts a contract, sees the labor-code finding on a wage below the
// regional minimum appear beside the field as they type (R4.29), fixes it and sends it; the employer signs
// with the one-time code; the worker, on a phone, opens the PDF (R6.6), consents (R5.11) and signs; the
// Platform issues the contract ID; both parties receive the ID-bearing PDF by e-mail; poppler's pdfsig and
// `elc verify` accept it. With ELC_SCREENSHOTS=1 it also writes docs/screenshots/*.png.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { missingTools, nssTrusting, run, type TempDir, tempDir } from '@elc/pki/testing'
import { DEMO_PASSWORD } from '@elc/sim'
import { browserMissing, launchChromium, signInWithVneid } from '@elc/web-auth/testing'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from './outbox-platform.ts'
import {
  byName,
  CONTRACT_CHECKS,
  CONTRACT_CHOICES,
  contractInputs,
  download,
  employeeWorkbook,
  mailTo,
  screenshot,
  signInTo,
  TAKING_SCREENSHOTS,
} from './story-pages.ts'
import { type StoryServers, startStoryServers } from './story-servers.ts'

const missing = browserMissing()
if (missing) console.warn(`eContract story browser test skipped: ${missing}`)
const missingCheckers = missing ? [] : await missingTools('pdfsig', 'certutil')
if (missingCheckers.length > 0)
  console.warn(`eContract story: the pdfsig check is skipped, missing ${missingCheckers.join(', ')}`)

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const WORKER_EMAIL = 'nguoi.lao.dong@example.vn'
const EMPLOYER_EMAIL = 'nhansu@congty.example.vn'
const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }

let s: StoryServers
let browser: Browser
let hr: BrowserContext
let hrPage: Page
let dir: TempDir
// Carried from step to step.
let documentPath = ''
let contractId = ''
let issuedPdf: Buffer = Buffer.alloc(0)

beforeAll(async () => {
  if (missing) return
  s = await startStoryServers()
  browser = await launchChromium()
  hr = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' })
  hrPage = await hr.newPage()
  hrPage.setDefaultTimeout(30_000)
  dir = await tempDir('elc-story-')
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await s?.close()
  await dir?.remove()
}, 60_000)

/** Reads the code from the "Tin nhắn mô phỏng / Simulated SMS" box and types it, as the signer would. */
async function enterSimulatedCode(page: Page, shot?: string): Promise<void> {
  const sms = page.getByRole('note', { name: 'Tin nhắn mô phỏng / Simulated SMS' })
  await sms.waitFor()
  const code = ((await sms.locator('#simulated-otp').textContent()) ?? '').trim()
  expect(code).toMatch(/^\d{6}$/)
  await page.fill('#otp', code)
  if (shot) await screenshot(page, shot)
  await page.click('form[action*="/sign/"] button[type=submit]')
  await page.waitForSelector('#signed')
}

describe.runIf(!missing)('the eContract story in Chromium', () => {
  it('1. the administrator signs in with VNeID, onboards the company and adds the legal representative', async () => {
    await hrPage.goto(`${s.appUrl}/service`)
    await screenshot(hrPage, '01-service')

    await signInWithVneid(hrPage, s.appUrl, s.company.account, DEMO_PASSWORD)
    await hrPage.goto(`${s.appUrl}/employer`)
    // The name and tax code come from the organisation's VNeID account, not from a form.
    await expect.poll(() => hrPage.textContent('#organisation')).toContain(s.company.taxCode)
    expect((await hrPage.textContent('#organisation'))?.normalize('NFC')).toContain(s.company.name)
    await hrPage.fill('#address', s.company.address)
    await hrPage.selectOption('#employerType', 'enterprise')
    await hrPage.fill('#phone', '028 3896 1234')
    await hrPage.fill('#email', EMPLOYER_EMAIL)
    await hrPage.fill('#legalRepresentativeName', s.company.legalRepresentative.fullName)
    await hrPage.fill('#legalRepresentativeTitle', 'Giám đốc')
    await hrPage.click('#profile-form button[type=submit]')
    await hrPage.waitForSelector('#profile')

    await hrPage.fill('#signatory-form #fullName', s.company.legalRepresentative.fullName)
    await hrPage.fill('#signatory-form #title', 'Giám đốc')
    await hrPage.fill('#signatory-form #personalId', s.company.legalRepresentative.personalId)
    await hrPage.check('#signatory-form input[name=isLegalRepresentative]')
    await hrPage.click('#signatory-form button[type=submit]')
    const row = hrPage.locator('#signatories tbody tr').first()
    await row.waitFor()
    const rowText = ((await row.textContent()) ?? '').normalize('NFC')
    expect(rowText).toContain(s.company.legalRepresentative.fullName)
    expect(rowText).toContain('Còn hiệu lực')
    // Only the last four digits of the personal ID are shown.
    expect(await hrPage.content()).not.toContain(s.company.legalRepresentative.personalId)
    await screenshot(hrPage, '02-employer-onboarding')
  }, 90_000)

  it('2. HR imports the employees from an Excel file', async () => {
    await hrPage.goto(`${s.appUrl}/employees`)
    await hrPage.setInputFiles('#file', {
      name: 'danh-sach-nhan-vien.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await employeeWorkbook(s.worker, WORKER_EMAIL),
    })
    await hrPage.click('form[action^="/employees/import"] button[type=submit]')
    await hrPage.waitForSelector('#inserted')
    expect(await hrPage.textContent('#inserted')).toContain('Đã thêm 3 nhân viên')
    await hrPage.goto(`${s.appUrl}/employees`)
    await screenshot(hrPage, '03-employee-import')
    const table = ((await hrPage.textContent('#employees')) ?? '').normalize('NFC')
    expect(table).toContain(s.worker.fullName)
    expect(table).toContain(`•••• ${s.worker.personalId.slice(-4)}`)
    expect(table).toContain(WORKER_EMAIL)
  }, 60_000)

  it('3. HR drafts the contract: a wage below the regional minimum shows its finding live, fixed, sent', async () => {
    await hrPage.goto(`${s.appUrl}/documents`)
    const option = hrPage.locator('#employee option', { hasText: s.worker.fullName })
    await hrPage.selectOption('#employee', (await option.getAttribute('value')) as string)
    await hrPage.click('form[action="/documents/new"] button[type=submit]')
    await hrPage.waitForURL(/\/documents\/new\?/)
    await hrPage.waitForSelector('#contract-form')
    expect((await hrPage.textContent('fieldset[data-path="/worker"]'))?.normalize('NFC')).toContain(
      s.worker.fullName,
    )

    for (const [name, value] of Object.entries(contractInputs())) await hrPage.fill(byName(name), value)
    for (const [name, value] of Object.entries(CONTRACT_CHOICES))
      await hrPage.selectOption(byName(name), value)
    for (const name of CONTRACT_CHECKS) await hrPage.check(byName(name))

    // R4.29: 3,000,000 a month is below Region I's minimum; the page's script asks the server as HR types.
    const wage = hrPage.locator(byName('/wage/amount'))
    await wage.fill('3.000.000')
    const finding = hrPage.locator(
      '.field-msgs[data-for="/wage/amount"] li[data-code="WAGE_BELOW_REGIONAL_MINIMUM"]',
    )
    await finding.waitFor()
    expect(await finding.textContent()).toContain('R4.29')
    await expect.poll(() => hrPage.isDisabled('#send-button')).toBe(true)
    await wage.scrollIntoViewIfNeeded()
    await hrPage.evaluate('window.scrollBy(0, -250)')
    await screenshot(hrPage, '04-contract-form-finding', { viewport: true })

    await wage.fill('12.000.000')
    await finding.waitFor({ state: 'detached' })
    await expect.poll(() => hrPage.isDisabled('#send-button')).toBe(false)
    expect(await hrPage.locator('#findings li.msg.error').count()).toBe(0)
    if (await hrPage.isVisible('#ack-box')) await hrPage.check('#acknowledgeWarnings')
    await hrPage.click('#send-button')
    await hrPage.waitForURL(/\/documents\/[\w-]+$/)
    documentPath = new URL(hrPage.url()).pathname
    await hrPage.waitForSelector('[data-status="signing"]')
    await hrPage.waitForSelector('#sign-form')
  }, 90_000)

  it('4. the employer signs with the one-time code from the simulated SMS', async () => {
    await screenshot(hrPage, '05-document-signing')
    await hrPage.check('#consent')
    await hrPage.click('#sign-button')
    await enterSimulatedCode(hrPage, '06-simulated-sms-code')
    expect(await hrPage.textContent('#signed')).toContain('Bạn đã ký')
    await hrPage.goto(`${s.appUrl}${documentPath}`)
    expect(await hrPage.textContent('#signatures')).toContain('Đã ký')
  }, 90_000)

  it('5. the worker signs on a phone: "Hợp đồng của tôi", the PDF, consent, the code', async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    })
    try {
      const page = await phone.newPage()
      page.setDefaultTimeout(30_000)
      // The account page links nowhere (see the report), so the worker starts from their contracts' link.
      await signInTo(page, s.appUrl, s.worker.account.loginId, '/me/documents')
      await page.click('header a[href="/me/documents"]')
      await page.waitForSelector('#waiting li')
      await screenshot(page, '07-worker-phone-list')
      await page.click('#waiting li a.title')
      await page.waitForURL(`${s.appUrl}${documentPath}`)
      // R6.6: the sign button waits until the worker has opened the contract.
      expect(await page.isDisabled('#sign-button')).toBe(true)
      const [pdf] = await Promise.all([page.waitForEvent('popup'), page.click('#open-pdf')])
      await pdf.waitForLoadState().catch(() => undefined)
      await pdf.close()
      // The server recorded the opening: a fresh page offers the button enabled.
      await waitFor(
        'the opening recorded',
        async () => {
          await page.reload()
          return !(await page.isDisabled('#sign-button'))
        },
        { timeoutMs: 20_000, intervalMs: 500 },
      )
      await page.check('#consent')
      // The sign form at the top of the phone's screen (headless Chromium leaves the PDF frame blank).
      await page.$eval('#sign-form', (form) => form.scrollIntoView({ block: 'start' }))
      await page.evaluate('window.scrollBy(0, -70)')
      await screenshot(page, '08-worker-phone-signing', { viewport: true })
      await page.click('#sign-button')
      await enterSimulatedCode(page)
      expect(await page.textContent('#signed')).toContain('Văn bản đã được các bên ký đầy đủ')
    } finally {
      await phone.close()
    }
  }, 120_000)

  it('6. the contract ID appears on the document page', async () => {
    await hrPage.goto(`${s.appUrl}${documentPath}`)
    // The page reloads itself while the Platform decides; reload here too, so a slow round never stalls it.
    await waitFor(
      'the contract ID on the page',
      async () => {
        if (await hrPage.isVisible('#contract-id')) return true
        await hrPage.waitForTimeout(1_000)
        await hrPage.reload()
        return false
      },
      { timeoutMs: 90_000, intervalMs: 0 },
    )
    contractId = ((await hrPage.textContent('#contract-id')) ?? '').trim()
    expect(contractId).toMatch(/^A\d{12}$/)
    await hrPage.waitForSelector('[data-status="issued"]')
    expect(await hrPage.locator('#history li[data-type="issued"]').count()).toBe(1)
    await screenshot(hrPage, '09-contract-issued')
  }, 120_000)

  it('7. both parties receive the ID-bearing PDF by e-mail', async () => {
    const name = `HDLD-${contractId}.pdf`
    const copies: Buffer[] = []
    for (const to of [WORKER_EMAIL, EMPLOYER_EMAIL]) {
      const message = await waitFor(
        `${name} mailed to ${to}`,
        async () =>
          (await mailTo(s.sim.baseUrl, to)).find((m) => m.attachments.some((a) => a.filename === name)),
        { timeoutMs: 60_000, intervalMs: 250 },
      )
      expect(message.subject).toContain(contractId)
      const attachment = message.attachments.find((a) => a.filename === name)
      copies.push(await download(s.sim.baseUrl, attachment?.url as string))
    }
    const [worker, employer] = copies as [Buffer, Buffer]
    expect(worker.subarray(0, 5).toString()).toBe('%PDF-')
    expect(worker.equals(employer)).toBe(true)
    expect(worker.toString('latin1')).toContain(`/ElcContractId (${contractId})`)
    issuedPdf = worker
    await hrPage.goto(`${s.sim.baseUrl}/mail?to=${encodeURIComponent(WORKER_EMAIL)}`)
    await screenshot(hrPage, '10-simulator-mailbox')
  }, 90_000)

  it.runIf(missingCheckers.length === 0)(
    '8. pdfsig finds both signatures valid and trusted; elc verify exits 0',
    async () => {
      const file = await dir.write(`HDLD-${contractId}.pdf`, issuedPdf)
      const root = await dir.write('sim-root.pem', s.sim.rootPem)
      const nss = await nssTrusting(dir, s.sim.rootPem)
      const out = await run('pdfsig', ['-nssdir', nss, file])
      expect(out.code, out.stderr).toBe(0)
      const signatures = out.stdout
        .split(/^Signature #\d+:$/m)
        .slice(1)
        .filter((b) => b.includes('Signature Type: ETSI.CAdES.detached'))
      expect(signatures).toHaveLength(2)
      for (const block of signatures) {
        expect(block).toContain('Signature Validation: Signature is Valid.')
        expect(block).toContain('Certificate Validation: Certificate is Trusted.')
      }
      expect(signatures[0]?.normalize('NFC')).toContain(`Signer Certificate Common Name: ${s.company.name}`)
      expect(signatures[1]?.normalize('NFC')).toContain(
        `Signer Certificate Common Name: ${s.worker.fullName}`,
      )

      const verify = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'apps/cli/src/main.ts', 'verify', file, '--trust', root],
          { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
          (err, stdout, stderr) =>
            resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
        )
      })
      expect(verify.code, `${verify.stdout}\n${verify.stderr}`).toBe(0)
      expect(verify.stdout).toContain(contractId)
    },
    120_000,
  )

  it('9. the provider’s operator sees the outbox on the operations page', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' })
    try {
      const page = await context.newPage()
      await signInTo(page, s.appUrl, s.operator.account.loginId, '/operations')
      const body = (await page.textContent('body')) ?? ''
      expect(body).toContain('Hàng đợi gửi Nền tảng')
      // The operator sees document references, never the parties' personal data.
      expect(body.normalize('NFC')).not.toContain(s.worker.fullName)
      expect(body).not.toContain(s.worker.personalId)
      await screenshot(page, '11-operations')
    } finally {
      await context.close()
    }
    if (TAKING_SCREENSHOTS) console.info('eContract story: screenshots written to docs/screenshots/')
  }, 60_000)
})
