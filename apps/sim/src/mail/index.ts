// The simulator's mail sink: an SMTP server that keeps what it is sent (nothing is relayed) and the pages
// and API to read it.
export { asciiFileName, attachmentDisposition, safeFileName } from './content-disposition.ts'
export { mailRoutes } from './mail-routes.ts'
export { type ListOptions, MailStore, type MessageSummary, type StoredMessage } from './mail-store.ts'
export { mailMigrations, migrateMail } from './migrations.ts'
export type { SimMailDatabase } from './schema.ts'
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  REFUSED_DOMAIN_SUFFIX,
  type SmtpSink,
  type SmtpSinkOptions,
  startSmtpSink,
} from './smtp-sink.ts'
