// Plain HTML for the provider's pages: Vietnamese first, English beneath, readable on a phone, no scripts
// and nothing loaded from elsewhere.
import type { Text } from '@elc/core'

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:#f4f5f7;color:#1b1f24}main{max-width:28rem;margin:0 auto;padding:1.25rem}
header{background:#b5121b;color:#fff;padding:.9rem 1.25rem}header strong{display:block;font-size:1.1rem}
header small{opacity:.85}.card{background:#fff;border-radius:.5rem;padding:1.25rem;margin-top:1rem;
box-shadow:0 1px 3px rgba(0,0,0,.12)}h1{font-size:1.25rem;margin:0 0 .25rem}.en{color:#5c6570;font-size:.9em;
margin:0}label{display:block;margin-top:1rem;font-weight:600}label .en{font-weight:400}
input{width:100%;font-size:1.1rem;padding:.65rem;margin-top:.35rem;border:1px solid #9aa3ad;border-radius:.35rem}
button{width:100%;font-size:1.05rem;padding:.75rem;margin-top:1.25rem;border:0;border-radius:.35rem;
background:#b5121b;color:#fff;cursor:pointer}button.secondary{background:#e9ecef;color:#1b1f24}
.error{background:#fdecea;border-left:4px solid #b5121b;padding:.75rem;margin-top:1rem}
.notice{background:#fff8e1;border-left:4px solid #f0a500;padding:.75rem;margin-top:1rem}
.otp{font:700 2rem/1.2 ui-monospace,monospace;letter-spacing:.3em;text-align:center;display:block;margin:.5rem 0}
ul{padding-left:1.2rem}fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600}
.choice{display:flex;gap:.5rem;align-items:center;margin-top:.35rem}.choice input{width:auto;margin:0}
`

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** A heading or message in both languages. */
export function bilingual(t: Text, tag = 'p'): string {
  return `<${tag}>${escapeHtml(t.vi)}</${tag}><p class="en" lang="en">${escapeHtml(t.en)}</p>`
}

export function page(title: Text, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title.vi)} · VNeID (mô phỏng)</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>VNeID — MÔ PHỎNG</strong><small>Simulated national e-identity, not the real VNeID</small></header>
<main>
<div class="card">
<h1>${escapeHtml(title.vi)}</h1><p class="en" lang="en">${escapeHtml(title.en)}</p>
${body}
</div>
</main>
</body>
</html>`
}
