// The transparency log as C2SP tlog-tiles under /ledger/, and its public key, for auditors and witnesses.
import { ledgerHttpResponse } from '@elc/ledger'
import type { FastifyInstance } from 'fastify'
import type { PlatformLedger } from '../ledger/open-ledger.ts'
import { PUBLIC } from './access-rules.ts'

export function ledgerRoutes(app: FastifyInstance, { ledger, verifierKey }: PlatformLedger): void {
  app.get('/ledger/key', PUBLIC, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(`${verifierKey}\n`),
  )
  app.get<{ Params: { '*': string } }>('/ledger/*', PUBLIC, async (request, reply) => {
    const r = await ledgerHttpResponse(ledger, `/${request.params['*']}`)
    return reply
      .code(r.status)
      .headers(r.headers)
      .send(typeof r.body === 'string' ? r.body : Buffer.from(r.body))
  })
}
