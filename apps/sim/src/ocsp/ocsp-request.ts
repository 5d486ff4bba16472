import * as pkijs from 'pkijs'
import { decodeOne } from './signer.ts'

export const ID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2'

/** More CertIDs than this in one request is treated as abuse. */
const MAX_CERT_IDS = 32
/** RFC 8954 caps the nonce at 32 octets; leave room for the OCTET STRING wrapper some clients add. */
const MAX_NONCE_EXTN_VALUE = 64

export interface ParsedOcspRequest {
  certIds: pkijs.CertID[]
  /** The request's nonce extension, echoed verbatim in the response. */
  nonce?: pkijs.Extension
}

export class MalformedOcspRequest extends Error {}

/** Parses a DER OCSPRequest; any defect throws MalformedOcspRequest so the route answers malformedRequest. */
export function parseOcspRequest(der: Uint8Array): ParsedOcspRequest {
  let request: pkijs.OCSPRequest
  try {
    request = new pkijs.OCSPRequest({ schema: decodeOne(der) })
  } catch (e) {
    throw new MalformedOcspRequest(`not an OCSPRequest: ${(e as Error).message}`)
  }
  const list = request.tbsRequest.requestList
  if (list.length === 0 || list.length > MAX_CERT_IDS) {
    throw new MalformedOcspRequest(`requestList has ${list.length} entries`)
  }
  const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === ID_PKIX_OCSP_NONCE)
  if (nonce && nonce.extnValue.valueBlock.valueHexView.byteLength > MAX_NONCE_EXTN_VALUE) {
    throw new MalformedOcspRequest('nonce too long')
  }
  return { certIds: list.map((r) => r.reqCert), ...(nonce ? { nonce } : {}) }
}
