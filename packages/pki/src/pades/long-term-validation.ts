// PAdES B-LT and B-LTA (ETSI EN 319 142-1 §6.3–6.4): the provider's certification step. Every
// certificate the signatures and their timestamps rest on, with an OCSP answer or CRL for each, goes
// into the DSS (R2.13, R2.23); then a document timestamp seals the whole file.
import { PdfDocument } from '../pdf/pdf-document.ts'
import { collectValidationData } from '../revocation/collect-validation-data.ts'
import type { RevocationChecker } from '../revocation/revocation-checker.ts'
import type { Cert } from '../trust/certificate.ts'
import type { TrustStore } from '../trust/trust-store.ts'
import type { TimestampAuthority } from '../tsa/timestamp-authority.ts'
import { parseSignedData } from '../verify/parse-cms.ts'
import { ID_AA_TIMESTAMP_TOKEN } from '../verify/signer-info.ts'
import { addDocumentTimestamp } from './document-timestamp.ts'
import { addValidationData } from './dss.ts'
import { embeddedSignatures } from './embedded-signatures.ts'

export interface LongTermOptions {
  trust: TrustStore
  revocation: RevocationChecker
  now?: Date
}

/** Adds the DSS for every signature and timestamp already in the document (B-LT). */
export async function addLongTermValidation(pdf: Uint8Array, options: LongTermOptions): Promise<Buffer> {
  const doc = PdfDocument.parse(pdf)
  const at = options.now ?? new Date()
  const chains: Uint8Array[][] = []
  for (const sig of embeddedSignatures(doc)) {
    for (const certs of signedDataCertificates(sig.contents)) {
      for (const leaf of leaves(certs)) {
        const path = options.trust.validatePath(leaf, certs, at)
        chains.push(path.chain.map((c) => c.der))
      }
    }
  }
  const data = await collectValidationData(chains, options.revocation, { at })
  return addValidationData(pdf, data)
}

/** The provider's certification of a signed contract: B-LT validation data, then a document timestamp (B-LTA). */
export async function certifyPdf(
  pdf: Uint8Array,
  options: LongTermOptions & { tsa: TimestampAuthority },
): Promise<Buffer> {
  return addDocumentTimestamp(await addLongTermValidation(pdf, options), options.tsa)
}

/** The certificate sets of a CMS and of each timestamp token inside it (or of a document timestamp). */
function signedDataCertificates(contents: Uint8Array): Cert[][] {
  const parsed = parseSignedData(contents)
  if (!parsed.ok) return []
  const out = [parsed.certificates]
  for (const info of parsed.signedData.signerInfos) {
    for (const attr of info.unsignedAttrs?.attributes ?? []) {
      if (attr.type !== ID_AA_TIMESTAMP_TOKEN) continue
      for (const value of attr.values) {
        const token = parseSignedData(new Uint8Array(value.toBER()))
        if (token.ok) out.push(token.certificates)
      }
    }
  }
  return out
}

/** Certificates that issued none of the others: the signers and TSAs whose chains the DSS must cover. */
function leaves(certs: Cert[]): Cert[] {
  return certs.filter(
    (c) =>
      !c.basicConstraints?.ca &&
      !certs.some((o) => o !== c && Buffer.from(o.issuerDer).equals(Buffer.from(c.subjectDer))),
  )
}
