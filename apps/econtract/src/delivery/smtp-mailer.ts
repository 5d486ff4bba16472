// The Mailer over SMTP with nodemailer, configured by URL: smtp://[user:pass@]host[:port] (STARTTLS, required
// unless the host is loopback: contracts carry personal data) or smtps://… (TLS from the start).
import { ElcError, text } from '@elc/core'
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer'
import { ECONTRACT_NAME } from '../name.ts'
import { classifySendError, mailRejected } from './mail-errors.ts'
import type { Mailer, MailMessage } from './mailer.ts'

export interface SmtpTimeouts {
  /** Waiting for the TCP (and TLS) connection; default 10 s. */
  connectionMs?: number
  /** Waiting for the server's greeting; default 10 s. */
  greetingMs?: number
  /** Inactivity while talking to the server; default 60 s (a signed PDF can be several MB). */
  socketMs?: number
}

export interface SmtpMailerOptions {
  url: string
  /** The From address, e.g. `"eContract" <no-reply@example.vn>`. */
  from: string
  timeouts?: SmtpTimeouts
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export const DEFAULT_MAIL_FROM = `"${ECONTRACT_NAME}" <no-reply@econtract.localhost>`

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter

  constructor({ url, from, timeouts = {} }: SmtpMailerOptions) {
    const parsed = parseSmtpUrl(url)
    this.transport = nodemailer.createTransport(
      {
        url,
        connectionTimeout: timeouts.connectionMs ?? 10_000,
        greetingTimeout: timeouts.greetingMs ?? 10_000,
        socketTimeout: timeouts.socketMs ?? 60_000,
        dnsTimeout: timeouts.connectionMs ?? 10_000,
        secure: parsed.protocol === 'smtps:',
        requireTLS: parsed.protocol === 'smtp:' && !LOOPBACK_HOSTS.has(parsed.hostname),
        disableFileAccess: true,
        disableUrlAccess: true,
      },
      { from },
    )
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const options: SendMailOptions = {
      to: typeof message.to === 'string' ? message.to : [...message.to],
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.headers ? { headers: { ...message.headers } } : {}),
      attachments: (message.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      })),
    }
    let info: { messageId: string; rejected?: unknown[] }
    try {
      info = await this.transport.sendMail(options)
    } catch (err) {
      throw classifySendError(err)
    }
    // Only some recipients refused: the rest got it, so the caller must not resend blindly.
    if (info.rejected?.length) throw mailRejected(info)
    return { messageId: info.messageId }
  }

  close(): void {
    this.transport.close()
  }
}

function parseSmtpUrl(url: string): URL {
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {}
  if (!parsed || (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || !parsed.hostname)
    throw new ElcError(
      'MAIL_CONFIG_INVALID',
      text(
        'Địa chỉ máy chủ thư phải có dạng smtp://máy-chủ:cổng hoặc smtps://máy-chủ:cổng.',
        'The mail server URL must look like smtp://host:port or smtps://host:port.',
      ),
      { status: 500 },
    )
  return parsed
}

/**
 * ELC_ECONTRACT_SMTP_URL and ELC_ECONTRACT_MAIL_FROM; undefined when no URL is set (mail delivery off).
 */
export function smtpMailerFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpMailer | undefined {
  const url = env.ELC_ECONTRACT_SMTP_URL
  if (!url) return undefined
  return new SmtpMailer({ url, from: env.ELC_ECONTRACT_MAIL_FROM || DEFAULT_MAIL_FROM })
}
