import type * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { decodeOne } from '../ocsp/signer.ts'
import { TsaRejection } from './tsa-status.ts'

/** Imprint hashes R2.30 allows, with their digest sizes; SHA-1 and MD5 are absent on purpose. */
const IMPRINT_HASHES: Record<string, { name: string; size: number }> = {
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', size: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', size: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', size: 64 },
  '2.16.840.1.101.3.4.2.5': { name: 'SHA-512/224', size: 28 },
  '2.16.840.1.101.3.4.2.6': { name: 'SHA-512/256', size: 32 },
  '2.16.840.1.101.3.4.2.7': { name: 'SHA3-224', size: 28 },
  '2.16.840.1.101.3.4.2.8': { name: 'SHA3-256', size: 32 },
  '2.16.840.1.101.3.4.2.9': { name: 'SHA3-384', size: 48 },
  '2.16.840.1.101.3.4.2.10': { name: 'SHA3-512', size: 64 },
}

/** Nonces are meant to be 64-bit-ish randoms; this bound only stops abuse. */
const MAX_NONCE_BYTES = 64

export interface TimeStampQuery {
  messageImprint: pkijs.MessageImprint
  hashName: string
  nonce?: asn1js.Integer
  certReq: boolean
}

/** Parses and checks a DER TimeStampReq against this TSA's policy; throws TsaRejection. */
export function parseTimeStampReq(der: Uint8Array, policyOid: string): TimeStampQuery {
  let req: pkijs.TimeStampReq
  try {
    req = new pkijs.TimeStampReq({ schema: decodeOne(der) })
  } catch {
    throw new TsaRejection('badDataFormat', 'not a DER TimeStampReq')
  }
  if (req.version !== 1) throw new TsaRejection('badRequest', `unsupported version ${req.version}`)
  const oid = req.messageImprint.hashAlgorithm.algorithmId
  const hash = IMPRINT_HASHES[oid]
  if (!hash) throw new TsaRejection('badAlg', `hash algorithm ${oid} not accepted (R2.30)`)
  if (req.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== hash.size) {
    throw new TsaRejection('badDataFormat', `${hash.name} imprint must be ${hash.size} bytes`)
  }
  if (req.reqPolicy !== undefined && req.reqPolicy !== policyOid) {
    throw new TsaRejection('unacceptedPolicy', `policy ${req.reqPolicy} not offered`)
  }
  if (req.extensions && req.extensions.length > 0) {
    throw new TsaRejection('unacceptedExtension', 'no request extensions are supported')
  }
  if (req.nonce && req.nonce.valueBlock.valueHexView.byteLength > MAX_NONCE_BYTES) {
    throw new TsaRejection('badRequest', 'nonce too long')
  }
  return {
    messageImprint: req.messageImprint,
    hashName: hash.name,
    certReq: req.certReq === true,
    ...(req.nonce ? { nonce: req.nonce } : {}),
  }
}
