// Checks one SignerInfo: which certificate signed, the messageDigest against the signed bytes
// (R2.19, R2.22), the signature with that certificate's key (R2.16) and the ESS signing-certificate
// attribute that binds the certificate to the signature.
import { createHash } from 'node:crypto'
import { children, TAG, type Tlv } from '../cms/der.ts'
import { finding, type SignatureFinding } from '../policy/findings.ts'
import { DIGESTS, digestName, OID_SHA1, OID_SHA256 } from '../trust/algorithms.ts'
import { sameBytes, toHex } from '../trust/bytes.ts'
import type { Cert } from '../trust/certificate.ts'
import { type SignatureOutcome, verifySignature } from '../trust/signature.ts'
import { type CmsAttribute, type CmsSignedData, type CmsSignerInfo, oidOf } from './parse-cms.ts'

export const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3'
export const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4'
export const ID_SIGNING_TIME = '1.2.840.113549.1.9.5'
export const ID_AA_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12'
export const ID_AA_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47'
export const ID_AA_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14'
export const ID_DATA = '1.2.840.113549.1.7.1'

export interface SignerCheck {
  cert?: Cert
  digestOid: string
  digestName: string
  /** messageDigest equals the digest of the content. */
  integrity: boolean
  signature?: SignatureOutcome
  signatureVerified: boolean
  /** The SignerInfo signature value: what a signature timestamp's imprint covers. */
  signatureValue: Uint8Array
  unsignedAttrs: CmsAttribute[]
  findings: SignatureFinding[]
}

/** Computes the digest of `pieces` for a digest OID, or undefined to leave it to digestOf. */
export type DigestSource = (oid: string) => Uint8Array | undefined

// verifyPdf hashes a file's nested signed ranges in one pass and supplies their digests here.
const sources = new WeakMap<readonly Uint8Array[], DigestSource>()

/** Lets digestOf take the digest of exactly these `pieces` (this array) from `source`. */
export function provideDigests(pieces: readonly Uint8Array[], source: DigestSource): void {
  sources.set(pieces, source)
}

export function digestOf(oid: string, pieces: readonly Uint8Array[]): Uint8Array | undefined {
  const provided = sources.get(pieces)?.(oid)
  if (provided) return provided
  const d = DIGESTS[oid]
  if (!d) return undefined
  const h = createHash(d.node, d.outputLength ? { outputLength: d.outputLength } : {})
  for (const piece of pieces) h.update(piece)
  return new Uint8Array(h.digest())
}

function findSigner(sid: CmsSignerInfo['sid'], certs: readonly Cert[]): Cert | undefined {
  if (!sid) return undefined
  if ('keyIdHex' in sid) return certs.find((c) => c.subjectKeyId === sid.keyIdHex)
  return certs.find((c) => c.serialHex === sid.serialHex && sameBytes(sid.issuerDer, c.issuerDer))
}

function attribute(attrs: readonly CmsAttribute[] | undefined, oid: string): CmsAttribute | undefined {
  return attrs?.find((a) => a.type === oid)
}

/** ESS signing-certificate(-v2): the first ESSCertID must hash to the signer certificate (RFC 5035). */
function checkSigningCertificate(attrs: readonly CmsAttribute[], cert: Cert): SignatureFinding[] {
  const v2 = attribute(attrs, ID_AA_SIGNING_CERTIFICATE_V2)
  const v1 = v2 ? undefined : attribute(attrs, ID_AA_SIGNING_CERTIFICATE)
  const attr = v2 ?? v1
  if (!attr)
    return [
      finding(
        'R2.31',
        'ESS_SIGNING_CERTIFICATE_MISSING',
        'warning',
        'Chữ ký không có thuộc tính signing-certificate-v2 (PAdES yêu cầu).',
        'The signature has no signing-certificate-v2 attribute (PAdES requires it).',
      ),
    ]
  const mismatch = finding(
    'R2.16',
    'ESS_SIGNING_CERTIFICATE_MISMATCH',
    'error',
    'Thuộc tính signing-certificate không khớp với chứng thư của người ký.',
    'The signing-certificate attribute does not match the signer certificate.',
  )
  try {
    const [certs] = children(attr.values[0] as Tlv)
    const [first] = children(certs as Tlv)
    const parts = children(first as Tlv)
    let i = 0
    let hashOid = v2 ? OID_SHA256 : OID_SHA1
    if (v2 && parts[0]?.tag === TAG.sequence) {
      hashOid = oidOf(children(parts[0])[0] as Tlv)
      i = 1
    }
    const certHash = parts[i]
    if (certHash?.tag !== TAG.octetString) return [mismatch]
    // cert.id is the certificate's SHA-256, the usual hash here.
    if (hashOid === OID_SHA256) {
      if (toHex(certHash.content) !== cert.id) return [mismatch]
    } else {
      const expected = digestOf(hashOid, [cert.der])
      if (!expected || !sameBytes(expected, certHash.content)) return [mismatch]
    }
    const issuerSerial = parts[i + 1]
    const serial = issuerSerial ? children(issuerSerial)[1] : undefined
    if (serial && toHex(serial.content) !== cert.serialHex) return [mismatch]
    return []
  } catch {
    return [mismatch]
  }
}

/**
 * `content`: the signed bytes in order (PDF byte ranges, or a token's TSTInfo); `contentType` the OID
 * the content-type attribute must carry.
 */
export function checkSignerInfo(p: {
  signedData: CmsSignedData
  content: readonly Uint8Array[]
  contentType: string
  certificates: readonly Cert[]
}): SignerCheck {
  const findings: SignatureFinding[] = []
  const signerInfo = p.signedData.signerInfos[0] as CmsSignerInfo
  const digestOid = signerInfo.digestOid
  const base: SignerCheck = {
    digestOid,
    digestName: digestName(digestOid),
    integrity: false,
    signatureVerified: false,
    signatureValue: signerInfo.signature,
    unsignedAttrs: signerInfo.unsignedAttrs,
    findings,
  }
  if (p.signedData.signerInfos.length > 1)
    findings.push(
      finding(
        'R2.29',
        'CMS_SEVERAL_SIGNERS',
        'warning',
        'CMS có nhiều người ký; chỉ người ký đầu tiên được kiểm tra.',
        'The CMS has several signers; only the first is checked.',
      ),
    )
  const cert = findSigner(signerInfo.sid, p.certificates)
  if (!cert) {
    findings.push(
      finding(
        'R2.16',
        'SIGNER_CERTIFICATE_NOT_FOUND',
        'error',
        'Không tìm thấy chứng thư số của người ký trong chữ ký.',
        'The signer certificate is not in the signature.',
      ),
    )
    return base
  }
  base.cert = cert
  const digest = digestOf(digestOid, p.content)
  if (!digest) {
    findings.push(
      finding(
        'R2.30',
        'DIGEST_ALGORITHM_UNSUPPORTED',
        'error',
        `Hàm băm ${digestOid} không được hỗ trợ.`,
        `The digest algorithm ${digestOid} is not supported.`,
      ),
    )
    return base
  }
  const attrs = signerInfo.signedAttrs?.attributes
  let signedBytes: Uint8Array
  if (attrs && signerInfo.signedAttrs) {
    const md = attribute(attrs, ID_MESSAGE_DIGEST)?.values[0]
    base.integrity = md?.tag === TAG.octetString && sameBytes(md.content, digest)
    if (!base.integrity)
      findings.push(
        finding(
          'R2.19',
          'DIGEST_MISMATCH',
          'error',
          'Giá trị băm của dữ liệu đã ký không khớp với giá trị trong chữ ký: tài liệu đã bị thay đổi.',
          'The digest of the signed data does not match the signature: the document was changed.',
        ),
      )
    const ct = attribute(attrs, ID_CONTENT_TYPE)?.values[0]
    if (ct?.tag !== TAG.oid || oidOf(ct) !== p.contentType)
      findings.push(
        finding(
          'R2.29',
          'CONTENT_TYPE_MISMATCH',
          'error',
          'Thuộc tính content-type của chữ ký không đúng.',
          'The signature content-type attribute is wrong.',
        ),
      )
    // Signed attributes are signed as a DER SET (tag 0x31), as received.
    signedBytes = signerInfo.signedAttrs.der
    findings.push(...checkSigningCertificate(attrs, cert))
  } else {
    // Without signed attributes the signature covers the content itself; integrity rests on it.
    signedBytes = new Uint8Array(Buffer.concat(p.content.map((c) => Buffer.from(c))))
    findings.push(
      finding(
        'R2.31',
        'CMS_NO_SIGNED_ATTRIBUTES',
        'warning',
        'Chữ ký không có thuộc tính được ký (không theo PAdES).',
        'The signature has no signed attributes (not PAdES).',
      ),
    )
  }
  const signature = verifySignature({
    algorithm: signerInfo.signatureAlgorithm,
    digestOid,
    spki: cert.spki,
    data: signedBytes,
    signature: base.signatureValue,
  })
  base.signature = signature
  base.signatureVerified = signature.ok
  if (!attrs) base.integrity = signature.ok
  if (signature.unsupported)
    findings.push(
      finding(
        'R2.30',
        'SIGNATURE_ALGORITHM_UNSUPPORTED',
        'error',
        `Thuật toán chữ ký ${signature.name} không được hỗ trợ (${signature.unsupported}).`,
        `The signature algorithm ${signature.name} is not supported (${signature.unsupported}).`,
      ),
    )
  else if (!signature.ok)
    findings.push(
      finding(
        'R2.16',
        'SIGNATURE_INVALID',
        'error',
        'Chữ ký không được tạo bởi khóa tương ứng với khóa công khai trên chứng thư số.',
        'The signature was not made with the key matching the certificate public key.',
      ),
    )
  return base
}
