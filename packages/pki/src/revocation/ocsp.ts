// Checks an OCSP response (RFC 6960) for one certificate: signed by the issuer or by a responder the
// issuer certified with EKU OCSPSigning (§4.2.2.2), CertID with any supported hash, time window.
import { createHash, hash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { EKU_OCSP_SIGNING } from '../policy/key-usage.ts'
import { sameBytes, toArrayBuffer } from '../trust/bytes.ts'
import { type Cert, publicKeyBits, tryParseCertificate } from '../trust/certificate.ts'
import { verifySignature } from '../trust/signature.ts'
import { certIdMatches } from './cert-id.ts'
import { CRL_REASONS, coversTime, type RevocationStatus } from './revocation-result.ts'

export interface StatusCheckInput {
  certificate: Cert
  issuer: Cert
  /** The time of interest: the signing time. */
  at: Date
  now: Date
  /** Tolerated clock difference with the responder. */
  skewMs?: number
}

export type OcspCheck =
  | {
      ok: true
      status: RevocationStatus
      revokedAt?: Date
      reason?: string
      producedAt: Date
      thisUpdate: Date
      nextUpdate?: Date
    }
  | { ok: false; problem: string }

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1'
const DEFAULT_SKEW_MS = 5 * 60_000

// The same responses come back in every contract's DSS (the employer's, the CAs'): parse each once.
const parsedResponses = new Map<string, pkijs.BasicOCSPResponse | string>()
const MAX_PARSED = 4096

// Within one verification each embedded response is tried for every certificate: hash its bytes once.
const byArray = new WeakMap<Uint8Array, pkijs.BasicOCSPResponse | string>()

function parse(der: Uint8Array): pkijs.BasicOCSPResponse | string {
  const seen = byArray.get(der)
  if (seen !== undefined) return seen
  const key = hash('sha256', der, 'base64')
  let parsed = parsedResponses.get(key)
  if (parsed === undefined) {
    parsed = parseUncached(der)
    if (parsedResponses.size >= MAX_PARSED) parsedResponses.clear()
    parsedResponses.set(key, parsed)
  }
  byArray.set(der, parsed)
  return parsed
}

function parseUncached(der: Uint8Array): pkijs.BasicOCSPResponse | string {
  try {
    const response = pkijs.OCSPResponse.fromBER(toArrayBuffer(der))
    const status = response.responseStatus.valueBlock.valueDec
    if (status !== 0) return `OCSP responseStatus ${status}`
    if (!response.responseBytes || response.responseBytes.responseType !== ID_PKIX_OCSP_BASIC)
      return 'OCSP response is not a BasicOCSPResponse'
    return pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView)
  } catch {
    return 'malformed OCSP response'
  }
}

const keyHashes = new WeakMap<Cert, Uint8Array>()

/** SHA-1 of the subjectPublicKey, as ResponderID byKey names it; per certificate. */
function keyHashOf(cert: Cert): Uint8Array {
  let hash = keyHashes.get(cert)
  if (!hash) {
    hash = createHash('sha1').update(publicKeyBits(cert)).digest()
    keyHashes.set(cert, hash)
  }
  return hash
}

const responderCerts = new WeakMap<pkijs.BasicOCSPResponse, Cert[]>()
const responderNames = new WeakMap<pkijs.BasicOCSPResponse, Uint8Array>()

/** The certificate that signed the response, if ResponderID names the issuer or a certificate in `certs`. */
function responderOf(basic: pkijs.BasicOCSPResponse, issuer: Cert): Cert | undefined {
  let embedded = responderCerts.get(basic)
  if (!embedded) {
    embedded = (basic.certs ?? []).flatMap(
      (c) => tryParseCertificate(new Uint8Array(c.toSchema().toBER())) ?? [],
    )
    responderCerts.set(basic, embedded)
  }
  const candidates = [issuer, ...embedded]
  const id = basic.tbsResponseData.responderID as unknown
  if (id instanceof asn1js.OctetString) {
    const keyHash = id.valueBlock.valueHexView
    return candidates.find((c) => sameBytes(keyHashOf(c), keyHash))
  }
  if (id instanceof pkijs.RelativeDistinguishedNames) {
    const name = responderNames.get(basic) ?? new Uint8Array(id.toSchema().toBER())
    responderNames.set(basic, name)
    return candidates.find((c) => sameBytes(name, c.subjectDer))
  }
  return undefined
}

/** (CA, responder certificate) → whether the CA signed it; both keyed by the hash of their DER. */
const delegations = new Map<string, boolean>()

function authorised(responder: Cert, issuer: Cert, at: Date): string | undefined {
  if (sameBytes(responder.spki, issuer.spki)) return undefined
  if (!sameBytes(responder.issuerDer, issuer.subjectDer)) return 'OCSP responder not issued by the CA'
  // The same delegated responder signs every answer of its CA: its certificate is checked once.
  const pair = `${issuer.id}>${responder.id}`
  let signed = delegations.get(pair)
  if (signed === undefined) {
    signed = verifySignature({
      algorithm: responder.signatureAlgorithm,
      spki: issuer.spki,
      data: responder.tbs,
      signature: responder.signature,
    }).ok
    if (delegations.size >= MAX_PARSED) delegations.clear()
    delegations.set(pair, signed)
  }
  if (!signed) return 'OCSP responder certificate not signed by the CA'
  if (!responder.extendedKeyUsage?.usages.includes(EKU_OCSP_SIGNING))
    return 'OCSP responder lacks EKU OCSPSigning'
  if (at < responder.notBefore || at > responder.notAfter) return 'OCSP responder certificate not valid then'
  return undefined
}

type SignedParts = Pick<Parameters<typeof verifySignature>[0], 'algorithm' | 'data' | 'signature'>

const signedParts = new WeakMap<pkijs.BasicOCSPResponse, SignedParts>()

/** What the responder signed, copied out of the (cached) parsed response once. */
function signedPartsOf(basic: pkijs.BasicOCSPResponse): SignedParts {
  let parts = signedParts.get(basic)
  if (!parts) {
    parts = {
      algorithm: {
        oid: basic.signatureAlgorithm.algorithmId,
        params: basic.signatureAlgorithm.algorithmParams,
      },
      data: new Uint8Array(basic.tbsResponseData.tbsView),
      signature: new Uint8Array(basic.signature.valueBlock.valueHexView),
    }
    signedParts.set(basic, parts)
  }
  return parts
}

function statusOf(single: pkijs.SingleResponse): {
  status: RevocationStatus
  revokedAt?: Date
  reason?: string
} {
  const block = single.certStatus as asn1js.BaseBlock
  const tag = block.idBlock.tagNumber
  if (tag === 0) return { status: 'good' }
  if (tag !== 1) return { status: 'unknown' }
  // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
  const parts = (block as asn1js.Constructed).valueBlock.value
  const time = parts[0]
  const revokedAt = time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined
  const reasonBlock = parts[1] as asn1js.Constructed | undefined
  const code = (reasonBlock?.valueBlock.value[0] as asn1js.Enumerated | undefined)?.valueBlock.valueDec
  return {
    status: 'revoked',
    ...(revokedAt ? { revokedAt } : {}),
    ...(code !== undefined ? { reason: CRL_REASONS[code] ?? String(code) } : {}),
  }
}

export function checkOcspResponse(der: Uint8Array, input: StatusCheckInput): OcspCheck {
  const basic = parse(der)
  if (typeof basic === 'string') return { ok: false, problem: basic }
  const single = basic.tbsResponseData.responses.find((r) =>
    certIdMatches(r.certID, input.certificate, input.issuer),
  )
  if (!single) return { ok: false, problem: 'OCSP response does not cover this certificate' }
  const responder = responderOf(basic, input.issuer)
  if (!responder) return { ok: false, problem: 'OCSP responder certificate not found' }
  const producedAt = basic.tbsResponseData.producedAt
  const refused = authorised(responder, input.issuer, producedAt)
  if (refused) return { ok: false, problem: refused }
  const signature = verifySignature({ ...signedPartsOf(basic), spki: responder.spki })
  if (!signature.ok) return { ok: false, problem: 'OCSP response signature does not verify' }
  const skew = input.skewMs ?? DEFAULT_SKEW_MS
  if (single.thisUpdate.getTime() > input.now.getTime() + skew)
    return { ok: false, problem: 'OCSP thisUpdate is in the future' }
  if (!coversTime(single.thisUpdate, single.nextUpdate, new Date(input.at.getTime() - skew)))
    return { ok: false, problem: 'OCSP response is older than the time of interest' }
  return {
    ok: true,
    ...statusOf(single),
    producedAt,
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
  }
}

/** A DER OCSPRequest for one certificate, without a nonce so answers can be cached (RFC 5019). */
export function buildOcspRequest(certId: pkijs.CertID): Uint8Array {
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({ requestList: [new pkijs.Request({ reqCert: certId })] }),
  })
  return new Uint8Array(request.toSchema(true).toBER())
}
