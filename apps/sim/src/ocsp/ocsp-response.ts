import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { digest, engine, type Signer, signingHash, toPkijsCertificate, wholeSeconds } from './signer.ts'
import type { CertStatus } from './status-source.ts'

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
export const OcspResponseStatus = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const
export type OcspResponseStatus = (typeof OcspResponseStatus)[keyof typeof OcspResponseStatus]

/** An unsigned OCSPResponse carrying only an error status. */
export function ocspErrorResponse(status: Exclude<OcspResponseStatus, 0>): Uint8Array {
  const resp = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) })
  return new Uint8Array(resp.toSchema().toBER())
}

export interface SingleAnswer {
  certId: pkijs.CertID
  status: CertStatus
}

/** A responder's certificates parsed and its ResponderID hashed once, not on every response. */
export interface PreparedResponder {
  /** The responder certificate first, then its chain. */
  certs: pkijs.Certificate[]
  /** ResponderID byKey: SHA-1 of the responder's subjectPublicKey bits (RFC 6960 §4.2.1). */
  keyHash: Uint8Array
  privateKey: Signer['privateKey']
}

export async function prepareResponder(signer: Signer): Promise<PreparedResponder> {
  const cert = toPkijsCertificate(signer.certificate)
  return {
    certs: [cert, ...(signer.chain ?? []).map(toPkijsCertificate)],
    keyHash: await digest('SHA-1', cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    privateKey: signer.privateKey,
  }
}

export interface BasicResponseParams {
  responder: Signer | PreparedResponder
  answers: SingleAnswer[]
  producedAt: Date
  /** Seconds from thisUpdate to nextUpdate. */
  validitySeconds: number
  nonce?: pkijs.Extension
}

function certStatusAsn1(s: CertStatus): asn1js.BaseBlock {
  switch (s.status) {
    case 'good':
      return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } })
    case 'unknown':
      return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } })
    case 'revoked': {
      // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
      const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: wholeSeconds(s.revokedAt) })]
      if (s.reason !== undefined) {
        value.push(
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 0 },
            value: [new asn1js.Enumerated({ value: s.reason })],
          }),
        )
      }
      return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value })
    }
  }
}

/** Builds and signs a successful OCSPResponse wrapping a BasicOCSPResponse. */
export async function buildBasicOcspResponse(p: BasicResponseParams): Promise<Uint8Array> {
  const responder = 'keyHash' in p.responder ? p.responder : await prepareResponder(p.responder)
  const thisUpdate = wholeSeconds(p.producedAt)
  const nextUpdate = new Date(thisUpdate.getTime() + p.validitySeconds * 1000)

  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: new asn1js.OctetString({ valueHex: responder.keyHash }),
      producedAt: thisUpdate,
      responses: p.answers.map(
        (a) =>
          new pkijs.SingleResponse({
            certID: a.certId,
            certStatus: certStatusAsn1(a.status),
            thisUpdate,
            nextUpdate,
          }),
      ),
      ...(p.nonce ? { responseExtensions: [p.nonce] } : {}),
    }),
    certs: responder.certs,
  })
  await basic.sign(responder.privateKey, signingHash(responder.privateKey), engine())

  const resp = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: OcspResponseStatus.successful }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: pkijs.id_PKIX_OCSP_Basic,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
    }),
  })
  return new Uint8Array(resp.toSchema().toBER())
}
