// One parsed X.509 certificate with the fields path validation, revocation and reports read.
import * as pkijs from 'pkijs'
import { sameBytes, sha256Hex, toArrayBuffer, toHex } from './bytes.ts'
import type { SignatureAlgorithm } from './signature.ts'
import * as x509 from './x509.ts'

export interface Cert {
  der: Uint8Array
  /** SHA-256 of the DER, hex: identity for caches and de-duplication. */
  id: string
  x509: x509.X509Certificate
  pkijs: pkijs.Certificate
  subject: string
  issuer: string
  /** DER of the subject and issuer Names, compared byte for byte when chaining. */
  subjectDer: Uint8Array
  issuerDer: Uint8Array
  /** Serial number, lower-case hex as encoded (two's complement). */
  serialHex: string
  notBefore: Date
  notAfter: Date
  /** SubjectPublicKeyInfo, DER. */
  spki: Uint8Array
  tbs: Uint8Array
  signatureAlgorithm: SignatureAlgorithm
  signature: Uint8Array
  selfIssued: boolean
  /** basicConstraints; undefined when absent. */
  basicConstraints?: { ca: boolean; pathLength?: number }
  /** keyUsage bits (x509.KeyUsageFlags); undefined when the extension is absent. */
  keyUsage?: number
  extendedKeyUsage?: { usages: string[]; critical: boolean }
  subjectKeyId?: string
  authorityKeyId?: string
  ocspUrls: string[]
  crlUrls: string[]
}

const parsed = new Map<string, Cert>()
// The same array is often parsed several times in one verification (DSS certificates, once per signature).
const byArray = new WeakMap<Uint8Array, Cert>()

// A certificate met again (a CA in every CMS) is recognised by comparing its bytes with the one whose
// signature ends the same way, which costs less than hashing it.
const byTail = new Map<string, Cert>()
const TAIL = 24

function tailKey(der: Uint8Array): string {
  const start = Math.max(0, der.length - TAIL)
  return `${der.length}:${Buffer.from(der.buffer, der.byteOffset + start, der.length - start).toString('latin1')}`
}

/** Parses a DER certificate; throws on malformed input (callers turn that into a finding). */
export function parseCertificate(der: Uint8Array): Cert {
  const seen = byArray.get(der)
  if (seen) return seen
  const tail = tailKey(der)
  const same = byTail.get(tail)
  if (same && sameBytes(same.der, der)) {
    byArray.set(der, same)
    return same
  }
  const id = sha256Hex(der)
  let cert = parsed.get(id)
  if (!cert) {
    cert = build(new Uint8Array(der), id)
    if (parsed.size > 5000) parsed.clear()
    parsed.set(id, cert)
  }
  byArray.set(der, cert)
  if (byTail.size > 5000) byTail.clear()
  byTail.set(tail, cert)
  return cert
}

/** Like parseCertificate, undefined instead of an exception. */
export function tryParseCertificate(der: Uint8Array): Cert | undefined {
  try {
    return parseCertificate(der)
  } catch {
    return undefined
  }
}

function build(der: Uint8Array, id: string): Cert {
  const p = pkijs.Certificate.fromBER(toArrayBuffer(der))
  const x = new x509.X509Certificate(der)
  const subjectDer = new Uint8Array(p.subject.toSchema().toBER())
  const issuerDer = new Uint8Array(p.issuer.toSchema().toBER())
  const bc = x.getExtension(x509.BasicConstraintsExtension)
  const ku = x.getExtension(x509.KeyUsagesExtension)
  const eku = x.getExtension(x509.ExtendedKeyUsageExtension)
  const ski = x.getExtension(x509.SubjectKeyIdentifierExtension)
  const aki = x.getExtension(x509.AuthorityKeyIdentifierExtension)
  const aia = x.getExtension(x509.AuthorityInfoAccessExtension)
  const cdp = x.getExtension(x509.CRLDistributionPointsExtension)
  const crlUrls: string[] = []
  for (const point of cdp?.distributionPoints ?? []) {
    for (const name of point.distributionPoint?.fullName ?? []) {
      if (name.uniformResourceIdentifier) crlUrls.push(name.uniformResourceIdentifier)
    }
  }
  return {
    der,
    id,
    x509: x,
    pkijs: p,
    subject: x.subject,
    issuer: x.issuer,
    subjectDer,
    issuerDer,
    serialHex: toHex(p.serialNumber.valueBlock.valueHexView),
    notBefore: x.notBefore,
    notAfter: x.notAfter,
    spki: new Uint8Array(x.publicKey.rawData),
    tbs: new Uint8Array(p.tbsView),
    signatureAlgorithm: {
      oid: p.signatureAlgorithm.algorithmId,
      params: p.signatureAlgorithm.algorithmParams,
    },
    signature: new Uint8Array(p.signatureValue.valueBlock.valueHexView),
    selfIssued: Buffer.from(subjectDer).equals(Buffer.from(issuerDer)),
    ...(bc
      ? {
          basicConstraints: {
            ca: bc.ca,
            ...(bc.pathLength !== undefined ? { pathLength: bc.pathLength } : {}),
          },
        }
      : {}),
    ...(ku ? { keyUsage: ku.usages } : {}),
    ...(eku ? { extendedKeyUsage: { usages: eku.usages.map(String), critical: eku.critical } } : {}),
    ...(ski ? { subjectKeyId: ski.keyId.toLowerCase() } : {}),
    ...(aki?.keyId ? { authorityKeyId: aki.keyId.toLowerCase() } : {}),
    ocspUrls: (aia?.ocsp ?? []).filter((n) => n.type === 'url').map((n) => n.value),
    crlUrls,
  }
}

// Name lookups go through @peculiar/x509's name parsing; the same CAs and TSA are asked every time.
const subjectFields = new WeakMap<Cert, Map<string, string | undefined>>()

/** The first value of a subject attribute ('CN', 'O', or an OID). */
export function subjectField(cert: Cert, field: string): string | undefined {
  let fields = subjectFields.get(cert)
  if (!fields) {
    fields = new Map()
    subjectFields.set(cert, fields)
  }
  if (fields.has(field)) return fields.get(field)
  let value: string | undefined
  try {
    value = cert.x509.subjectName.getField(field)[0]
  } catch {
    value = undefined
  }
  fields.set(field, value)
  return value
}

export function issuerField(cert: Cert, field: string): string | undefined {
  try {
    return cert.x509.issuerName.getField(field)[0]
  } catch {
    return undefined
  }
}

/** The subjectPublicKey BIT STRING contents, hashed in OCSP CertIDs and ResponderID byKey. */
export function publicKeyBits(cert: Cert): Uint8Array {
  return new Uint8Array(cert.pkijs.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
}
