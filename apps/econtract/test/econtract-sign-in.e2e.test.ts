// A synthetic worker signs in to the eContract through the simulator's VNeID pages in Chromium at level 2
// and sees only their own details; a locked account is refused (the Platform's test has the same shape).
import { createServer } from 'node:net'
import { createDatabase, type Database } from '@elc/db'
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
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEContract } from '../src/app.ts'

const missing = browserMissing()
if (missing) console.warn(`eContract sign-in browser test skipped: ${missing}`)

let sim: SimFixture
let database: Database<unknown>
let app: Awaited<ReturnType<typeof buildEContract>>
let appUrl: string
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
  people = (await seedAccounts(sim.baseUrl, 'econtract-e2e', 6, 1)).filter(
    (a) => a.kind === 'person' && a.assuranceLevel === 2 && a.status === 'active',
  )
  const port = await freePort()
  appUrl = `http://127.0.0.1:${port}`
  const client = await registerClient(sim.baseUrl, appUrl, 'eContract (kiểm thử)')
  database = await createDatabase({ url: 'memory://' })
  app = await buildEContract({
    database,
    identity: {
      issuer: `${sim.baseUrl}/vneid`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      appUrl,
      cookieSecret: 'econtract-kiem-thu-cookie-secret-0123456789',
      level2Acr: 'vneid:level2',
      allowInsecureIssuer: true,
      piiKey: 'econtract-kiem-thu',
    },
  })
  await app.listen({ host: '127.0.0.1', port })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await database?.close()
  await sim?.close()
})

describe.runIf(!missing)('eContract sign-in with VNeID in Chromium', () => {
  it('a level 2 worker sees their own name and personal ID, and nobody else’s', async () => {
    const [me, other] = people
    if (!me || !other) throw new Error('the seed gave fewer than two level 2 people')
    const context = await browser.newContext()
    const page = await context.newPage()
    await signInWithVneid(page, appUrl, me, DEMO_PASSWORD)
    expect((await page.textContent('#name'))?.normalize('NFC')).toBe(
      String(me.profile.fullName).normalize('NFC'),
    )
    expect(await page.textContent('#personal-id')).toBe(me.loginId)
    expect(await page.content()).not.toContain(other.loginId)
    await context.close()
  })

  it('a locked account is refused and never reaches the eContract', async () => {
    const locked = people[2]
    if (!locked) throw new Error('no third person')
    await lockAccount(sim.baseUrl, locked.id)
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${appUrl}/auth/login?returnTo=/account`)
    await page.fill('#loginId', locked.loginId)
    await page.fill('#password', DEMO_PASSWORD)
    await page.click('button[type=submit]:not(.secondary)')
    expect(await page.content()).toContain('đang bị khóa')
    expect(page.url().startsWith(appUrl)).toBe(false)
    await context.close()
  })
})
