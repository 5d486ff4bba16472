// The document pages other than the form: HR's list, the worker's list, the detail page both sides see,
// the one-time-code page, the done page and the friendly error page.
import type { Finding, Text } from '@elc/core'
import type { DocumentSummary, DocumentView } from '../contracts/index.ts'
import type { Employee } from '../employees/index.ts'
import { findingItem } from './contract-form.ts'
import { badge, bi, EVENT_LABELS, h, PARTY_LABELS, STATUS_LABELS, vnDate, vnd, vnTime } from './layout.ts'
import { conversionLink, lifecycleLinks } from './lifecycle-links.ts'

const t = (vi: string, en: string): Text => ({ vi, en })

const SIGNATURE_STATUS: Record<string, Text> = {
  requested: t('Đang chờ mã xác nhận', 'Waiting for the one-time code'),
  signed: t('Đã ký', 'Signed'),
  rejected: t('Bị từ chối', 'Rejected'),
  expired: t('Hết hạn', 'Expired'),
}

function nextPartyText(d: DocumentSummary): string {
  if (d.status !== 'signing' || !d.nextParty) return ''
  const p = PARTY_LABELS[d.nextParty] as Text
  return `<br>Chờ ký: ${h(p.vi)} <span class="en">/ Waiting for: ${h(p.en)}</span>`
}

function card(d: DocumentSummary, mine = false): string {
  return `<li class="${mine ? 'mine' : ''}" data-id="${h(d.id)}"><a class="title" href="/documents/${h(d.id)}">${h(d.title)}</a>
${badge(d.status)}${d.contractId ? ` <span class="contract-id-small">Mã <span class="en">/ ID</span>: <strong>${h(d.contractId)}</strong></span>` : ''}
<br>${h(d.employerName)} — ${h(d.workerName)}${nextPartyText(d)}
<br><span class="en">Cập nhật / Updated ${vnTime(d.updatedAt)}</span></li>`
}

export function hrListPage(
  docs: DocumentSummary[],
  filter: string | undefined,
  employees: Employee[],
  employer: string,
): string {
  const counts = new Map<string, number>()
  for (const d of docs) counts.set(d.status, (counts.get(d.status) ?? 0) + 1)
  const filters = [
    `<a href="/documents"${filter ? '' : ' aria-current="page"'}>Tất cả <span class="en">/ All</span> (${docs.length})</a>`,
  ]
  for (const [status, label] of Object.entries(STATUS_LABELS))
    filters.push(
      `<a href="/documents?status=${status}"${filter === status ? ' aria-current="page"' : ''}>${h(label.vi)} <span class="en">/ ${h(label.en)}</span> (${counts.get(status) ?? 0})</a>`,
    )
  const shown = filter ? docs.filter((d) => d.status === filter) : docs
  const picker =
    employees.length === 0
      ? `<p>Danh bạ nhân viên trống: <a href="/employees">nhập nhân viên</a> trước. <span class="en">The employee directory is empty: import employees first.</span></p>`
      : `<form method="get" action="/documents/new" class="field">
<input type="hidden" name="employer" value="${h(employer)}">
<label for="employee">Soạn hợp đồng mới cho <span class="en">/ New contract for</span></label>
<select id="employee" name="employee" required>${employees.map((e) => `<option value="${h(e.id)}">${h(e.fullName)} (${vnDate(e.dateOfBirth)})</option>`).join('')}</select>
<button type="submit">Soạn hợp đồng <span class="en">/ Draft a contract</span></button></form>`
  return `<p>Người sử dụng lao động <span class="en">/ Employer</span>: <strong>${h(employer)}</strong></p>
${picker}
${conversionLink(employer)}
<nav class="filters" aria-label="Lọc theo trạng thái / Filter by status">${filters.join(' ')}</nav>
${shown.length === 0 ? '<p>Chưa có văn bản nào. <span class="en">No documents yet.</span></p>' : `<ul class="cards" id="documents">${shown.map((d) => card(d)).join('\n')}</ul>`}`
}

export function workerListPage(docs: DocumentSummary[]): string {
  const waiting = docs.filter((d) => d.status === 'signing' && d.nextParty === 'worker')
  const others = docs.filter((d) => !waiting.includes(d))
  return `<h2>Chờ bạn ký <span class="en">/ Waiting for your signature</span></h2>
${waiting.length === 0 ? '<p>Không có văn bản nào chờ bạn ký. <span class="en">Nothing waits for your signature.</span></p>' : `<ul class="cards" id="waiting">${waiting.map((d) => card(d, true)).join('\n')}</ul>`}
<h2>Các văn bản khác <span class="en">/ Other documents</span></h2>
${others.length === 0 ? '<p>Chưa có. <span class="en">None yet.</span></p>' : `<ul class="cards" id="others">${others.map((d) => card(d)).join('\n')}</ul>`}
<p class="en">Người lao động không phải trả phí. — Workers never pay.</p>`
}

function parties(view: DocumentView): string {
  const data = view.parties as {
    employer?: {
      name?: string
      taxCode?: string
      address?: string
      signatory?: { fullName?: string; title?: string }
    }
    worker?: { fullName?: string; dateOfBirth?: string; residence?: string }
    job?: { title?: string }
    term?: { type?: string; startDate?: string; endDate?: string }
    wage?: { amount?: number; unit?: string }
  }
  return `<dl class="facts">
<dt>${bi(t('Người sử dụng lao động', 'Employer'))}</dt><dd>${h(data.employer?.name ?? '')} — MST ${h(data.employer?.taxCode ?? '')}<br>${h(data.employer?.address ?? '')}<br>${h(data.employer?.signatory?.fullName ?? '')}, ${h(data.employer?.signatory?.title ?? '')}</dd>
<dt>${bi(t('Người lao động', 'Worker'))}</dt><dd>${h(data.worker?.fullName ?? '')} — ${vnDate(data.worker?.dateOfBirth)}<br>${h(data.worker?.residence ?? '')}</dd>
<dt>${bi(t('Công việc', 'Job'))}</dt><dd>${h(data.job?.title ?? '')}</dd>
<dt>${bi(t('Thời hạn', 'Term'))}</dt><dd>${vnDate(data.term?.startDate)}${data.term?.endDate ? ` – ${vnDate(data.term.endDate)}` : ''}</dd>
<dt>${bi(t('Mức lương', 'Wage'))}</dt><dd>${vnd(data.wage?.amount)}</dd>
<dt>${bi(t('Ngày có hiệu lực', 'Effective'))}</dt><dd>${view.effectiveAt ? vnTime(view.effectiveAt) : view.agreedEffectiveDate ? `${vnDate(view.agreedEffectiveDate)} (thỏa thuận / agreed)` : 'Khi bên cuối cùng ký <span class="en">/ At the last signature</span>'}</dd>
</dl>`
}

export interface DetailOptions {
  csrf: string
  /** The caller has opened the PDF (a worker must before signing, R6.6). */
  viewed: boolean
  level2Acr: string
  subject: string
}

function actorText(e: DocumentView['history'][number], o: DetailOptions): string {
  if (e.actor === 'econtract') return bi(t('eContract (nhà cung cấp)', 'eContract (provider)'))
  if (e.actor === 'platform') return bi(t('Nền tảng HĐLĐ điện tử', 'Labor contract Platform'))
  const party =
    typeof e.detail.party === 'string' ? e.detail.party : e.type === 'viewed' ? 'worker' : 'employer'
  const label = PARTY_LABELS[party] as Text
  return `${bi(label)}${e.actor === o.subject ? ' — <strong>bạn</strong> <span class="en">/ you</span>' : ''}`
}

function levelText(e: DocumentView['history'][number], o: DetailOptions): string {
  const session = e.detail.session as { acr?: string; authTime?: string } | undefined
  if (!session?.acr) return ''
  const level = session.acr === o.level2Acr ? 'VNeID mức độ 2 / level 2' : `VNeID ${h(session.acr)}`
  return `<br><span class="en">Đăng nhập / Signed in: ${level}${session.authTime ? `, ${vnTime(session.authTime)}` : ''}</span>`
}

function reasons(value: unknown): string {
  const list = Array.isArray(value)
    ? (value as Array<{ code?: string; ruleId?: string; message?: Text }>)
    : []
  if (list.length === 0) return ''
  return `<h2>Lý do Nền tảng từ chối <span class="en">/ The Platform's reasons</span></h2>
<ul class="findings-list" id="platform-reasons">${list
    .map(
      (r) =>
        `<li class="msg error" data-code="${h(r.code ?? '')}">${r.ruleId ? `(${h(r.ruleId)}) ` : ''}${h(r.message?.vi ?? r.code ?? '')}<span class="en block">${h(r.message?.en ?? '')}</span></li>`,
    )
    .join('')}</ul>`
}

export function detailPage(view: DocumentView, o: DetailOptions): string {
  const hr = view.side === 'employer'
  const myTurn = view.status === 'signing' && view.nextParty === view.side
  const pdf = `/documents/${encodeURIComponent(view.id)}/pdf`
  const mustOpen = view.side === 'worker' && !o.viewed
  const hasPdf = view.status !== 'draft'
  const actions: string[] = []
  if (hr && view.status === 'draft')
    actions.push(
      `<a class="button secondary" href="/documents/${h(view.id)}/edit">Sửa <span class="en">/ Edit</span></a>`,
      `<form method="post" action="/documents/${h(view.id)}/send"><input type="hidden" name="_csrf" value="${h(o.csrf)}">
<div class="check"><input type="checkbox" id="ack" name="acknowledgeWarnings" value="on"><label for="ack">${bi(t('Tôi đã đọc các cảnh báo', 'I have read the warnings'))}</label></div>
<button type="submit" id="send-button">Gửi ký <span class="en">/ Send for signing</span></button></form>`,
    )
  if (hr && (view.status === 'draft' || view.status === 'signing'))
    actions.push(
      `<form method="post" action="/documents/${h(view.id)}/cancel"><input type="hidden" name="_csrf" value="${h(o.csrf)}">
<button type="submit" class="secondary" id="cancel-button">Hủy văn bản <span class="en">/ Cancel the document</span></button></form>`,
    )
  const signForm = myTurn
    ? `<h2>Ký văn bản <span class="en">/ Sign</span></h2>
<form method="post" action="/documents/${h(view.id)}/sign" id="sign-form"><input type="hidden" name="_csrf" value="${h(o.csrf)}">
<div class="check"><input type="checkbox" id="consent" name="consent" value="on" required>
<label for="consent">Tôi đồng ý sử dụng thông tin định danh điện tử để ký số hợp đồng này <span class="en block">I consent to the use of my electronic identity data to digitally sign this contract</span></label></div>
${mustOpen ? `<p class="msg warning" id="sign-why">Hãy mở và đọc toàn bộ hợp đồng (PDF) trước khi ký, rồi tải lại trang này. <span class="en block">Open and read the whole contract (PDF) before signing, then reload this page.</span></p>` : ''}
<button type="submit" id="sign-button"${mustOpen ? ' disabled aria-describedby="sign-why"' : ''}>Ký <span class="en">/ Sign</span></button>
</form>${hr ? pkcs12Form(view.id, o.csrf) : ''}`
    : ''
  const waitingForPlatform = view.status === 'signed'
  return `<p>${badge(view.status)}${view.status === 'signing' && view.nextParty ? ` Chờ ký: ${bi(PARTY_LABELS[view.nextParty] as Text)}` : ''}</p>
${view.contractId ? `<p>Mã định danh hợp đồng <span class="en">/ Contract ID</span>: <span class="contract-id" id="contract-id">${h(view.contractId)}</span></p>` : ''}
${waitingForPlatform ? '<p class="msg info" id="waiting-platform">Đã ký xong; đang chờ Nền tảng cấp mã định danh. Trang tự tải lại. <span class="en block">Signed; waiting for the Platform to issue the contract ID. This page reloads itself.</span></p>' : ''}
${reasons(view.platformReasons)}
<h2>Các bên <span class="en">/ Parties</span></h2>
${parties(view)}
${actions.length > 0 ? `<div class="actions">${actions.join('\n')}</div>` : ''}
${hr ? lifecycleLinks(view) : ''}
${
  hasPdf
    ? `<h2>Văn bản (PDF) <span class="en">/ The document (PDF)</span></h2>
<p><a class="button${mustOpen ? '' : ' secondary'}" id="open-pdf" href="${pdf}" target="_blank" rel="noopener">Mở hợp đồng (PDF) <span class="en">/ Open the contract (PDF)</span></a>
<a href="${pdf}?download=1" id="download-pdf">Tải về <span class="en">/ Download</span></a></p>
${mustOpen ? '' : `<iframe class="pdf" src="${pdf}" title="Hợp đồng (PDF) / The contract (PDF)" loading="lazy"></iframe>`}`
    : ''
}
${signForm}
${
  view.findings.length > 0
    ? `<h2>Kiểm tra theo Bộ luật Lao động <span class="en">/ Labor-code findings</span></h2>
<ul class="findings-list" id="findings">${view.findings.map((f) => findingItem(f)).join('')}</ul>`
    : ''
}
<h2>Chữ ký <span class="en">/ Signatures</span></h2>
${
  view.signatures.length === 0
    ? '<p>Chưa có. <span class="en">None yet.</span></p>'
    : `<ul class="cards" id="signatures">${view.signatures
        .map(
          (s) =>
            `<li>${bi(PARTY_LABELS[s.party] as Text)}: ${h(s.signerName)} — ${bi(SIGNATURE_STATUS[s.status] ?? t(s.status, s.status))}${s.signedAt ? `, ${vnTime(s.signedAt)}` : ''}</li>`,
        )
        .join('')}</ul>`
}
<h2>Lịch sử <span class="en">/ History</span></h2>
<ol class="timeline" id="history">${view.history
    .map((e) => {
      const label = EVENT_LABELS[e.type] ?? t(e.type, e.type)
      return `<li data-type="${h(e.type)}"><strong>${h(label.vi)}</strong> <span class="en">/ ${h(label.en)}</span><br>${vnTime(e.at)} — ${actorText(e, o)}${levelText(e, o)}</li>`
    })
    .join('')}</ol>`
}

/** The employer's second way to sign: its own PKCS#12 file (a token's export, or a .p12 from its CA). */
function pkcs12Form(id: string, csrf: string): string {
  return `<h3>Ký bằng tệp chứng thư số (PKCS#12) <span class="en">/ Sign with a certificate file</span></h3>
<form method="post" action="/documents/${h(id)}/sign-pkcs12" enctype="multipart/form-data" id="sign-pkcs12-form"><input type="hidden" name="_csrf" value="${h(csrf)}">
<p>Chứng thư số tổ chức của người sử dụng lao động, mang mã số thuế của doanh nghiệp. Tệp và mật khẩu chỉ dùng cho lần ký này, không được lưu lại.
<span class="en block">The employer's organisation certificate, carrying the company's tax code. The file and its password are used for this signature only and are not kept.</span></p>
<div class="field"><label for="p12-file">Tệp .p12 / .pfx <span class="en">/ .p12 / .pfx file</span></label>
<input type="file" id="p12-file" name="file" accept=".p12,.pfx,application/x-pkcs12" required></div>
<div class="field"><label for="p12-password">Mật khẩu của tệp <span class="en">/ The file's password</span></label>
<input type="password" id="p12-password" name="password" autocomplete="off" required></div>
<div class="check"><input type="checkbox" id="p12-consent" name="consent" value="on" required>
<label for="p12-consent">Tôi đồng ý sử dụng thông tin định danh điện tử để ký số hợp đồng này <span class="en block">I consent to the use of my electronic identity data to digitally sign this contract</span></label></div>
<button type="submit" id="sign-pkcs12-button">Ký bằng tệp <span class="en">/ Sign with the file</span></button>
</form>`
}

export interface OtpPageInput {
  documentId: string
  title: string
  signatureId: string
  expiresAt: string
  simulatedOtp?: string
  csrf: string
  problem?: Text
}

export function otpPage(p: OtpPageInput): string {
  return `${p.problem ? `<p class="msg error" role="alert" id="problem">${h(p.problem.vi)}<span class="en block">${h(p.problem.en)}</span></p>` : ''}
<p>${h(p.title)}</p>
<p>Tổ chức chứng thực đã gửi mã xác nhận một lần tới điện thoại của bạn. Mã hết hạn lúc ${vnTime(p.expiresAt)}.
<span class="en block">The certification authority sent a one-time code to your phone. It expires at ${vnTime(p.expiresAt)} (Vietnam time).</span></p>
${
  p.simulatedOtp
    ? `<div class="sms" role="note" aria-label="Tin nhắn mô phỏng / Simulated SMS"><strong>Tin nhắn mô phỏng <span class="en">/ Simulated SMS</span></strong>
<p>Mã xác nhận ký số của bạn là <span class="code" id="simulated-otp">${h(p.simulatedOtp)}</span></p>
<p class="en">Chỉ có trong môi trường mô phỏng; thật sự mã được gửi qua SMS. — Simulator only; the real code comes by SMS.</p></div>`
    : ''
}
<form method="post" action="/documents/${h(p.documentId)}/sign/${h(p.signatureId)}">
<input type="hidden" name="_csrf" value="${h(p.csrf)}">
${p.simulatedOtp ? `<input type="hidden" name="simulatedOtp" value="${h(p.simulatedOtp)}">` : ''}
<input type="hidden" name="expiresAt" value="${h(p.expiresAt)}">
<div class="field"><label for="otp">Mã xác nhận (6 chữ số) <span class="en">/ One-time code (6 digits)</span></label>
<input class="otp" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required></div>
<button type="submit">Xác nhận ký <span class="en">/ Confirm and sign</span></button>
</form>
<p><a href="/documents/${h(p.documentId)}">Quay lại văn bản <span class="en">/ Back to the document</span></a></p>`
}

export function signedPage(documentId: string, completed: boolean): string {
  return `<p class="msg info" id="signed">${
    completed
      ? 'Văn bản đã được các bên ký đầy đủ. Nhà cung cấp sẽ chứng thực và gửi lên Nền tảng để cấp mã định danh. <span class="en block">All parties have signed. The provider certifies it and sends it to the Platform for its ID.</span>'
      : 'Bạn đã ký. Văn bản đã được chuyển cho bên còn lại ký. <span class="en block">You signed. The document now waits for the other party.</span>'
  }</p>
<p><a class="button" href="/documents/${h(documentId)}">Xem văn bản <span class="en">/ See the document</span></a></p>`
}

export function errorPage(
  message: Text,
  code: string,
  findings: Finding[] | undefined,
  back?: string,
): string {
  const signIn = code === 'AUTH_REQUIRED' || code === 'AUTH_LEVEL2_REQUIRED'
  return `<p class="msg error" role="alert" id="problem" data-code="${h(code)}">${h(message.vi)}<span class="en block">${h(message.en)}</span></p>
${findings && findings.length > 0 ? `<ul class="findings-list" id="findings">${findings.map((f) => findingItem(f)).join('')}</ul>` : ''}
${signIn ? `<p><a class="button" href="/auth/login">Đăng nhập bằng VNeID (mức độ 2) <span class="en">/ Sign in with VNeID (level 2)</span></a></p>` : ''}
<p>${back ? `<a href="${h(back)}">Thử lại <span class="en">/ Try again</span></a> · ` : ''}<a href="/me/documents">Hợp đồng của tôi <span class="en">/ My contracts</span></a></p>
<p class="en">Mã lỗi / Error code: ${h(code)}</p>`
}
