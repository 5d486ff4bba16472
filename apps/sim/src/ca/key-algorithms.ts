// The key and signature algorithms the simulator issues with, all within TT 15's policy (R2.30):
// ECDSA P-256 with SHA-256, or RSASSA-PSS with SHA-256 on keys of at least 2048 bits.
import { webcrypto } from 'node:crypto'
import type { CryptoKey, CryptoKeyPair } from './webcrypto-types.ts'
import * as x509 from './x509.ts'

export const KEY_ALGORITHMS = ['ecdsa-p256', 'rsa-pss-2048', 'rsa-pss-3072'] as const
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number]

export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return typeof value === 'string' && (KEY_ALGORITHMS as readonly string[]).includes(value)
}

/** The WebCrypto algorithm a key of this kind is generated and imported with. */
export function keyParams(
  algorithm: KeyAlgorithm,
): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  if (algorithm === 'ecdsa-p256') return { name: 'ECDSA', namedCurve: 'P-256' }
  return {
    name: 'RSA-PSS',
    modulusLength: algorithm === 'rsa-pss-3072' ? 3072 : 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  }
}

/** The signature algorithm a key of this kind signs certificates and CRLs with. */
export function signingAlgorithm(algorithm: KeyAlgorithm): webcrypto.EcdsaParams | webcrypto.RsaPssParams {
  if (algorithm === 'ecdsa-p256') return { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams
  // Salt length = hash length, as RFC 4055 recommends and openssl expects by default.
  return { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 } as webcrypto.RsaPssParams
}

export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(keyParams(algorithm), true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair
}

export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', key))
}

export async function importPkcs8(algorithm: KeyAlgorithm, pkcs8: Uint8Array): Promise<CryptoKey> {
  return (await webcrypto.subtle.importKey('pkcs8', pkcs8, keyParams(algorithm), true, [
    'sign',
  ])) as unknown as CryptoKey
}

export function pkcs8Pem(pkcs8: Uint8Array): string {
  return x509.PemConverter.encode(toArrayBuffer(pkcs8), 'PRIVATE KEY')
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
