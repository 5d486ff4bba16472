// The operations page: Vietnamese first, English beneath; every value escaped.
import { escapeHtml, page } from '@elc/web-auth'
import type { OutboxStatus } from './migrations.ts'
import type { OperationsRow, OperationsView } from './operations-view.ts'

const STATUS_LABELS: Record<OutboxStatus, [string, string]> = {
  queued: ['Chờ gửi', 'Queued'],
  submitted: ['Đã gửi, chờ quyết định', 'Submitted, awaiting decision'],
  issued: ['Đã cấp mã', 'ID issued'],
  attached: ['Đã gắn vào hợp đồng', 'Attached'],
  refused: ['Bị từ chối', 'Refused'],
  failed: ['Lỗi không thể gửi lại', 'Failed'],
}

export function operationsPage(appName: string, view: OperationsView): string {
  const counts = (Object.keys(STATUS_LABELS) as OutboxStatus[])
    .map((s) => {
      const [vi, en] = STATUS_LABELS[s]
      return `<tr><td>${escapeHtml(vi)} <span class="en">/ ${escapeHtml(en)}</span></td><td>${view.counts[s]}</td></tr>`
    })
    .join('\n')
  const body = `<p class="en">Platform outbox — generated ${escapeHtml(view.generatedAt)}</p>
<p>Hợp đồng phải được gửi lên Nền tảng trong 24 giờ kể từ chữ ký cuối cùng (R1.13). <span class="en">Contracts must reach the Platform within 24 hours of the last signature (R1.13).</span></p>
<h2>Số lượng theo trạng thái <span class="en">/ Counts by status</span></h2>
<table>${counts}</table>
${section('Sắp hết hạn 24 giờ', 'Nearing the 24-hour deadline', view.nearDeadline, deadlineCell)}
${section('Bị Nền tảng từ chối', 'Refused by the Platform', view.refused, reasonsCell)}
${section('Lỗi không thể gửi lại', 'Failed permanently', view.failed, errorCell)}
${section('Không tiến triển', 'Stuck', view.stuck, errorCell)}`
  return page(appName, 'Hàng đợi gửi Nền tảng', body)
}

function section(
  vi: string,
  en: string,
  rows: OperationsRow[],
  detail: (r: OperationsRow) => string,
): string {
  const items =
    rows.length === 0
      ? '<p>Không có. <span class="en">None.</span></p>'
      : `<ul>${rows
          .map(
            (r) =>
              `<li><strong>${escapeHtml(r.documentRef)}</strong> (${escapeHtml(r.kind)}, ${escapeHtml(
                STATUS_LABELS[r.status][0],
              )} <span class="en">/ ${escapeHtml(STATUS_LABELS[r.status][1])}</span>, ${r.attempts} lần gọi <span class="en">calls</span>) — ${detail(r)}</li>`,
          )
          .join('\n')}</ul>`
  return `<h2>${escapeHtml(vi)} <span class="en">/ ${escapeHtml(en)}</span> (${rows.length})</h2>\n${items}`
}

function deadlineCell(r: OperationsRow): string {
  const hours = (Math.abs(r.minutesLeft) / 60).toFixed(1)
  return r.overdue
    ? `<strong>Quá hạn ${hours} giờ</strong> <span class="en">overdue by ${hours} h</span> (${escapeHtml(r.deadlineAt)})`
    : `còn ${hours} giờ <span class="en">${hours} h left</span> (${escapeHtml(r.deadlineAt)})${r.lastError ? `; ${errorCell(r)}` : ''}`
}

function reasonsCell(r: OperationsRow): string {
  return (r.reasons ?? [])
    .map(
      (reason) =>
        `${escapeHtml(reason.code)}${reason.ruleId ? ` [${escapeHtml(reason.ruleId)}]` : ''}: ${escapeHtml(
          reason.message.vi,
        )} <span class="en">${escapeHtml(reason.message.en)}</span>`,
    )
    .join('; ')
}

function errorCell(r: OperationsRow): string {
  const e = r.lastError
  if (!e) return 'chưa có lỗi <span class="en">no error yet</span>'
  return `${escapeHtml(e.code)}: ${escapeHtml(e.vi)} <span class="en">${escapeHtml(e.en)}</span>`
}
