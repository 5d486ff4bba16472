// `elc sign` and `elc verify` against the simulator on loopback: a PKCS#12 made by openssl signs and
// certifies a contract; verify reports it in Vietnamese and English with the exit codes of the issue.
import { readFileSync, writeFileSync } from 'node:fs'
import { type SimFixture, samplePdf, startSim, type TempDir, tempDir, run as tool } from '@elc/pki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runElc } from './run-elc.ts'

let sim: SimFixture
let dir: TempDir
const saved = process.env.SIM_BASE_URL

const elc = runElc

beforeAll(async () => {
  sim = await startSim()
  process.env.SIM_BASE_URL = sim.baseUrl
  dir = await tempDir('elc-pdf-cli-')
  const worker = await sim.issue({
    profile: 'person',
    fullName: 'Nguyễn Thị Hồng Nhung',
    personalId: '001190012345',
  })
  await dir.write('key.pem', worker.privateKeyPem)
  await dir.write('cert.pem', sim.ca ? toPem(worker.certificate) : '')
  await dir.write('chain.pem', worker.chain.map((c) => toPem(c)).join(''))
  process.env.ELC_TEST_P12_PASSWORD = 'mật khẩu'
  const p12 = await tool('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    dir.path('key.pem'),
    '-in',
    dir.path('cert.pem'),
    '-certfile',
    dir.path('chain.pem'),
    '-out',
    dir.path('worker.p12'),
    '-passout',
    'env:ELC_TEST_P12_PASSWORD',
  ])
  expect(p12.code, p12.stderr).toBe(0)
  writeFileSync(dir.path('contract.pdf'), await samplePdf())
})

afterAll(async () => {
  if (saved === undefined) delete process.env.SIM_BASE_URL
  else process.env.SIM_BASE_URL = saved
  await sim?.close()
  await dir?.remove()
})

function toPem(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`
}

describe('elc sign and elc verify', () => {
  it('signs with a PKCS#12 and certifies (B-LTA); verify says valid in Vietnamese, exit 0', async () => {
    const signed = await elc(
      'sign',
      dir.path('contract.pdf'),
      dir.path('signed.pdf'),
      '--p12',
      dir.path('worker.p12'),
      '--password-env',
      'ELC_TEST_P12_PASSWORD',
      '--name',
      'Nguyễn Thị Hồng Nhung',
      '--visible',
      'last:310,80,545,160',
      '--certify',
    )
    expect(signed.err).toBe('')
    expect(signed.status).toBe(0)
    const v = await elc('verify', dir.path('signed.pdf'))
    expect(v.status, v.out).toBe(0)
    expect(v.out).toContain('Kết luận chung: HỢP LỆ')
    expect(v.out).toContain('Người ký: Nguyễn Thị Hồng Nhung')
    expect(v.out).toContain('Số định danh cá nhân: 001190012345')
    expect(v.out).toContain('Mức PAdES: B-LTA')
    const en = await elc('verify', dir.path('signed.pdf'), '--lang', 'en', '--offline')
    expect(en.status).toBe(0)
    expect(en.out).toContain('Overall: VALID')
    const json = await elc('verify', dir.path('signed.pdf'), '--json')
    expect(JSON.parse(json.out).signatures).toHaveLength(2)
  })

  it('exit 1 when tampered, 2 when status cannot be determined, 3 for a file that is not a PDF', async () => {
    const bytes = readFileSync(dir.path('signed.pdf'))
    const at = bytes.indexOf('/MediaBox') + 2
    bytes[at] = (bytes[at] as number) ^ 0x01
    writeFileSync(dir.path('tampered.pdf'), bytes)
    expect((await elc('verify', dir.path('tampered.pdf'))).status).toBe(1)

    await elc(
      'sign',
      dir.path('contract.pdf'),
      dir.path('bt.pdf'),
      '--p12',
      dir.path('worker.p12'),
      '--password-env',
      'ELC_TEST_P12_PASSWORD',
    )
    const offline = await elc('verify', dir.path('bt.pdf'), '--offline')
    expect(offline.status, offline.out).toBe(2)
    expect(offline.out).toContain('CHƯA XÁC ĐỊNH ĐƯỢC')

    writeFileSync(dir.path('not.pdf'), 'Hợp đồng lao động')
    const notPdf = await elc('verify', dir.path('not.pdf'))
    expect(notPdf.status).toBe(3)
    expect(notPdf.err).toContain('không phải tệp PDF')
  })

  it('a wrong PKCS#12 password is a clear error, not a stack trace', async () => {
    process.env.ELC_TEST_WRONG = 'sai'
    const r = await elc(
      'sign',
      dir.path('contract.pdf'),
      dir.path('x.pdf'),
      '--p12',
      dir.path('worker.p12'),
      '--password-env',
      'ELC_TEST_WRONG',
    )
    expect(r.status).not.toBe(0)
    expect(r.err).toMatch(/mật khẩu|password/i)
  })
})
