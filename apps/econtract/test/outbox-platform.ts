// A Platform on a loopback port for the outbox's tests, with trust in the simulator's root, that can be
// stopped and started again on the same port and database (an outage); a provider registered with a key
// the test holds (as the eContract's configuration would); signed contracts; a fetch that counts.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database, type Kysely } from '@elc/db'
import { generateNoteKey } from '@elc/ledger'
import { TrustStore } from '@elc/pki'
import type { SimFixture, SimSubscriber } from '@elc/pki/testing'
import { buildPlatform, openPlatformLedger, type PlatformLedger } from '@elc/platform'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { changeAgreementStatus } from '../../platform/src/providers/change-agreement-status.ts'
import { addProviderKey } from '../../platform/src/providers/manage-provider-keys.ts'
import { ProvidersRepo } from '../../platform/src/providers/providers-repo.ts'
import { registerProvider } from '../../platform/src/providers/register-provider.ts'
import type { ProvidersDatabase } from '../../platform/src/providers/schema.ts'
import { signedContract } from '../../platform/test/signed-contract.ts'
import type { PlatformConnectionConfig } from '../src/platform-connection/index.ts'

export const PUBLIC_URL = 'http://platform.test'

export const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'))

export interface TestPlatform {
  readonly base: string
  readonly port: number
  readonly database: Database<unknown>
  /** Closes the listener: the port refuses connections until start(). */
  stop(): Promise<void>
  /** Listens again on the same port, over the same database and ledger. */
  start(): Promise<void>
  close(): Promise<void>
  /** Registers and activates a provider whose private key the caller receives. */
  provider(taxCode: string): Promise<PlatformConnectionConfig>
  /** Submissions the Platform holds, per Idempotency-Key. */
  submissionsPerKey(): Promise<Map<string, number>>
}

export async function startTestPlatform(sim: SimFixture): Promise<TestPlatform> {
  const database = await createDatabase({ url: 'memory://' })
  const ledger: PlatformLedger = await openPlatformLedger(database, {
    origin: 'nentang-hdld.test/ledger',
    signerKey: generateNoteKey('nentang-hdld.test').signerKey,
    keyFile: '/nonexistent',
  })
  const submissions = {
    trust: TrustStore.fromBytes(sim.rootDer),
    blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-outbox-platform-'))),
    pii: new PiiCipher({
      keys: [{ id: 'k1', key: Buffer.alloc(32, 9) }],
      currentKeyId: 'k1',
      lookupKey: 'nt',
    }),
  }
  let app: Awaited<ReturnType<typeof buildPlatform>> | undefined
  let port = 0
  const start = async () => {
    app = await buildPlatform({ database, ledger, publicUrl: PUBLIC_URL, submissions })
    const url = new URL(await app.listen({ host: '127.0.0.1', port }))
    port = Number(url.port)
  }
  const stop = async () => {
    await app?.close()
    app = undefined
  }
  await start()
  return {
    get base() {
      return `http://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    database,
    start,
    stop,
    async close() {
      await stop()
      await ledger.close()
      await database.close()
    },
    async provider(taxCode) {
      const repo = new ProvidersRepo(database.db as Kysely<ProvidersDatabase>)
      const now = new Date()
      const site = `https://${taxCode}.example.vn`
      const { provider } = await registerProvider(
        repo,
        {
          name: `Công ty Hợp đồng Số ${taxCode}`,
          taxCode,
          website: site,
          serviceName: 'Hợp đồng Số',
          supportContact: `hotro@${taxCode}.example.vn`,
          feeScheduleUrl: `${site}/bang-gia`,
          termsUrl: `${site}/dieu-khoan`,
        },
        'setup',
        now,
      )
      const pair = await generateKeyPair('ES256', { extractable: true })
      const kid = randomUUID()
      const publicJwk = { ...(await exportJWK(pair.publicKey)), kid }
      await addProviderKey(repo, { providerId: provider.id, jwk: publicJwk, by: 'setup' }, now)
      await changeAgreementStatus(repo, { providerId: provider.id, status: 'active', by: 'setup' }, now)
      const privateKey: JWK = { ...(await exportJWK(pair.privateKey)), kid }
      return {
        baseUrl: `http://127.0.0.1:${port}`,
        clientId: provider.id,
        privateKey,
        audience: `${PUBLIC_URL}/oauth/token`,
      }
    },
    async submissionsPerKey() {
      const rows = await (database.db as Kysely<{ submission: { idempotency_key: string } }>)
        .selectFrom('submission')
        .select(['idempotency_key', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
        .groupBy('idempotency_key')
        .execute()
      return new Map(rows.map((r) => [r.idempotency_key, Number(r.n)]))
    },
  }
}

/** Distinct contracts with the same two parties: the example with another job title each. */
export async function signedContracts(
  sim: SimFixture,
  parties: SimSubscriber[],
  base: { job: { title: string } },
  count: number,
): Promise<{ data: unknown; pdf: Buffer }[]> {
  const out: { data: unknown; pdf: Buffer }[] = []
  for (let i = 0; i < count; i++) {
    const data = { ...base, job: { ...base.job, title: `${base.job.title} (vị trí ${i + 1})` } }
    out.push({ data, pdf: await signedContract(sim, data, parties) })
  }
  return out
}

/** A fetch that counts POST /v1/submissions per Idempotency-Key and the most in flight at once per key. */
export function countingFetch(inner: typeof fetch = fetch) {
  const posts = new Map<string, number>()
  const inFlight = new Map<string, number>()
  const maxInFlight = new Map<string, number>()
  const wrapped: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const key = request.headers.get('idempotency-key')
    const counted = request.method === 'POST' && new URL(request.url).pathname === '/v1/submissions' && key
    if (!counted) return inner(request)
    posts.set(key, (posts.get(key) ?? 0) + 1)
    const now = (inFlight.get(key) ?? 0) + 1
    inFlight.set(key, now)
    maxInFlight.set(key, Math.max(maxInFlight.get(key) ?? 0, now))
    try {
      return await inner(request)
    } finally {
      inFlight.set(key, (inFlight.get(key) ?? 1) - 1)
    }
  }
  return { fetch: wrapped, posts, maxInFlight }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 30_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

export const testPii = () =>
  new PiiCipher({ keys: [{ id: 'o1', key: Buffer.alloc(32, 4) }], currentKeyId: 'o1', lookupKey: 'outbox' })

export const testBlobs = () => new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-outbox-blobs-')))
