// The paper-conversion pages' HTML: the upload of the scan, and above the contract form the scan itself
// with its conversion log (R1.19–R1.21).
import type { Finding, Text } from '@elc/core'
import type { Employee } from '../employees/index.ts'
import { findingItem } from './contract-form.ts'
import { MAX_SCAN_BYTES } from './conversion-scan.ts'
import { bi, h, vnDate, vnTime } from './layout.ts'

const t = (vi: string, en: string): Text => ({ vi, en })

const LAW = `<p>Người sử dụng lao động chuyển hợp đồng lao động bằng giấy thành hợp đồng điện tử: người có thẩm quyền ký số,
bảo đảm nội dung khớp đầy đủ với bản gốc và chịu trách nhiệm về điều đó; hợp đồng chuyển đổi được Nền tảng cấp mã định danh (R1.19).
<span class="en block">The employer converts a paper labor contract into an electronic one: its competent person signs digitally,
vouching that the content matches the original in full; the converted contract gets its ID from the Platform (R1.19).</span></p>`

export function uploadPage(employer: string, employees: Employee[], csrf: string): string {
  if (employees.length === 0)
    return `${LAW}<p>Danh bạ nhân viên trống: <a href="/employees">nhập nhân viên</a> trước. <span class="en">The employee directory is empty: import employees first.</span></p>`
  return `${LAW}
<form method="post" action="/documents/conversion" enctype="multipart/form-data" id="conversion-upload">
<input type="hidden" name="_csrf" value="${h(csrf)}"><input type="hidden" name="employer" value="${h(employer)}">
<div class="field"><label for="employee">${bi(t('Người lao động trong hợp đồng giấy', 'The worker of the paper contract'))}</label>
<select id="employee" name="employee" required>${employees.map((e) => `<option value="${h(e.id)}">${h(e.fullName)} (${vnDate(e.dateOfBirth)})</option>`).join('')}</select></div>
<div class="field"><label for="scan">${bi(t('Bản quét hợp đồng giấy', 'Scan of the paper contract'))}</label>
<span class="en block">PDF, JPEG hoặc PNG, tối đa ${MAX_SCAN_BYTES / 1024 / 1024} MB. — PDF, JPEG or PNG, up to ${MAX_SCAN_BYTES / 1024 / 1024} MB.</span>
<input type="file" id="scan" name="scan" accept="application/pdf,image/jpeg,image/png" required></div>
<button type="submit">Tải lên và nhập nội dung <span class="en">/ Upload and enter the contents</span></button>
</form>`
}

export interface ConversionLogView {
  documentId: string
  conversion: Record<string, unknown>
  scanType: string | undefined
  /** The conversion log's own findings (paths under /conversion). */
  findings: Finding[]
}

export function conversionLogBox(v: ConversionLogView): string {
  const c = v.conversion
  const scan = `/documents/${encodeURIComponent(v.documentId)}/scan`
  const size = typeof c.fileSizeBytes === 'number' ? `${c.fileSizeBytes.toLocaleString('vi-VN')} byte` : ''
  // An iframe for an image too: the browser fits it to the frame, and the page's CSS needs no image rule.
  const preview = v.scanType
    ? `<iframe class="pdf" src="${scan}" title="Bản quét hợp đồng giấy / Scan of the paper contract" loading="lazy"></iframe>`
    : ''
  return `<section id="conversion-log" aria-labelledby="log-title">
<h2 id="log-title">Nhật ký chuyển đổi <span class="en">/ Conversion log</span> (R1.21)</h2>
<dl class="facts">
<dt>${bi(t('Hệ thống', 'System'))}</dt><dd>${h(String(c.systemName ?? ''))}</dd>
<dt>${bi(t('Người chuyển đổi', 'Converted by'))}</dt><dd>${h(String(c.converterName ?? ''))}</dd>
<dt>${bi(t('Hoàn thành lúc', 'Completed at'))}</dt><dd>${vnTime(String(c.completedAt ?? ''))}</dd>
<dt>${bi(t('Dung lượng tệp', 'File size'))}</dt><dd id="scan-size">${h(size)}</dd>
<dt>${bi(t('Chữ ký số và dấu thời gian', 'Signature and timestamp'))}</dt><dd id="signature-ref">${h(String(c.signatureRef ?? ''))}</dd>
</dl>
${v.findings.length > 0 ? `<ul class="findings-list" id="conversion-findings">${v.findings.map((f) => findingItem(f)).join('')}</ul>` : ''}
<p><a href="${scan}" target="_blank" rel="noopener" id="open-scan">Mở bản quét <span class="en">/ Open the scan</span></a></p>
${preview}
<p class="en">Nhập nội dung đúng như bản giấy. Người sử dụng lao động ký một mình; người lao động nhận bản đã cấp mã. — Enter the contents exactly as on paper. The employer signs alone; the worker receives it once it has its ID.</p>
</section>`
}
