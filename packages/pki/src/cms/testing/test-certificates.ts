// Throwaway certificates for unit tests: a CA and leaves of each key type, made with @peculiar/x509.
import { execFile } from 'node:child_process'
import { webcrypto } from 'node:crypto'
import * as x509 from '../x509.ts'

export type TestKeyType = 'P-256' | 'P-384' | 'P-521' | 'RSA'

export interface TestCredential {
  der: Uint8Array
  pem: string
  privateKey: webcrypto.CryptoKey
  privateKeyPem: string
}

function keyParams(type: TestKeyType) {
  return type === 'RSA'
    ? { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
    : { name: 'ECDSA', namedCurve: type }
}

function signingAlgorithm(type: TestKeyType) {
  return type === 'RSA'
    ? { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 }
    : { name: 'ECDSA', hash: 'SHA-256' }
}

let serial = 1

export async function makeCredential(
  type: TestKeyType,
  name: string,
  issuer?: TestCredential & { type: TestKeyType },
  extensions: x509.Extension[] = [],
): Promise<TestCredential & { type: TestKeyType }> {
  const keys = (await webcrypto.subtle.generateKey(keyParams(type), true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const notBefore = new Date(Date.now() - 60_000)
  const notAfter = new Date(Date.now() + 86_400_000)
  const common = {
    serialNumber: (serial++)
      .toString(16)
      .padStart(4, '0')
      .replace(/^[89a-f]/, '7'),
    notBefore,
    notAfter,
    // biome-ignore lint/suspicious/noExplicitAny: @peculiar/x509 types want the DOM CryptoKey
    publicKey: keys.publicKey as any,
  }
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: new x509.X509Certificate(issuer.der).subject,
        // biome-ignore lint/suspicious/noExplicitAny: as above
        signingKey: issuer.privateKey as any,
        signingAlgorithm: signingAlgorithm(issuer.type),
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        ...common,
        name,
        // biome-ignore lint/suspicious/noExplicitAny: as above
        keys: keys as any,
        signingAlgorithm: signingAlgorithm(type),
        extensions: [new x509.BasicConstraintsExtension(true, undefined, true), ...extensions],
      })
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  return {
    type,
    der: new Uint8Array(cert.rawData),
    pem: cert.toString('pem'),
    privateKey: keys.privateKey,
    privateKeyPem: x509.PemConverter.encode(pkcs8.buffer as ArrayBuffer, 'PRIVATE KEY'),
  }
}

export function toPem(ders: Uint8Array[]): string {
  return ders.map((d) => x509.PemConverter.encode(d.slice().buffer as ArrayBuffer, 'CERTIFICATE')).join('\n')
}

/** openssl, asynchronously: tests serve HTTP from this process, so a blocking exec would deadlock them. */
export function openssl(...args: string[]): Promise<{ ok: boolean; out: string; stdout: Buffer }> {
  return new Promise((resolve) => {
    execFile('openssl', args, { encoding: 'buffer', timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ ok: !err, out: stdout.toString('utf8') + stderr.toString('utf8'), stdout }),
    )
  })
}

/** `openssl cms -verify` of a detached DER CMS over `content`, chained to `caFile`. */
export function opensslCmsVerify(p7s: string, content: string, caFile: string) {
  return openssl(
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    p7s,
    '-content',
    content,
    '-CAfile',
    caFile,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  )
}
