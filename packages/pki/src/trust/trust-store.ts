// The certificates a relying party trusts (R2.8, R2.17, R2.20): the NEAC root or, in development,
// the simulator's root. Anchors can be added and removed at run time (R2.14, R2.24).
import { readFile } from 'node:fs/promises'
import { ElcError, text } from '@elc/core'
import { pemBlocks, sameBytes } from './bytes.ts'
import { type Cert, parseCertificate } from './certificate.ts'
import { type PathResult, validatePath } from './path-validation.ts'

export interface FetchOptions {
  fetch?: typeof fetch
  timeoutMs?: number
}

export class TrustStore {
  readonly #anchors = new Map<string, Cert>()
  /** (issuer id, subject id) → signature verified; the same CA chains repeat for every contract. */
  readonly #edges = new Map<string, boolean>()

  constructor(anchors: Iterable<Uint8Array | string> = []) {
    for (const anchor of anchors) this.add(anchor)
  }

  /** Anchors from DER or PEM bytes (a PEM text may hold several certificates). */
  static fromBytes(...inputs: (Uint8Array | string)[]): TrustStore {
    return new TrustStore(inputs)
  }

  static async fromFiles(paths: string[]): Promise<TrustStore> {
    return new TrustStore(
      await Promise.all(paths.map((path) => readFile(path).then((b) => new Uint8Array(b)))),
    )
  }

  static async fromUrls(urls: string[], options: FetchOptions = {}): Promise<TrustStore> {
    const doFetch = options.fetch ?? fetch
    const bodies = await Promise.all(
      urls.map(async (url) => {
        const response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) })
        if (!response.ok)
          throw new ElcError(
            'TRUST_ANCHOR_FETCH_FAILED',
            text(
              `Không tải được chứng thư gốc từ ${url} (HTTP ${response.status}).`,
              `Could not fetch the trust anchor from ${url} (HTTP ${response.status}).`,
            ),
            { ruleId: 'R2.20', status: 502 },
          )
        return new Uint8Array(await response.arrayBuffer())
      }),
    )
    return new TrustStore(bodies)
  }

  /** Adds every certificate in DER or PEM input; returns what was added. */
  add(input: Uint8Array | string): Cert[] {
    const blocks = pemBlocks(input)
    if (blocks.length === 0)
      throw new ElcError(
        'TRUST_ANCHOR_INVALID',
        text('Không tìm thấy chứng thư số trong dữ liệu.', 'No certificate found in the input.'),
        { ruleId: 'R2.24' },
      )
    const added: Cert[] = []
    for (const der of blocks) {
      let cert: Cert
      try {
        cert = parseCertificate(der)
      } catch (cause) {
        throw new ElcError(
          'TRUST_ANCHOR_INVALID',
          text('Chứng thư số gốc không đọc được.', 'The trust anchor certificate cannot be parsed.'),
          { ruleId: 'R2.24', cause },
        )
      }
      this.#anchors.set(cert.id, cert)
      added.push(cert)
    }
    return added
  }

  remove(cert: Cert | Uint8Array): boolean {
    const id = cert instanceof Uint8Array ? parseCertificate(cert).id : cert.id
    this.#edges.clear()
    return this.#anchors.delete(id)
  }

  /** How many (issuer, subject) signature checks are cached. */
  get verifiedPairs(): number {
    return this.#edges.size
  }

  anchors(): Cert[] {
    return [...this.#anchors.values()]
  }

  /** An anchor is the certificate itself, or one with the same subject and key (a re-issued root). */
  isAnchor(cert: Cert): boolean {
    if (this.#anchors.has(cert.id)) return true
    for (const a of this.#anchors.values())
      if (sameBytes(cert.spki, a.spki) && sameBytes(cert.subjectDer, a.subjectDer)) return true
    return false
  }

  /** RFC 5280 path from `leaf` through `pool` to an anchor, checked at time `at`. */
  validatePath(leaf: Cert, pool: readonly Cert[], at: Date): PathResult {
    return validatePath({
      leaf,
      pool,
      at,
      anchors: this.anchors(),
      isAnchor: this.#isAnchor,
      edges: this.#edges,
    })
  }

  readonly #isAnchor = (cert: Cert) => this.isAnchor(cert)
}
