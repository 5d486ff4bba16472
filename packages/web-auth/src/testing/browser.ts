// Debian's Chromium driven by playwright-core, with the flags this machine's closed network needs.
import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM = process.env.ELC_CHROMIUM ?? '/usr/bin/chromium'

/** Why a browser test cannot run here, or undefined when it can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)`
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Through the simulator's VNeID pages: ID and password, the one-time code shown in simulator mode, consent. */
export async function signInWithVneid(
  page: Page,
  appUrl: string,
  account: { loginId: string },
  password: string,
): Promise<void> {
  await page.goto(`${appUrl}/auth/login?returnTo=/account`)
  await page.fill('#loginId', account.loginId)
  await page.fill('#password', password)
  await page.click('button[type=submit]:not(.secondary)')
  const otp = await page.textContent('#otp')
  await page.fill('#code', (otp ?? '').trim())
  await page.click('button[type=submit]:not(.secondary)')
  await page.click('button[type=submit]:not(.secondary)')
  await page.waitForURL(`${appUrl}/account`)
}
