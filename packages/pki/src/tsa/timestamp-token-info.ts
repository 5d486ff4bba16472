// Reads the TSTInfo (RFC 3161 §2.4.2) out of a TimeStampToken. Reading only: the token's signature and
// the TSA's certificate are checked by the verification side.
import { ElcError, text } from '@elc/core'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { type DigestAlgorithm, digestAlgorithmFromOid } from '../cms/digest-algorithms.ts'
import { OID } from '../cms/oids.ts'

export interface TimestampTokenInfo {
  genTime: Date
  /** Hex, lower case, as the TSA encoded it. */
  serialNumber: string
  policy: string
  imprint: { digestAlgorithm: DigestAlgorithm | string; digest: Uint8Array }
  accuracy?: { seconds: number; millis: number; micros: number }
  /** Hex, lower case. */
  nonce?: string
  /** The TSTInfo DER, as signed. */
  tstInfo: Uint8Array
}

export function invalidToken(what: string, cause?: unknown): ElcError {
  return new ElcError(
    'TSA_TOKEN_INVALID',
    text(`Dấu thời gian (RFC 3161) không hợp lệ: ${what}.`, `Invalid RFC 3161 timestamp token: ${what}.`),
    { cause },
  )
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(bytes)).toString('hex')

export function timestampTokenInfo(token: Uint8Array): TimestampTokenInfo {
  let tstDer: Uint8Array
  let tst: pkijs.TSTInfo
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(token)
    if (contentInfo.contentType !== OID.signedData) throw invalidToken('not a SignedData')
    const signedData = new pkijs.SignedData({ schema: contentInfo.content })
    const encap = signedData.encapContentInfo
    if (encap.eContentType !== OID.tstInfo) throw invalidToken('content is not a TSTInfo')
    const eContent = encap.eContent
    if (!(eContent instanceof asn1js.OctetString)) throw invalidToken('no TSTInfo')
    // A constructed (BER) OCTET STRING keeps its pieces; join them.
    tstDer = eContent.valueBlock.isConstructed
      ? Buffer.concat(
          eContent.valueBlock.value.map(
            (p) => new Uint8Array((p as asn1js.OctetString).valueBlock.valueHexView),
          ),
        )
      : new Uint8Array(eContent.valueBlock.valueHexView)
    tst = pkijs.TSTInfo.fromBER(tstDer)
  } catch (error) {
    throw error instanceof ElcError ? error : invalidToken('cannot be parsed', error)
  }
  const algorithmOid = tst.messageImprint.hashAlgorithm.algorithmId
  const accuracy = tst.accuracy
  return {
    genTime: tst.genTime,
    serialNumber: hex(tst.serialNumber.valueBlock.valueHexView),
    policy: tst.policy,
    imprint: {
      digestAlgorithm: digestAlgorithmFromOid(algorithmOid) ?? algorithmOid,
      digest: new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
    },
    ...(accuracy
      ? {
          accuracy: {
            seconds: accuracy.seconds ?? 0,
            millis: accuracy.millis ?? 0,
            micros: accuracy.micros ?? 0,
          },
        }
      : {}),
    ...(tst.nonce ? { nonce: hex(tst.nonce.valueBlock.valueHexView) } : {}),
    tstInfo: tstDer,
  }
}
