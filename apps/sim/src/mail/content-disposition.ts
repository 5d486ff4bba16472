// Content-Disposition for a file name someone else chose: path parts and control characters removed, an
// ASCII fallback for old clients and the exact UTF-8 name in RFC 5987 / RFC 6266 `filename*`.

const MAX_NAME_LENGTH = 200

/** The last path segment, NFC, without control or quote characters; `fallback` when nothing is left. */
export function safeFileName(name: string | null | undefined, fallback: string): string {
  const base = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? ''
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"]/gu, '')
    .trim()
    .replace(/^\.+/, '')
  return cleaned ? Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('') : fallback
}

/** Vietnamese letters without their marks (đ → d), anything else outside a safe ASCII set as `_`. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._ -]/g, '_')
}

/** RFC 5987 value-chars: percent-encode everything but attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export function attachmentDisposition(name: string | null | undefined, fallback: string): string {
  const safe = safeFileName(name, fallback)
  const ascii = asciiFileName(safe)
  return ascii === safe
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`
}
