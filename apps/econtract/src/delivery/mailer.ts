// The port eContract sends e-mail through (D5.3, R1.14: the contract is delivered to both parties as a data
// message). Adapters: SMTP (smtp-mailer.ts); tests may use any object with `send`.

export interface MailAttachment {
  /** NFC; may contain Vietnamese letters (sent as RFC 2231 `filename*`). */
  filename: string
  contentType: string
  content: Uint8Array
}

export interface MailMessage {
  /** One message per recipient keeps a refused address from holding up the other party's copy. */
  to: string | readonly string[]
  subject: string
  text: string
  html?: string
  attachments?: readonly MailAttachment[]
  headers?: Readonly<Record<string, string>>
}

export interface Mailer {
  /**
   * Hands the message to the mail server. Throws ElcError MAIL_UNAVAILABLE (503, try again later) or
   * MAIL_REJECTED (422, sending the same message again will not help).
   */
  send(message: MailMessage): Promise<{ messageId: string }>
}
