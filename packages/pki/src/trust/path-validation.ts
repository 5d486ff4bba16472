// RFC 5280 §6 essentials: build a path from a leaf to a trust anchor through candidate certificates,
// check every signature on it, basicConstraints cA and pathLen, keyCertSign on issuers, and the
// validity period of every certificate at the time of interest (R2.17, R2.26).
import { type Text, text } from '@elc/core'
import { sameBytes } from './bytes.ts'
import type { Cert } from './certificate.ts'
import { verifySignature } from './signature.ts'
import * as x509 from './x509.ts'

export type PathStatus =
  | 'trusted'
  | 'untrusted-root'
  | 'broken-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'not-a-ca'
  | 'no-key-cert-sign'
  | 'path-too-long'

export interface PathResult {
  status: PathStatus
  trusted: boolean
  /** Leaf first; ends at the anchor when one was reached. */
  chain: Cert[]
  /** The certificate the failure is about. */
  failed?: Cert
  message: Text
}

export interface PathInput {
  leaf: Cert
  pool: readonly Cert[]
  at: Date
  anchors: readonly Cert[]
  isAnchor: (cert: Cert) => boolean
  /** Cache of verified (issuer, subject) signatures, shared across calls. */
  edges: Map<string, boolean>
}

const MAX_DEPTH = 8
const MAX_PATHS = 32

// Worse failures are reported before milder ones when no path is trusted.
const RANK: Record<PathStatus, number> = {
  trusted: 0,
  expired: 1,
  'not-yet-valid': 1,
  'not-a-ca': 2,
  'no-key-cert-sign': 2,
  'path-too-long': 2,
  'broken-signature': 3,
  'untrusted-root': 4,
}

function signedBy(subject: Cert, issuer: Cert, edges: Map<string, boolean>): boolean {
  const key = `${issuer.id}:${subject.id}`
  let ok = edges.get(key)
  if (ok === undefined) {
    ok = verifySignature({
      algorithm: subject.signatureAlgorithm,
      spki: issuer.spki,
      data: subject.tbs,
      signature: subject.signature,
    }).ok
    if (edges.size > 10_000) edges.clear()
    edges.set(key, ok)
  }
  return ok
}

function issuerCandidates(cert: Cert, all: readonly Cert[]): Cert[] {
  return all.filter(
    (c) =>
      c.id !== cert.id &&
      sameBytes(cert.issuerDer, c.subjectDer) &&
      (!cert.authorityKeyId || !c.subjectKeyId || cert.authorityKeyId === c.subjectKeyId),
  )
}

function fmt(d: Date): string {
  return d.toISOString()
}

/** Checks constraints on a signature-verified path that ends at an anchor. */
function checkPath(chain: Cert[], at: Date): PathResult {
  for (const cert of chain) {
    if (at < cert.notBefore)
      return fail('not-yet-valid', chain, cert, {
        vi: `Chứng thư "${cert.subject}" chưa có hiệu lực tại ${fmt(at)} (từ ${fmt(cert.notBefore)}).`,
        en: `Certificate "${cert.subject}" was not yet valid at ${fmt(at)} (from ${fmt(cert.notBefore)}).`,
      })
    if (at > cert.notAfter)
      return fail('expired', chain, cert, {
        vi: `Chứng thư "${cert.subject}" đã hết hạn tại ${fmt(at)} (đến ${fmt(cert.notAfter)}).`,
        en: `Certificate "${cert.subject}" had expired at ${fmt(at)} (until ${fmt(cert.notAfter)}).`,
      })
  }
  for (let i = 1; i < chain.length; i++) {
    const issuer = chain[i] as Cert
    const isLastAnchor = i === chain.length - 1
    // A v1 self-signed anchor without extensions is still an anchor (RFC 5280 §6.1.1 trust anchor info).
    const bc = issuer.basicConstraints
    if (!(bc?.ca ?? (isLastAnchor && issuer.selfIssued && issuer.x509.extensions.length === 0)))
      return fail('not-a-ca', chain, issuer, {
        vi: `Chứng thư "${issuer.subject}" không phải của CA (basicConstraints cA).`,
        en: `Certificate "${issuer.subject}" is not a CA certificate (basicConstraints cA).`,
      })
    if (issuer.keyUsage !== undefined && (issuer.keyUsage & x509.KeyUsageFlags.keyCertSign) === 0)
      return fail('no-key-cert-sign', chain, issuer, {
        vi: `Chứng thư CA "${issuer.subject}" không có keyCertSign.`,
        en: `CA certificate "${issuer.subject}" lacks keyCertSign.`,
      })
    if (bc?.pathLength !== undefined) {
      // Intermediate CA certificates below this one, not counting self-issued ones (RFC 5280 §6.1.4 (l)).
      const below = chain.slice(1, i).filter((c) => !c.selfIssued).length
      if (below > bc.pathLength)
        return fail('path-too-long', chain, issuer, {
          vi: `Vượt quá pathLen ${bc.pathLength} của "${issuer.subject}".`,
          en: `Path length exceeds pathLen ${bc.pathLength} of "${issuer.subject}".`,
        })
    }
  }
  return { status: 'trusted', trusted: true, chain, message: { ...TRUSTED } }
}

const TRUSTED = text(
  'Chuỗi chứng thư hợp lệ đến chứng thư gốc tin cậy.',
  'The chain is valid up to a trusted root.',
)

function fail(status: PathStatus, chain: Cert[], failed: Cert, message: Text): PathResult {
  return { status, trusted: false, chain, failed, message: text(message.vi, message.en) }
}

interface Search {
  input: PathInput
  all: readonly Cert[]
  best: PathResult | undefined
  explored: number
}

function consider(search: Search, r: PathResult): void {
  const best = search.best
  if (
    !best ||
    RANK[r.status] < RANK[best.status] ||
    (r.status === best.status && r.chain.length > best.chain.length)
  )
    search.best = r
}

function walk(search: Search, chain: Cert[]): PathResult | undefined {
  const { input } = search
  const cur = chain[chain.length - 1] as Cert
  if (input.isAnchor(cur)) {
    search.explored++
    const r = checkPath(chain, input.at)
    if (r.trusted) return r
    consider(search, r)
    return undefined
  }
  const candidates = chain.length >= MAX_DEPTH ? [] : issuerCandidates(cur, search.all)
  let extended = false
  for (const issuer of candidates) {
    if (search.explored >= MAX_PATHS) break
    if (chain.some((c) => c.id === issuer.id)) continue
    if (!signedBy(cur, issuer, input.edges)) {
      consider(
        search,
        fail('broken-signature', [...chain, issuer], cur, {
          vi: `Chữ ký của "${issuer.subject}" trên chứng thư "${cur.subject}" không hợp lệ.`,
          en: `The signature of "${issuer.subject}" on certificate "${cur.subject}" does not verify.`,
        }),
      )
      continue
    }
    extended = true
    const r = walk(search, [...chain, issuer])
    if (r) return r
  }
  if (!extended) {
    search.explored++
    consider(
      search,
      fail('untrusted-root', chain, cur, {
        vi: `Không xây dựng được đường tin cậy đến chứng thư gốc được cài đặt (dừng tại "${cur.subject}").`,
        en: `No path to an installed trust anchor (stopped at "${cur.subject}").`,
      }),
    )
  }
  return undefined
}

export function validatePath(input: PathInput): PathResult {
  const search: Search = { input, all: [...input.anchors, ...input.pool], best: undefined, explored: 0 }
  return (
    walk(search, [input.leaf]) ??
    search.best ?? {
      status: 'untrusted-root',
      trusted: false,
      chain: [input.leaf],
      failed: input.leaf,
      message: text('Không có đường tin cậy.', 'No trusted path.'),
    }
  )
}
