import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assembleSignedData } from '../cms/assemble-signed-data.ts'
import { buildSignedAttributes } from '../cms/signed-attributes.ts'
import { openssl, opensslCmsVerify } from '../cms/testing/test-certificates.ts'
import { localKeySigner } from './local-key-signer.ts'
import { loadPkcs12 } from './pkcs12.ts'

// PKCS#12 files as `openssl pkcs12 -export` writes them with OpenSSL 3 defaults (PBES2, AES-256-CBC,
// PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC), holding an EC or an RSA key with its CA.
let dir: string
const f = (name: string) => join(dir, name)
const PASSWORD = 'Mật-khẩu 2026'
const content = new TextEncoder().encode('Hợp đồng lao động — bản PDF')

async function run(...args: string[]) {
  const r = await openssl(...args)
  expect(r.ok, r.out).toBe(true)
  return r
}

async function makeP12(name: string, keyArgs: string[], password: string) {
  await run(
    'req',
    '-new',
    '-newkey',
    ...keyArgs,
    '-nodes',
    '-utf8',
    '-subj',
    `/CN=Nguyễn Thị Hồng Nhung/serialNumber=CCCD:001190012345`,
    '-keyout',
    f(`${name}.key`),
    '-out',
    f(`${name}.csr`),
  )
  await run(
    'x509',
    '-req',
    '-in',
    f(`${name}.csr`),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    f(`${name}.pem`),
  )
  await run(
    'pkcs12',
    '-export',
    '-inkey',
    f(`${name}.key`),
    '-in',
    f(`${name}.pem`),
    '-certfile',
    f('ca.pem'),
    '-passout',
    `pass:${password}`,
    '-out',
    f(`${name}.p12`),
  )
  return new Uint8Array(await readFile(f(`${name}.p12`)))
}

async function pemToDer(name: string): Promise<Uint8Array> {
  const r = await run('x509', '-in', f(name), '-outform', 'DER')
  return new Uint8Array(r.stdout)
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elc-pki-p12-'))
  await run(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-utf8',
    '-subj',
    '/CN=CA thử nghiệm/O=ELC',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
  )
  await writeFile(f('content.bin'), content)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadPkcs12', () => {
  it.each([
    ['ec', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'SHA-256'],
    ['ec384', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'SHA-384'],
    ['rsa', ['rsa:2048'], 'SHA-256'],
  ] as const)(
    'loads an openssl-made %s file and its key signs a CMS openssl verifies',
    async (name, keyArgs, hash) => {
      const p12 = await makeP12(name, [...keyArgs], PASSWORD)
      const info = await run(
        'pkcs12',
        '-info',
        '-in',
        f(`${name}.p12`),
        '-passin',
        `pass:${PASSWORD}`,
        '-noout',
      )
      expect(info.out).toMatch(/PBES2.*AES-256-CBC/)

      const loaded = await loadPkcs12(p12, PASSWORD)
      expect(Buffer.from(loaded.certificate)).toEqual(Buffer.from(await pemToDer(`${name}.pem`)))
      expect(loaded.chain.map((c) => Buffer.from(c))).toEqual([Buffer.from(await pemToDer('ca.pem'))])
      expect(loaded.privateKey.extractable).toBe(false)

      const signer = localKeySigner(loaded.privateKey, loaded.certificate, loaded.chain)
      const signedAttributes = buildSignedAttributes({
        contentDigest: createHash(hash.replace('-', '').toLowerCase()).update(content).digest(),
        digestAlgorithm: hash,
        signerCertificate: signer.certificate,
      })
      const cms = assembleSignedData({
        signedAttributes,
        signature: await signer.sign(signedAttributes, hash),
        certificate: signer.certificate,
        chain: signer.chain,
        digestAlgorithm: hash,
      })
      await writeFile(f(`${name}.p7s`), cms)
      const verified = await opensslCmsVerify(f(`${name}.p7s`), f('content.bin'), f('ca.pem'))
      expect(verified.out).toContain('Verification successful')
    },
  )

  it('answers a wrong password with PKCS12_PASSWORD_WRONG', async () => {
    const p12 = await makeP12('wrong', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], PASSWORD)
    await expect(loadPkcs12(p12, 'sai mật khẩu')).rejects.toMatchObject({ code: 'PKCS12_PASSWORD_WRONG' })
    await expect(loadPkcs12(p12, '')).rejects.toMatchObject({ code: 'PKCS12_PASSWORD_WRONG' })
  })

  it('answers bytes that are not PKCS#12 with PKCS12_MALFORMED', async () => {
    await expect(loadPkcs12(new TextEncoder().encode('not a pfx'), PASSWORD)).rejects.toMatchObject({
      code: 'PKCS12_MALFORMED',
    })
  })
})

describe('localKeySigner', () => {
  it('refuses to sign with a key that is not the certificate’s', async () => {
    const a = await loadPkcs12(
      await makeP12('a', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], PASSWORD),
      PASSWORD,
    )
    const b = await loadPkcs12(await makeP12('b', ['rsa:2048'], PASSWORD), PASSWORD)
    const attrs = buildSignedAttributes({
      contentDigest: new Uint8Array(32),
      digestAlgorithm: 'SHA-256',
      signerCertificate: a.certificate,
    })
    const other = await makeP12('c', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], PASSWORD)
    const c = await loadPkcs12(other, PASSWORD)
    await expect(localKeySigner(c.privateKey, a.certificate).sign(attrs, 'SHA-256')).rejects.toMatchObject({
      code: 'SIGNER_KEY_MISMATCH',
    })
    await expect(localKeySigner(b.privateKey, a.certificate).sign(attrs, 'SHA-256')).rejects.toMatchObject({
      code: 'SIGNER_KEY_MISMATCH',
    })
    expect(() =>
      localKeySigner('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', a.certificate),
    ).toThrow(expect.objectContaining({ code: 'PRIVATE_KEY_INVALID' }))
  })
})
