// The sink's inbox page: Vietnamese first, English beneath, no scripts. Message HTML is never rendered
// here (it is someone else's markup); the plain text is shown and the HTML is in the JSON API.
import { escapeHtml } from '../identity/html.ts'
import type { StoredMessage } from './mail-store.ts'

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:#f4f5f7;color:#1b1f24}main{max-width:60rem;margin:0 auto;padding:1rem}
header{background:#5a3e85;color:#fff;padding:.9rem 1.25rem}header strong{display:block;font-size:1.1rem}
header small{opacity:.9}.en{color:#5c6570;font-size:.9em;margin:0}h1{font-size:1.25rem;margin:0}
.notice{background:#fff8e1;border-left:4px solid #f0a500;padding:.75rem;margin-top:1rem}
form{margin-top:1rem;display:flex;gap:.5rem;flex-wrap:wrap}input{flex:1;min-width:14rem;font-size:1rem;
padding:.5rem;border:1px solid #9aa3ad;border-radius:.35rem}button{font-size:1rem;padding:.5rem 1rem;border:0;
border-radius:.35rem;background:#5a3e85;color:#fff}details{background:#fff;border-radius:.5rem;padding:.75rem 1rem;
margin-top:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}summary{cursor:pointer}summary b{display:block}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:.75rem 0}dt{color:#5c6570}dd{margin:0}
pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f9;padding:.75rem;border-radius:.35rem}
.meta{color:#5c6570;font-size:.9em}
`

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  dateStyle: 'short',
  timeStyle: 'medium',
})

export function inboxPage(messages: StoredMessage[], filter: string | undefined): string {
  const items = messages.length
    ? messages.map(messageItem).join('\n')
    : `<p>Chưa có thư nào${filter ? ' cho địa chỉ này' : ''}.</p><p class="en" lang="en">No messages${filter ? ' for this address' : ''} yet.</p>`
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Hộp thư mô phỏng · Simulated mailbox</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>HỘP THƯ — MÔ PHỎNG</strong><small>Simulated mailbox of the national services simulator</small></header>
<main>
<h1>Thư điện tử đã nhận (mới nhất trước)</h1><p class="en" lang="en">E-mail received (newest first)</p>
<div class="notice"><p>Đây là máy chủ SMTP mô phỏng dùng cho phát triển và trình diễn: thư gửi tới đây được lưu lại để xem, không được chuyển tiếp tới ai.</p>
<p class="en" lang="en">This is a simulated SMTP server for development and demos: mail sent here is kept for viewing and never relayed to anyone.</p></div>
<form method="get" action="/mail">
<input type="email" name="to" value="${escapeHtml(filter ?? '')}" placeholder="nguoinhan@example.vn" aria-label="Người nhận / Recipient">
<button type="submit">Lọc theo người nhận / Filter by recipient</button>
</form>
${items}
</main>
</body>
</html>`
}

function messageItem(m: StoredMessage): string {
  const attachments = m.attachments.length
    ? `<p><b>Tệp đính kèm</b> <span class="en" lang="en">Attachments</span></p><ul>${m.attachments
        .map(
          (a) =>
            `<li><a href="/mail/messages/${encodeURIComponent(m.id)}/attachments/${a.index}">${escapeHtml(
              a.filename ?? `attachment-${a.index}`,
            )}</a> <span class="meta">${escapeHtml(a.contentType)}, ${a.size} B, SHA-256 ${escapeHtml(a.sha256)}</span></li>`,
        )
        .join('')}</ul>`
    : ''
  return `<details>
<summary><b>${escapeHtml(m.subject || '(không có tiêu đề / no subject)')}</b>
<span class="meta">${escapeHtml(TIME.format(m.receivedAt))} · ${escapeHtml(m.envelopeTo.join(', '))}</span></summary>
<dl>
<dt>Từ / From</dt><dd>${escapeHtml(m.from ?? m.envelopeFrom ?? '')}</dd>
<dt>Tới / To</dt><dd>${escapeHtml(m.to ?? '')}</dd>
<dt>Người nhận (phong bì) / Envelope recipients</dt><dd>${escapeHtml(m.envelopeTo.join(', '))}</dd>
<dt>Mã thư / Message-ID</dt><dd>${escapeHtml(m.messageId ?? '')}</dd>
<dt>JSON</dt><dd><a href="/mail/messages/${encodeURIComponent(m.id)}">/mail/messages/${escapeHtml(m.id)}</a></dd>
</dl>
<pre>${escapeHtml(m.text ?? '')}</pre>
${attachments}
</details>`
}
