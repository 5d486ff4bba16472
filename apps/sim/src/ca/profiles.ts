// What each kind of certificate may do: key usage, extended key usage and basic constraints.
import * as x509 from './x509.ts'

export const CERTIFICATE_PROFILES = ['root', 'ca', 'person', 'organisation', 'tsa', 'ocsp'] as const
export type CertificateProfile = (typeof CERTIFICATE_PROFILES)[number]

/** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): relying parties need not check the responder's status. */
export const OCSP_NOCHECK_OID = '1.3.6.1.5.5.7.48.1.5'
const DER_NULL = new Uint8Array([0x05, 0x00])

const KU = x509.KeyUsageFlags

export function profileExtensions(profile: CertificateProfile): x509.Extension[] {
  switch (profile) {
    case 'root':
      // pathLen 1: a root signs licensed CAs, which sign only end entities.
      return [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign, true),
      ]
    case 'ca':
      return [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign, true),
      ]
    case 'person':
    case 'organisation':
      // Document signing: digitalSignature + nonRepudiation (contentCommitment).
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true),
      ]
    case 'tsa':
      // RFC 3161 §2.3: the TSA certificate has exactly one EKU, timeStamping, and it is critical.
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
      ]
    case 'ocsp':
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(KU.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.ocspSigning], false),
        new x509.Extension(OCSP_NOCHECK_OID, false, DER_NULL),
      ]
  }
}

/** Default lifetime in days; a responder certificate is short-lived because nobody checks its status. */
export const DEFAULT_VALIDITY_DAYS: Record<CertificateProfile, number> = {
  root: 20 * 365,
  ca: 10 * 365,
  person: 2 * 365,
  organisation: 2 * 365,
  tsa: 5 * 365,
  ocsp: 90,
}
