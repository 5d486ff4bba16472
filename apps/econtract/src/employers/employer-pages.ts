// The employer's profile page: onboarding or editing the particulars (R4.6 a), the table of signatories with
// their letters of authorisation (R4.9), and the forms to add and revoke. Vietnamese first with English,
// readable on a phone; personal ID numbers only masked.
import { type ElcError, EMPLOYER_TYPES } from '@elc/core'
import { escapeHtml, page } from '@elc/web-auth'
import { ECONTRACT_NAME } from '../name.ts'
import { MAX_AUTHORISATION_PDF_BYTES } from './authorisation-pdf.ts'
import type { EmployerProfile, Signatory } from './employers-repo.ts'

const h = escapeHtml

const STYLE = `<style>
  .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f4f4f4; white-space: nowrap; }
  label { display: block; margin-top: .75rem; font-weight: 600; }
  input, select { font-size: 1rem; width: 100%; max-width: 100%; box-sizing: border-box; padding: .4rem; }
  input[type=checkbox] { width: auto; }
  .revoked { color: #777; }
  .error { color: #a40000; }
  .note { font-size: .9rem; }
  form.inline button { margin-top: 0; font-size: .9rem; padding: .25rem .6rem; }
</style>`

export interface EmployerPageInput {
  /** From the VNeID organisation account (or the grant, for HR staff): never typed. */
  taxCode: string
  organisationName?: string
  profile?: EmployerProfile
  signatories: Signatory[]
  /** The employer's administrator may change things; HR staff only read. */
  canManage: boolean
  csrf: string
  today: string
}

function vnDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}

const hidden = (csrf: string) => `<input type="hidden" name="_csrf" value="${h(csrf)}">`

function field(name: string, vi: string, en: string, value = '', extra = ''): string {
  return `<label for="${name}">${vi} <span class="en">/ ${en}</span></label>
<input id="${name}" name="${name}" value="${h(value)}" ${extra}>`
}

function profileForm(input: EmployerPageInput): string {
  const p = input.profile
  const options = EMPLOYER_TYPES.values
    .map(
      (v) =>
        `<option value="${v}"${p?.employerType === v ? ' selected' : ''}>${h(EMPLOYER_TYPES.labels[v].vi)} / ${h(EMPLOYER_TYPES.labels[v].en)}</option>`,
    )
    .join('')
  return `<form id="profile-form" method="post" action="/employer">
${hidden(input.csrf)}
<p class="note">Tên và mã số thuế lấy từ tài khoản định danh điện tử của tổ chức, không nhập tay.
<span class="en">The name and tax code come from the organisation's VNeID account and are not typed.</span></p>
${field('address', 'Địa chỉ trụ sở', 'Address', p?.address, 'required maxlength="1000" autocomplete="street-address"')}
<label for="employerType">Loại người sử dụng lao động <span class="en">/ Employer type</span></label>
<select id="employerType" name="employerType" required>${options}</select>
${field('phone', 'Số điện thoại', 'Phone', p?.phone, 'type="tel" maxlength="20" autocomplete="tel"')}
${field('email', 'Thư điện tử', 'Email', p?.email, 'type="email" maxlength="254" autocomplete="email"')}
${field('legalRepresentativeName', 'Họ tên người đại diện theo pháp luật', "Legal representative's full name", p?.legalRepresentative.fullName, 'required maxlength="200"')}
${field('legalRepresentativeTitle', 'Chức danh người đại diện theo pháp luật', "Legal representative's title", p?.legalRepresentative.title, 'required maxlength="200"')}
<button type="submit">${p ? 'Lưu thay đổi <span class="en">/ Save changes</span>' : 'Khai báo <span class="en">/ Onboard</span>'}</button>
</form>`
}

function profileView(p: EmployerProfile): string {
  return `<dl id="profile">
<dt>Địa chỉ <span class="en">/ Address</span></dt><dd>${h(p.address)}</dd>
<dt>Loại <span class="en">/ Type</span></dt><dd>${h(EMPLOYER_TYPES.labels[p.employerType].vi)} <span class="en">/ ${h(EMPLOYER_TYPES.labels[p.employerType].en)}</span></dd>
<dt>Liên hệ <span class="en">/ Contact</span></dt><dd>${h([p.phone, p.email].filter(Boolean).join(' · ') || '—')}</dd>
<dt>Người đại diện theo pháp luật <span class="en">/ Legal representative</span></dt>
<dd>${h(p.legalRepresentative.fullName)} — ${h(p.legalRepresentative.title)}</dd>
</dl>`
}

function status(s: Signatory, today: string): string {
  if (s.revokedAt) return 'Đã thu hồi <span class="en">/ Revoked</span>'
  if (s.validFrom > today) return 'Chưa hiệu lực <span class="en">/ Not yet valid</span>'
  if (s.validUntil && s.validUntil < today) return 'Hết hiệu lực <span class="en">/ Expired</span>'
  return 'Còn hiệu lực <span class="en">/ In force</span>'
}

function signatoryRows(input: EmployerPageInput): string {
  return input.signatories
    .map((s) => {
      const basis = s.isLegalRepresentative
        ? 'Đại diện theo pháp luật <span class="en">/ Legal representative</span>'
        : 'Được ủy quyền <span class="en">/ Authorised</span>'
      const letter = s.authorisation
        ? `<br>${h(s.authorisation.documentRef)}, ${vnDate(s.authorisation.issuedOn)}${
            s.authorisation.documentSha256
              ? ` <a href="/employer/signatories/${h(encodeURIComponent(s.id))}/authorisation.pdf?employer=${h(encodeURIComponent(input.taxCode))}">PDF</a>`
              : ''
          }`
        : ''
      const revoke =
        input.canManage && !s.revokedAt
          ? `<form class="inline" method="post" action="/employer/signatories/${h(encodeURIComponent(s.id))}/revoke">${hidden(input.csrf)}<button type="submit">Thu hồi <span class="en">/ Revoke</span></button></form>`
          : ''
      return `<tr${s.revokedAt ? ' class="revoked"' : ''} data-id="${h(s.id)}"><td>${h(s.fullName)}<br>${h(s.personalIdMasked)}</td><td>${h(s.title)}</td>
<td>${basis}${letter}</td><td>${vnDate(s.validFrom)} – ${s.validUntil ? vnDate(s.validUntil) : '…'}</td><td>${status(s, input.today)}</td><td>${revoke}</td></tr>`
    })
    .join('\n')
}

function signatoryTable(input: EmployerPageInput): string {
  if (input.signatories.length === 0)
    return `<p>Chưa có người ký nào. <span class="en">No signatories yet.</span></p>`
  return `<div class="scroll"><table id="signatories">
<thead><tr><th>Họ và tên<br><span class="en">Full name</span></th><th>Chức danh<br><span class="en">Title</span></th>
<th>Căn cứ ký<br><span class="en">Basis</span></th><th>Hiệu lực<br><span class="en">Validity</span></th>
<th>Trạng thái<br><span class="en">Status</span></th><th></th></tr></thead>
<tbody>
${signatoryRows(input)}
</tbody></table></div>`
}

function signatoryForm(input: EmployerPageInput): string {
  return `<h2>Thêm người ký <span class="en">/ Add a signatory</span></h2>
<p class="note">Người ký là người đại diện theo pháp luật hoặc người được người đại diện ủy quyền bằng văn bản; người được ủy quyền không được ủy quyền lại cho người khác (Bộ luật Lao động Điều 18).
<span class="en">A signatory is the legal representative or a person they authorised in writing; an authorised person may not delegate further (Labor Code Art 18).</span></p>
<form id="signatory-form" method="post" action="/employer/signatories" enctype="multipart/form-data">
${hidden(input.csrf)}
${field('fullName', 'Họ và tên', 'Full name', '', 'required maxlength="200" autocomplete="name"')}
${field('title', 'Chức danh', 'Title', '', 'required maxlength="200"')}
${field('personalId', 'Số định danh cá nhân', 'Personal ID number', '', 'required inputmode="numeric" pattern="[0-9 ]{12,15}" autocomplete="off"')}
<label><input type="checkbox" name="isLegalRepresentative" value="true"> Là người đại diện theo pháp luật <span class="en">/ Is the legal representative</span></label>
${field('authorisationDocumentRef', 'Số giấy ủy quyền', 'Letter of authorisation number', '', 'maxlength="200"')}
${field('authorisationIssuedOn', 'Ngày ủy quyền', 'Date of the authorisation', '', `type="date" max="${h(input.today)}"`)}
<label for="authorisation">Giấy ủy quyền (PDF, tối đa ${Math.floor(MAX_AUTHORISATION_PDF_BYTES / 1024 / 1024)} MB) <span class="en">/ Letter of authorisation (PDF)</span></label>
<input id="authorisation" type="file" name="authorisation" accept="application/pdf,.pdf">
${field('validFrom', 'Hiệu lực từ ngày', 'Valid from', input.today, 'type="date" required')}
${field('validUntil', 'Hiệu lực đến ngày (nếu có)', 'Valid until (optional)', '', 'type="date"')}
<button type="submit">Thêm <span class="en">/ Add</span></button>
</form>`
}

export function employerPage(input: EmployerPageInput): string {
  const name = input.profile?.name ?? input.organisationName ?? ''
  const head = `${STYLE}<p class="en">Employer profile</p>
<p id="organisation"><strong>${h(name)}</strong><br>Mã số thuế <span class="en">/ Tax code</span>: <strong>${h(input.taxCode)}</strong></p>`
  if (!input.profile) {
    const body = input.canManage
      ? `<p>Tổ chức chưa được khai báo trên eContract. Hãy điền thông tin để bắt đầu.</p>
<p class="en">The organisation has not been onboarded yet. Fill in its particulars to begin.</p>
${profileForm(input)}`
      : `<p>Người sử dụng lao động chưa được quản trị viên khai báo. <span class="en">The employer's administrator has not onboarded it yet.</span></p>`
    return page(ECONTRACT_NAME, 'Thông tin người sử dụng lao động', `${head}\n${body}`)
  }
  const body = `${head}
${profileView(input.profile)}
${input.canManage ? `<details><summary>Sửa thông tin <span class="en">/ Edit the particulars</span></summary>${profileForm(input)}</details>` : ''}
<h2>Người ký hợp đồng <span class="en">/ Signatories</span></h2>
${signatoryTable(input)}
${input.canManage ? signatoryForm(input) : ''}`
  return page(ECONTRACT_NAME, 'Thông tin người sử dụng lao động', body)
}

export function employerErrorPage(error: ElcError & { field?: string }): string {
  const signIn =
    error.status === 401
      ? `<p><a href="/auth/login?returnTo=/employer">Đăng nhập <span class="en">/ Sign in</span></a></p>`
      : ''
  return page(
    ECONTRACT_NAME,
    'Không thực hiện được',
    `<p class="en">This could not be done</p>
<p id="error" class="error" data-code="${h(error.code)}">${h(error.text.vi)}<br><span class="en">${h(error.text.en)}</span></p>
${error.ruleId ? `<p>Quy định <span class="en">/ Rule</span>: ${h(error.ruleId)}</p>` : ''}
${signIn}
<p><a href="/employer">Về trang người sử dụng lao động <span class="en">/ Back to the employer page</span></a></p>`,
  )
}
