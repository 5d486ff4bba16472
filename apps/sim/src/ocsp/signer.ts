import { webcrypto } from 'node:crypto'
import type * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/** A certificate as the CA code may hand it over: DER bytes or a parsed @peculiar/x509 object. */
export type CertificateInput = Uint8Array | ArrayBuffer | x509.X509Certificate

/** A key and its certificate that signs OCSP responses or time-stamp tokens. */
export interface Signer {
  certificate: CertificateInput
  privateKey: webcrypto.CryptoKey
  /** Issuing CA certificates, nearest first; sent so relying parties can build the path. */
  chain?: CertificateInput[]
}

/** Injected so tests and the simulator can pin time. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

// pkijs keeps a global engine; point it at Node's WebCrypto once.
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }))

export const engine = (): pkijs.ICryptoEngine => pkijs.getCrypto(true)

export function certificateDer(cert: CertificateInput): Uint8Array {
  if (cert instanceof Uint8Array) return cert
  if (cert instanceof ArrayBuffer) return new Uint8Array(cert)
  return new Uint8Array(cert.rawData)
}

export function toPkijsCertificate(cert: CertificateInput): pkijs.Certificate {
  return pkijs.Certificate.fromBER(certificateDer(cert))
}

/** Hash to sign with: follows the key (P-384 → SHA-384), SHA-256 otherwise. */
export function signingHash(key: webcrypto.CryptoKey): 'SHA-256' | 'SHA-384' | 'SHA-512' {
  const alg = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } }
  if (alg.namedCurve === 'P-384') return 'SHA-384'
  if (alg.namedCurve === 'P-521') return 'SHA-512'
  const h = alg.hash?.name
  if (h === 'SHA-384' || h === 'SHA-512') return h
  return 'SHA-256'
}

export async function digest(alg: string, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await webcrypto.subtle.digest(alg, data))
}

/** Whole seconds: DER GeneralizedTime must not carry a fraction of zeros, and clients compare to the second. */
export function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000)
}

/** Decodes exactly one DER/BER value; throws on trailing bytes or a parse error. */
export function decodeOne(der: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(der)
  if (parsed.offset === -1 || parsed.offset !== der.byteLength) throw new Error('not a single ASN.1 value')
  return parsed.result
}
