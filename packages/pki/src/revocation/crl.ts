// Checks a CRL (RFC 5280 §6.3) for one certificate: issued and signed by the certificate's issuer,
// current for the time of interest, and whether it lists the serial number.
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { sameBytes, sha256Hex, toArrayBuffer, toHex } from '../trust/bytes.ts'
import type { Cert } from '../trust/certificate.ts'
import { verifySignature } from '../trust/signature.ts'
import * as x509 from '../trust/x509.ts'
import type { StatusCheckInput } from './ocsp.ts'
import { CRL_REASONS, coversTime, type RevocationStatus } from './revocation-result.ts'

export type CrlCheck =
  | {
      ok: true
      status: RevocationStatus
      revokedAt?: Date
      reason?: string
      thisUpdate: Date
      nextUpdate?: Date
    }
  | { ok: false; problem: string }

interface ParsedCrl {
  issuerDer: Uint8Array
  thisUpdate: Date
  nextUpdate?: Date
  /** serial hex → revocation entry */
  entries: Map<string, { revokedAt: Date; reason?: string }>
  /** issuer certificate ids whose key verified this CRL's signature */
  verifiedBy: Set<string>
  crl: pkijs.CertificateRevocationList
}

const ID_CE_CRL_REASONS = '2.5.29.21'
const parsedCache = new Map<string, ParsedCrl>()
// Each embedded CRL is looked at for every certificate of a verification: hash its bytes once.
const byArray = new WeakMap<Uint8Array, ParsedCrl>()

function parse(der: Uint8Array): ParsedCrl | undefined {
  const seen = byArray.get(der)
  if (seen) return seen
  const key = sha256Hex(der)
  const hit = parsedCache.get(key) ?? parseUncached(der, key)
  if (hit) byArray.set(der, hit)
  return hit
}

function parseUncached(der: Uint8Array, key: string): ParsedCrl | undefined {
  try {
    const crl = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der))
    const entries = new Map<string, { revokedAt: Date; reason?: string }>()
    for (const entry of crl.revokedCertificates ?? []) {
      const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === ID_CE_CRL_REASONS)
      const value = ext ? asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result : undefined
      const code = value instanceof asn1js.Enumerated ? value.valueBlock.valueDec : undefined
      entries.set(toHex(entry.userCertificate.valueBlock.valueHexView), {
        revokedAt: entry.revocationDate.value,
        ...(code !== undefined ? { reason: CRL_REASONS[code] ?? String(code) } : {}),
      })
    }
    const parsed: ParsedCrl = {
      issuerDer: new Uint8Array(crl.issuer.toSchema().toBER()),
      thisUpdate: crl.thisUpdate.value,
      ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
      entries,
      verifiedBy: new Set(),
      crl,
    }
    if (parsedCache.size > 200) parsedCache.clear()
    parsedCache.set(key, parsed)
    return parsed
  } catch {
    return undefined
  }
}

/** thisUpdate and nextUpdate of a CRL, for cache lifetimes; undefined when it does not parse. */
export function crlTimes(der: Uint8Array): { thisUpdate: Date; nextUpdate?: Date } | undefined {
  const p = parse(der)
  return p ? { thisUpdate: p.thisUpdate, ...(p.nextUpdate ? { nextUpdate: p.nextUpdate } : {}) } : undefined
}

/** Whether the CRL was issued by this CA (name match only; the signature is checked by checkCrl). */
export function crlIssuedBy(der: Uint8Array, issuer: Cert): boolean {
  const p = parse(der)
  return !!p && sameBytes(p.issuerDer, issuer.subjectDer)
}

export function checkCrl(der: Uint8Array, input: StatusCheckInput): CrlCheck {
  const crl = parse(der)
  if (!crl) return { ok: false, problem: 'malformed CRL' }
  const { issuer } = input
  if (
    !sameBytes(crl.issuerDer, issuer.subjectDer) ||
    !sameBytes(input.certificate.issuerDer, issuer.subjectDer)
  )
    return { ok: false, problem: 'CRL not issued by the certificate issuer' }
  if (!crl.verifiedBy.has(issuer.id)) {
    const signature = verifySignature({
      algorithm: {
        oid: crl.crl.signatureAlgorithm.algorithmId,
        params: crl.crl.signatureAlgorithm.algorithmParams,
      },
      spki: issuer.spki,
      data: new Uint8Array(crl.crl.tbsView),
      signature: new Uint8Array(crl.crl.signatureValue.valueBlock.valueHexView),
    })
    if (!signature.ok) return { ok: false, problem: 'CRL signature does not verify' }
    crl.verifiedBy.add(issuer.id)
  }
  if (issuer.keyUsage !== undefined && (issuer.keyUsage & x509.KeyUsageFlags.cRLSign) === 0)
    return { ok: false, problem: 'CRL issuer lacks cRLSign' }
  const skew = input.skewMs ?? 5 * 60_000
  if (crl.thisUpdate.getTime() > input.now.getTime() + skew)
    return { ok: false, problem: 'CRL thisUpdate is in the future' }
  // R2.27: the CRL current at the signing time, or one published after it.
  if (!coversTime(crl.thisUpdate, crl.nextUpdate, new Date(input.at.getTime() - skew)))
    return { ok: false, problem: 'CRL is older than the time of interest' }
  const times = { thisUpdate: crl.thisUpdate, ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}) }
  const entry = crl.entries.get(input.certificate.serialHex)
  if (!entry || entry.reason === 'removeFromCRL') return { ok: true, status: 'good', ...times }
  return {
    ok: true,
    status: 'revoked',
    revokedAt: entry.revokedAt,
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...times,
  }
}
