// Object identifiers of the digest and signature algorithms met in CMS, certificates, CRLs and OCSP.

/** Digest OID → Node hash name and the name shown in reports. */
export const DIGESTS: Record<string, { node: string; name: string; outputLength?: number }> = {
  '1.2.840.113549.2.5': { node: 'md5', name: 'MD5' },
  '1.3.14.3.2.26': { node: 'sha1', name: 'SHA-1' },
  '2.16.840.1.101.3.4.2.4': { node: 'sha224', name: 'SHA-224' },
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', name: 'SHA-256' },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', name: 'SHA-384' },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', name: 'SHA-512' },
  '2.16.840.1.101.3.4.2.5': { node: 'sha512-224', name: 'SHA-512/224' },
  '2.16.840.1.101.3.4.2.6': { node: 'sha512-256', name: 'SHA-512/256' },
  '2.16.840.1.101.3.4.2.7': { node: 'sha3-224', name: 'SHA3-224' },
  '2.16.840.1.101.3.4.2.8': { node: 'sha3-256', name: 'SHA3-256' },
  '2.16.840.1.101.3.4.2.9': { node: 'sha3-384', name: 'SHA3-384' },
  '2.16.840.1.101.3.4.2.10': { node: 'sha3-512', name: 'SHA3-512' },
  // RFC 8702: SHAKE output is 256 and 512 bits in CMS.
  '2.16.840.1.101.3.4.2.11': { node: 'shake128', name: 'SHAKE128', outputLength: 32 },
  '2.16.840.1.101.3.4.2.12': { node: 'shake256', name: 'SHAKE256', outputLength: 64 },
}

export const OID_SHA1 = '1.3.14.3.2.26'
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1'
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1'
export const OID_RSASSA_PSS = '1.2.840.113549.1.1.10'
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1'

export type SignatureScheme = 'ecdsa' | 'rsa-pss' | 'rsa-pkcs1' | 'ed25519' | 'ed448'

/** Signature OIDs that fix their digest; rsaEncryption and id-ecPublicKey take it from the CMS digestAlgorithm. */
export const SIGNATURES: Record<string, { scheme: SignatureScheme; digestOid?: string; name: string }> = {
  [OID_RSA_ENCRYPTION]: { scheme: 'rsa-pkcs1', name: 'RSA PKCS#1 v1.5' },
  '1.2.840.113549.1.1.4': {
    scheme: 'rsa-pkcs1',
    digestOid: '1.2.840.113549.2.5',
    name: 'md5WithRSAEncryption',
  },
  '1.2.840.113549.1.1.5': { scheme: 'rsa-pkcs1', digestOid: OID_SHA1, name: 'sha1WithRSAEncryption' },
  '1.2.840.113549.1.1.14': {
    scheme: 'rsa-pkcs1',
    digestOid: '2.16.840.1.101.3.4.2.4',
    name: 'sha224WithRSAEncryption',
  },
  '1.2.840.113549.1.1.11': { scheme: 'rsa-pkcs1', digestOid: OID_SHA256, name: 'sha256WithRSAEncryption' },
  '1.2.840.113549.1.1.12': {
    scheme: 'rsa-pkcs1',
    digestOid: '2.16.840.1.101.3.4.2.2',
    name: 'sha384WithRSAEncryption',
  },
  '1.2.840.113549.1.1.13': {
    scheme: 'rsa-pkcs1',
    digestOid: '2.16.840.1.101.3.4.2.3',
    name: 'sha512WithRSAEncryption',
  },
  [OID_RSASSA_PSS]: { scheme: 'rsa-pss', name: 'RSASSA-PSS' },
  [OID_EC_PUBLIC_KEY]: { scheme: 'ecdsa', name: 'ECDSA' },
  '1.2.840.10045.4.1': { scheme: 'ecdsa', digestOid: OID_SHA1, name: 'ecdsa-with-SHA1' },
  '1.2.840.10045.4.3.1': { scheme: 'ecdsa', digestOid: '2.16.840.1.101.3.4.2.4', name: 'ecdsa-with-SHA224' },
  '1.2.840.10045.4.3.2': { scheme: 'ecdsa', digestOid: OID_SHA256, name: 'ecdsa-with-SHA256' },
  '1.2.840.10045.4.3.3': { scheme: 'ecdsa', digestOid: '2.16.840.1.101.3.4.2.2', name: 'ecdsa-with-SHA384' },
  '1.2.840.10045.4.3.4': { scheme: 'ecdsa', digestOid: '2.16.840.1.101.3.4.2.3', name: 'ecdsa-with-SHA512' },
  '2.16.840.1.101.3.4.3.10': {
    scheme: 'ecdsa',
    digestOid: '2.16.840.1.101.3.4.2.8',
    name: 'ecdsa-with-SHA3-256',
  },
  '2.16.840.1.101.3.4.3.11': {
    scheme: 'ecdsa',
    digestOid: '2.16.840.1.101.3.4.2.9',
    name: 'ecdsa-with-SHA3-384',
  },
  '2.16.840.1.101.3.4.3.12': {
    scheme: 'ecdsa',
    digestOid: '2.16.840.1.101.3.4.2.10',
    name: 'ecdsa-with-SHA3-512',
  },
  '1.3.101.112': { scheme: 'ed25519', name: 'Ed25519' },
  '1.3.101.113': { scheme: 'ed448', name: 'Ed448' },
}

export function digestName(oid: string): string {
  return DIGESTS[oid]?.name ?? oid
}
