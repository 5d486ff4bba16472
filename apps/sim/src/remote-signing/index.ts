// Remote signing (ký số từ xa, R2.34, R2.36) over the CA simulator; requests are kept in its database.
export { ecdsaP256SignDigest, rsaPssSignDigest } from '../ca/prehash-signing.ts'
export {
  type BatchCreated,
  type BatchRequestInput,
  type BatchStatus,
  batchJson,
  MAX_BATCH_DIGESTS,
  RemoteSigningBatches,
  remoteSigningBatchMigrations,
} from './remote-signing-batches.ts'
export { remoteSigningRoutes } from './remote-signing-routes.ts'
export {
  DEFAULT_CALLBACK_RETRY_DELAYS_MS,
  DEFAULT_REQUEST_TTL_MS,
  DIGEST_ALGORITHMS,
  type DigestAlgorithm,
  MAX_OTP_ATTEMPTS,
  type RemoteSigningOptions,
  RemoteSigningService,
  type SignatureRequestCreated,
  type SignatureRequestInput,
  type SignatureRequestStatus,
  statusJson,
} from './remote-signing-service.ts'
