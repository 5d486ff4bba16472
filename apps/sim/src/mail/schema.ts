// Table types of the simulator's mail sink (see migrations.ts).
import type { Generated } from '@elc/db'

export interface SimMailMessageTable {
  id: string
  seq: Generated<bigint>
  received_at: Date
  /** SMTP MAIL FROM; null for the null reverse-path `<>` of bounces. */
  envelope_from: string | null
  /** The Message-ID header, as sent. */
  message_id: string | null
  header_from: string | null
  header_to: string | null
  subject: string
  text_body: string | null
  html_body: string | null
  /** Size of the message as received, in bytes. */
  size: number
}

/** SMTP RCPT TO, in the order given: who the message was delivered to, Bcc included. */
export interface SimMailRecipientTable {
  message_id: string
  position: number
  address: string
}

export interface SimMailAttachmentTable {
  message_id: string
  position: number
  filename: string | null
  content_type: string
  content: Uint8Array
  size: number
  sha256: string
  created_at: Generated<Date>
}

export interface SimMailDatabase {
  sim_mail_message: SimMailMessageTable
  sim_mail_recipient: SimMailRecipientTable
  sim_mail_attachment: SimMailAttachmentTable
}
