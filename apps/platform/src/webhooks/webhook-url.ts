// Which endpoints a provider may have notices sent to: https anywhere; plain http only to this machine, for
// tests and demos, since a notice crossing a network in clear could be read or replayed.
import { webhookUrlInvalid } from './errors.ts'

const MAX_URL = 2000
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function checkWebhookUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL)
    throw webhookUrlInvalid(
      `cần url là chuỗi khác rỗng (tối đa ${MAX_URL} ký tự)`,
      `url must be a non-empty string (at most ${MAX_URL} characters)`,
    )
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw webhookUrlInvalid('không đọc được địa chỉ', 'it is not a URL')
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname)
  if (url.protocol !== 'https:' && !loopbackHttp)
    throw webhookUrlInvalid(
      'phải dùng https (http chỉ cho 127.0.0.1 hoặc localhost)',
      'it must be https (http only to 127.0.0.1 or localhost)',
    )
  // Credentials in a URL end up in logs; a fragment is never sent and hints at a mistake.
  if (url.username || url.password || url.hash)
    throw webhookUrlInvalid(
      'không được chứa tên đăng nhập, mật khẩu hoặc phần #',
      'it may not hold a user name, password or #fragment',
    )
  return url.href
}
