// The employee directory page and the import result page: Vietnamese first with English beneath, a table
// that scrolls sideways on a phone, and the upload form with its CSRF token.
import { ID_DOCUMENT_KINDS, SEXES } from '@elc/core'
import { escapeHtml, page } from '@elc/web-auth'
import { ECONTRACT_NAME } from '../name.ts'
import type { Employee } from './employees-repo.ts'
import type { ImportIssue } from './import-error.ts'

const STYLE = `<style>
  .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f4f4f4; white-space: nowrap; }
  .error { color: #a40000; }
  .warning { color: #8a5a00; }
  input[type=file] { display: block; margin-top: .5rem; max-width: 100%; }
</style>`

const h = escapeHtml

function vnDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}

/** Only the last digits on screen: enough to tell people apart, not enough to reuse (DESIGN §3). */
function masked(number: string): string {
  return `•••• ${number.slice(-4)}`
}

export function uploadForm(csrf: string, employer: string): string {
  return `<h2>Nhập từ tệp <span class="en">/ Import from a file</span></h2>
<p>Tải lên tệp Excel (.xlsx) hoặc CSV UTF-8 có dòng tiêu đề. Nếu có dòng lỗi, không dòng nào được lưu.</p>
<p class="en">Upload an Excel (.xlsx) or UTF-8 CSV file with a header row. If any row is wrong, no row is saved.</p>
<p><a href="/employees/template.xlsx?employer=${h(encodeURIComponent(employer))}">Tải tệp mẫu <span class="en">/ Download the template</span></a></p>
<form method="post" action="/employees/import?employer=${h(encodeURIComponent(employer))}" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${h(csrf)}">
<label for="file">Tệp danh sách nhân viên <span class="en">/ Employee list file</span></label>
<input id="file" type="file" name="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
<button type="submit">Nhập <span class="en">/ Import</span></button>
</form>`
}

export function directoryPage(employer: string, employees: Employee[], csrf: string): string {
  const rows = employees
    .map(
      (
        e,
      ) => `<tr><td>${h(e.fullName)}</td><td>${vnDate(e.dateOfBirth)}</td><td>${h(SEXES.labels[e.sex].vi)}</td>
<td>${h(ID_DOCUMENT_KINDS.labels[e.idDocument.kind].vi)}<br>${h(masked(e.idDocument.number))}</td><td>${h(e.nationality)}</td>
<td>${h(e.residence)}</td><td>${h(e.phone ?? '')}${e.phone && e.email ? '<br>' : ''}${h(e.email ?? '')}</td></tr>`,
    )
    .join('\n')
  const table =
    employees.length === 0
      ? `<p>Chưa có nhân viên nào. <span class="en">No employees yet.</span></p>`
      : `<div class="scroll"><table id="employees">
<thead><tr><th>Họ và tên<br><span class="en">Full name</span></th><th>Ngày sinh<br><span class="en">Date of birth</span></th>
<th>Giới tính<br><span class="en">Sex</span></th><th>Giấy tờ<br><span class="en">ID document</span></th>
<th>Quốc tịch<br><span class="en">Nationality</span></th><th>Nơi cư trú<br><span class="en">Residence</span></th>
<th>Liên hệ<br><span class="en">Contact</span></th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
  return page(
    ECONTRACT_NAME,
    'Danh bạ nhân viên',
    `${STYLE}<p class="en">Employee directory</p>
<p>Người sử dụng lao động <span class="en">/ Employer</span>: <strong>${h(employer)}</strong> — ${employees.length} nhân viên <span class="en">/ employees</span></p>
${table}
${uploadForm(csrf, employer)}`,
  )
}

function issueTable(id: string, issues: ImportIssue[], cls: string): string {
  const rows = issues
    .map(
      (
        i,
      ) => `<tr class="${cls}"><td>${i.line || ''}</td><td>${h(i.column ?? '')}</td><td>${h(i.ruleId ?? '')}</td>
<td>${h(i.message.vi)}<br><span class="en">${h(i.message.en)}</span></td></tr>`,
    )
    .join('\n')
  return `<div class="scroll"><table id="${id}">
<thead><tr><th>Dòng<br><span class="en">Line</span></th><th>Cột<br><span class="en">Column</span></th>
<th>Quy định<br><span class="en">Rule</span></th><th>Lỗi<br><span class="en">Problem</span></th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
}

export function importFailedPage(
  employer: string,
  errors: ImportIssue[],
  warnings: ImportIssue[],
  csrf: string,
): string {
  return page(
    ECONTRACT_NAME,
    'Chưa nhập được danh sách',
    `${STYLE}<p class="en">The list was not imported</p>
<p class="error">Có ${errors.length} lỗi; không dòng nào được lưu. Hãy sửa tệp rồi tải lên lại.</p>
<p class="en">There are ${errors.length} errors; no row was saved. Fix the file and upload it again.</p>
${issueTable('import-errors', errors, 'error')}
${warnings.length > 0 ? `<h2>Cảnh báo <span class="en">/ Warnings</span></h2>${issueTable('import-warnings', warnings, 'warning')}` : ''}
${uploadForm(csrf, employer)}
<p><a href="/employees?employer=${h(encodeURIComponent(employer))}">Về danh bạ <span class="en">/ Back to the directory</span></a></p>`,
  )
}

export function importDonePage(employer: string, inserted: number, warnings: ImportIssue[]): string {
  return page(
    ECONTRACT_NAME,
    'Đã nhập danh sách nhân viên',
    `${STYLE}<p class="en">The employee list was imported</p>
<p id="inserted">Đã thêm ${inserted} nhân viên. <span class="en">${inserted} employees were added.</span></p>
${
  warnings.length > 0
    ? `<h2>Cần kiểm tra lại <span class="en">/ Please check</span></h2>
<p>Các cảnh báo sau không ngăn việc nhập (R5.4) nhưng nên được kiểm tra với giấy tờ gốc.</p>
<p class="en">These warnings did not stop the import (R5.4) but should be checked against the documents.</p>
${issueTable('import-warnings', warnings, 'warning')}`
    : ''
}
<p><a href="/employees?employer=${h(encodeURIComponent(employer))}">Về danh bạ <span class="en">/ Back to the directory</span></a></p>`,
  )
}
