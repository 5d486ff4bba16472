import type * as pkijs from 'pkijs'
import { certIdKey, IssuerHashes, serialOf } from './cert-id.ts'
import { MalformedOcspRequest, parseOcspRequest } from './ocsp-request.ts'
import {
  buildBasicOcspResponse,
  OcspResponseStatus,
  ocspErrorResponse,
  type PreparedResponder,
  prepareResponder,
  type SingleAnswer,
} from './ocsp-response.ts'
import {
  type CertificateInput,
  type Clock,
  certificateDer,
  type Signer,
  toPkijsCertificate,
} from './signer.ts'
import type { StatusSource } from './status-source.ts'

/** One CA we answer for and the key that signs its answers (the CA itself or a delegated responder). */
export interface OcspResponderEntry {
  issuer: CertificateInput
  responder: Signer
}

export interface OcspServiceOptions {
  responders: OcspResponderEntry[]
  statusSource: StatusSource
  clock: Clock
  /** thisUpdate → nextUpdate, seconds; default one hour. */
  validitySeconds?: number
  /** Called on failures we answer with internalError, so they are not silent. */
  onError?: (err: unknown) => void
}

export interface OcspAnswer {
  der: Uint8Array
  /** Seconds a cache may keep the answer; only set for successful responses. */
  maxAge?: number
}

// Everything parsed or hashed from the certificates is done once per issuer, not per request.
interface PreparedIssuer {
  der: Uint8Array
  hashes: IssuerHashes
  responder: Signer
  prepared: () => Promise<PreparedResponder>
}

/** Turns DER OCSPRequests into DER OCSPResponses; never throws. */
export function createOcspService(opts: OcspServiceOptions): (request: Uint8Array) => Promise<OcspAnswer> {
  const issuers: PreparedIssuer[] = opts.responders.map((r) => {
    let prepared: Promise<PreparedResponder> | undefined
    return {
      der: certificateDer(r.issuer),
      hashes: new IssuerHashes(toPkijsCertificate(r.issuer)),
      responder: r.responder,
      prepared: () => {
        prepared ??= prepareResponder(r.responder)
        return prepared
      },
    }
  })
  const validitySeconds = opts.validitySeconds ?? 3600

  async function findIssuer(id: pkijs.CertID): Promise<PreparedIssuer | undefined> {
    const wanted = certIdKey(id)
    for (const issuer of issuers) {
      if ((await issuer.hashes.key(id.hashAlgorithm.algorithmId)) === wanted) return issuer
    }
    return undefined
  }

  return async (request) => {
    try {
      const parsed = parseOcspRequest(request)
      const matched = await Promise.all(parsed.certIds.map(findIssuer))
      // One response has one signer, so every CertID must belong to the same responder.
      const first = matched[0]
      if (!first || matched.some((m) => m?.responder !== first.responder)) {
        return { der: ocspErrorResponse(OcspResponseStatus.unauthorized) }
      }
      const answers: SingleAnswer[] = []
      for (const [i, certId] of parsed.certIds.entries()) {
        const issuer = matched[i] as PreparedIssuer
        answers.push({
          certId,
          status: await opts.statusSource.status({ issuer: issuer.der, serial: serialOf(certId) }),
        })
      }
      const der = await buildBasicOcspResponse({
        responder: await first.prepared(),
        answers,
        producedAt: opts.clock.now(),
        validitySeconds,
        ...(parsed.nonce ? { nonce: parsed.nonce } : {}),
      })
      return { der, maxAge: validitySeconds }
    } catch (err) {
      if (err instanceof MalformedOcspRequest)
        return { der: ocspErrorResponse(OcspResponseStatus.malformedRequest) }
      opts.onError?.(err)
      return { der: ocspErrorResponse(OcspResponseStatus.internalError) }
    }
  }
}
