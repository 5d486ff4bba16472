// PAdES baseline signing (ETSI EN 319 142-1; R2.31) in two phases, because the key is often elsewhere:
// prepare (placeholder written, signing time pinned, signed attributes built) → the signature value
// arrives from a remote CA, HSM or token → complete (CMS assembled, signature timestamped for B-T,
// embedded). Signing with a local key runs both phases at once through the same code.
import { createHash } from 'node:crypto'
import { appearanceTextLines, createSignatureAppearance } from '../appearance/index.ts'
import { nodeHashName } from '../cms/digest-algorithms.ts'
import { assembleSignedData, buildSignedAttributes, type DigestAlgorithm, digest } from '../cms/index.ts'
import { addSignatureTimestamp, signatureTimestampDigest } from '../cms/signature-timestamp.ts'
import { PdfDocument } from '../pdf/pdf-document.ts'
import type { CmsSigner } from '../signers/cms-signer.ts'
import { assertSignatureMatchesCertificate } from '../signers/key-mismatch.ts'
import type { TimestampAuthority } from '../tsa/timestamp-authority.ts'
import { embedContents, placeSignature, signedChunks } from './signature-field.ts'

export interface VisibleSignature {
  /** 0-based; negative counts from the end (-1 is the last page). */
  page: number
  rect: [number, number, number, number]
  /** Shown in the box; default: "Ký bởi" with the signer's name, time and ID, in Vietnamese and English. */
  idNumber?: string
  organisation?: string
}

export interface PrepareOptions {
  certificate: Uint8Array
  chain: Uint8Array[]
  digestAlgorithm?: DigestAlgorithm
  /** Pinned here and written to /M; the proven time comes from the timestamp. */
  signingTime?: Date
  fieldName?: string
  signerName?: string
  reason?: string
  location?: string
  visible?: VisibleSignature
  /** Bytes reserved for the CMS; default 24 KiB (room for a timestamp token and its chain). */
  contentsSize?: number
}

/** Everything needed to finish a signature later, even after a restart (see prepared-signature-json.ts). */
export interface PreparedSignature {
  pdf: Uint8Array
  byteRange: [number, number, number, number]
  contentsStart: number
  contentsHexLength: number
  digestAlgorithm: DigestAlgorithm
  /** The DER SET OF signed attributes: what the key signs. */
  signedAttributes: Uint8Array
  /** Hash of signedAttributes with digestAlgorithm: what a remote CA that signs digests is sent. */
  digestToSign: Uint8Array
  certificate: Uint8Array
  chain: Uint8Array[]
  signingTime: Date
  fieldName: string
}

export function prepareSignature(pdf: Uint8Array, options: PrepareOptions): PreparedSignature {
  const doc = PdfDocument.parse(pdf)
  const digestAlgorithm = options.digestAlgorithm ?? 'SHA-256'
  const signingTime = options.signingTime ?? new Date()
  const fieldName = options.fieldName ?? `Signature${doc.fields().length + 1}`
  const visible = options.visible
  const placed = placeSignature(doc, {
    kind: 'signature',
    fieldName,
    contentsSize: options.contentsSize ?? 24 * 1024,
    signingTime,
    ...(options.signerName ? { signerName: options.signerName } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.location ? { location: options.location } : {}),
    ...(visible
      ? {
          visible: {
            page: visible.page,
            rect: visible.rect,
            appearance: (alloc) =>
              createSignatureAppearance({
                width: Math.abs(visible.rect[2] - visible.rect[0]),
                height: Math.abs(visible.rect[3] - visible.rect[1]),
                lines: appearanceTextLines({
                  signerName: options.signerName ?? '',
                  signingTime,
                  ...(visible.idNumber ? { idNumber: visible.idNumber } : {}),
                  ...(visible.organisation ? { organisation: visible.organisation } : {}),
                  ...(options.reason ? { reason: options.reason } : {}),
                }),
                alloc,
              }),
          },
        }
      : {}),
  })
  const contentDigest = digestChunks(digestAlgorithm, signedChunks(placed.bytes, placed.byteRange))
  const signedAttributes = buildSignedAttributes({
    contentDigest,
    digestAlgorithm,
    signerCertificate: options.certificate,
  })
  return {
    pdf: placed.bytes,
    byteRange: placed.byteRange,
    contentsStart: placed.contentsStart,
    contentsHexLength: placed.contentsHexLength,
    digestAlgorithm,
    signedAttributes,
    digestToSign: digest(digestAlgorithm, signedAttributes),
    certificate: options.certificate,
    chain: options.chain,
    signingTime,
    fieldName,
  }
}

export interface CompleteOptions {
  /** Given: the signature value is timestamped (PAdES B-T, R2.9). Without: B-B. */
  tsa?: TimestampAuthority
}

export async function completeSignature(
  prepared: PreparedSignature,
  signature: Uint8Array,
  options: CompleteOptions = {},
): Promise<Buffer> {
  // A value from elsewhere (remote CA, token) is checked before it goes into the document (R2.16).
  assertSignatureMatchesCertificate({ ...prepared, signature })
  let cms = assembleSignedData({
    signedAttributes: prepared.signedAttributes,
    signature,
    certificate: prepared.certificate,
    chain: prepared.chain,
    digestAlgorithm: prepared.digestAlgorithm,
  })
  if (options.tsa) {
    const imprint = signatureTimestampDigest(cms, prepared.digestAlgorithm)
    cms = addSignatureTimestamp(cms, await options.tsa.timestamp(imprint, prepared.digestAlgorithm))
  }
  return embedContents({ ...prepared, bytes: prepared.pdf }, cms)
}

/** Both phases with a signer at hand (local key, PKCS#12, or a remote CA polled until it answers). */
export async function signPdf(
  pdf: Uint8Array,
  signer: CmsSigner,
  options: Omit<PrepareOptions, 'certificate' | 'chain'> & CompleteOptions = {},
): Promise<Buffer> {
  const prepared = prepareSignature(pdf, { ...options, certificate: signer.certificate, chain: signer.chain })
  const signature = await signer.sign(prepared.signedAttributes, prepared.digestAlgorithm)
  return completeSignature(prepared, signature, options)
}

export function digestChunks(algorithm: DigestAlgorithm, chunks: Uint8Array[]): Uint8Array {
  const hash = createHash(nodeHashName(algorithm))
  for (const chunk of chunks) hash.update(chunk)
  return hash.digest()
}
