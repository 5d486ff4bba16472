// The result of checking one CMS signature or document timestamp: what a TT 15/2025 verification
// report shows (R2.25) and the verdict of R2.29.
import type { SignatureFinding } from '../policy/findings.ts'
import type { RevocationResult } from '../revocation/revocation-result.ts'
import type { PathStatus } from '../trust/path-validation.ts'

export type Verdict = 'valid' | 'invalid' | 'indeterminate'

export interface CertificateSummary {
  /** Subject distinguished name, RFC 4514 style. */
  subject: string
  /** Subject CN: the signer's name. */
  commonName?: string
  /** 12-digit personal ID number (CCCD) from the subject UID "CCCD:…". */
  personalId?: string
  /** Tax code (MST) from the subject UID "MST:…". */
  taxCode?: string
  /** Subject O: the organisation, if any. */
  organisation?: string
  /** Issuer distinguished name. */
  issuer: string
  /** Issuer CN: the issuing CA's name (the certificate-managing unit of R2.25). */
  caName?: string
  /** Serial number, hex. */
  serialNumber: string
  notBefore: Date
  notAfter: Date
  /** e.g. "ECDSA P-256", "RSA 2048". */
  keyAlgorithm: string
  keySize: number
}

export interface TimestampSummary {
  /** TSTInfo genTime. */
  time: Date
  /** TSA certificate CN (or subject DN). */
  tsaName?: string
  /** TSA policy OID. */
  policy: string
  /** TSTInfo serial number, hex. */
  serialNumber: string
  /** Imprint, token signature, TSA chain and EKU all checked (R2.21). */
  valid: boolean
  /** Digest algorithm of the message imprint. */
  imprintAlgorithm: string
  /** The TSA certificate, when found. */
  certificate?: CertificateSummary
}

export interface SignatureCheck {
  /** R2.29: valid, invalid, or indeterminate when status or trust cannot be established. */
  verdict: Verdict
  /** What was checked: a signer's signature or a document timestamp. */
  kind: 'signature' | 'document-timestamp'
  /** The signer (for a document timestamp: the TSA); absent when the CMS gave no usable certificate. */
  signer?: CertificateSummary
  /** Signer first, anchor last when the path reached one. */
  chain: CertificateSummary[]
  /** How path validation ended (R2.17). */
  chainStatus?: PathStatus
  /** The signature timestamp (or, for a document timestamp, the token itself). */
  timestamp?: TimestampSummary
  /** The time the certificate was checked at. */
  signingTime?: Date
  /** Where signingTime came from: a verified timestamp, the PDF's unproven /M, or none (now). */
  signingTimeSource: 'timestamp' | 'claimed' | 'none'
  /** Revocation status of the signer certificate at the signing time (R2.26, R2.27). */
  revocation: RevocationResult
  /** messageDigest equals the digest of the signed bytes (R2.19, R2.22). */
  integrity: boolean
  /** The signature over the signed attributes verifies with the signer certificate's key (R2.16). */
  signatureVerified: boolean
  /** The certificate was within its validity period and not revoked at the signing time (R2.26). */
  certificateValidAtSigningTime: boolean
  /** Digest algorithm name, e.g. "SHA-256". */
  digestAlgorithm?: string
  /** Signature algorithm name, e.g. "ECDSA with SHA-256". */
  signatureAlgorithm?: string
  /** Everything found, each with its rule id; errors make the verdict invalid. */
  findings: SignatureFinding[]
}
