// The simulated CA hierarchy as one object: opens (or creates, once) the root and licensed CAs from
// the database, issues certificates, revokes them, answers status and keeps each CA's CRL current.
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import { buildCrl } from '../crl/build-crl.ts'
import { type BuildCertificateParams, buildCertificate, type SigningAuthority } from './build-certificate.ts'
import { CaRepo, type CertificateRow } from './ca-repo.ts'
import { type AuthorityConfig, checkHierarchy, DEFAULT_HIERARCHY, type HierarchyConfig } from './hierarchy.ts'
import {
  exportPkcs8,
  generateKeyPair,
  importPkcs8,
  isKeyAlgorithm,
  type KeyAlgorithm,
  pkcs8Pem,
} from './key-algorithms.ts'
import {
  DIGEST_LENGTHS,
  type DigestAlgorithm,
  ecdsaP256SignDigest,
  ecPrivateScalar,
  rsaPssSignDigest,
} from './prehash-signing.ts'
import { type CertificateProfile, DEFAULT_VALIDITY_DAYS } from './profiles.ts'
import { REVOCATION_REASONS, type RevocationReason, reasonName } from './revocation-reasons.ts'
import type { SimCaDatabase } from './schema.ts'
import { canonicalSerial, randomSerialHex } from './serial-number.ts'
import {
  authorityName,
  cleanName,
  cleanPersonalId,
  cleanTaxCode,
  organisationName,
  personName,
} from './subject-names.ts'
import type { CaUrlConfig } from './urls.ts'
import type { BufferSource, CryptoKey } from './webcrypto-types.ts'
import * as x509 from './x509.ts'

const DAY_MS = 86_400_000
// Backdating notBefore a little keeps freshly issued certificates valid on clocks that lag ours.
const BACKDATE_MS = 5 * 60_000

export interface CertificateAuthorityOptions {
  db: Kysely<SimCaDatabase>
  urls: CaUrlConfig
  /** Used only when the database holds no CA yet; afterwards the stored hierarchy wins. */
  hierarchy?: HierarchyConfig
  now?: () => Date
  /** How long each CRL is current (nextUpdate − thisUpdate); default 24 h. */
  crlValidityHours?: number
}

/** A CA of the hierarchy, with what the OCSP responder and TSA need to match and chain to it. */
export interface Issuer extends SigningAuthority {
  parentId: string | undefined
  /** The CA certificate, DER. */
  der: Uint8Array
}

export type CertificateStatus =
  | { status: 'good' }
  | { status: 'revoked'; revokedAt: Date; reason: RevocationReason }
  | { status: 'unknown' }

interface IssueCommon {
  /** A licensed CA's id; default the hierarchy's first. */
  issuerId?: string
  /** Key type the CA generates for the subject; default ECDSA P-256. Ignored with publicKey. */
  keyAlgorithm?: KeyAlgorithm
  /** Certify a key the subject holds; then no private key is returned or kept. */
  publicKey?: CryptoKey
  validityDays?: number
}

export type IssueRequest = IssueCommon &
  (
    | { profile: 'person'; fullName: string; personalId: string }
    | { profile: 'organisation'; organisationName: string; taxCode: string }
    | { profile: 'tsa' | 'ocsp'; commonName: string; label?: string }
  )

export interface IssuedCertificate {
  serialNumber: string
  issuerId: string
  profile: CertificateProfile
  certificate: x509.X509Certificate
  certificatePem: string
  /** Present when the CA generated the key. */
  privateKey?: CryptoKey
  privateKeyPem?: string
  /** Issuing CA first, root last. */
  chain: x509.X509Certificate[]
}

export interface CertificateRecord {
  serialNumber: string
  issuerId: string
  profile: string
  subject: string
  notBefore: Date
  notAfter: Date
  issuedAt: Date
  revokedAt: Date | null
  revocationReason: RevocationReason | null
  /** The CA generated the subject's key and holds it (remote signing, R2.36). */
  keyHeld: boolean
}

export interface DigestSignature {
  /** ECDSA: ECDSA-Sig-Value DER; RSA-PSS: the raw signature (MGF1 same hash, salt = hash length). */
  signature: Uint8Array
  signatureAlgorithm: string
  certificatePem: string
}

export class SimCertificateAuthority {
  private readonly repo: CaRepo
  private readonly now: () => Date
  private readonly crlValidityMs: number
  private readonly parsedKeys = new Map<string, { key: KeyObject; certificatePem: string }>()

  private constructor(
    options: CertificateAuthorityOptions,
    private readonly issuers: Map<string, Issuer>,
    readonly rootId: string,
    readonly defaultIssuerId: string,
  ) {
    this.repo = new CaRepo(options.db)
    this.now = options.now ?? (() => new Date())
    this.crlValidityMs = (options.crlValidityHours ?? 24) * 3_600_000
    this.urls = options.urls
  }

  readonly urls: CaUrlConfig

  /** Loads the hierarchy from the database, creating any CA that is missing (first start). */
  static async open(options: CertificateAuthorityOptions): Promise<SimCertificateAuthority> {
    const hierarchy = options.hierarchy ?? DEFAULT_HIERARCHY
    checkHierarchy(hierarchy)
    const repo = new CaRepo(options.db)
    const now = options.now ?? (() => new Date())
    const issuers = new Map<string, Issuer>()
    const root = await ensureAuthority(repo, hierarchy.root, undefined, options.urls, now())
    issuers.set(root.id, root)
    for (const config of hierarchy.authorities) {
      issuers.set(config.id, await ensureAuthority(repo, config, root, options.urls, now()))
    }
    const ca = new SimCertificateAuthority(options, issuers, root.id, hierarchy.authorities[0]?.id ?? root.id)
    for (const issuer of issuers.values()) {
      if ((await repo.findAuthority(issuer.id))?.crl_der == null) await ca.regenerateCrl(issuer.id)
    }
    return ca
  }

  get root(): Issuer {
    return this.authority(this.rootId)
  }

  /** Every CA, root first. */
  authorities(): Issuer[] {
    return [...this.issuers.values()]
  }

  authority(id: string): Issuer {
    const issuer = this.issuers.get(id)
    if (!issuer)
      throw new ElcError(
        'CA_AUTHORITY_UNKNOWN',
        text(`Không có CA "${id}" trong hệ thống mô phỏng.`, `The simulator has no CA "${id}".`),
        { status: 404 },
      )
    return issuer
  }

  /**
   * The CA whose certificate this is, if it is one of ours: the exact certificate first (the OCSP
   * responder passes the DER it matched, on every request, so no parsing there), else by subject public key.
   */
  findIssuer(certificate: x509.X509Certificate | BufferSource): Issuer | undefined {
    const der = certificate instanceof x509.X509Certificate ? certificate.rawData : certificate
    const bytes = ArrayBuffer.isView(der)
      ? Buffer.from(der.buffer, der.byteOffset, der.byteLength)
      : Buffer.from(der as ArrayBuffer)
    const exact = this.authorities().find((issuer) => bytes.equals(issuer.der))
    if (exact) return exact
    let cert: x509.X509Certificate
    try {
      cert = certificate instanceof x509.X509Certificate ? certificate : new x509.X509Certificate(certificate)
    } catch {
      return undefined
    }
    const spki = Buffer.from(cert.publicKey.rawData)
    return this.authorities().find((issuer) => spki.equals(Buffer.from(issuer.certificate.publicKey.rawData)))
  }

  async issue(request: IssueRequest): Promise<IssuedCertificate> {
    const issuer = this.authority(request.issuerId ?? this.defaultIssuerId)
    if (issuer.id === this.rootId)
      throw new ElcError(
        'CA_ROOT_ISSUES_ONLY_CAS',
        text('CA gốc chỉ cấp chứng thư cho các CA công cộng.', 'The root CA certifies only public CAs.'),
      )
    const validityDays = request.validityDays ?? DEFAULT_VALIDITY_DAYS[request.profile]
    if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > 3650)
      throw new ElcError(
        'CA_VALIDITY_INVALID',
        text('Thời hạn chứng thư phải từ 1 đến 3650 ngày.', 'Validity must be between 1 and 3650 days.'),
      )
    const keyAlgorithm = request.keyAlgorithm ?? 'ecdsa-p256'
    const subject =
      request.profile === 'person'
        ? personName(cleanName(request.fullName, 'fullName'), cleanPersonalId(request.personalId))
        : request.profile === 'organisation'
          ? organisationName(
              cleanName(request.organisationName, 'organisationName'),
              cleanTaxCode(request.taxCode),
            )
          : authorityName(
              issuer.certificate.subjectName.getField('O')[0] ?? 'ELC',
              cleanName(request.commonName, 'commonName'),
            )
    const keys = request.publicKey ? undefined : await generateKeyPair(keyAlgorithm)
    const publicKey = request.publicKey ?? keys?.publicKey
    if (!publicKey) throw new Error('no public key')
    const notBefore = new Date(this.now().getTime() - BACKDATE_MS)
    // A certificate never outlives its issuer (RFC 5280 path validation would reject it).
    const notAfter = new Date(
      Math.min(notBefore.getTime() + validityDays * DAY_MS, issuer.certificate.notAfter.getTime()),
    )
    const pkcs8 = keys ? await exportPkcs8(keys.privateKey) : undefined
    const certificate = await this.buildUnique(
      {
        profile: request.profile,
        subject,
        publicKey,
        notBefore,
        notAfter,
        issuer,
        urls: this.urls,
      },
      async (serialHex, cert) => {
        await this.repo.insertCertificate({
          serial_hex: serialHex,
          issuer_id: issuer.id,
          profile: request.profile,
          subject: cert.subject,
          label: 'label' in request ? (request.label ?? null) : null,
          certificate_der: new Uint8Array(cert.rawData),
          key_algorithm: request.publicKey ? algorithmOf(request.publicKey) : keyAlgorithm,
          private_key_pkcs8: pkcs8 ?? null,
          not_before: cert.notBefore,
          not_after: cert.notAfter,
        })
      },
    )
    return {
      serialNumber: canonicalSerial(certificate.serialNumber) ?? certificate.serialNumber,
      issuerId: issuer.id,
      profile: request.profile,
      certificate,
      certificatePem: certificate.toString('pem'),
      ...(keys && pkcs8 ? { privateKey: keys.privateKey, privateKeyPem: pkcs8Pem(pkcs8) } : {}),
      chain: this.chainOf(issuer.id),
    }
  }

  /**
   * A service's certificate and key (TSA, OCSP responder), issued once and reused after restarts;
   * re-issued when the stored one is revoked or expires within a day.
   */
  async serviceCredential(
    label: string,
    request: { profile: 'tsa' | 'ocsp'; commonName: string; issuerId?: string; keyAlgorithm?: KeyAlgorithm },
  ): Promise<IssuedCertificate & { privateKey: CryptoKey }> {
    const row = await this.repo.findByLabel(label)
    const fresh = row && !row.revoked_at && row.not_after.getTime() - this.now().getTime() > DAY_MS
    if (row && fresh && row.private_key_pkcs8 && isKeyAlgorithm(row.key_algorithm)) {
      const certificate = new x509.X509Certificate(row.certificate_der)
      return {
        serialNumber: row.serial_hex,
        issuerId: row.issuer_id,
        profile: request.profile,
        certificate,
        certificatePem: certificate.toString('pem'),
        privateKey: await importPkcs8(row.key_algorithm, row.private_key_pkcs8),
        privateKeyPem: pkcs8Pem(row.private_key_pkcs8),
        chain: this.chainOf(row.issuer_id),
      }
    }
    // The label is unique: free it on the superseded record before issuing the new one.
    if (row)
      await this.repo.db
        .updateTable('sim_ca_certificate')
        .set({ label: null })
        .where('serial_hex', '=', row.serial_hex)
        .execute()
    const issued = await this.issue({ ...request, label })
    if (!issued.privateKey) throw new Error('service credential without a key')
    return { ...issued, privateKey: issued.privateKey }
  }

  /** Revokes a certificate of any CA by serial, then republishes that CA's CRL. */
  async revoke(
    serial: string,
    reason: RevocationReason = 'unspecified',
    revokedAt?: Date,
  ): Promise<CertificateRecord> {
    const serialHex = canonicalSerial(serial)
    const existing = serialHex ? await this.repo.findCertificate(serialHex) : undefined
    if (!serialHex || !existing)
      throw new ElcError(
        'CA_CERTIFICATE_NOT_FOUND',
        text(
          `Không tìm thấy chứng thư số có số hiệu ${serial}.`,
          `No certificate has serial number ${serial}.`,
        ),
        { status: 404 },
      )
    // removeFromCRL only exists in delta CRLs; holds are not modelled here.
    if (reason === 'removeFromCRL')
      throw new ElcError(
        'CA_REVOCATION_REASON_INVALID',
        text(
          'Lý do removeFromCRL chỉ dùng trong delta CRL.',
          'The reason removeFromCRL is only for delta CRLs.',
        ),
      )
    const row = await this.repo.revoke(serialHex, revokedAt ?? this.now(), REVOCATION_REASONS[reason])
    if (!row)
      throw new ElcError(
        'CA_CERTIFICATE_ALREADY_REVOKED',
        text(
          `Chứng thư số ${serialHex} đã bị thu hồi trước đó.`,
          `Certificate ${serialHex} is already revoked.`,
        ),
        { status: 409 },
      )
    await this.regenerateCrl(row.issuer_id)
    return toRecord(row)
  }

  /** What the OCSP responder answers for a serial under an issuer (RFC 6960 good/revoked/unknown). */
  async certificateStatus(
    issuerCertificate: x509.X509Certificate | BufferSource,
    serial: string | bigint | Uint8Array,
  ): Promise<CertificateStatus> {
    const issuer = this.findIssuer(issuerCertificate)
    const serialHex = canonicalSerial(serial)
    if (!issuer || !serialHex) return { status: 'unknown' }
    const row = await this.repo.findCertificate(serialHex)
    if (!row || row.issuer_id !== issuer.id) return { status: 'unknown' }
    if (row.revoked_at)
      return { status: 'revoked', revokedAt: row.revoked_at, reason: reasonName(row.revocation_reason ?? 0) }
    return { status: 'good' }
  }

  async list(filter: { issuerId?: string; limit?: number } = {}): Promise<CertificateRecord[]> {
    if (filter.issuerId) this.authority(filter.issuerId)
    const rows = await this.repo.listCertificates({
      ...(filter.issuerId ? { issuerId: filter.issuerId } : {}),
      limit: filter.limit ?? 100,
    })
    return rows.map(toRecord)
  }

  async certificateRecord(serial: string): Promise<CertificateRecord | undefined> {
    const serialHex = canonicalSerial(serial)
    const row = serialHex ? await this.repo.findCertificate(serialHex) : undefined
    return row ? toRecord(row) : undefined
  }

  /**
   * Signs a digest the caller computed with the key the CA holds for this certificate (remote signing,
   * R2.36). Checks only that the key is held; whether the certificate may sign now is the caller's policy.
   */
  async signDigest(
    serial: string,
    digest: Uint8Array,
    digestAlgorithm: DigestAlgorithm,
  ): Promise<DigestSignature> {
    const serialHex = canonicalSerial(serial)
    const row = serialHex ? await this.repo.findCertificate(serialHex) : undefined
    if (!row)
      throw new ElcError(
        'CA_CERTIFICATE_NOT_FOUND',
        text(
          `Không tìm thấy chứng thư số có số hiệu ${serial}.`,
          `No certificate has serial number ${serial}.`,
        ),
        { status: 404 },
      )
    if (
      !row.private_key_pkcs8 ||
      (row.key_algorithm !== 'ecdsa-p256' && !row.key_algorithm.startsWith('rsa-pss'))
    )
      throw new ElcError(
        'CA_KEY_NOT_HELD',
        text(
          'Tổ chức cung cấp dịch vụ không giữ khóa của chứng thư số này.',
          'The CA does not hold the key of this certificate.',
        ),
        { status: 409, ruleId: 'R2.36' },
      )
    if (digest.length !== DIGEST_LENGTHS[digestAlgorithm])
      throw new ElcError(
        'CA_DIGEST_INVALID',
        text(
          `Giá trị băm ${digestAlgorithm} phải dài ${DIGEST_LENGTHS[digestAlgorithm]} byte.`,
          `A ${digestAlgorithm} digest must be ${DIGEST_LENGTHS[digestAlgorithm]} bytes long.`,
        ),
      )
    // A serial's key and certificate never change: parsed once, not for every digest of a batch.
    let parsed = this.parsedKeys.get(serialHex as string)
    if (!parsed) {
      parsed = {
        key: privateKeyObject(row.private_key_pkcs8),
        certificatePem: new x509.X509Certificate(row.certificate_der).toString('pem'),
      }
      if (this.parsedKeys.size >= 4096) this.parsedKeys.delete(this.parsedKeys.keys().next().value as string)
      this.parsedKeys.set(serialHex as string, parsed)
    }
    const { key, certificatePem } = parsed
    const hash = digestAlgorithm.replace('-', '')
    if (row.key_algorithm === 'ecdsa-p256')
      return {
        signature: ecdsaP256SignDigest(ecPrivateScalar(key), digest),
        signatureAlgorithm: `ecdsa-with-${hash}`,
        certificatePem,
      }
    return {
      signature: rsaPssSignDigest(key, digest, digestAlgorithm),
      signatureAlgorithm: `rsassa-pss-${hash.toLowerCase()}`,
      certificatePem,
    }
  }

  /** The CA's current CRL, DER; a new one is signed when the stored one has passed nextUpdate. */
  async crl(issuerId: string): Promise<Uint8Array> {
    this.authority(issuerId)
    const der = (await this.repo.findAuthority(issuerId))?.crl_der
    const nextUpdate = der ? new x509.X509Crl(der).nextUpdate : undefined
    if (der && nextUpdate && nextUpdate.getTime() > this.now().getTime()) return der
    return this.regenerateCrl(issuerId)
  }

  /** Signs and stores a new CRL with the next CRL number; called on every revocation. */
  async regenerateCrl(issuerId: string): Promise<Uint8Array> {
    const authority = this.authority(issuerId)
    const crlNumber = await this.repo.nextCrlNumber(issuerId)
    const revoked = await this.repo.revokedUnder(issuerId)
    const thisUpdate = this.now()
    const crl = await buildCrl({
      authority,
      crlNumber,
      thisUpdate,
      nextUpdate: new Date(thisUpdate.getTime() + this.crlValidityMs),
      entries: revoked.map((row) => ({
        serialHex: row.serial_hex,
        revokedAt: row.revoked_at ?? thisUpdate,
        reasonCode: row.revocation_reason ?? 0,
      })),
    })
    const der = new Uint8Array(crl.rawData)
    await this.repo.storeCrl(issuerId, der)
    return der
  }

  /** The CA and its ancestors, issuing CA first, root last. */
  chainOf(issuerId: string): x509.X509Certificate[] {
    const chain: x509.X509Certificate[] = []
    let id: string | undefined = issuerId
    while (id) {
      const issuer = this.authority(id)
      chain.push(issuer.certificate)
      id = issuer.parentId
    }
    return chain
  }

  private async buildUnique(
    params: Omit<BuildCertificateParams, 'serialHex'>,
    store: (serialHex: string, cert: x509.X509Certificate) => Promise<void>,
  ): Promise<x509.X509Certificate> {
    // 127 random bits never collide in practice; the primary key makes sure, and we retry once.
    for (let attempt = 0; ; attempt++) {
      const serialHex = randomSerialHex()
      const cert = await buildCertificate({ ...params, serialHex })
      try {
        await store(serialHex, cert)
        return cert
      } catch (error) {
        if (attempt >= 1 || (await this.repo.findCertificate(serialHex)) === undefined) throw error
      }
    }
  }
}

async function ensureAuthority(
  repo: CaRepo,
  config: AuthorityConfig,
  parent: Issuer | undefined,
  urls: CaUrlConfig,
  now: Date,
): Promise<Issuer> {
  const existing = await repo.findAuthority(config.id)
  if (!existing) {
    const keys = await generateKeyPair(config.keyAlgorithm)
    const profile: CertificateProfile = parent ? 'ca' : 'root'
    const notBefore = new Date(now.getTime() - BACKDATE_MS)
    const lifetime = DEFAULT_VALIDITY_DAYS[profile] * DAY_MS
    const serialHex = randomSerialHex()
    const certificate = await buildCertificate({
      profile,
      serialHex,
      subject: authorityName(config.organisation, config.commonName),
      publicKey: keys.publicKey,
      notBefore,
      notAfter: new Date(
        Math.min(notBefore.getTime() + lifetime, parent?.certificate.notAfter.getTime() ?? Infinity),
      ),
      ...(parent
        ? { issuer: parent }
        : { selfSign: { privateKey: keys.privateKey, keyAlgorithm: config.keyAlgorithm } }),
      urls,
    })
    const der = new Uint8Array(certificate.rawData)
    await repo.insertAuthority(
      {
        id: config.id,
        parent_id: parent?.id ?? null,
        key_algorithm: config.keyAlgorithm,
        private_key_pkcs8: await exportPkcs8(keys.privateKey),
        certificate_der: der,
      },
      parent
        ? {
            serial_hex: serialHex,
            issuer_id: parent.id,
            profile,
            subject: certificate.subject,
            label: null,
            certificate_der: der,
            key_algorithm: config.keyAlgorithm,
            private_key_pkcs8: null,
            not_before: certificate.notBefore,
            not_after: certificate.notAfter,
          }
        : undefined,
    )
  }
  // Read back: another process may have created this CA first, and its copy is the one that counts.
  const row = await repo.findAuthority(config.id)
  if (!row || !isKeyAlgorithm(row.key_algorithm)) throw new Error(`CA ${config.id} could not be loaded`)
  return {
    id: row.id,
    parentId: row.parent_id ?? undefined,
    keyAlgorithm: row.key_algorithm,
    certificate: new x509.X509Certificate(row.certificate_der),
    der: row.certificate_der,
    privateKey: await importPkcs8(row.key_algorithm, row.private_key_pkcs8),
  }
}

function privateKeyObject(pkcs8: Uint8Array): KeyObject {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })
  // A key exported from WebCrypto RSA-PSS may carry the id-RSASSA-PSS OID; the raw RSA operation wants 'rsa'.
  return key.asymmetricKeyType === 'rsa-pss'
    ? createPrivateKey({ key: key.export({ format: 'jwk' }), format: 'jwk' })
    : key
}

function algorithmOf(key: CryptoKey): string {
  const algorithm = key.algorithm as { name: string; namedCurve?: string; modulusLength?: number }
  if (algorithm.name === 'ECDSA')
    return `ecdsa-${(algorithm.namedCurve ?? '').toLowerCase().replace('-', '')}`
  return `${algorithm.name.toLowerCase()}-${algorithm.modulusLength ?? ''}`
}

function toRecord(row: CertificateRow): CertificateRecord {
  return {
    serialNumber: row.serial_hex,
    issuerId: row.issuer_id,
    profile: row.profile,
    subject: row.subject,
    notBefore: row.not_before,
    notAfter: row.not_after,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason === null ? null : reasonName(row.revocation_reason),
    keyHeld: row.private_key_pkcs8 !== null,
  }
}
