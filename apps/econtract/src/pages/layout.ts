// The frame of the document pages: Vietnamese first with English beneath, phone-first CSS inlined from
// src/static (no external assets), a per-response nonce for the little script and the styles (CSP).
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Text } from '@elc/core'
import { escapeHtml } from '@elc/web-auth'
import type { FastifyReply } from 'fastify'
import { ECONTRACT_NAME } from '../name.ts'

export const h = escapeHtml

const CSS = readFileSync(new URL('../static/pages.css', import.meta.url), 'utf8')
export const FORM_SCRIPT = readFileSync(new URL('../static/document-form.js', import.meta.url), 'utf8')

/** Vietnamese, then the English in smaller grey text. */
export function bi(t: Text, block = false): string {
  return `${h(t.vi)} <span class="en${block ? ' block' : ''}">${block ? '' : '/ '}${h(t.en)}</span>`
}

export interface PageOptions {
  nonce: string
  /** Shown in the header: links for HR staff, for the worker, or both. */
  nav?: { hr: boolean; worker: boolean }
  script?: string
  /** Seconds after which the page reloads itself (waiting for the Platform's decision). */
  refreshSeconds?: number
  csrf?: string
}

export function layout(title: Text, body: string, options: PageOptions): string {
  const nav = options.nav
  const links = [
    nav?.hr ? `<a href="/documents">Văn bản <span class="en">/ Documents</span></a>` : '',
    nav?.worker ? `<a href="/me/documents">Hợp đồng của tôi <span class="en">/ My contracts</span></a>` : '',
    `<a href="/account">Tài khoản <span class="en">/ Account</span></a>`,
  ].join('')
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.refreshSeconds ? `<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
${options.csrf ? `<meta name="csrf-token" content="${h(options.csrf)}">` : ''}
<title>${h(title.vi)} — ${h(ECONTRACT_NAME)}</title>
<style nonce="${options.nonce}">${CSS}</style>
</head>
<body>
<header class="top"><strong>${h(ECONTRACT_NAME)}</strong><br>${links}</header>
<main>
<h1>${h(title.vi)}</h1>
<p class="en">${h(title.en)}</p>
${body}
</main>
${options.script ? `<script nonce="${options.nonce}">${options.script}</script>` : ''}
</body>
</html>
`
}

export function newNonce(): string {
  return randomBytes(16).toString('base64')
}

/** Same-origin only: the PDF frame, the findings fetch and the forms; inline code only with the nonce. */
export function sendHtml(reply: FastifyReply, html: string, nonce: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; ` +
        `frame-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('x-content-type-options', 'nosniff')
    .send(html.normalize('NFC'))
}

export const STATUS_LABELS: Record<string, Text> = {
  draft: { vi: 'Nháp', en: 'Draft' },
  signing: { vi: 'Đang ký', en: 'Being signed' },
  signed: { vi: 'Đã ký', en: 'Signed' },
  issued: { vi: 'Đã cấp mã', en: 'ID issued' },
  refused: { vi: 'Bị từ chối', en: 'Refused' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
}

export function badge(status: string): string {
  const label = STATUS_LABELS[status] ?? { vi: status, en: status }
  return `<span class="badge ${h(status)}" data-status="${h(status)}">${h(label.vi)} <span class="en">/ ${h(label.en)}</span></span>`
}

export const PARTY_LABELS: Record<string, Text> = {
  employer: { vi: 'Người sử dụng lao động', en: 'Employer' },
  worker: { vi: 'Người lao động', en: 'Worker' },
}

export const EVENT_LABELS: Record<string, Text> = {
  created: { vi: 'Tạo bản nháp', en: 'Draft created' },
  updated: { vi: 'Sửa bản nháp', en: 'Draft edited' },
  sent: { vi: 'Gửi ký', en: 'Sent for signing' },
  viewed: { vi: 'Người lao động mở văn bản', en: 'Worker opened the document' },
  consented: { vi: 'Đồng ý dùng thông tin định danh để ký', en: 'Consented to sign with identity data' },
  'signature.requested': { vi: 'Yêu cầu ký số (gửi mã OTP)', en: 'Signature requested (one-time code)' },
  signed: { vi: 'Ký số', en: 'Signed' },
  certified: { vi: 'Nhà cung cấp chứng thực', en: 'Certified by the provider' },
  queued: { vi: 'Chờ gửi lên Nền tảng', en: 'Queued for the Platform' },
  issued: { vi: 'Nền tảng cấp mã định danh', en: 'Contract ID issued by the Platform' },
  refused: { vi: 'Nền tảng từ chối', en: 'Refused by the Platform' },
  delivered: { vi: 'Đã gửi cho các bên', en: 'Delivered to the parties' },
  cancelled: { vi: 'Hủy', en: 'Cancelled' },
}

/** An ISO instant as Vietnamese civil time: dd/mm/yyyy HH:MM (giờ Việt Nam). */
export function vnTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return h(iso)
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString()
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`
}

export function vnDate(date: string | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null
  return m ? `${m[3]}/${m[2]}/${m[1]}` : h(date ?? '')
}

/** 12000000 → "12.000.000 đồng". */
export function vnd(amount: unknown): string {
  return typeof amount === 'number'
    ? `${String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`
    : h(String(amount ?? ''))
}
