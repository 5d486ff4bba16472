import type * as pkijs from 'pkijs'
import { digest } from './signer.ts'

/** CertID hash algorithms we answer for: SHA-1 (NSS, pdfsig, openssl default) and the SHA-2 family. */
const HASH_BY_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
}

export function certIdHashName(oid: string): string | undefined {
  return HASH_BY_OID[oid]
}

const hex = (b: Uint8Array | ArrayBuffer): string => Buffer.from(b as Uint8Array).toString('hex')

/** Precomputed issuerNameHash/issuerKeyHash of one issuer, per hash algorithm, for CertID lookup. */
export class IssuerHashes {
  readonly #byAlg = new Map<string, Promise<string>>()
  readonly #name: Uint8Array
  readonly #key: Uint8Array

  constructor(issuer: pkijs.Certificate) {
    this.#name = new Uint8Array(issuer.subject.toSchema().toBER())
    this.#key = issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView
  }

  /** `${nameHash}:${keyHash}` in hex, for the given CertID hash OID. */
  key(hashOid: string): Promise<string> | undefined {
    const name = certIdHashName(hashOid)
    if (!name) return undefined
    let cached = this.#byAlg.get(name)
    if (!cached) {
      cached = Promise.all([digest(name, this.#name), digest(name, this.#key)]).then(
        ([n, k]) => `${hex(n)}:${hex(k)}`,
      )
      this.#byAlg.set(name, cached)
    }
    return cached
  }
}

export function certIdKey(id: pkijs.CertID): string {
  return `${hex(id.issuerNameHash.valueBlock.valueHexView)}:${hex(id.issuerKeyHash.valueBlock.valueHexView)}`
}

/** Serial as an unsigned-looking bigint (two's complement, as DER carries it). */
export function serialOf(id: pkijs.CertID): bigint {
  const bytes = id.serialNumber.valueBlock.valueHexView
  if (bytes.length === 0) return 0n
  let v = BigInt(`0x${hex(bytes)}`)
  if ((bytes[0] ?? 0) & 0x80) v -= 1n << BigInt(bytes.length * 8)
  return v
}
