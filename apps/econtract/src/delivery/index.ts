// Delivering signed contracts to both parties by e-mail (D5.3, R1.14, R1.17).
export { classifySendError, mailRejected, mailUnavailable } from './mail-errors.ts'
export type { MailAttachment, Mailer, MailMessage } from './mailer.ts'
export {
  contractFileName,
  type SignedContractMessageInput,
  signedContractMessage,
} from './signed-contract-message.ts'
export {
  DEFAULT_MAIL_FROM,
  SmtpMailer,
  type SmtpMailerOptions,
  type SmtpTimeouts,
  smtpMailerFromEnv,
} from './smtp-mailer.ts'
