import { webcrypto } from 'node:crypto'
import * as x509 from '../../ca/x509.ts'
import type { Signer } from '../signer.ts'

/** Test-only PKI: root → issuing CA → {OCSP responder, TSA (EC and RSA), leaves}. */
export interface TestPki {
  root: x509.X509Certificate
  ca: x509.X509Certificate
  caSigner: Signer
  ocsp: Signer & { certificate: x509.X509Certificate }
  tsaEc: Signer & { certificate: x509.X509Certificate }
  tsaRsa: Signer & { certificate: x509.X509Certificate }
  /** RSASSA-PSS, the RSA scheme R2.30 asks for; python3-rfc3161ng cannot check it, openssl can. */
  tsaRsaPss: Signer & { certificate: x509.X509Certificate }
  leaves: { good: x509.X509Certificate; revoked: x509.X509Certificate; unknown: x509.X509Certificate }
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const
const EC_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const
const RSA_PSS = { ...RSA, name: 'RSA-PSS' } as const
const OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5'

const gen = (alg: webcrypto.EcKeyGenParams | webcrypto.RsaHashedKeyGenParams) =>
  webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>

let serialCounter = 0x1000

async function issue(
  subject: string,
  keys: webcrypto.CryptoKeyPair,
  issuer: { cert?: x509.X509Certificate; keys: webcrypto.CryptoKeyPair },
  extensions: x509.Extension[],
  serial = (serialCounter++).toString(16),
): Promise<x509.X509Certificate> {
  const now = Date.now()
  return x509.X509CertificateGenerator.create({
    serialNumber: serial.length % 2 ? `0${serial}` : serial,
    subject,
    issuer: issuer.cert?.subject ?? subject,
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 30 * 86_400_000),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: EC_SIGN,
    extensions: [
      ...extensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.cert ? issuer.cert.publicKey : keys.publicKey),
    ],
  })
}

export async function buildTestPki(): Promise<TestPki> {
  const rootKeys = await gen(EC)
  const caKeys = await gen(EC)
  const ocspKeys = await gen(EC)
  const tsaEcKeys = await gen(EC)
  const tsaRsaKeys = await gen(RSA)
  const tsaPssKeys = await gen(RSA_PSS)
  const leafKeys = await gen(EC)

  const caExt = (pathLen?: number) => [
    new x509.BasicConstraintsExtension(true, pathLen, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ]
  const root = await issue('CN=ELC Test Root (simulator),O=ELC,C=VN', rootKeys, { keys: rootKeys }, caExt())
  const rootIssuer = { cert: root, keys: rootKeys }
  const ca = await issue('CN=ELC Test Issuing CA (simulator),O=ELC,C=VN', caKeys, rootIssuer, caExt(0))
  const caIssuer = { cert: ca, keys: caKeys }

  const ocspCert = await issue('CN=ELC Test OCSP Responder,O=ELC,C=VN', ocspKeys, caIssuer, [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.ocspSigning], false),
    new x509.Extension(OCSP_NOCHECK, false, new Uint8Array([0x05, 0x00])),
  ])
  const tsaExt = () => [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    // RFC 3161 §2.3: the TSA certificate's EKU must be timeStamping only, and critical.
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
  ]
  const tsaEcCert = await issue('CN=ELC Test TSA EC,O=ELC,C=VN', tsaEcKeys, caIssuer, tsaExt())
  const tsaRsaCert = await issue('CN=ELC Test TSA RSA,O=ELC,C=VN', tsaRsaKeys, caIssuer, tsaExt())
  const tsaPssCert = await issue('CN=ELC Test TSA RSA-PSS,O=ELC,C=VN', tsaPssKeys, caIssuer, tsaExt())

  const leafExt = () => [
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
  ]
  const leaf = (cn: string, serial: string) =>
    issue(`CN=${cn},O=ELC,C=VN`, leafKeys, caIssuer, leafExt(), serial)

  return {
    root,
    ca,
    caSigner: { certificate: ca, privateKey: caKeys.privateKey, chain: [root] },
    ocsp: { certificate: ocspCert, privateKey: ocspKeys.privateKey, chain: [ca] },
    tsaEc: { certificate: tsaEcCert, privateKey: tsaEcKeys.privateKey, chain: [ca] },
    tsaRsa: { certificate: tsaRsaCert, privateKey: tsaRsaKeys.privateKey, chain: [ca] },
    tsaRsaPss: { certificate: tsaPssCert, privateKey: tsaPssKeys.privateKey, chain: [ca] },
    leaves: {
      good: await leaf('Nguyễn Văn An', '0a01'),
      revoked: await leaf('Trần Thị Bình', '0a02'),
      unknown: await leaf('Lê Văn Cường', '0a03'),
    },
  }
}

export const toPem = (certs: x509.X509Certificate[]): string => certs.map((c) => c.toString('pem')).join('\n')
