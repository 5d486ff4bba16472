// Test-only: detached CMS signatures as a PAdES signer makes them (content-type, message-digest,
// ESS signing-certificate-v2, no signing-time), signed with node:crypto, optionally timestamped by a TSA.
import { constants, createHash, KeyObject, sign, type webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { toArrayBuffer } from '../../trust/bytes.ts'

const SHA256 = '2.16.840.1.101.3.4.2.1'
const ID_DATA = '1.2.840.113549.1.7.1'
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2'

export type Scheme = 'ecdsa' | 'rsa-pss' | 'rsa-pkcs1'

export interface SignOptions {
  pieces: Uint8Array[]
  certificate: Uint8Array
  chain?: Uint8Array[]
  privateKey: webcrypto.CryptoKey | KeyObject
  scheme: Scheme
  /** POST the signature value's digest to this RFC 3161 TSA and embed the token. */
  tsaUrl?: string
  /** Have the TSA stamp these bytes instead of the signature value (a wrong timestamp). */
  stampOver?: Uint8Array
  /** Flip one bit of the signature value before anything else uses it. */
  corruptSignature?: boolean
}

const sha256 = (data: Uint8Array | Uint8Array[]) => {
  const h = createHash('sha256')
  for (const piece of Array.isArray(data) ? data : [data]) h.update(piece)
  return new Uint8Array(h.digest())
}

const algId = (oid: string, params?: asn1js.BaseBlock) =>
  new pkijs.AlgorithmIdentifier({ algorithmId: oid, ...(params ? { algorithmParams: params } : {}) })

function signatureAlgorithm(scheme: Scheme): pkijs.AlgorithmIdentifier {
  if (scheme === 'ecdsa') return algId('1.2.840.10045.4.3.2')
  if (scheme === 'rsa-pkcs1') return algId('1.2.840.113549.1.1.11', new asn1js.Null())
  const params = new pkijs.RSASSAPSSParams({
    hashAlgorithm: algId(SHA256, new asn1js.Null()),
    maskGenAlgorithm: algId('1.2.840.113549.1.1.8', algId(SHA256, new asn1js.Null()).toSchema()),
    saltLength: 32,
  })
  return algId('1.2.840.113549.1.1.10', params.toSchema())
}

function essSigningCertificateV2(certDer: Uint8Array, cert: pkijs.Certificate): pkijs.Attribute {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: cert.issuer }).toSchema()] }),
      cert.serialNumber,
    ],
  })
  const id = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(certDer) }), issuerSerial],
  })
  return new pkijs.Attribute({
    type: '1.2.840.113549.1.9.16.2.47',
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [id] })] })],
  })
}

/** An RFC 3161 token over `data` from the TSA at `url`, as the ContentInfo DER. */
export async function timestampToken(url: string, data: Uint8Array[]): Promise<Uint8Array> {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: algId(SHA256),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(data) }),
    }),
    certReq: true,
  })
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: new Uint8Array(request.toSchema().toBER()),
  })
  const reply = pkijs.TimeStampResp.fromBER(await response.arrayBuffer())
  if (!reply.timeStampToken) throw new Error('the TSA refused the request')
  return new Uint8Array(reply.timeStampToken.toSchema().toBER())
}

export async function signDetached(o: SignOptions): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(o.certificate))
  const attrs = [
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.3',
      values: [new asn1js.ObjectIdentifier({ value: ID_DATA })],
    }),
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.4',
      values: [new asn1js.OctetString({ valueHex: sha256(o.pieces) })],
    }),
    essSigningCertificateV2(o.certificate, cert),
  ]
  const toSign = new Uint8Array(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER())
  const key = o.privateKey instanceof KeyObject ? o.privateKey : KeyObject.from(o.privateKey)
  const signature = new Uint8Array(
    sign(
      'sha256',
      toSign,
      o.scheme === 'ecdsa'
        ? { key, dsaEncoding: 'der' }
        : o.scheme === 'rsa-pss'
          ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
          : { key, padding: constants.RSA_PKCS1_PADDING },
    ),
  )
  if (o.corruptSignature) signature[signature.length - 5] = (signature[signature.length - 5] ?? 0) ^ 0x01
  const unsigned: pkijs.Attribute[] = []
  if (o.tsaUrl) {
    const token = await timestampToken(o.tsaUrl, [o.stampOver ?? signature])
    unsigned.push(
      new pkijs.Attribute({
        type: '1.2.840.113549.1.9.16.2.14',
        values: [asn1js.fromBER(toArrayBuffer(token)).result],
      }),
    )
  }
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: algId(SHA256),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
    signatureAlgorithm: signatureAlgorithm(o.scheme),
    signature: new asn1js.OctetString({ valueHex: signature }),
    ...(unsigned.length
      ? { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: unsigned }) }
      : {}),
  })
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algId(SHA256)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: ID_DATA }),
    certificates: [o.certificate, ...(o.chain ?? [])].map((der) =>
      pkijs.Certificate.fromBER(toArrayBuffer(der)),
    ),
    signerInfos: [signerInfo],
  })
  const contentInfo = new pkijs.ContentInfo({
    contentType: ID_SIGNED_DATA,
    content: signedData.toSchema(true),
  })
  return new Uint8Array(contentInfo.toSchema().toBER())
}
