import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/** PKIFailureInfo bit numbers (RFC 3161 §2.4.2). */
export const FailInfo = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const
export type FailInfo = keyof typeof FailInfo

/** A request the TSA refuses; carried to the client as status rejection + failInfo. */
export class TsaRejection extends Error {
  constructor(
    readonly failInfo: FailInfo,
    message: string,
  ) {
    super(message)
  }
}

/** DER named BIT STRING with a single bit set: no trailing zero bytes, unused bits counted. */
function failInfoBits(bit: number): asn1js.BitString {
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1)
  bytes[bytes.length - 1] = 0x80 >> (bit % 8)
  return new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (bit % 8) })
}

/** TimeStampResp with status rejection; the text goes in statusString for humans reading openssl output. */
export function rejectionResponse(failInfo: FailInfo, text: string): Uint8Array {
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: pkijs.PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text.slice(0, 200) })],
      failInfo: failInfoBits(FailInfo[failInfo]),
    }),
  })
  return new Uint8Array(resp.toSchema().toBER())
}

export function grantedResponse(token: pkijs.ContentInfo): Uint8Array {
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: token,
  })
  return new Uint8Array(resp.toSchema().toBER())
}
