// Builds and signs one certificate; knows nothing of storage.

import { type KeyAlgorithm, signingAlgorithm } from './key-algorithms.ts'
import { type CertificateProfile, profileExtensions } from './profiles.ts'
import { type CaUrlConfig, caIssuersUrl, crlUrl, ocspUrl } from './urls.ts'
import type { CryptoKey } from './webcrypto-types.ts'
import * as x509 from './x509.ts'

export interface SigningAuthority {
  id: string
  certificate: x509.X509Certificate
  privateKey: CryptoKey
  keyAlgorithm: KeyAlgorithm
}

export interface BuildCertificateParams {
  profile: CertificateProfile
  serialHex: string
  subject: x509.Name
  publicKey: CryptoKey
  notBefore: Date
  notAfter: Date
  /** Absent for a self-signed root. */
  issuer?: SigningAuthority
  /** The root's own key, when self-signing. */
  selfSign?: { privateKey: CryptoKey; keyAlgorithm: KeyAlgorithm }
  urls: CaUrlConfig
}

export async function buildCertificate(params: BuildCertificateParams): Promise<x509.X509Certificate> {
  const extensions: x509.Extension[] = [
    ...profileExtensions(params.profile),
    await x509.SubjectKeyIdentifierExtension.create(params.publicKey),
  ]
  if (params.issuer) {
    const issuerSki = params.issuer.certificate.getExtension(x509.SubjectKeyIdentifierExtension)
    if (!issuerSki) throw new Error(`issuer ${params.issuer.id} has no subject key identifier`)
    extensions.push(
      new x509.AuthorityKeyIdentifierExtension(issuerSki.keyId),
      new x509.AuthorityInfoAccessExtension({
        ocsp: [ocspUrl(params.urls)],
        caIssuers: [caIssuersUrl(params.urls, params.issuer.id)],
      }),
      new x509.CRLDistributionPointsExtension([crlUrl(params.urls, params.issuer.id)]),
    )
  }
  const signer = params.issuer ?? params.selfSign
  if (!signer) throw new Error('a certificate needs an issuer or a self-signing key')
  return x509.X509CertificateGenerator.create({
    serialNumber: params.serialHex,
    subject: params.subject,
    issuer: params.issuer ? params.issuer.certificate.subjectName : params.subject,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.publicKey,
    signingKey: signer.privateKey,
    signingAlgorithm: signingAlgorithm(signer.keyAlgorithm),
    extensions,
  })
}
