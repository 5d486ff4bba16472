// Where relying parties fetch a CA's certificate, CRL and OCSP answers (RFC 2585 over HTTP, R2.32).
// All derive from one base URL so a deployment changes only configuration.
export interface CaUrlConfig {
  /** e.g. "http://127.0.0.1:4100"; no trailing slash needed. */
  baseUrl: string
  /** Path of the OCSP responder under baseUrl; defaults to "/ocsp". */
  ocspPath?: string
}

function base(config: CaUrlConfig): string {
  return config.baseUrl.replace(/\/+$/, '')
}

export function caIssuersUrl(config: CaUrlConfig, authorityId: string): string {
  return `${base(config)}/ca/${authorityId}.crt`
}

export function crlUrl(config: CaUrlConfig, authorityId: string): string {
  return `${base(config)}/crl/${authorityId}.crl`
}

export function ocspUrl(config: CaUrlConfig): string {
  return `${base(config)}${config.ocspPath ?? '/ocsp'}`
}
