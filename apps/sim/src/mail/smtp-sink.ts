// A local SMTP server that keeps every message it is given, for demos and tests: nothing is relayed. Plain
// SMTP on loopback, AUTH accepted with any credentials or none.
import type { Kysely } from '@elc/db'
import { type AddressObject, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerError } from 'smtp-server'
import { MailStore } from './mail-store.ts'
import { migrateMail } from './migrations.ts'
import type { SimMailDatabase } from './schema.ts'

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024

/** RFC 2606 reserves `.invalid`: the sink refuses such recipients (550) so demos can show a bounce. */
export const REFUSED_DOMAIN_SUFFIX = '.invalid'

export interface SmtpSinkOptions {
  db: Kysely<SimMailDatabase>
  /** 0 picks a free port. */
  port?: number
  host?: string
  maxMessageBytes?: number
  onError?: (err: unknown) => void
}

export interface SmtpSink {
  port: number
  host: string
  close(): Promise<void>
}

export async function startSmtpSink({
  db,
  port = 2525,
  host = '127.0.0.1',
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
  onError = () => {},
}: SmtpSinkOptions): Promise<SmtpSink> {
  await migrateMail(db)
  const store = new MailStore(db)
  const server = new SMTPServer({
    name: 'mail.sim.localhost',
    banner: 'ELC mail sink (MÔ PHỎNG / SIMULATOR, nothing is relayed)',
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    size: maxMessageBytes,
    logger: false,
    // Shutting down waits this long for a message in flight before dropping the connection.
    closeTimeout: 5_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' })
    },
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().endsWith(REFUSED_DOMAIN_SUFFIX))
        return callback(smtpError(550, '5.1.1 Recipient refused by the simulator (.invalid domain)'))
      callback()
    },
    onData(stream, session, reply) {
      let answered = false
      const callback: typeof reply = (err, message) => {
        if (answered) return
        answered = true
        reply(err, message)
      }
      // Buffered up to the limit only: an oversized message is read to its end and dropped.
      const chunks: Buffer[] = []
      let received = 0
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received <= maxMessageBytes) chunks.push(chunk)
      })
      stream.once('error', (err) => {
        onError(err)
        callback(smtpError(451, '4.3.0 The simulator could not read the message'))
      })
      stream.once('end', () => {
        if (stream.sizeExceeded || received > maxMessageBytes)
          return callback(smtpError(552, `5.3.4 Message exceeds ${maxMessageBytes} bytes`))
        const raw = Buffer.concat(chunks)
        simpleParser(raw)
          .then((parsed) =>
            store.save({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              messageId: parsed.messageId,
              headerFrom: parsed.from?.text,
              headerTo: addressText(parsed.to),
              subject: parsed.subject,
              text: parsed.text,
              html: parsed.html || undefined,
              size: raw.length,
              attachments: parsed.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: new Uint8Array(a.content),
              })),
            }),
          )
          .then(
            (id) => callback(null, `Message stored as ${id}`),
            (err: unknown) => {
              onError(err)
              // Transient: the sender keeps the message and tries again.
              callback(smtpError(451, '4.3.0 The simulator could not store the message'))
            },
          )
      })
    },
  })
  server.on('error', onError)
  await new Promise<void>((resolve, reject) => {
    const listener = server.listen(port, host, () => {
      listener.off('error', reject)
      resolve()
    })
    listener.once('error', reject)
  })
  const address = server.server.address()
  const bound = typeof address === 'object' && address ? address.port : port
  let closing: Promise<void> | undefined
  return {
    port: bound,
    host,
    close() {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()))
      return closing
    },
  }
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ')
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode })
}
