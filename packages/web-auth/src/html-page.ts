// The page frame of the apps' own pages: Vietnamese first, English beneath, readable on a phone.
export function page(appName: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ${escapeHtml(appName)}</title>
<style>
  body { font-family: system-ui, "Noto Sans", sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  .en { color: #555; }
  dt { font-weight: 600; margin-top: .5rem; }
  dd { margin: 0; }
  button { font-size: 1rem; padding: .5rem 1rem; margin-top: 1rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
