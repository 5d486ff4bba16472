// What the rest of the simulator (OCSP responder, TSA, index.ts) uses from the CA.
export { caAdminRoutes } from './admin-routes.ts'
export {
  type CertificateAuthorityOptions,
  type CertificateRecord,
  type CertificateStatus,
  type DigestSignature,
  type IssuedCertificate,
  type IssueRequest,
  type Issuer,
  SimCertificateAuthority,
} from './certificate-authority.ts'
export { type AuthorityConfig, DEFAULT_HIERARCHY, type HierarchyConfig } from './hierarchy.ts'
export { KEY_ALGORITHMS, type KeyAlgorithm, signingAlgorithm } from './key-algorithms.ts'
export { caMigrations } from './migrations.ts'
export { OCSP_NOCHECK_OID } from './profiles.ts'
export { REVOCATION_REASONS, type RevocationReason } from './revocation-reasons.ts'
export type { SimCaDatabase } from './schema.ts'
export { canonicalSerial } from './serial-number.ts'
export { UID_OID } from './subject-names.ts'
export { type CaUrlConfig, caIssuersUrl, crlUrl, ocspUrl } from './urls.ts'
