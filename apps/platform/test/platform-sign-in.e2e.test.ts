// A synthetic worker signs in to the Platform through the simulator's VNeID pages in a real browser
// (Debian Chromium), at level 2, and sees only their own details; a locked account is refused at the
// identity provider, and locking a signed-in account ends the Platform session by back-channel logout.
import { createServer } from 'node:net'
import { createDatabase, type Database } from '@elc/db'
import { generateNoteKey } from '@elc/ledger'
import { type SimFixture, startSim } from '@elc/pki/testing'
import { DEMO_PASSWORD } from '@elc/sim'
import {
  browserMissing,
  launchChromium,
  lockAccount,
  registerClient,
  type SeededAccount,
  seedAccounts,
  signInWithVneid,
} from '@elc/web-auth/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'

const missing = browserMissing()
if (missing) console.warn(`Platform sign-in browser test skipped: ${missing}`)

let sim: SimFixture
let database: Database<unknown>
let ledger: PlatformLedger
let app: Awaited<ReturnType<typeof buildPlatform>>
let platformUrl: string
let browser: Browser
let people: SeededAccount[]

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

beforeAll(async () => {
  if (missing) return
  sim = await startSim()
  const accounts = await seedAccounts(sim.baseUrl, 'platform-e2e', 8, 1)
  people = accounts.filter((a) => a.kind === 'person' && a.assuranceLevel === 2 && a.status === 'active')
  const port = await freePort()
  platformUrl = `http://127.0.0.1:${port}`
  const client = await registerClient(sim.baseUrl, platformUrl, 'Nền tảng HĐLĐ điện tử (kiểm thử)')
  database = await createDatabase({ url: 'memory://' })
  ledger = await openPlatformLedger(database, {
    origin: 'nentang-hdld.test/ledger',
    signerKey: generateNoteKey('nentang-hdld.test').signerKey,
    keyFile: '/nonexistent',
  })
  app = await buildPlatform({
    database,
    ledger,
    identity: {
      issuer: `${sim.baseUrl}/vneid`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      appUrl: platformUrl,
      cookieSecret: 'kiểm-thử-cookie-secret-0123456789abcdef',
      level2Acr: 'vneid:level2',
      allowInsecureIssuer: true,
      piiKey: 'kiểm-thử-pii-key',
    },
  })
  await app.listen({ host: '127.0.0.1', port })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await ledger?.close()
  await database?.close()
  await sim?.close()
})

const signIn = (page: Page, account: SeededAccount) =>
  signInWithVneid(page, platformUrl, account, DEMO_PASSWORD)

describe.runIf(!missing)('Platform sign-in with VNeID in Chromium', () => {
  it('a level 2 worker sees their own name and personal ID, and nobody else’s', async () => {
    const [me, other] = people
    if (!me || !other) throw new Error('the seed gave fewer than two level 2 people')
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, me)
    expect((await page.textContent('#name'))?.normalize('NFC')).toBe(
      String(me.profile.fullName).normalize('NFC'),
    )
    expect(await page.textContent('#personal-id')).toBe(me.loginId)
    const html = await page.content()
    expect(html).not.toContain(other.loginId)
    expect(html).toContain('Người lao động')
    // The session cookie is HTTP-only: page scripts cannot read it.
    const cookies = await context.cookies(platformUrl)
    expect(cookies.find((c) => c.name === 'elc_session')?.httpOnly).toBe(true)
    expect(await page.evaluate('document.cookie')).not.toContain('elc_session')
    await context.close()
  })

  it('a locked account is refused at the identity provider and never reaches the Platform', async () => {
    const locked = people[2]
    if (!locked) throw new Error('no third person')
    await lockAccount(sim.baseUrl, locked.id)
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${platformUrl}/auth/login?returnTo=/account`)
    await page.fill('#loginId', locked.loginId)
    await page.fill('#password', DEMO_PASSWORD)
    await page.click('button[type=submit]:not(.secondary)')
    expect(await page.content()).toContain('đang bị khóa')
    expect(page.url().startsWith(platformUrl)).toBe(false)
    await context.close()
  })

  it('locking a signed-in account ends the Platform session (back-channel logout)', async () => {
    const person = people[3]
    if (!person) throw new Error('no fourth person')
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, person)
    await lockAccount(sim.baseUrl, person.id)
    const me = await page.request.get(`${platformUrl}/auth/me`)
    expect(await me.json()).toEqual({ signedIn: false })
    await context.close()
  })

  it('refuses a callback without its login state, with a forged state, and a forged logout token', async () => {
    const noState = await fetch(`${platformUrl}/auth/callback?code=abc&state=xyz`, { redirect: 'manual' })
    expect(noState.status).toBe(400)
    expect(await noState.json()).toMatchObject({ code: 'AUTH_LOGIN_EXPIRED' })

    // A real login cookie, but the provider's answer replaced by a forged one.
    const start = await fetch(`${platformUrl}/auth/login`, { redirect: 'manual' })
    const loginCookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0] as string
    const forged = await fetch(`${platformUrl}/auth/callback?code=forged&state=forged`, {
      headers: { cookie: loginCookie },
      redirect: 'manual',
    })
    expect(forged.status).toBe(401)
    expect(await forged.json()).toMatchObject({ code: 'AUTH_SIGN_IN_FAILED', ruleId: 'R1.33' })

    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')
    const body = Buffer.from(JSON.stringify({ sub: people[0]?.id, events: {} })).toString('base64url')
    const logout = await fetch(`${platformUrl}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `logout_token=${header}.${body}.`,
    })
    expect(logout.status).toBe(400)
  })
})
