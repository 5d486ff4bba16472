import type { FastifyInstance, FastifyReply } from 'fastify'
import { OcspResponseStatus, ocspErrorResponse } from './ocsp-response.ts'
import { createOcspService, type OcspServiceOptions } from './ocsp-service.ts'

export interface OcspRoutesOptions extends OcspServiceOptions {
  /** Mount point; default `/ocsp`. GET requests live under it (`/ocsp/<base64>`). */
  path?: string
}

const REQUEST_TYPE = 'application/ocsp-request'
const RESPONSE_TYPE = 'application/ocsp-response'
/** Real requests are a few hundred bytes; anything near this is not OCSP. */
const BODY_LIMIT = 64 * 1024

/** RFC 6960 OCSP responder: POST (§A.1.1 body) and GET (base64 DER, URL-encoded, in the path). */
export async function ocspRoutes(app: FastifyInstance, opts: OcspRoutesOptions): Promise<void> {
  const path = (opts.path ?? '/ocsp').replace(/\/+$/, '')
  const answer = createOcspService({
    ...opts,
    onError: opts.onError ?? ((err) => app.log.error({ err }, 'OCSP')),
  })

  if (!app.hasContentTypeParser(REQUEST_TYPE)) {
    app.addContentTypeParser(REQUEST_TYPE, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    )
  }

  const send = async (reply: FastifyReply, der: Uint8Array, cacheable: boolean, maxAge?: number) => {
    reply.header('content-type', RESPONSE_TYPE)
    // RFC 5019: GET answers may be cached by HTTP proxies until nextUpdate.
    if (cacheable && maxAge !== undefined)
      reply.header('cache-control', `max-age=${maxAge}, public, no-transform`)
    return reply.send(Buffer.from(der))
  }

  const post = async (request: { body: unknown }, reply: FastifyReply) => {
    if (!Buffer.isBuffer(request.body))
      return send(reply, ocspErrorResponse(OcspResponseStatus.malformedRequest), false)
    const { der } = await answer(new Uint8Array(request.body))
    return send(reply, der, false)
  }
  app.post(path, { bodyLimit: BODY_LIMIT }, post)

  app.get(`${path}/*`, async (request, reply) => {
    // Take the raw path: base64 may contain '/' and '+', which router decoding would mangle.
    // indexOf rather than a fixed offset: a register() prefix may precede the path.
    const url = request.url.split('?')[0] ?? ''
    const raw = url.slice(url.indexOf(`${path}/`) + path.length + 1)
    let der: Uint8Array
    try {
      der = new Uint8Array(Buffer.from(decodeURIComponent(raw), 'base64'))
    } catch {
      return send(reply, ocspErrorResponse(OcspResponseStatus.malformedRequest), false)
    }
    const result = await answer(der)
    return send(reply, result.der, true, result.maxAge)
  })
}
