// Storage for the Platform and the eContract: signed documents in a content-addressed BlobStore, personal data encrypted.
export {
  assertBlobKey,
  type BlobRef,
  type BlobStore,
  DEFAULT_MAX_BLOB_BYTES,
  sha256Hex,
  shardedPath,
} from './blob-store.ts'
export { FileBlobStore, type FileBlobStoreOptions } from './file-blob-store.ts'
export { type OpenBlobStoreOptions, openBlobStore } from './open-blob-store.ts'
export {
  type EncryptedPersonalId,
  PiiCipher,
  type PiiCipherOptions,
  type PiiKey,
  parsePiiKeys,
  piiCipherFromEnv,
  WORKER_PERSONAL_ID,
} from './pii-cipher.ts'
export { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.ts'
export { EMPTY_SHA256, type SigV4Credentials, type SigV4Request, signRequest } from './sigv4.ts'
