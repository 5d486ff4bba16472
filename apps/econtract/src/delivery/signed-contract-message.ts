// The e-mail that delivers a signed labor contract to one party (D5.3, R1.14): once right after the last
// signature, and again with the contract ID once the Platform issued it (R1.17). Vietnamese first, English
// below; the signed PDF attached. Nothing here carries a personal ID number: the body names people only.
import { ElcError, isContractId, text } from '@elc/core'
import { ECONTRACT_NAME } from '../name.ts'
import type { MailMessage } from './mailer.ts'

export interface SignedContractMessageInput {
  to: string
  recipientName: string
  employerName: string
  workerName: string
  contractTitle: string
  /** The signed PDF, attached byte for byte. */
  pdf: Uint8Array
  /** Defaults to `HDLD-<contract ID>.pdf`, or a name made from the title before there is an ID. */
  fileName?: string
  /** Set once the Platform issued it (R1.29); its presence makes this the ID-bearing copy (R1.17). */
  contractId?: string
  /** Where the recipient can see the contract after signing in. */
  viewUrl: string
}

// Free text typed by people may hold a 9-digit (CMND) or 12-digit (CCCD) number; mail is not the place.
const ID_NUMBER = /(?<![\p{L}\p{N}])(?:\d{12}|\d{9})(?![\p{L}\p{N}])/gu
const EMAIL = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/

export function signedContractMessage(input: SignedContractMessageInput): MailMessage {
  const to = input.to.trim()
  if (!EMAIL.test(to))
    throw invalid(
      'MAIL_RECIPIENT_INVALID',
      'Địa chỉ thư điện tử người nhận không hợp lệ.',
      'The recipient e-mail address is not valid.',
    )
  if (input.contractId !== undefined && !isContractId(input.contractId))
    throw new ElcError(
      'CONTRACT_ID_FORMAT',
      text('Mã số hợp đồng không đúng định dạng.', 'The contract ID is malformed.'),
      { ruleId: 'R1.29' },
    )
  if (!isPdf(input.pdf))
    throw invalid(
      'MAIL_ATTACHMENT_NOT_PDF',
      'Tệp đính kèm phải là hợp đồng dạng PDF.',
      'The attachment must be the contract PDF.',
    )
  const view = URL.canParse(input.viewUrl) ? new URL(input.viewUrl) : undefined
  if (!view || (view.protocol !== 'https:' && view.protocol !== 'http:'))
    throw invalid(
      'MAIL_VIEW_URL_INVALID',
      'Đường dẫn xem hợp đồng phải là http(s).',
      'The contract link must be http(s).',
    )

  const recipient = clean(input.recipientName)
  const employer = clean(input.employerName)
  const worker = clean(input.workerName)
  const title = clean(input.contractTitle)
  const id = input.contractId
  const link = view.href

  const subject = id
    ? `Hợp đồng lao động mã số ${id}: ${title} / Labor contract ID ${id}: ${title}`
    : `Hợp đồng lao động đã ký: ${title} / Signed labor contract: ${title}`

  const vi: Line[] = [
    `Kính gửi ${recipient},`,
    id
      ? `Nền tảng hợp đồng lao động điện tử đã cấp mã số ${id} cho hợp đồng lao động “${title}” giữa ${employer} (người sử dụng lao động) và ${worker} (người lao động). Bản hợp đồng có mã số được đính kèm thư này.`
      : `Hợp đồng lao động “${title}” giữa ${employer} (người sử dụng lao động) và ${worker} (người lao động) đã được các bên ký đầy đủ. Bản hợp đồng điện tử có chữ ký số được đính kèm thư này.`,
    id
      ? 'Bản này thay cho bản đã gửi trước đó; vui lòng lưu giữ tệp đính kèm.'
      : 'Hợp đồng sẽ được gửi lên Nền tảng để cấp mã số; khi có mã số, bạn sẽ nhận lại hợp đồng kèm mã số. Vui lòng lưu giữ tệp đính kèm.',
    { label: 'Xem hợp đồng', href: link },
    `Thư được gửi tự động từ ${ECONTRACT_NAME}; vui lòng không trả lời thư này.`,
  ]
  const en: Line[] = [
    `Dear ${recipient},`,
    id
      ? `The Electronic Labor Contract Platform has issued ID ${id} for the labor contract “${title}” between ${employer} (employer) and ${worker} (worker). The contract bearing this ID is attached.`
      : `The labor contract “${title}” between ${employer} (employer) and ${worker} (worker) has been signed by all parties. The digitally signed electronic contract is attached.`,
    id
      ? 'This copy replaces the one sent earlier; please keep the attachment.'
      : 'The contract will now be sent to the Platform for an ID; once issued, you will receive the contract again with its ID. Please keep the attachment.',
    { label: 'View the contract', href: link },
    `Sent automatically by ${ECONTRACT_NAME}; please do not reply to this message.`,
  ]

  const body = [...vi.map(plain), '—', ...en.map(plain)].join('\n\n')
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;color:#1b1f24">
${vi.map(htmlParagraph).join('\n')}
<hr>
<div lang="en" style="color:#4a525c">
${en.map(htmlParagraph).join('\n')}
</div>
</body></html>`

  return {
    to,
    subject: subject.normalize('NFC'),
    text: body.normalize('NFC'),
    html: html.normalize('NFC'),
    attachments: [
      {
        filename: contractFileName(input.fileName, id, title),
        contentType: 'application/pdf',
        content: input.pdf,
      },
    ],
    // RFC 3834: automatic mail, so auto-responders stay quiet.
    headers: { 'Auto-Submitted': 'auto-generated' },
  }
}

/** `HDLD-A260123456789.pdf` with an ID; otherwise the given name or the title, made safe for a file name. */
export function contractFileName(
  fileName: string | undefined,
  contractId: string | undefined,
  title: string,
): string {
  const given = fileName ? safeName(fileName.replace(/\.pdf$/i, '')) : ''
  if (given) return `${given}.pdf`
  if (contractId) return `HDLD-${contractId}.pdf`
  // A slash in a title ("số 01/2026") is part of the name, not a path.
  return `${safeName(`HĐLĐ ${clean(title).replace(/[/\\]/g, '-')}`) || 'HDLD'}.pdf`
}

function safeName(value: string): string {
  // Only the last path segment: a name is never a path.
  const base = clean(value).split(/[/\\]/).pop() ?? ''
  const cleaned = base
    .replace(/[\p{C}:*?"<>|]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim()
  return Array.from(cleaned).slice(0, 100).join('').trim()
}

function clean(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim().replace(ID_NUMBER, '•••')
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}

type Line = string | { label: string; href: string }

function plain(line: Line): string {
  return typeof line === 'string' ? line : `${line.label}: ${line.href}`
}

function htmlParagraph(line: Line): string {
  return typeof line === 'string'
    ? `<p>${escapeHtml(line)}</p>`
    : `<p><a href="${escapeHtml(line.href)}">${escapeHtml(line.label)}</a><br><small>${escapeHtml(line.href)}</small></p>`
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en), { status: 400, ruleId: 'R1.14' })
}
