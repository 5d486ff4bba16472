// R1.17: the provider publishes its service information — who runs it, how to reach support, what it
// costs (never anything for the worker, R6.6), the terms — on a stable public page, also as JSON.
import { escapeHtml } from '@elc/web-auth'
import type { FastifyInstance } from 'fastify'
import { ECONTRACT_NAME } from '../name.ts'
import { PUBLIC } from './access-rules.ts'

export interface ProviderInfo {
  name: string
  taxCode: string
  website: string
  supportContact: string
  feeScheduleUrl?: string
  termsUrl?: string
  /** The Platform connection agreement this service runs under (R1.27). */
  agreementReference?: string
}

export function serviceInfoRoutes(app: FastifyInstance, provider: ProviderInfo | undefined): void {
  app.get('/service', PUBLIC, async (request, reply) => {
    const info = {
      service: ECONTRACT_NAME,
      provider: provider ?? null,
      workerFee: 0,
      signing: {
        identity: 'VNeID mức độ 2 / VNeID level 2 (R1.12)',
        signatures:
          'Mỗi bên ký bằng chứng thư số của mình, có dấu thời gian / each party with its own certificate, timestamped (PAdES B-T)',
        certification: 'Nhà cung cấp chứng thực (PAdES B-LTA) / provider certification (PAdES B-LTA)',
        platform:
          'Gửi Nền tảng HĐLĐ điện tử trong 24 giờ sau chữ ký cuối / sent to the Platform within 24 hours of the last signature (R1.13)',
      },
    }
    if ((request.headers.accept ?? '').includes('application/json')) return info
    const p = provider
    const row = (vi: string, en: string, value: string | undefined) =>
      value ? `<tr><th>${vi}<br><span class="en">${en}</span></th><td>${value}</td></tr>` : ''
    const link = (url: string | undefined) =>
      url ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : undefined
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Thông tin dịch vụ — ${escapeHtml(ECONTRACT_NAME)}</title>
<style>body{font-family:system-ui,"Noto Sans",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
.en{color:#555;font-size:.9em}th{text-align:left;vertical-align:top;padding:.4rem 1rem .4rem 0}td{padding:.4rem 0}</style>
</head><body>
<h1>Thông tin dịch vụ hợp đồng lao động điện tử <span class="en">/ Service information</span></h1>
<table>
${row('Dịch vụ', 'Service', escapeHtml(ECONTRACT_NAME))}
${row('Nhà cung cấp', 'Provider', p && escapeHtml(p.name))}
${row('Mã số thuế', 'Tax code', p && escapeHtml(p.taxCode))}
${row('Trang thông tin', 'Website', link(p?.website))}
${row('Hỗ trợ', 'Support', p && escapeHtml(p.supportContact))}
${row('Biểu phí', 'Fees', `${link(p?.feeScheduleUrl) ?? ''} Người lao động không phải trả phí. <span class="en">Workers never pay.</span>`)}
${row('Điều khoản', 'Terms', link(p?.termsUrl))}
${row('Thỏa thuận kết nối Nền tảng', 'Platform connection agreement', p?.agreementReference && escapeHtml(p.agreementReference))}
</table>
<h2>Cách ký <span class="en">/ How signing works</span></h2>
<ul>${Object.values(info.signing)
      .map((s) => `<li>${escapeHtml(s)}</li>`)
      .join('')}</ul>
</body></html>
`)
  })
}
