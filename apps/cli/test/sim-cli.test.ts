// `elc sim issue | revoke | list` against a simulator started here on loopback, checked with openssl.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createDatabase, type Database } from '@elc/db'
import { buildSimulator } from '@elc/sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runElc } from './run-elc.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const NAME = 'Nguyễn Thị Hồng Nhung'
const dir = mkdtempSync(join(tmpdir(), 'elc-sim-cli-'))
let database: Database<unknown>
let app: Awaited<ReturnType<typeof buildSimulator>>['app']
let base: string

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

const run = runElc

/** openssl without blocking: the simulator answers from this process. */
async function openssl(...args: string[]): Promise<{ ok: boolean; out: string }> {
  return promisify(execFile)('openssl', args, { encoding: 'utf8' }).then(
    (r) => ({ ok: true, out: r.stdout + r.stderr }),
    (e) => ({ ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  )
}

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  database = await createDatabase({ url: 'memory://' })
  app = (await buildSimulator({ db: database.db as never, baseUrl: base })).app
  await app.listen({ port, host: '127.0.0.1' })
  process.env.SIM_BASE_URL = base
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('elc sim', () => {
  let personSerial: string

  it('issue --profile person writes certificate, key and chain that openssl accepts', async () => {
    const outDir = join(dir, 'person')
    const r = await run(
      'sim',
      'issue',
      '--profile',
      'person',
      '--name',
      NAME,
      '--personal-id',
      '001190012345',
      '--out',
      outDir,
    )
    expect(r.err).toBe('')
    expect(r.status).toBe(0)
    expect(r.out).toContain('Đã cấp chứng thư số / Certificate issued')
    personSerial = /Serial:\s+([0-9a-f]+)/.exec(r.out)?.[1] as string
    expect(personSerial).toMatch(/^[0-9a-f]+$/)
    const cert = join(outDir, `${personSerial}.cert.pem`)
    const key = join(outDir, `${personSerial}.key.pem`)
    const chain = join(outDir, `${personSerial}.chain.pem`)
    expect(statSync(key).mode & 0o777).toBe(0o600)
    const subject = await openssl('x509', '-in', cert, '-noout', '-subject', '-nameopt', 'utf8')
    expect(subject.out).toContain(NAME)
    // The chain file holds the issuing CA then the root: verify against the root as the only anchor.
    const pems = readFileSync(chain, 'utf8').match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
    )
    expect(pems).toHaveLength(2)
    const verify = await openssl('verify', '-partial_chain', '-CAfile', chain, cert)
    expect(verify).toMatchObject({ ok: true })
    // The key belongs to the certificate.
    const fromCert = await openssl('x509', '-in', cert, '-noout', '-pubkey')
    const fromKey = await openssl('pkey', '-in', key, '-pubout')
    expect(fromKey.out).toBe(fromCert.out)
  })

  it('issue --profile organisation --key rsa-pss-2048 prints the certificate when no --out is given', async () => {
    const r = await run(
      'sim',
      'issue',
      '--profile',
      'organisation',
      '--name',
      'Công ty TNHH Sông Hồng',
      '--tax-code',
      '0101234567',
      '--key',
      'rsa-pss-2048',
    )
    expect(r.status).toBe(0)
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.exec(r.out)?.[0] as string
    writeFileSync(join(dir, 'org.pem'), pem)
    const text = await openssl('x509', '-in', join(dir, 'org.pem'), '-noout', '-text')
    expect(text.out).toMatch(/Public Key Algorithm: rsa[\s\S]*Public-Key: \(2048 bit\)/)
    expect(text.out).toContain('0101234567')
  })

  it('list shows what was issued; revoke revokes once and is refused (exit 1) the second time', async () => {
    const listed = await run('sim', 'list')
    expect(listed.status).toBe(0)
    expect(listed.out).toContain('Chứng thư số / Certificates')
    expect(listed.out).toMatch(new RegExp(`${personSerial}\\s+person\\s+hiệu lực / good`))

    const revoked = await run('sim', 'revoke', personSerial, '--reason', 'keyCompromise')
    expect(revoked.status).toBe(0)
    expect(revoked.out).toContain('Đã thu hồi chứng thư số / Certificate revoked')
    expect(revoked.out).toContain('keyCompromise')

    const again = await run('sim', 'revoke', personSerial)
    expect(again.status).toBe(1)
    expect(again.err).toContain('HTTP 409 CA_CERTIFICATE_ALREADY_REVOKED')
    expect(again.err).toContain('đã bị thu hồi')
    expect(again.err).toContain('already revoked')

    const json = await run('sim', 'list', '--json')
    const records = JSON.parse(json.out) as { serialNumber: string; revocationReason: string | null }[]
    expect(records.find((c) => c.serialNumber === personSerial)?.revocationReason).toBe('keyCompromise')
  })

  it('exits 1 when the simulator refuses: unknown serial, an invalid personal ID', async () => {
    const unknown = await run('sim', 'revoke', '7fffffffffff')
    expect(unknown.status).toBe(1)
    expect(unknown.err).toContain('CA_CERTIFICATE_NOT_FOUND')
    const badId = await run('sim', 'issue', '--profile', 'person', '--name', NAME, '--personal-id', '123')
    expect(badId.status).toBe(1)
    expect(badId.err).toMatch(/HTTP 400 \S+/)
  })

  it.each([
    [['sim', 'issue', '--name', NAME, '--personal-id', '001190012345']],
    [['sim', 'issue', '--profile', 'person', '--name', NAME]],
    [['sim', 'issue', '--profile', 'organisation', '--name', 'X', '--personal-id', '001190012345']],
    [
      [
        'sim',
        'issue',
        '--profile',
        'person',
        '--name',
        NAME,
        '--personal-id',
        '001190012345',
        '--key',
        'rsa-1024',
      ],
    ],
    [['sim', 'revoke']],
    [['sim', 'revoke', 'not-hex']],
    [['sim', 'revoke', 'abcd', '--reason', 'bored']],
    [['sim', 'list', 'extra']],
    [['sim', 'frobnicate']],
  ])('exits 2 on a usage error: %j', async (argv) => {
    const r = await run(...argv)
    expect(r.status).toBe(2)
    expect(r.err.length).toBeGreaterThan(0)
    expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('exits 1 with one line when nothing listens at SIM_BASE_URL', async () => {
    const port = await freePort()
    process.env.SIM_BASE_URL = `http://127.0.0.1:${port}`
    try {
      const r = await run('sim', 'list')
      expect(r.status).toBe(1)
      expect(r.err).toContain('cannot reach the simulator')
    } finally {
      process.env.SIM_BASE_URL = base
    }
  })

  it('runs as its own process', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'apps/cli/bin/elc.js'), 'sim', 'list', '--json'],
      { env: { ...process.env, SIM_BASE_URL: base }, encoding: 'utf8' },
    )
    const records = JSON.parse(stdout) as { serialNumber: string }[]
    expect(records.map((c) => c.serialNumber)).toContain(personSerial)
    const refused = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'apps/cli/bin/elc.js'), 'sim', 'revoke', personSerial],
      { env: { ...process.env, SIM_BASE_URL: base }, encoding: 'utf8' },
    ).catch((e) => e)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('CA_CERTIFICATE_ALREADY_REVOKED')
  })
})
