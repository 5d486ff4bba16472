// Test-only: the national services simulator on a loopback port, with a fetch that counts requests.
import { createServer } from 'node:net'
import { createDatabase } from '@elc/db'
import { buildSimulator, type SimCaDatabase } from '@elc/sim'
import { TrustStore } from '../../trust/trust-store.ts'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface RunningSimulator {
  baseUrl: string
  ca: Awaited<ReturnType<typeof buildSimulator>>['ca']
  db: Awaited<ReturnType<typeof createDatabase<SimCaDatabase>>>
  trust: TrustStore
  close(): Promise<void>
}

/** The base URL must be known before the CA issues anything: it goes into AIA and CRL URLs. */
export async function startSimulator(): Promise<RunningSimulator> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const database = await createDatabase<SimCaDatabase>({ url: 'memory://' })
  const { app, ca } = await buildSimulator({ db: database.db, baseUrl })
  await app.listen({ host: '127.0.0.1', port })
  return {
    baseUrl,
    ca,
    db: database,
    trust: TrustStore.fromBytes(ca.root.der),
    async close() {
      await app.close()
      await database.close()
    },
  }
}

/** A fetch that records each request's method and path. */
export function countingFetch(): {
  fetch: typeof fetch
  requests: string[]
  count: (prefix: string) => number
} {
  const requests: string[] = []
  const wrapped: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}`)
    return fetch(input, init)
  }
  return {
    fetch: wrapped,
    requests,
    count: (prefix) => requests.filter((r) => r.startsWith(prefix)).length,
  }
}
