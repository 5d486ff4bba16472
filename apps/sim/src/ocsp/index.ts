export { certIdHashName, IssuerHashes, serialOf } from './cert-id.ts'
export {
  ID_PKIX_OCSP_NONCE,
  MalformedOcspRequest,
  type ParsedOcspRequest,
  parseOcspRequest,
} from './ocsp-request.ts'
export {
  type BasicResponseParams,
  buildBasicOcspResponse,
  OcspResponseStatus,
  ocspErrorResponse,
  type PreparedResponder,
  prepareResponder,
  type SingleAnswer,
} from './ocsp-response.ts'
export {
  createOcspService,
  type OcspAnswer,
  type OcspResponderEntry,
  type OcspServiceOptions,
} from './ocsp-service.ts'
export { type OcspRoutesOptions, ocspRoutes } from './routes.ts'
export {
  type CertificateInput,
  type Clock,
  certificateDer,
  type Signer,
  signingHash,
  systemClock,
  toPkijsCertificate,
} from './signer.ts'
export {
  type CertStatus,
  MemoryStatusSource,
  type RevocationReasonCode,
  type StatusQuery,
  type StatusSource,
} from './status-source.ts'
