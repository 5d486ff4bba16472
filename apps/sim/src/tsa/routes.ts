import type { FastifyInstance } from 'fastify'
import { createTsaService, type TsaServiceOptions } from './tsa-service.ts'
import { rejectionResponse } from './tsa-status.ts'

export interface TsaRoutesOptions extends TsaServiceOptions {
  /** Mount point; default `/tsa`. */
  path?: string
}

const QUERY_TYPE = 'application/timestamp-query'
const REPLY_TYPE = 'application/timestamp-reply'
/** A TimeStampReq is ~100 bytes; anything near this is not one. */
const BODY_LIMIT = 16 * 1024

/** RFC 3161 time-stamping over HTTP (§3.4): POST a query, get a reply, errors as TimeStampResp. */
export async function tsaRoutes(app: FastifyInstance, opts: TsaRoutesOptions): Promise<void> {
  const answer = createTsaService({
    ...opts,
    onError: opts.onError ?? ((err) => app.log.error({ err }, 'TSA')),
  })
  if (!app.hasContentTypeParser(QUERY_TYPE)) {
    app.addContentTypeParser(QUERY_TYPE, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    )
  }
  app.post(opts.path ?? '/tsa', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const der = Buffer.isBuffer(request.body)
      ? await answer(new Uint8Array(request.body))
      : rejectionResponse('badDataFormat', 'empty request')
    return reply.header('content-type', REPLY_TYPE).send(Buffer.from(der))
  })
}
