// OCSP CertID (RFC 6960 §4.1.1): hashes of the issuer's name and key plus the serial number.
import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { DIGESTS, OID_SHA1 } from '../trust/algorithms.ts'
import { sameBytes, toHex } from '../trust/bytes.ts'
import { type Cert, publicKeyBits } from '../trust/certificate.ts'

function hash(oid: string, data: Uint8Array): Uint8Array | undefined {
  const d = DIGESTS[oid]
  // SHAKE and MD5 are not CertID hashes anyone uses.
  if (!d || d.outputLength || oid === '1.2.840.113549.2.5') return undefined
  return new Uint8Array(createHash(d.node).update(data).digest())
}

export function buildCertId(cert: Cert, issuer: Cert, hashOid = OID_SHA1): pkijs.CertID {
  const nameHash = hash(hashOid, issuer.subjectDer)
  const keyHash = hash(hashOid, publicKeyBits(issuer))
  if (!nameHash || !keyHash) throw new Error(`unsupported CertID hash ${hashOid}`)
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: hashOid,
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({ valueHex: nameHash }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: keyHash }),
    serialNumber: new asn1js.Integer({ valueHex: cert.pkijs.serialNumber.valueBlock.valueHexView }),
  })
}

// The issuer hashes per issuer certificate and hash algorithm: the same CAs answer for every contract.
const issuerHashes = new WeakMap<Cert, Map<string, { nameHash?: Uint8Array; keyHash?: Uint8Array }>>()

function issuerHashesOf(issuer: Cert, oid: string): { nameHash?: Uint8Array; keyHash?: Uint8Array } {
  let byOid = issuerHashes.get(issuer)
  if (!byOid) {
    byOid = new Map()
    issuerHashes.set(issuer, byOid)
  }
  let hashes = byOid.get(oid)
  if (!hashes) {
    const nameHash = hash(oid, issuer.subjectDer)
    const keyHash = hash(oid, publicKeyBits(issuer))
    hashes = { ...(nameHash ? { nameHash } : {}), ...(keyHash ? { keyHash } : {}) }
    if (byOid.size > 16) byOid.clear()
    byOid.set(oid, hashes)
  }
  return hashes
}

// Parsed responses are cached, so their CertIDs are met again for every certificate checked.
const serials = new WeakMap<pkijs.CertID, string>()

/** True when `id` names `cert` issued by `issuer`, whatever hash algorithm the CertID uses. */
export function certIdMatches(id: pkijs.CertID, cert: Cert, issuer: Cert): boolean {
  let serial = serials.get(id)
  if (serial === undefined) {
    serial = toHex(id.serialNumber.valueBlock.valueHexView)
    serials.set(id, serial)
  }
  if (serial !== cert.serialHex) return false
  const { nameHash, keyHash } = issuerHashesOf(issuer, id.hashAlgorithm.algorithmId)
  return (
    !!nameHash &&
    !!keyHash &&
    sameBytes(nameHash, id.issuerNameHash.valueBlock.valueHexView) &&
    sameBytes(keyHash, id.issuerKeyHash.valueBlock.valueHexView)
  )
}
