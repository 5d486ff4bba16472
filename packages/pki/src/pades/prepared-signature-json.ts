// A prepared signature as JSON, so the wait for a remote CA, HSM or token can outlive the process:
// store it (database, file), restart, and complete it when the signature value arrives.
import { ElcError, text } from '@elc/core'
import { checkDigestAlgorithm, digest } from '../cms/index.ts'
import type { PreparedSignature } from './sign-pdf.ts'

const VERSION = 1

export function preparedToJson(prepared: PreparedSignature): string {
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
  return JSON.stringify({
    version: VERSION,
    pdf: b64(prepared.pdf),
    byteRange: prepared.byteRange,
    contentsStart: prepared.contentsStart,
    contentsHexLength: prepared.contentsHexLength,
    digestAlgorithm: prepared.digestAlgorithm,
    signedAttributes: b64(prepared.signedAttributes),
    certificate: b64(prepared.certificate),
    chain: prepared.chain.map(b64),
    signingTime: prepared.signingTime.toISOString(),
    fieldName: prepared.fieldName,
  })
}

/** Reads it back and re-derives what can be derived, so a stored record cannot smuggle a different digest. */
export function preparedFromJson(json: string): PreparedSignature {
  const bad = (what: string) =>
    new ElcError(
      'PREPARED_SIGNATURE_INVALID',
      text(
        `Dữ liệu chữ ký đã chuẩn bị không hợp lệ: ${what}.`,
        `The prepared signature is invalid: ${what}.`,
      ),
    )
  let v: Record<string, unknown>
  try {
    v = JSON.parse(json) as Record<string, unknown>
  } catch {
    throw bad('JSON')
  }
  if (v.version !== VERSION) throw bad('version')
  const bytes = (x: unknown, name: string) => {
    if (typeof x !== 'string') throw bad(name)
    return new Uint8Array(Buffer.from(x, 'base64'))
  }
  const int = (x: unknown, name: string) => {
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw bad(name)
    return x
  }
  const range = v.byteRange
  if (!Array.isArray(range) || range.length !== 4) throw bad('byteRange')
  const signingTime = new Date(typeof v.signingTime === 'string' ? v.signingTime : Number.NaN)
  if (Number.isNaN(signingTime.getTime())) throw bad('signingTime')
  if (typeof v.fieldName !== 'string' || !Array.isArray(v.chain)) throw bad('fieldName/chain')
  const digestAlgorithm = checkDigestAlgorithm(v.digestAlgorithm)
  const pdf = bytes(v.pdf, 'pdf')
  const contentsStart = int(v.contentsStart, 'contentsStart')
  const contentsHexLength = int(v.contentsHexLength, 'contentsHexLength')
  if (contentsStart + contentsHexLength > pdf.length) throw bad('contents')
  const signedAttributes = bytes(v.signedAttributes, 'signedAttributes')
  return {
    pdf,
    byteRange: range.map((n, i) => int(n, `byteRange[${i}]`)) as [number, number, number, number],
    contentsStart,
    contentsHexLength,
    digestAlgorithm,
    signedAttributes,
    digestToSign: digest(digestAlgorithm, signedAttributes),
    certificate: bytes(v.certificate, 'certificate'),
    chain: v.chain.map((c, i) => bytes(c, `chain[${i}]`)),
    signingTime,
    fieldName: v.fieldName,
  }
}
