// The messages the sink received, as the simulator's pages and API show them.
import { createHash, randomUUID } from 'node:crypto'
import { type Kysely, sql } from '@elc/db'
import type { SimMailDatabase } from './schema.ts'

export interface ReceivedAttachment {
  filename: string | undefined
  contentType: string
  content: Uint8Array
}

export interface ReceivedMessage {
  envelopeFrom: string | undefined
  envelopeTo: string[]
  messageId: string | undefined
  headerFrom: string | undefined
  headerTo: string | undefined
  subject: string | undefined
  text: string | undefined
  html: string | undefined
  size: number
  attachments: ReceivedAttachment[]
}

export interface AttachmentSummary {
  index: number
  filename: string | null
  contentType: string
  size: number
  sha256: string
}

export interface MessageSummary {
  id: string
  receivedAt: Date
  envelopeFrom: string | null
  envelopeTo: string[]
  messageId: string | null
  from: string | null
  to: string | null
  subject: string
  size: number
  attachments: AttachmentSummary[]
}

export interface StoredMessage extends MessageSummary {
  text: string | null
  html: string | null
}

export interface StoredAttachment {
  filename: string | null
  contentType: string
  content: Uint8Array
}

export const MAX_LIST_LIMIT = 200

export interface ListOptions {
  /** An envelope recipient, matched ignoring case. */
  to?: string
  /** Default 50, at most MAX_LIST_LIMIT. */
  limit?: number
}

export class MailStore {
  constructor(
    private readonly db: Kysely<SimMailDatabase>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(message: ReceivedMessage): Promise<string> {
    const id = randomUUID()
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sim_mail_message')
        .values({
          id,
          received_at: this.now(),
          envelope_from: message.envelopeFrom || null,
          message_id: message.messageId ?? null,
          header_from: message.headerFrom ?? null,
          header_to: message.headerTo ?? null,
          subject: message.subject ?? '',
          text_body: message.text ?? null,
          html_body: message.html ?? null,
          size: message.size,
        })
        .execute()
      if (message.envelopeTo.length)
        await trx
          .insertInto('sim_mail_recipient')
          .values(message.envelopeTo.map((address, position) => ({ message_id: id, position, address })))
          .execute()
      if (message.attachments.length)
        await trx
          .insertInto('sim_mail_attachment')
          .values(
            message.attachments.map((a, position) => ({
              message_id: id,
              position,
              filename: a.filename ?? null,
              content_type: a.contentType,
              content: a.content,
              size: a.content.byteLength,
              sha256: createHash('sha256').update(a.content).digest('hex'),
            })),
          )
          .execute()
    })
    return id
  }

  /** Newest (last received) first; `to` matches an envelope recipient, ignoring case. */
  async list(options: ListOptions = {}): Promise<MessageSummary[]> {
    const rows = await this.query(options).execute()
    return this.summaries(rows)
  }

  /** As list, with each message's text and HTML. */
  async listWithBodies(options: ListOptions = {}): Promise<StoredMessage[]> {
    const rows = await this.query(options).select(['text_body', 'html_body']).execute()
    const summaries = await this.summaries(rows)
    return summaries.map((summary, i) => ({
      ...summary,
      text: rows[i]?.text_body ?? null,
      html: rows[i]?.html_body ?? null,
    }))
  }

  private query(options: ListOptions) {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50) || 50, 1), MAX_LIST_LIMIT)
    let query = this.db
      .selectFrom('sim_mail_message')
      .select([
        'id',
        'received_at',
        'envelope_from',
        'message_id',
        'header_from',
        'header_to',
        'subject',
        'size',
      ])
      .orderBy('seq', 'desc')
      .limit(limit)
    const to = options.to?.trim()
    if (to)
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('sim_mail_recipient')
            .select('position')
            .whereRef('sim_mail_recipient.message_id', '=', 'sim_mail_message.id')
            .where(sql<string>`lower(address)`, '=', to.toLowerCase()),
        ),
      )
    return query
  }

  async find(id: string): Promise<StoredMessage | undefined> {
    const row = await this.db
      .selectFrom('sim_mail_message')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) return undefined
    const [summary] = await this.summaries([row])
    return { ...(summary as MessageSummary), text: row.text_body, html: row.html_body }
  }

  async attachment(id: string, index: number): Promise<StoredAttachment | undefined> {
    const row = await this.db
      .selectFrom('sim_mail_attachment')
      .select(['filename', 'content_type', 'content'])
      .where('message_id', '=', id)
      .where('position', '=', index)
      .executeTakeFirst()
    return row && { filename: row.filename, contentType: row.content_type, content: row.content }
  }

  private async summaries(
    rows: {
      id: string
      received_at: Date
      envelope_from: string | null
      message_id: string | null
      header_from: string | null
      header_to: string | null
      subject: string
      size: number
    }[],
  ): Promise<MessageSummary[]> {
    if (!rows.length) return []
    const ids = rows.map((r) => r.id)
    const [recipients, attachments] = await Promise.all([
      this.db
        .selectFrom('sim_mail_recipient')
        .select(['message_id', 'address'])
        .where('message_id', 'in', ids)
        .orderBy('message_id')
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('sim_mail_attachment')
        .select(['message_id', 'position', 'filename', 'content_type', 'size', 'sha256'])
        .where('message_id', 'in', ids)
        .orderBy('message_id')
        .orderBy('position')
        .execute(),
    ])
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      envelopeFrom: r.envelope_from,
      envelopeTo: recipients.filter((x) => x.message_id === r.id).map((x) => x.address),
      messageId: r.message_id,
      from: r.header_from,
      to: r.header_to,
      subject: r.subject,
      size: r.size,
      attachments: attachments
        .filter((a) => a.message_id === r.id)
        .map((a) => ({
          index: a.position,
          filename: a.filename,
          contentType: a.content_type,
          size: a.size,
          sha256: a.sha256,
        })),
    }))
  }
}
