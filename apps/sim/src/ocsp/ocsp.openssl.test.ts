import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ocspRoutes } from './routes.ts'
import { systemClock } from './signer.ts'
import { MemoryStatusSource } from './status-source.ts'
import { runTool, tempDir } from './testing/run-tool.ts'
import { buildTestPki, type TestPki, toPem } from './testing/test-pki.ts'

// Interop: the responder as seen by `openssl ocsp` (POST, SHA-1 and SHA-256 CertIDs, nonce on and off).
let pki: TestPki
let app: FastifyInstance
let url: string
let dir: Awaited<ReturnType<typeof tempDir>>
const revokedAt = new Date('2026-01-15T03:04:05Z')

beforeAll(async () => {
  pki = await buildTestPki()
  const statusSource = new MemoryStatusSource()
    .set(0x0a01n, { status: 'good' })
    .set(0x0a02n, { status: 'revoked', revokedAt, reason: 1 })
  app = Fastify()
  await app.register(ocspRoutes, {
    responders: [{ issuer: pki.ca, responder: pki.ocsp }],
    statusSource,
    clock: systemClock,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const addr = app.server.address()
  if (!addr || typeof addr === 'string') throw new Error('no port')
  url = `http://127.0.0.1:${addr.port}/ocsp`
  dir = await tempDir()
  await dir.write('root.pem', toPem([pki.root]))
  await dir.write('ca.pem', toPem([pki.ca]))
  await dir.write('good.pem', toPem([pki.leaves.good]))
  await dir.write('revoked.pem', toPem([pki.leaves.revoked]))
  await dir.write('unknown.pem', toPem([pki.leaves.unknown]))
  await dir.write('root-only.pem', toPem([pki.root]))
})

afterAll(async () => {
  await app?.close()
  await dir?.remove()
})

const ocsp = (leaf: string, ...extra: string[]) =>
  runTool('openssl', [
    'ocsp',
    ...extra,
    '-issuer',
    dir.path('ca.pem'),
    '-cert',
    dir.path(leaf),
    '-url',
    url,
    '-CAfile',
    dir.path('root.pem'),
    '-resp_text',
  ])

describe('OCSP responder against openssl ocsp', () => {
  for (const [label, flags] of [
    ['SHA-1 CertID, nonce', ['-nonce']],
    ['SHA-1 CertID, no nonce', ['-no_nonce']],
    ['SHA-256 CertID, nonce', ['-sha256', '-nonce']],
    ['SHA-256 CertID, no nonce', ['-sha256', '-no_nonce']],
  ] as [string, string[]][]) {
    it(`good (${label})`, async () => {
      const r = await ocsp('good.pem', ...flags)
      expect(r.stderr).toContain('Response verify OK')
      expect(r.stdout).toMatch(/good\.pem: good/)
      // byKey: a 20-byte SHA-1 key hash, not a name
      expect(r.stdout).toMatch(/Responder Id: [0-9A-F]{40}\n/)
      expect(r.stdout).toContain('Next Update:')
      if (flags.includes('-nonce')) expect(r.stdout).toContain('OCSP Nonce')
      else expect(r.stdout).not.toContain('OCSP Nonce')
      if (flags.includes('-sha256')) expect(r.stdout).toContain('Hash Algorithm: sha256')
      else expect(r.stdout).toContain('Hash Algorithm: sha1')
    })

    it(`revoked with reason (${label})`, async () => {
      const r = await ocsp('revoked.pem', ...flags)
      expect(r.stderr).toContain('Response verify OK')
      expect(r.stdout).toMatch(/revoked\.pem: revoked/)
      expect(r.stdout).toContain('Reason: keyCompromise')
      expect(r.stdout).toContain('Revocation Time: Jan 15 03:04:05 2026 GMT')
    })

    it(`unknown (${label})`, async () => {
      const r = await ocsp('unknown.pem', ...flags)
      expect(r.stderr).toContain('Response verify OK')
      expect(r.stdout).toMatch(/unknown\.pem: unknown/)
    })
  }

  it('answers unauthorized for an issuer it does not serve', async () => {
    // The root issued the CA certificate, but this responder only speaks for the issuing CA.
    await dir.write('ca-as-leaf.pem', toPem([pki.ca]))
    const r = await runTool('openssl', [
      'ocsp',
      '-issuer',
      dir.path('root-only.pem'),
      '-cert',
      dir.path('ca-as-leaf.pem'),
      '-url',
      url,
      '-resp_text',
      '-no_nonce',
    ])
    expect(`${r.stdout}${r.stderr}`).toMatch(/unauthorized/i)
  })
})
