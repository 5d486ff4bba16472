// Bounded, crash-free parsing of a CMS ContentInfo holding SignedData, as found in a PDF /Contents
// (zero-padded to the placeholder size).
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
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
