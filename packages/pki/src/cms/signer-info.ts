// Finds the one SignerInfo of a PAdES CMS and rebuilds the CMS around a changed SignerInfo, copying every
// other byte (certificates, signed attributes, signature) verbatim.
import { ElcError, text } from '@elc/core'
import { children, decodeOid, readSingle, sequence, setOf, TAG, type Tlv, tlv } from './der.ts'
import { OID } from './oids.ts'

export interface SignerInfoParts {
  /** SignerInfo's fields in order: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1]? */
  fields: Tlv[]
  signedAttributes: Tlv
  signature: Tlv
  unsignedAttributes?: Tlv
  /** Puts a new SignerInfo in place of this one and returns the whole ContentInfo DER. */
  replace(signerInfo: Uint8Array): Uint8Array
}

function notPades(what: string): ElcError {
  return new ElcError(
    'CMS_MALFORMED',
    text(`CMS không phải SignedData PAdES hợp lệ: ${what}.`, `Not a valid PAdES CMS SignedData: ${what}.`),
  )
}

export function signerInfoOf(cms: Uint8Array): SignerInfoParts {
  let contentInfo: Tlv[]
  let signedDataFields: Tlv[]
  let signerInfos: Tlv[]
  try {
    contentInfo = children(readSingle(cms))
    if (contentInfo.length !== 2 || decodeOid(contentInfo[0] as Tlv) !== OID.signedData)
      throw notPades('content type')
    const [signedData] = children(contentInfo[1] as Tlv)
    if (signedData?.tag !== TAG.sequence) throw notPades('SignedData')
    signedDataFields = children(signedData)
    const last = signedDataFields.at(-1)
    if (last?.tag !== TAG.set) throw notPades('signerInfos')
    signerInfos = children(last)
  } catch (error) {
    throw error instanceof ElcError && error.code === 'CMS_MALFORMED' ? error : notPades('structure')
  }
  if (signerInfos.length !== 1) throw notPades(`${signerInfos.length} SignerInfos (PAdES has exactly one)`)
  const fields = children(signerInfos[0] as Tlv)
  const signedAttributes = fields[3]
  const signature = fields[5]
  if (signedAttributes?.tag !== 0xa0 || signature?.tag !== TAG.octetString || fields.length > 7)
    throw notPades('SignerInfo without signed attributes')
  const unsigned = fields[6]
  if (unsigned && unsigned.tag !== 0xa1) throw notPades('unsigned attributes')
  return {
    fields,
    signedAttributes,
    signature,
    ...(unsigned ? { unsignedAttributes: unsigned } : {}),
    replace(signerInfo) {
      const newSignedData = sequence(...signedDataFields.slice(0, -1).map((f) => f.raw), setOf([signerInfo]))
      return sequence((contentInfo[0] as Tlv).raw, tlv(0xa0, newSignedData))
    },
  }
}
