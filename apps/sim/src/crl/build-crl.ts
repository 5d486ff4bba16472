// An RFC 5280 v2 CRL for one CA: CRL number, AKI, thisUpdate/nextUpdate, reason codes.

import * as asn1js from 'asn1js'
import type { SigningAuthority } from '../ca/build-certificate.ts'
import { signingAlgorithm } from '../ca/key-algorithms.ts'
import * as x509 from '../ca/x509.ts'

const CRL_NUMBER_OID = '2.5.29.20'

export interface RevokedEntry {
  serialHex: string
  revokedAt: Date
  /** RFC 5280 CRLReason code; 0 (unspecified) is left out of the entry, as §5.3.1 asks. */
  reasonCode: number
}

export interface BuildCrlParams {
  authority: SigningAuthority
  crlNumber: bigint
  thisUpdate: Date
  nextUpdate: Date
  entries: readonly RevokedEntry[]
}

export async function buildCrl(params: BuildCrlParams): Promise<x509.X509Crl> {
  const ski = params.authority.certificate.getExtension(x509.SubjectKeyIdentifierExtension)
  if (!ski) throw new Error(`CA ${params.authority.id} has no subject key identifier`)
  const crlNumber = new asn1js.Integer({ valueHex: bigintBytes(params.crlNumber) }).toBER()
  return x509.X509CrlGenerator.create({
    issuer: params.authority.certificate.subjectName,
    thisUpdate: params.thisUpdate,
    nextUpdate: params.nextUpdate,
    entries: params.entries.map((entry) => ({
      serialNumber: entry.serialHex,
      revocationDate: entry.revokedAt,
      reason: entry.reasonCode as x509.X509CrlReason,
    })),
    extensions: [
      new x509.AuthorityKeyIdentifierExtension(ski.keyId),
      new x509.Extension(CRL_NUMBER_OID, false, crlNumber),
    ],
    signingKey: params.authority.privateKey,
    signingAlgorithm: signingAlgorithm(params.authority.keyAlgorithm),
  })
}

/** Minimal big-endian two's-complement octets of a non-negative integer. */
function bigintBytes(value: bigint): ArrayBuffer {
  let hex = value.toString(16)
  if (hex.length % 2) hex = `0${hex}`
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`
  return new Uint8Array(Buffer.from(hex, 'hex')).buffer
}
