// HTTP face of the mail sink: the inbox page and a JSON API so demos and tests can read what was sent.
// Its own scope, so problem+json and the page's security headers stay local.
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import { answerProblems } from '@elc/http'
import type { FastifyInstance } from 'fastify'
import { attachmentDisposition } from './content-disposition.ts'
import { inboxPage } from './mail-page.ts'
import { MailStore, type MessageSummary, type StoredMessage } from './mail-store.ts'
import type { SimMailDatabase } from './schema.ts'

type ListQuery = { Querystring: { to?: string; limit?: string } }

export async function mailRoutes(app: FastifyInstance, db: Kysely<SimMailDatabase>): Promise<void> {
  const store = new MailStore(db)
  await app.register(async (scope) => {
    answerProblems(scope)
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      reply.header('x-content-type-options', 'nosniff')
      reply.header('referrer-policy', 'no-referrer')
      reply.header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox allow-forms allow-same-origin",
      )
    })

    scope.get<ListQuery>('/mail', async (request, reply) => {
      const to = request.query.to?.trim() || undefined
      const messages = await store.listWithBodies({
        ...(to ? { to } : {}),
        limit: limitOf(request.query.limit),
      })
      return reply.type('text/html; charset=utf-8').send(inboxPage(messages, to))
    })

    scope.get<ListQuery>('/mail/messages', async (request) => {
      const to = request.query.to?.trim() || undefined
      const messages = await store.list({ ...(to ? { to } : {}), limit: limitOf(request.query.limit) })
      return { messages: messages.map(summaryJson) }
    })

    scope.get<{ Params: { id: string } }>('/mail/messages/:id', async (request) => {
      const message = await store.find(request.params.id)
      if (!message) throw messageNotFound()
      return messageJson(message)
    })

    scope.get<{ Params: { id: string; index: string } }>(
      '/mail/messages/:id/attachments/:index',
      async (request, reply) => {
        const { id, index } = request.params
        const attachment = /^\d{1,4}$/.test(index) ? await store.attachment(id, Number(index)) : undefined
        if (!attachment)
          throw new ElcError(
            'MAIL_ATTACHMENT_NOT_FOUND',
            text('Không tìm thấy tệp đính kèm này.', 'No such attachment.'),
            { status: 404 },
          )
        return reply
          .type(attachment.contentType || 'application/octet-stream')
          .header('content-disposition', attachmentDisposition(attachment.filename, `attachment-${index}`))
          .send(Buffer.from(attachment.content))
      },
    )
  })
}

function limitOf(value: string | undefined): number | undefined {
  return value && /^\d{1,4}$/.test(value) ? Number(value) : undefined
}

function messageNotFound(): ElcError {
  return new ElcError('MAIL_MESSAGE_NOT_FOUND', text('Không tìm thấy thư này.', 'No such message.'), {
    status: 404,
  })
}

function summaryJson(m: MessageSummary) {
  return {
    id: m.id,
    receivedAt: m.receivedAt.toISOString(),
    envelope: { from: m.envelopeFrom, to: m.envelopeTo },
    messageId: m.messageId,
    from: m.from,
    to: m.to,
    subject: m.subject,
    size: m.size,
    attachments: m.attachments.map((a) => ({
      ...a,
      url: `/mail/messages/${encodeURIComponent(m.id)}/attachments/${a.index}`,
    })),
  }
}

function messageJson(m: StoredMessage) {
  return { ...summaryJson(m), text: m.text, html: m.html }
}
