// WebCrypto's types from Node's, since the repo's tsconfig has no DOM lib.
import type { webcrypto } from 'node:crypto'

export type CryptoKey = webcrypto.CryptoKey
export type CryptoKeyPair = webcrypto.CryptoKeyPair
export type BufferSource = webcrypto.BufferSource
