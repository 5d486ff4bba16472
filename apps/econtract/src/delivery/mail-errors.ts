// How a failed send surfaces: transient problems (the server is down, slow, or says "try later") as
// MAIL_UNAVAILABLE so the caller's job retries; permanent refusals as MAIL_REJECTED. The server's reply
// stays in `cause` for the logs; it is not shown to users.
import { ElcError, text } from '@elc/core'

export function mailUnavailable(cause?: unknown): ElcError {
  return new ElcError(
    'MAIL_UNAVAILABLE',
    text(
      'Máy chủ thư điện tử tạm thời không nhận thư; hệ thống sẽ gửi lại sau.',
      'The mail server is not accepting mail right now; the message will be sent again later.',
    ),
    { status: 503, ruleId: 'R1.14', cause },
  )
}

export function mailRejected(cause?: unknown): ElcError {
  return new ElcError(
    'MAIL_REJECTED',
    text(
      'Máy chủ thư điện tử từ chối thư này (thường do địa chỉ người nhận); gửi lại cũng không được, hãy kiểm tra địa chỉ.',
      'The mail server refused this message (usually the recipient address); sending it again will not help, check the address.',
    ),
    { status: 422, ruleId: 'R1.14', cause },
  )
}

// Failures that no retry can fix: the message or its envelope is wrong, not the connection.
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS'])

interface SendFailure {
  code?: string
  responseCode?: number
  permanent?: boolean
}

/** nodemailer's error → ElcError. With an SMTP reply, RFC 5321's reply class decides (5yz but 503 is final). */
export function classifySendError(err: unknown): ElcError {
  if (err instanceof ElcError) return err
  const failure = (typeof err === 'object' && err ? err : {}) as SendFailure
  if (typeof failure.responseCode === 'number') {
    const permanent =
      failure.permanent ??
      (failure.responseCode >= 500 && failure.responseCode < 600 && failure.responseCode !== 503)
    return permanent ? mailRejected(err) : mailUnavailable(err)
  }
  if (failure.code && PERMANENT_CODES.has(failure.code)) return mailRejected(err)
  // Connection refused, DNS, TLS, timeouts, authentication, anything unknown: worth another try later.
  return mailUnavailable(err)
}
