// Test-only: small certificate hierarchies built with @peculiar/x509, to exercise path validation.
import { webcrypto } from 'node:crypto'
import * as x509 from '../x509.ts'

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const
const DAY = 86_400_000

export interface TestCert {
  cert: x509.X509Certificate
  der: Uint8Array
  keys: webcrypto.CryptoKeyPair
}

let serial = 0x100

export async function makeCert(p: {
  name: string
  issuer?: TestCert
  /** Sign with these keys instead of the issuer's (a forged certificate). */
  signWith?: webcrypto.CryptoKeyPair
  ca?: boolean
  pathLength?: number
  keyUsage?: x509.KeyUsageFlags
  notBefore?: Date
  notAfter?: Date
}): Promise<TestCert> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const extensions: x509.Extension[] = []
  if (p.ca !== undefined) extensions.push(new x509.BasicConstraintsExtension(p.ca, p.pathLength, true))
  const usage = p.keyUsage ?? (p.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : undefined)
  if (usage !== undefined) extensions.push(new x509.KeyUsagesExtension(usage, true))
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject: p.name,
    issuer: p.issuer?.cert.subject ?? p.name,
    notBefore: p.notBefore ?? new Date(Date.now() - DAY),
    notAfter: p.notAfter ?? new Date(Date.now() + 365 * DAY),
    publicKey: keys.publicKey as never,
    signingKey: (p.signWith ?? p.issuer?.keys ?? keys).privateKey as never,
    signingAlgorithm: SIGN,
    extensions,
  })
  return { cert, der: new Uint8Array(cert.rawData), keys }
}
