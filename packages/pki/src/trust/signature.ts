// Verifies one signature (certificate, CRL, OCSP response or CMS signer) with node:crypto, from the
// AlgorithmIdentifier as written. ECDSA signatures are DER here, which node:crypto takes as they are.
import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto'
import * as pkijs from 'pkijs'
import { DIGESTS, OID_RSASSA_PSS, OID_SHA1, SIGNATURES, type SignatureScheme } from './algorithms.ts'

export interface SignatureAlgorithm {
  oid: string
  /** The AlgorithmIdentifier parameters (RSASSA-PSS carries its hash and salt length there). */
  params?: unknown
}

export interface KeyDescription {
  /** 'EC', 'RSA', 'RSA-PSS' (key restricted to PSS), 'Ed25519', … */
  type: string
  /** Modulus length for RSA, curve order size for EC. */
  bits: number
  curve?: string
  /** e.g. "ECDSA P-256", "RSA 2048". */
  name: string
}

export interface SignatureOutcome {
  ok: boolean
  /** Set when the algorithm cannot be checked at all; ok is then false. */
  unsupported?: string
  scheme?: SignatureScheme
  /** The digest the signature was computed with. */
  digestOid?: string
  /** e.g. "ECDSA with SHA-256", "RSASSA-PSS with SHA-256". */
  name: string
}

const CURVES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
  secp256k1: { name: 'secp256k1', bits: 256 },
}

const keyCache = new Map<string, KeyObject>()

/** The benchmark records every verification here, to time the same node:crypto calls on their own. */
export const signatureProbe: {
  onVerify?: (
    hash: string | null,
    data: Uint8Array,
    key: Parameters<typeof verify>[2],
    signature: Uint8Array,
  ) => void
} = {}

// A certificate's spki array is kept with the parsed certificate: looked up by identity first.
const keyByArray = new WeakMap<Uint8Array, KeyObject>()
const descriptions = new WeakMap<Uint8Array, KeyDescription>()

export function publicKeyOf(spki: Uint8Array): KeyObject {
  let key = keyByArray.get(spki)
  if (key) return key
  const id = Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength).toString('base64')
  key = keyCache.get(id)
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' })
    if (keyCache.size > 1000) keyCache.clear()
    keyCache.set(id, key)
  }
  keyByArray.set(spki, key)
  return key
}

export function describeKey(spki: Uint8Array): KeyDescription {
  let description = descriptions.get(spki)
  if (!description) {
    description = describe(spki)
    descriptions.set(spki, description)
  }
  return { ...description }
}

function describe(spki: Uint8Array): KeyDescription {
  try {
    const key = publicKeyOf(spki)
    const details = key.asymmetricKeyDetails ?? {}
    switch (key.asymmetricKeyType) {
      case 'ec': {
        const raw = details.namedCurve ?? 'unknown'
        const curve = CURVES[raw] ?? { name: raw, bits: Number(/(\d{3})/.exec(raw)?.[1] ?? 0) }
        return { type: 'EC', bits: curve.bits, curve: curve.name, name: `ECDSA ${curve.name}` }
      }
      case 'rsa':
      case 'rsa-pss': {
        const bits = details.modulusLength ?? 0
        const type = key.asymmetricKeyType === 'rsa' ? 'RSA' : 'RSA-PSS'
        return { type, bits, name: `${type} ${bits}` }
      }
      case 'ed25519':
        return { type: 'Ed25519', bits: 256, name: 'Ed25519' }
      case 'ed448':
        return { type: 'Ed448', bits: 456, name: 'Ed448' }
      default:
        return { type: key.asymmetricKeyType ?? 'unknown', bits: 0, name: key.asymmetricKeyType ?? 'unknown' }
    }
  } catch {
    return { type: 'unknown', bits: 0, name: 'unknown' }
  }
}

interface PssParams {
  digestOid: string
  saltLength: number
}

function pssParams(params: unknown): PssParams | string {
  // RFC 4055 defaults: SHA-1, MGF1 with SHA-1, salt 20.
  if (params === undefined || params === null) return { digestOid: OID_SHA1, saltLength: 20 }
  try {
    const parsed = new pkijs.RSASSAPSSParams({ schema: params })
    const digestOid = parsed.hashAlgorithm.algorithmId || OID_SHA1
    const mgfHash = parsed.maskGenAlgorithm.algorithmParams
      ? new pkijs.AlgorithmIdentifier({ schema: parsed.maskGenAlgorithm.algorithmParams }).algorithmId
      : OID_SHA1
    // node:crypto uses MGF1 with the message digest; other combinations are not met in practice.
    if (mgfHash !== digestOid) return 'RSASSA-PSS with a different MGF1 hash'
    return { digestOid, saltLength: parsed.saltLength }
  } catch {
    return 'malformed RSASSA-PSS parameters'
  }
}

/**
 * Checks `signature` over `data` with the key in `spki`. `digestOid` is the CMS digestAlgorithm, used
 * when the signature OID does not name a digest (rsaEncryption, id-ecPublicKey).
 */
export function verifySignature(p: {
  algorithm: SignatureAlgorithm
  digestOid?: string
  spki: Uint8Array
  data: Uint8Array
  signature: Uint8Array
}): SignatureOutcome {
  const known = SIGNATURES[p.algorithm.oid]
  if (!known) return { ok: false, unsupported: p.algorithm.oid, name: p.algorithm.oid }
  let digestOid = known.digestOid ?? p.digestOid
  let saltLength: number | undefined
  if (p.algorithm.oid === OID_RSASSA_PSS) {
    const pss = pssParams(p.algorithm.params)
    if (typeof pss === 'string') return { ok: false, unsupported: pss, scheme: 'rsa-pss', name: known.name }
    digestOid = pss.digestOid
    saltLength = pss.saltLength
  }
  const digest = digestOid ? DIGESTS[digestOid] : undefined
  // Names that fix their digest are shown as is; the others get "with <digest>".
  const name =
    known.digestOid || known.scheme === 'ed25519' || known.scheme === 'ed448'
      ? known.name
      : `${known.scheme === 'ecdsa' ? 'ECDSA' : known.name} with ${digest?.name ?? digestOid ?? '?'}`
  const base = { scheme: known.scheme, ...(digestOid ? { digestOid } : {}), name }
  if (!digest && known.scheme !== 'ed25519' && known.scheme !== 'ed448')
    return { ok: false, unsupported: digestOid ?? 'no digest', ...base }
  try {
    const key = publicKeyOf(p.spki)
    const hash = known.scheme === 'ed25519' || known.scheme === 'ed448' ? null : (digest?.node ?? null)
    const options =
      known.scheme === 'ecdsa'
        ? { key, dsaEncoding: 'der' as const }
        : known.scheme === 'rsa-pss'
          ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }
          : known.scheme === 'rsa-pkcs1'
            ? { key, padding: constants.RSA_PKCS1_PADDING }
            : key
    signatureProbe.onVerify?.(hash, p.data, options, p.signature)
    return { ok: verify(hash, p.data, options, p.signature), ...base }
  } catch {
    // A key of the wrong type or a malformed signature is a failed check, not a crash.
    return { ok: false, ...base }
  }
}
