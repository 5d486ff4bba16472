// Bounded, crash-free parsing of a CMS ContentInfo holding SignedData, as found in a PDF /Contents
// (zero-padded to the placeholder size).
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { children, decodeOid, readTlv, sequence, TAG, type Tlv, tlv } from '../cms/der.ts'
import { finding, type SignatureFinding } from '../policy/findings.ts'
import { toArrayBuffer, toHex } from '../trust/bytes.ts'
import { type Cert, tryParseCertificate } from '../trust/certificate.ts'
import type { SignatureAlgorithm } from '../trust/signature.ts'

/** Real signatures with a full chain, a timestamp and embedded status are well under this. */
export const MAX_CMS_BYTES = 4 * 1024 * 1024
export const ID_SIGNED_DATA = '1.2.840.113549.1.7.2'

export type ParsedCms =
  | { ok: true; signedData: pkijs.SignedData; certificates: Cert[]; crls: Uint8Array[] }
  | Failed

type Failed = { ok: false; finding: SignatureFinding }

function malformed(en: string, vi: string): Failed {
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
function eContentBytes(signedData: pkijs.SignedData): Uint8Array | undefined {
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

export interface CmsAttribute {
  type: string
  values: Tlv[]
}

export interface CmsSignerInfo {
  sid: { issuerDer: Uint8Array; serialHex: string } | { keyIdHex: string } | undefined
  digestOid: string
  /** `der`: the SET OF as received (tag 0x31), which is what the signature covers. */
  signedAttrs?: { der: Uint8Array; attributes: CmsAttribute[] }
  signatureAlgorithm: SignatureAlgorithm
  signature: Uint8Array
  unsignedAttrs: CmsAttribute[]
}

export interface CmsSignedData {
  eContentType: string
  eContent?: Uint8Array
  signerInfos: CmsSignerInfo[]
}

export type ReadCms =
  | { ok: true; signedData: CmsSignedData; certificates: Cert[]; crls: Uint8Array[] }
  | Failed

/**
 * The verifier's view of a SignedData. Plain DER in the expected shape is read directly (slices of the
 * input, no copies); anything else goes through pkijs (parseSignedData), which decides and reports.
 */
export function readSignedData(bytes: Uint8Array): ReadCms {
  if (bytes.byteLength <= MAX_CMS_BYTES && bytes.byteLength >= 2) {
    const fast = readDer(bytes)
    if (fast) return fast
  }
  const parsed = parseSignedData(bytes)
  if (!parsed.ok) return parsed
  try {
    return { ...parsed, signedData: fromPkijs(parsed.signedData) }
  } catch {
    return malformed('The CMS SignedData structure is malformed.', 'Cấu trúc CMS SignedData bị lỗi.')
  }
}

class Shape extends Error {}

// The same few OIDs come in every CMS; decodeOid works in BigInt, so their text is remembered.
const oids = new Map<string, string>()
export function oidOf(t: Tlv | undefined): string {
  const c = need(t, TAG.oid).content
  if (c.length > 32) return decodeOid(t as Tlv)
  let key = ''
  for (let i = 0; i < c.length; i++) key += String.fromCharCode(c[i] as number)
  let text = oids.get(key)
  if (text === undefined) {
    text = decodeOid(t as Tlv)
    if (oids.size > 1000) oids.clear()
    oids.set(key, text)
  }
  return text
}

function need(t: Tlv | undefined, tag: number): Tlv {
  if (!t || t.tag !== tag) throw new Shape()
  return t
}

/** AlgorithmIdentifier: parameters are decoded only when present and not NULL (RSASSA-PSS). */
function algorithm(t: Tlv | undefined): SignatureAlgorithm {
  const [id, params, extra] = children(need(t, TAG.sequence))
  if (extra) throw new Shape()
  const oid = oidOf(id)
  if (!params || params.tag === TAG.null) return { oid }
  const decoded = asn1js.fromBER(toArrayBuffer(params.raw))
  if (decoded.offset === -1 || decoded.result.error) throw new Shape()
  return { oid, params: decoded.result }
}

function attributes(t: Tlv): CmsAttribute[] {
  return children(t).map((a) => {
    const [type, values, extra] = children(need(a, TAG.sequence))
    if (extra) throw new Shape()
    return { type: oidOf(type), values: children(need(values, TAG.set)) }
  })
}

function signerInfo(t: Tlv): CmsSignerInfo {
  const parts = children(need(t, TAG.sequence))
  let i = 0
  need(parts[i++], TAG.integer)
  const sidTlv = parts[i++]
  let sid: CmsSignerInfo['sid']
  if (sidTlv?.tag === TAG.sequence) {
    const [issuer, serial, extra] = children(sidTlv)
    if (extra) throw new Shape()
    sid = { issuerDer: need(issuer, TAG.sequence).raw, serialHex: toHex(need(serial, TAG.integer).content) }
  } else sid = { keyIdHex: toHex(need(sidTlv, 0x80).content) }
  const digestOid = algorithm(parts[i++]).oid
  let signedAttrs: CmsSignerInfo['signedAttrs']
  if (parts[i]?.tag === 0xa0) {
    const raw = parts[i++] as Tlv
    const der = new Uint8Array(raw.raw)
    der[0] = TAG.set
    signedAttrs = { der, attributes: attributes(raw) }
  }
  const signatureAlgorithm = algorithm(parts[i++])
  const signature = need(parts[i++], TAG.octetString).content
  const unsignedAttrs = parts[i]?.tag === 0xa1 ? attributes(parts[i++] as Tlv) : []
  if (i !== parts.length) throw new Shape()
  return {
    sid,
    digestOid,
    ...(signedAttrs ? { signedAttrs } : {}),
    signatureAlgorithm,
    signature,
    unsignedAttrs,
  }
}

const ZERO = new Uint8Array(64 * 1024)

/** All bytes zero, compared natively in blocks: placeholders leave kilobytes of padding. */
function zeros(bytes: Uint8Array): boolean {
  for (let at = 0; at < bytes.length; at += ZERO.length) {
    const part = bytes.subarray(at, at + ZERO.length)
    if (Buffer.compare(part, ZERO.subarray(0, part.length)) !== 0) return false
  }
  return true
}

/** An OCTET STRING's bytes, also when written as constructed pieces (BER, as some TSAs do). */
function octetStringBytes(t: Tlv | undefined): Uint8Array {
  if (t?.tag !== 0x24) return need(t, TAG.octetString).content
  const pieces = children(t).map((p) => need(p, TAG.octetString).content)
  return pieces.length === 1 ? (pieces[0] as Uint8Array) : new Uint8Array(Buffer.concat(pieces))
}

function readDer(input: Uint8Array): ReadCms | undefined {
  // Slices of a plain Uint8Array are cheaper than Buffer slices, and the reader makes many.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
  try {
    const info = readTlv(bytes)
    // Only zero padding may follow; anything else goes the general way, which reports it.
    if (!zeros(bytes.subarray(info.raw.length))) return undefined
    const [type, explicit, extra] = children(need(info, TAG.sequence))
    if (extra || oidOf(type) !== ID_SIGNED_DATA) return undefined
    const [content, more] = children(need(explicit, 0xa0))
    if (more) return undefined
    const parts = children(need(content, TAG.sequence))
    let i = 0
    need(parts[i++], TAG.integer)
    for (const d of children(need(parts[i++], TAG.set))) algorithm(d)
    const [eType, eExplicit, eExtra] = children(need(parts[i++], TAG.sequence))
    if (eExtra) return undefined
    const eContentType = oidOf(eType)
    let eContent: Uint8Array | undefined
    if (eExplicit) {
      const [octets, tail] = children(need(eExplicit, 0xa0))
      if (tail) return undefined
      eContent = octetStringBytes(octets)
    }
    const certs = parts[i]?.tag === 0xa0 ? parts[i++] : undefined
    const crls = parts[i]?.tag === 0xa1 ? parts[i++] : undefined
    const signerInfos = children(need(parts[i++], TAG.set)).map(signerInfo)
    if (i !== parts.length) return undefined
    const certificates = certs
      ? children(certs).flatMap((c) => (c.tag === TAG.sequence ? (tryParseCertificate(c.raw) ?? []) : []))
      : []
    const crlList = crls ? children(crls).map((c) => c.raw) : []
    return {
      ok: true,
      signedData: { eContentType, ...(eContent ? { eContent } : {}), signerInfos },
      certificates,
      crls: crlList,
    }
  } catch {
    return undefined
  }
}

/** An encoding re-read as a TLV; BER the DER reader refuses keeps its tag and no content. */
function asTlv(block: asn1js.BaseBlock): Tlv {
  const raw = new Uint8Array(block.toBER())
  try {
    return readTlv(raw)
  } catch {
    return { tag: raw[0] ?? 0, raw, content: new Uint8Array() }
  }
}

function fromPkijsAttributes(attrs: pkijs.Attribute[] | undefined): CmsAttribute[] {
  return (attrs ?? []).map((a) => ({ type: a.type, values: a.values.map(asTlv) }))
}

function fromPkijs(sd: pkijs.SignedData): CmsSignedData {
  const eContent = eContentBytes(sd)
  return {
    eContentType: sd.encapContentInfo.eContentType,
    ...(eContent ? { eContent } : {}),
    signerInfos: sd.signerInfos.map((si) => {
      const sid =
        si.sid instanceof pkijs.IssuerAndSerialNumber
          ? {
              issuerDer: new Uint8Array(si.sid.issuer.toSchema().toBER()),
              serialHex: toHex(si.sid.serialNumber.valueBlock.valueHexView),
            }
          : (si.sid as asn1js.Primitive | undefined)?.valueBlock?.valueHexView
            ? { keyIdHex: toHex((si.sid as asn1js.Primitive).valueBlock.valueHexView) }
            : undefined
      return {
        sid,
        digestOid: si.digestAlgorithm.algorithmId,
        ...(si.signedAttrs
          ? {
              signedAttrs: {
                der: new Uint8Array(si.signedAttrs.encodedValue),
                attributes: fromPkijsAttributes(si.signedAttrs.attributes),
              },
            }
          : {}),
        signatureAlgorithm: {
          oid: si.signatureAlgorithm.algorithmId,
          params: si.signatureAlgorithm.algorithmParams,
        },
        signature: new Uint8Array(si.signature.valueBlock.valueHexView),
        unsignedAttrs: fromPkijsAttributes(si.unsignedAttrs?.attributes),
      }
    }),
  }
}
