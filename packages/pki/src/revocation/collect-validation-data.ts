// What a PAdES B-LT signer stores in the DSS (R2.13, R2.23): every certificate of the given chains and
// the status information for each non-root one: the leaf's OCSP answer, the CAs' status from their
// issuer's CRL. Nothing twice.
import { sha256Hex } from '../trust/bytes.ts'
import { type Cert, parseCertificate } from '../trust/certificate.ts'
import type { RevocationChecker } from './revocation-checker.ts'

export interface ValidationData {
  certificates: Uint8Array[]
  ocsps: Uint8Array[]
  crls: Uint8Array[]
}

class UniqueList {
  readonly items: Uint8Array[] = []
  readonly #seen = new Set<string>()
  add(der: Uint8Array): void {
    const id = sha256Hex(der)
    if (this.#seen.has(id)) return
    this.#seen.add(id)
    this.items.push(der)
  }
}

/** `chains`: each leaf first, root last, as Cert or DER. Status is asked for now (signing time). */
export async function collectValidationData(
  chains: readonly (readonly (Cert | Uint8Array)[])[],
  checker: RevocationChecker,
  options: { at?: Date } = {},
): Promise<ValidationData> {
  const certificates = new UniqueList()
  const ocsps = new UniqueList()
  const crls = new UniqueList()
  const at = options.at ?? new Date()
  for (const raw of chains) {
    const chain = raw.map((c) => (c instanceof Uint8Array ? parseCertificate(c) : c))
    for (const cert of chain) certificates.add(cert.der)
    for (let i = 0; i + 1 < chain.length; i++) {
      const certificate = chain[i] as Cert
      const issuer = chain[i + 1] as Cert
      const result = await checker.check({ certificate, issuer, at, prefer: i === 0 ? 'ocsp' : 'crl' })
      if (!result.response) continue
      if (result.source.endsWith('ocsp')) ocsps.add(result.response)
      else crls.add(result.response)
    }
  }
  return { certificates: certificates.items, ocsps: ocsps.items, crls: crls.items }
}
