import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { digest, engine, type Signer, signingHash, toPkijsCertificate } from '../ocsp/signer.ts'
import { signingCertificateV2 } from './ess.ts'
import type { TimeStampQuery } from './tsa-request.ts'

const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4'
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2'
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3'
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4'

export interface Accuracy {
  seconds?: number
  millis?: number
  micros?: number
}

export interface TokenParams {
  signer: Signer
  policyOid: string
  query: TimeStampQuery
  serialNumber: bigint
  genTime: Date
  accuracy?: Accuracy
  /** Put the TSA's name in TSTInfo.tsa (a hint; RFC 3161 says it must match the certificate subject). */
  includeTsaName: boolean
}

/** DER SET OF sorts its elements by encoding; OpenSSL and pyasn1 re-encode signed attributes that way before verifying. */
function derSorted(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  const enc = attrs.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }))
  enc.sort((x, y) => Buffer.compare(x.der, y.der))
  return enc.map((e) => e.a)
}

/** Builds the TSTInfo and signs it into a CMS SignedData TimeStampToken (RFC 3161 §2.4.2). */
export async function buildTimeStampToken(p: TokenParams): Promise<pkijs.ContentInfo> {
  const cert = toPkijsCertificate(p.signer.certificate)
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: p.policyOid,
    messageImprint: p.query.messageImprint,
    serialNumber: asn1js.Integer.fromBigInt(p.serialNumber),
    genTime: p.genTime,
    ...(p.accuracy ? { accuracy: new pkijs.Accuracy(p.accuracy) } : {}),
    ...(p.query.nonce ? { nonce: p.query.nonce } : {}),
    ...(p.includeTsaName ? { tsa: new pkijs.GeneralName({ type: 4, value: cert.subject }) } : {}),
  })
  const tstDer = new Uint8Array(tstInfo.toSchema().toBER())

  const hash = signingHash(p.signer.privateKey)
  const signedAttrs = derSorted([
    new pkijs.Attribute({
      type: ID_CONTENT_TYPE,
      values: [new asn1js.ObjectIdentifier({ value: ID_CT_TSTINFO })],
    }),
    new pkijs.Attribute({
      type: ID_MESSAGE_DIGEST,
      values: [new asn1js.OctetString({ valueHex: await digest(hash, tstDer) })],
    }),
    await signingCertificateV2(cert),
  ])

  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: ID_CT_TSTINFO,
      eContent: new asn1js.OctetString({ valueHex: tstDer }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttrs }),
      }),
    ],
    // RFC 3161 §2.4.1: certificates only when certReq is true.
    ...(p.query.certReq ? { certificates: [cert, ...(p.signer.chain ?? []).map(toPkijsCertificate)] } : {}),
  })
  await signedData.sign(p.signer.privateKey, 0, hash, undefined, engine())

  return new pkijs.ContentInfo({ contentType: ID_SIGNED_DATA, content: signedData.toSchema(true) })
}
