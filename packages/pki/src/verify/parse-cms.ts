// Bounded, crash-free parsing of a CMS ContentInfo holding SignedData, as found in a PDF /Contents
// (zero-padded to the placeholder size).
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { children, decodeOid, readTlv, sequence, TAG, tlv } from '../cms/der.ts'
import { finding, type SignatureFinding } from '../policy/findings.ts'
import { toArrayBuffer } from '../trust/bytes.ts'
import { type Cert, tryParseCertificate } from '../trust/certificate.ts'

/** Real signatures with a full chain, a timestamp and embedded status are well under this. */
export const MAX_CMS_BYTES = 4 * 1024 * 1024
export const ID_SIGNED_DATA = '1.2.840.113549.1.7.2'

export type ParsedCms =
  | { ok: true; signedData: pkijs.SignedData; certificates: Cert[]; crls: Uint8Array[] }
  | { ok: false; finding: SignatureFinding }

function malformed(en: string, vi: string): ParsedCms {
  return { ok: false, finding: finding('R2.29', 'CMS_MALFORMED', 'error', vi, en) }
}

export function parseSignedData(bytes: Uint8Array): ParsedCms {
  if (bytes.byteLength > MAX_CMS_BYTES)
    return {
      ok: false,
      finding: finding(
        'R2.29',
        'CMS_TOO_LARGE',
        'error',
        `Dữ liệu chữ ký quá lớn (${bytes.byteLength} byte, tối đa ${MAX_CMS_BYTES}).`,
        `The signature data is too large (${bytes.byteLength} bytes, at most ${MAX_CMS_BYTES}).`,
      ),
    }
  if (bytes.byteLength < 2) return malformed('The signature data is empty.', 'Dữ liệu chữ ký rỗng.')
  const fast = withoutCertificates(bytes)
  if (fast) return fast
  try {
    const decoded = asn1js.fromBER(toArrayBuffer(bytes))
    if (decoded.offset === -1 || decoded.result.error)
      return malformed(
        'The signature is not valid ASN.1 (CMS).',
        'Chữ ký không phải dữ liệu ASN.1 (CMS) hợp lệ.',
      )
    // Only zero padding may follow the ContentInfo.
    if (bytes.subarray(decoded.offset).some((b) => b !== 0))
      return malformed('Unexpected bytes follow the CMS data.', 'Có dữ liệu lạ sau cấu trúc CMS.')
    const contentInfo = new pkijs.ContentInfo({ schema: decoded.result })
    if (contentInfo.contentType !== ID_SIGNED_DATA)
      return malformed(
        `The CMS content is ${contentInfo.contentType}, not SignedData.`,
        `Nội dung CMS là ${contentInfo.contentType}, không phải SignedData.`,
      )
    const signedData = new pkijs.SignedData({ schema: contentInfo.content })
    const certificates = (signedData.certificates ?? []).flatMap((c) =>
      c instanceof pkijs.Certificate ? (tryParseCertificate(new Uint8Array(c.toSchema().toBER())) ?? []) : [],
    )
    const crls = (signedData.crls ?? []).flatMap((c) =>
      c instanceof pkijs.CertificateRevocationList ? [new Uint8Array(c.toSchema().toBER())] : [],
    )
    return { ok: true, signedData, certificates, crls }
  } catch {
    return malformed('The CMS SignedData structure is malformed.', 'Cấu trúc CMS SignedData bị lỗi.')
  }
}

/** The bytes of eContent, whether encoded as one OCTET STRING or as BER pieces. */
export function eContentBytes(signedData: pkijs.SignedData): Uint8Array | undefined {
  const e = signedData.encapContentInfo.eContent
  if (!e) return undefined
  if (!e.idBlock.isConstructed) return new Uint8Array(e.valueBlock.valueHexView)
  const parts = (e.valueBlock as unknown as { value: asn1js.OctetString[] }).value
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p.valueBlock.valueHexView))))
}

/**
 * pkijs checks every certificate against its schema, which dominates verification time. DER input is
 * split first: certificates go to the (cached) certificate parser, the rest, small, to pkijs. BER or
 * anything unusual returns undefined and takes the general path.
 */
function withoutCertificates(bytes: Uint8Array): ParsedCms | undefined {
  try {
    const info = readTlv(bytes)
    // Only zero padding may follow; anything else goes the general way, which reports it.
    if (bytes.subarray(info.raw.length).some((b) => b !== 0)) return undefined
    const [type, explicit] = children(info)
    if (!type || decodeOid(type) !== ID_SIGNED_DATA || explicit?.tag !== 0xa0) return undefined
    const [signedData] = children(explicit)
    if (signedData?.tag !== TAG.sequence) return undefined
    const parts = children(signedData)
    const certs = parts.find((p) => p.tag === 0xa0)
    const crls = parts.find((p) => p.tag === 0xa1)
    const rest = parts.filter((p) => p !== certs && p !== crls).map((p) => p.raw)
    const reduced = sequence(type.raw, tlv(0xa0, sequence(...rest)))
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(reduced))
    const parsed = new pkijs.SignedData({ schema: contentInfo.content })
    const certificates = certs
      ? children(certs).flatMap((c) => (c.tag === TAG.sequence ? (tryParseCertificate(c.raw) ?? []) : []))
      : []
    const crlList = crls ? children(crls).map((c) => new Uint8Array(c.raw)) : []
    return { ok: true, signedData: parsed, certificates, crls: crlList }
  } catch {
    return undefined
  }
}
