// The certificate fields a verification report shows (R2.25). Vietnamese CAs put the personal ID
// (CCCD) or tax code (MST) in the subject UID attribute.
import { type Cert, issuerField, subjectField } from '../trust/certificate.ts'
import { describeKey } from '../trust/signature.ts'
import type { CertificateSummary } from './signature-check.ts'

const UID_OID = '0.9.2342.19200300.100.1.1'

function uidValues(cert: Cert): string[] {
  try {
    return cert.x509.subjectName.getField(UID_OID)
  } catch {
    return []
  }
}

// Per parsed certificate (itself cached by its bytes' hash); callers get their own copy.
const summaries = new WeakMap<Cert, CertificateSummary>()

export function summarizeCertificate(cert: Cert): CertificateSummary {
  let summary = summaries.get(cert)
  if (!summary) {
    summary = summarize(cert)
    summaries.set(cert, summary)
  }
  return { ...summary }
}

function summarize(cert: Cert): CertificateSummary {
  const uids = uidValues(cert)
  const tagged = (prefix: string) =>
    uids
      .find((v) => v.toUpperCase().startsWith(`${prefix}:`))
      ?.slice(prefix.length + 1)
      .trim()
  const key = describeKey(cert.spki)
  const commonName = subjectField(cert, 'CN')
  const organisation = subjectField(cert, 'O')
  const personalId = tagged('CCCD') ?? tagged('CMND')
  const taxCode = tagged('MST')
  const caName = issuerField(cert, 'CN') ?? issuerField(cert, 'O')
  return {
    subject: cert.subject,
    ...(commonName ? { commonName } : {}),
    ...(personalId ? { personalId } : {}),
    ...(taxCode ? { taxCode } : {}),
    ...(organisation ? { organisation } : {}),
    issuer: cert.issuer,
    ...(caName ? { caName } : {}),
    serialNumber: cert.serialHex,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyAlgorithm: key.name,
    keySize: key.bits,
  }
}
