// Remote signing (ký số từ xa, R2.34, R2.36) over the CA simulator; requests are kept in memory only.
export { ecdsaP256SignDigest, rsaPssSignDigest } from './prehash-signing.ts'
export { remoteSigningRoutes, statusJson } from './remote-signing-routes.ts'
export {
  DEFAULT_REQUEST_TTL_MS,
  DIGEST_ALGORITHMS,
  type DigestAlgorithm,
  MAX_OTP_ATTEMPTS,
  type RemoteSigningOptions,
  RemoteSigningService,
  type SignatureRequestCreated,
  type SignatureRequestInput,
  type SignatureRequestStatus,
} from './remote-signing-service.ts'
