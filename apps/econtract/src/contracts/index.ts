// Contracts and lifecycle documents in the eContract: drafting with live labor-code findings, signing by
// each party with its own certificate, certification, submission and delivery.
export { DeliveryWorker } from './delivery-worker.ts'
export { documentNotFound, employerTaxCodesOf, sideOf } from './document-access.ts'
export { type DocumentEvent, documentHistory } from './document-events.ts'
export {
  DOCUMENT_TITLES,
  type DocumentSummary,
  DocumentsService,
  type DocumentView,
  type DraftInput,
} from './documents-service.ts'
export { type ContractsDatabase, migrateContracts, type Party } from './migrations.ts'
export { onPlatformDecision } from './platform-decisions.ts'
export {
  type CertificateAuthorityClient,
  type CertificateSubject,
  SignerCertificates,
  simCertificateAuthority,
} from './signer-certificates.ts'
export { effectiveTime, type SignatureStarted, SigningService } from './signing-service.ts'
