// Signed documents are kept by the SHA-256 of their bytes: the key proves the content, the same document is
// stored once, and the database keeps only the hash.
import { createHash } from 'node:crypto'
import { blobKeyInvalid, blobTooLarge } from './errors.ts'

export interface BlobRef {
  /** Lower-case hex SHA-256 of the bytes: the blob's key. */
  sha256: string
  size: number
}

export interface BlobStore {
  /** Largest blob `put` accepts. */
  readonly maxBytes: number
  /** Stores the bytes under their SHA-256; storing bytes that are already there changes nothing. */
  put(bytes: Uint8Array): Promise<BlobRef>
  /** The bytes, checked against their hash (a mismatch throws BLOB_CORRUPTED); undefined when absent. */
  get(sha256: string): Promise<Uint8Array | undefined>
  has(sha256: string): Promise<boolean>
}

/** 64 MiB: far above any signed contract with its validation data, low enough to refuse abuse. */
export const DEFAULT_MAX_BLOB_BYTES = 64 * 1024 * 1024

const SHA256_HEX = /^[0-9a-f]{64}$/

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function assertBlobKey(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw blobKeyInvalid()
}

export function assertBlobSize(size: number, maxBytes: number): void {
  if (size > maxBytes) throw blobTooLarge(size, maxBytes)
}

/** `ab/cd/abcd…`: two levels of 256 directories keep each directory small at national volume. */
export function shardedPath(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
}
