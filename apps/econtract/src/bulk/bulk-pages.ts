// The bulk contracts page: the jobs with a progress bar and each row's status (refreshed by a small script
// polling /bulk/:id/progress), the one-time code form when a batch waits for approval, and the form that
// starts a job from selected employees and the terms their contracts share.
import { escapeHtml as h, page } from '@elc/web-auth'
import type { Employee } from '../employees/employees-repo.ts'
import { ECONTRACT_NAME } from '../name.ts'
import type { BulkProgress } from './bulk-service.ts'
import type { BulkItemStatus } from './migrations.ts'

export const ROW_LABELS: Record<BulkItemStatus, { vi: string; en: string }> = {
  pending: { vi: 'Chờ xử lý', en: 'Pending' },
  drafted: { vi: 'Đã soạn', en: 'Drafted' },
  sent: { vi: 'Đã tạo bản PDF', en: 'Rendered' },
  employer_prepared: { vi: 'Chờ phê duyệt ký', en: 'Awaiting approval' },
  employer_signed: { vi: 'Chờ người lao động ký', en: 'Waiting for the worker' },
  failed: { vi: 'Lỗi', en: 'Failed' },
}

const STYLE = `<style>
  body { max-width: 60rem; }
  .bar { background: #eee; border-radius: 4px; height: 1rem; overflow: hidden; }
  .bar > div { background: #2a7a2a; height: 100%; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  .failed { color: #a40000; }
  textarea { width: 100%; min-height: 6rem; font-family: monospace; }
</style>`

// Polls each unfinished job's progress and redraws its bar and rows; stops when the job is done.
const SCRIPT = `<script>
const LABELS = ${JSON.stringify(ROW_LABELS)};
for (const section of document.querySelectorAll('section[data-job]')) {
  const id = section.dataset.job;
  const tick = async () => {
    const r = await fetch('/bulk/' + id + '/progress', { headers: { accept: 'application/json' } });
    if (!r.ok) return;
    const p = await r.json();
    section.querySelector('.bar > div').style.width = (100 * p.done / p.total) + '%';
    section.querySelector('.count').textContent = p.done + ' / ' + p.total;
    for (const row of p.rows) {
      const cell = section.querySelector('[data-seq="' + row.seq + '"]');
      if (cell) cell.textContent = LABELS[row.status].vi + ' / ' + LABELS[row.status].en +
        (row.contractId ? ' — ' + row.contractId : '');
    }
    if (p.status !== 'done' || p.rows.some((r) => r.documentStatus === 'signing')) setTimeout(tick, 2000);
  };
  setTimeout(tick, 2000);
}
</script>`

function jobSection(job: BulkProgress, csrf: string): string {
  const pct = job.total ? Math.round((100 * job.done) / job.total) : 100
  const approval = job.batch
    ? `<form method="post" action="/bulk/${h(job.id)}/approve">
<input type="hidden" name="_csrf" value="${h(csrf)}">
<label>Mã xác thực ký một lần cho cả lô / One-time code for the whole batch
<input name="otp" inputmode="numeric" autocomplete="one-time-code" required></label>
${job.batch.simulatedOtp ? `<p>(Mô phỏng / simulator: ${h(job.batch.simulatedOtp)})</p>` : ''}
<button>Phê duyệt ký ${job.counts.employer_prepared} hợp đồng / Approve signing</button></form>`
    : ''
  const rows = job.rows
    .map(
      (r) => `<tr><td>${r.seq + 1}</td><td>${h(r.workerName)}</td>
<td data-seq="${r.seq}" class="${r.status === 'failed' ? 'failed' : ''}">${h(ROW_LABELS[r.status].vi)} / ${h(ROW_LABELS[r.status].en)}${r.contractId ? ` — ${h(r.contractId)}` : ''}</td>
<td>${r.reason ? `${h(r.reason.vi)}<br><span class="en">${h(r.reason.en)}</span>` : ''}${r.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `<br><small>${h(f.ruleId)}: ${h(f.message.vi)}</small>`)
        .join('')}</td></tr>`,
    )
    .join('')
  return `<section data-job="${h(job.id)}">
<h2>Lô / Job ${h(job.id.slice(0, 8))} — ${h(job.createdAt.slice(0, 10))}</h2>
<div class="bar"><div style="width:${pct}%"></div></div><p class="count">${job.done} / ${job.total}</p>
${approval}
<div class="scroll"><table><thead><tr><th>#</th><th>Người lao động / Worker</th><th>Trạng thái / Status</th><th>Lý do / Reason</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`
}

export function bulkPage(
  employer: string,
  jobs: BulkProgress[],
  employees: Employee[],
  csrf: string,
): string {
  const choices = employees
    .map(
      (e) =>
        `<label><input type="checkbox" name="employeeIds" value="${h(e.id)}" checked> ${h(e.fullName)}</label><br>`,
    )
    .join('')
  const form = `<form method="post" action="/bulk?employer=${h(employer)}">
<input type="hidden" name="_csrf" value="${h(csrf)}">
<h2>Lô hợp đồng mới / New bulk job</h2>
<fieldset><legend>Nhân viên / Employees</legend>${choices || '<p>Danh bạ trống / The directory is empty.</p>'}</fieldset>
<label>Người sử dụng lao động (JSON) / Employer block<textarea name="employer" required></textarea></label>
<label>Điều khoản chung (JSON) / Common terms<textarea name="terms" required></textarea></label>
<label><input type="checkbox" name="acknowledgeWarnings" value="true"> Đã đọc các cảnh báo / I have read the warnings</label><br>
<label><input type="checkbox" name="consent" value="true" required> Đồng ý sử dụng thông tin định danh để ký số / I consent to the use of my identity data for signing</label><br>
<button>Tạo lô / Create</button></form>`
  return page(
    ECONTRACT_NAME,
    'Hợp đồng hàng loạt',
    `${STYLE}<h1>Hợp đồng hàng loạt</h1><p class="en">Bulk contracts — ${h(employer)}</p>
${jobs.map((j) => jobSection(j, csrf)).join('')}
${form}
${SCRIPT}`,
  )
}
